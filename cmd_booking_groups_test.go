package main

import (
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"diemcau/meeting"
	"diemcau/store"
)

// TestBookingFileAllCommunesAndWards books a kind-a meeting of the provincial chair from a
// file naming the group "tat-ca-xa-phuong" with one site overridden, against the province's
// registry: the booking holds the 135 communes and wards, each once, and nothing else.
func TestBookingFileAllCommunesAndWards(t *testing.T) {
	r := newBookingRig(t)
	path := r.formFile("all.json", 20, func(f map[string]any) {
		f["kind"], f["host_unit"] = "a", "UBND-TINH"
		f["groups"] = []string{"tat-ca-xa-phuong"}
		f["bridge_points"] = []map[string]any{{"id": "Xã Ia Grai", "attendees": 40,
			"contact": map[string]string{"name": "Rơ Chăm H'Nhi", "phone": "0987 222 333"}}}
	})
	if out := r.mustRun("booking", "add", path); !strings.Contains(out, "#1") {
		t.Fatalf("add: %s", out)
	}
	st, err := store.Open(context.Background(), r.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	b, err := st.Booking(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	units, _ := st.Units(ctx)
	bps, _ := st.BridgePoints(ctx)
	kind := map[string]string{}
	for _, u := range units {
		kind[u.ID] = u.Kind
	}
	var want, got []string
	for _, bp := range bps {
		if k := kind[bp.UnitID]; k == "commune" || k == "ward" {
			want = append(want, bp.ID)
		}
	}
	for _, p := range b.Points {
		got = append(got, p.BridgePoint)
		if p.BridgePoint == "XA-IAGRAI" && (p.Attendees != 40 || p.ContactName != "Rơ Chăm H'Nhi") {
			t.Errorf("override lost: %+v", p)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(want) != 135 || !slices.Equal(got, want) {
		t.Fatalf("booked %d sites, want the %d communes and wards", len(got), len(want))
	}
	// A department's meeting at the same time with one commune clashes, naming it.
	clash := r.formFile("clash.json", 20, func(f map[string]any) {
		f["bridge_points"] = []map[string]any{{"id": "XA-IAO"}}
	})
	if msg := r.mustRefuse("booking", "add", clash); !strings.Contains(msg, "XA-IAO (UBND xã Ia O)") {
		t.Errorf("clash: %s", msg)
	}
}

// TestAppendixIExportOf135Sites exports the Appendix I form of a booking of every commune and
// ward plus one department: all 136 sites are listed, the department first, then the communes,
// then the wards, each kind by name, with attendees and the total.
func TestAppendixIExportOf135Sites(t *testing.T) {
	r := newBookingRig(t)
	path := r.formFile("all.json", 20, func(f map[string]any) {
		f["kind"], f["host_unit"] = "a", "UBND-TINH"
		f["groups"] = []string{"tất cả xã, phường"}
		f["bridge_points"] = []map[string]any{{"id": "SO-NV", "attendees": 7}, {"id": "PHUONG-PLEIKU", "attendees": 25},
			{"id": "XA-IAGRAI", "attendees": 40}}
	})
	r.mustRun("booking", "add", path)
	out := r.mustRun("report", "booking", "1", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out[strings.Index(out, "STT,"):])).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, out)
	}
	sites, total := recs[1:len(recs)-1], recs[len(recs)-1]
	if len(sites) != 136 || total[2] != "Tổng số người tham dự" || total[5] != "72" {
		t.Fatalf("%d sites, total row %v", len(sites), total)
	}
	if sites[0][3] != "SO-NV" || sites[0][1] != "Sở, ban, ngành" {
		t.Fatalf("first site %v, want the department", sites[0])
	}
	kinds := []string{}
	for i, s := range sites {
		if len(kinds) == 0 || kinds[len(kinds)-1] != s[1] {
			kinds = append(kinds, s[1])
		}
		if i > 1 && s[1] == sites[i-1][1] && meeting.FoldName(s[2]) < meeting.FoldName(sites[i-1][2]) {
			t.Errorf("row %d %q before %q: not by name", i, sites[i-1][2], s[2])
		}
	}
	if strings.Join(kinds, "/") != "Sở, ban, ngành/Xã/Phường" {
		t.Errorf("kinds in order %v", kinds)
	}
	md := r.mustRun("report", "booking", "1")
	if !strings.Contains(md, "| | | **Tổng số người tham dự** | | **72** | |") || strings.Count(md, "| Xã |") != 110 {
		t.Errorf("Markdown: %d communes listed\n%s", strings.Count(md, "| Xã |"), md[:min(len(md), 3000)])
	}
}
