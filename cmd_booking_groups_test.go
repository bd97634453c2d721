package main

import (
	"context"
	"slices"
	"strings"
	"testing"

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
