package tui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"diemcau/meeting"
	"diemcau/store"
)

// provinceRegistry is a registry like the province's: the main room, two departments, 110
// communes and 25 wards named as the registry writes them ("UBND xã Ia Grai").
func provinceRegistry() ([]store.Unit, []store.BridgePoint) {
	units := []store.Unit{{ID: "UBND-TINH", Name: "Văn phòng UBND tỉnh", Kind: "province"},
		{ID: "SO-KHCN", Name: "Sở Khoa học và Công nghệ", Kind: "agency"}, {ID: "SO-NV", Name: "Sở Nội vụ", Kind: "agency"}}
	bps := []store.BridgePoint{{ID: "UBND-TINH", Name: "Phòng họp UBND tỉnh", UnitID: "UBND-TINH", Role: "main"},
		{ID: "SO-KHCN", Name: "Sở Khoa học và Công nghệ", UnitID: "SO-KHCN", Role: "sub"},
		{ID: "SO-NV", Name: "Sở Nội vụ", UnitID: "SO-NV", Role: "sub"}}
	add := func(id, unit, name, kind string) {
		units = append(units, store.Unit{ID: id, Name: unit, Kind: kind})
		bps = append(bps, store.BridgePoint{ID: id, Name: name, UnitID: id, Role: "sub"})
	}
	add("XA-IAGRAI", "Xã Ia Grai", "UBND xã Ia Grai", "commune")
	add("PHUONG-PLEIKU", "Phường Pleiku", "UBND phường Pleiku", "ward")
	for i := 2; i <= 110; i++ {
		add(fmt.Sprintf("XA-N%03d", i), fmt.Sprintf("Xã số %d", i), fmt.Sprintf("UBND xã số %d", i), "commune")
	}
	for i := 2; i <= 25; i++ {
		add(fmt.Sprintf("PH-%03d", i), fmt.Sprintf("Phường số %d", i), fmt.Sprintf("UBND phường số %d", i), "ward")
	}
	return units, bps
}

// newTestPicker is a picker on the province's registry at 100×30.
func newTestPicker(t *testing.T) *SitePicker {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := NewCommon(context.Background(), r, "vi", testActor)
	units, bps := provinceRegistry()
	p := NewSitePicker(c, units, bps, meeting.BuiltinGroups(units, bps, "vi"))
	p.SetSize(100, 30)
	return p
}

// pick sends keys to the picker and returns the last result.
func pick(p *SitePicker, keys ...string) PickResult {
	res := Picking
	for _, k := range keys {
		p.Update(keyMsg(k))
		res = p.Result()
	}
	return res
}

// TestSitePickerFilterAsSaid: "Xã Ia Grai" and "phuong pleiku" find the registry's "UBND xã
// Ia Grai" and "UBND phường Pleiku"; space chooses the site under the cursor; the title
// counts what is chosen.
func TestSitePickerFilterAsSaid(t *testing.T) {
	p := newTestPicker(t)
	for _, tc := range []struct{ typed, want string }{{"Xã Ia Grai", "XA-IAGRAI"}, {"phuong pleiku", "PHUONG-PLEIKU"}, {"UBND Phường Pleiku", "PHUONG-PLEIKU"}} {
		pick(p, "/", tc.typed, "enter")
		if len(p.shown) != 1 || p.sites[p.shown[0]].ID != tc.want {
			var got []string
			for _, i := range p.shown {
				got = append(got, p.sites[i].ID)
			}
			t.Fatalf("%q shows %v, want only %s", tc.typed, got, tc.want)
		}
		if !p.Chosen(tc.want) {
			pick(p, " ")
		}
		pick(p, "/", "esc")
	}
	if p.Count() != 2 || !p.Chosen("XA-IAGRAI") || !p.Chosen("PHUONG-PLEIKU") {
		t.Fatalf("chosen %d", p.Count())
	}
	if v := p.View(); !strings.Contains(v, "đã chọn 2/138") {
		t.Errorf("the title does not count:\n%s", v)
	}
	pick(p, "/", "xa ia grai", "enter", " ")
	if p.Chosen("XA-IAGRAI") {
		t.Error("space did not un-choose a chosen site")
	}
}

// TestSitePickerWholeGroupAndTable: g and enter on "tất cả xã, phường" choose the 135
// communes and wards and nothing else; the table edits one site's attendees and contact; a
// count that is not a number keeps the picker open with the reason.
func TestSitePickerWholeGroupAndTable(t *testing.T) {
	p := newTestPicker(t)
	if res := pick(p, "g", "enter"); res != Picking || p.Count() != 135 || p.Chosen("SO-KHCN") || p.Chosen("UBND-TINH") {
		t.Fatalf("after g, enter: %d chosen, SO-KHCN %v", p.Count(), p.Chosen("SO-KHCN"))
	}
	pick(p, "tab", "30", "tab", "Rơ Chăm H'Nhi", "tab", "0987222333", "down", "shift+tab", "shift+tab", "mười")
	if res := pick(p, "enter"); res != Picking || !strings.Contains(p.View(), "số người «mười» của PHUONG-PLEIKU không phải là số") {
		t.Fatalf("a bad count was accepted:\n%s", p.View())
	}
	pick(p, "backspace", "backspace", "backspace", "backspace", "12")
	if res := pick(p, "enter"); res != Picked {
		t.Fatalf("enter did not finish:\n%s", p.View())
	}
	sel, errs := p.Selection()
	if len(errs) != 0 || len(sel) != 135 || sel[0].ID != "XA-IAGRAI" || sel[0].Attendees != 30 ||
		sel[0].Contact.Name != "Rơ Chăm H'Nhi" || sel[0].Contact.Phone != "0987222333" || sel[1].Attendees != 12 {
		t.Fatalf("selection %+v %v", sel[:2], errs)
	}
	pick(p, "g", "backspace")
	if p.Count() != 0 {
		t.Fatalf("backspace on the group left %d", p.Count())
	}
	if res := pick(p, "esc"); res != PickCancelled {
		t.Fatal("esc did not cancel")
	}
}
