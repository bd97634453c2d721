package live

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// allCreds lets every bridge point in: the test opens meetings, nobody joins.
type allCreds struct{}

func (allCreds) VerifyJoin(context.Context, string, string) (bool, bool, error) {
	return true, false, nil
}

// A booking whose final check is done opens by itself at its start time (an injected clock),
// not before, and not one whose final check is not done.
func TestBookingOpensAtItsStartTime(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "diemcau.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.ImportRegistry(ctx, []store.Unit{{ID: "UBND", Name: "UBND tỉnh", Kind: "province"}, {ID: "XA-1", Name: "Xã 1", Kind: "commune"},
		{ID: "XA-2", Name: "Xã 2", Kind: "commune"}},
		[]store.BridgePoint{{ID: "UBND", Name: "Phòng họp UBND", UnitID: "UBND", Role: "main"}, {ID: "XA-1", Name: "Xã 1", UnitID: "XA-1", Role: "sub"},
			{ID: "XA-2", Name: "Xã 2", UnitID: "XA-2", Role: "sub"}}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mc, err := mcu.New(mcu.Config{Loopback: true, RecordingsDir: t.TempDir()}, st, allCreds{}, log)
	if err != nil {
		t.Fatal(err)
	}
	defer mc.Close()
	start := time.Date(2026, 12, 16, 8, 0, 0, 0, time.Local)
	now := start.Add(-time.Hour)
	m := New(Config{Store: st, MCU: mc, Log: log, Now: func() time.Time { return now }})
	defer m.Stop()
	book := func(room, sub string, steps ...meeting.Step) int64 {
		id, err := st.AddBooking(ctx, store.Booking{Kind: "a", HostUnit: room, RoomBP: room, Content: "Họp " + room, StartsAt: start,
			EndsAt: start.Add(2 * time.Hour), FiledBy: "t", Points: []store.BookingPoint{{BridgePoint: sub}}}, []store.AuditEntry{{Actor: "t", Action: "booking_add"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		after := ""
		for _, s := range steps {
			if err := st.RecordBookingStep(ctx, id, after, store.BookingStep{Step: string(s), At: now, Actor: "t"},
				store.AuditEntry{Actor: "t", Action: "booking_" + string(s)}); err != nil {
				t.Fatal(err)
			}
			after = string(s)
		}
		return id
	}
	ready := book("UBND", "XA-1", meeting.StepConfirmed, meeting.StepPowerNotified, meeting.StepTestDone, meeting.StepFinalCheckDone)
	notChecked := book("XA-2", "XA-2", meeting.StepConfirmed)
	if got, err := m.OpenDue(ctx); err != nil || len(got) != 0 {
		t.Fatalf("an hour early: opened %d (%v), want none", len(got), err)
	}
	now = start.Add(time.Second)
	got, err := m.OpenDue(ctx)
	if err != nil || len(got) != 1 {
		t.Fatalf("at the start time: opened %d (%v), want the checked booking", len(got), err)
	}
	b, err := st.Booking(ctx, ready)
	if err != nil || b.MeetingID != got[0].Snapshot().MeetingID {
		t.Fatalf("booking %+v not linked to the meeting opened", b)
	}
	if s, ok := b.Step(string(meeting.StepLive)); !ok || s.Actor != ActorAuto {
		t.Errorf("live step %+v %v, want by %s", s, ok, ActorAuto)
	}
	if b, _ := st.Booking(ctx, notChecked); b.MeetingID != 0 {
		t.Error("a booking without its final check opened by itself")
	}
	if again, err := m.OpenDue(ctx); err != nil || len(again) != 0 {
		t.Errorf("a second pass opened %d more (%v)", len(again), err)
	}
}
