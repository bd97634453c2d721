package tui

import (
	"context"
	"strings"
	"testing"
)

// TestSitePickerSavesGroup manages a user group from the console: the picker's choice is kept
// with s as a named group, in SQLite and audited with the technician; a bad id is refused on
// the picker with the reason; the new group is offered at once; a host's console (which may
// book for its unit) never offers s.
func TestSitePickerSavesGroup(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	m := f.model(t, "vi", 120, 40)
	pressWorkflow(t, m, "B", "a")
	focusForm(t, m, bkPoints)
	pressWorkflow(t, m, "enter", "g", "enter")
	p := m.bookingForm().Picker()
	if p == nil || p.Count() != 3 {
		t.Fatalf("the picker did not take the group: %v", p)
	}
	pressWorkflow(t, m, "s", "Sai", "tab", "Sai Mã", "enter")
	if v := plain(m.View()); !strings.Contains(v, "mã nhóm \"Sai Mã\" không hợp lệ") {
		t.Fatalf("a bad id is not refused on the picker:\n%s", v)
	}
	pressWorkflow(t, m, "shift+tab")
	for range len("Sai") {
		pressWorkflow(t, m, "backspace")
	}
	pressWorkflow(t, m, "Ba xã thử nghiệm", "tab")
	for range len("Sai Mã") {
		pressWorkflow(t, m, "backspace")
	}
	pressWorkflow(t, m, "ba-xa", "enter")
	gs, err := f.st.SiteGroups(context.Background())
	if err != nil || len(gs) != 1 || gs[0].ID != "ba-xa" || gs[0].Name != "Ba xã thử nghiệm" || len(gs[0].Members) != 3 {
		t.Fatalf("stored groups %+v, %v\n%s", gs, err, plain(m.View()))
	}
	if rows := auditRows(t, f.st, "group_add"); len(rows) != 1 || rows[0].Actor != testActor {
		t.Fatalf("audit %+v", rows)
	}
	if v := plain(m.View()); !strings.Contains(v, "Đã lưu nhóm «Ba xã thử nghiệm» (ba-xa): 3 điểm cầu") {
		t.Fatalf("no status:\n%s", v)
	}
	pressWorkflow(t, m, "g")
	if v := plain(m.View()); !strings.Contains(v, "ba-xa") {
		t.Fatalf("the new group is not offered:\n%s", v)
	}
}
