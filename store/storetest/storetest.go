// Package storetest gives tests of the packages above store a real store (SQLite in
// t.TempDir()) holding a small registry and a live meeting.
package storetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"diemcau/store"
)

// LiveMeeting opens a real store in t.TempDir() with a main bridge point and two sub ones, and a
// live meeting started at t0.
func LiveMeeting(t testing.TB, t0 time.Time) (*store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "floor.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	units := []store.Unit{
		{ID: "UBND-TINH", Name: "Văn phòng UBND tỉnh Gia Lai", Kind: "province"},
		{ID: "XA-IAGRAI", Name: "Xã Ia Grai", Kind: "commune"},
		{ID: "XA-DAKDOA", Name: "Xã Đak Đoa", Kind: "commune"},
	}
	bps := []store.BridgePoint{
		{ID: "UBND-TINH", Name: "Phòng họp UBND tỉnh", UnitID: "UBND-TINH", Role: "main"},
		{ID: "XA-IAGRAI", Name: "Xã Ia Grai", UnitID: "XA-IAGRAI", Role: "sub"},
		{ID: "XA-DAKDOA", Name: "Xã Đak Đoa", UnitID: "XA-DAKDOA", Role: "sub"},
	}
	if err := st.ImportRegistry(ctx, units, bps); err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateMeeting(ctx, store.Meeting{Title: "Họp giao ban", HostUnit: "UBND-TINH", MainBP: "UBND-TINH",
		StartedAt: t0}, []string{"XA-IAGRAI", "XA-DAKDOA"})
	if err != nil {
		t.Fatal(err)
	}
	return st, id
}

// Incidents returns the meeting's incidents.
func Incidents(t testing.TB, st *store.Store, meetingID int64) []store.Incident {
	t.Helper()
	in, err := st.Incidents(context.Background(), meetingID)
	if err != nil {
		t.Fatal(err)
	}
	return in
}
