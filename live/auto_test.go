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
	st, mc, log := liveRig(t)
	start := time.Date(2026, 12, 16, 8, 0, 0, 0, time.Local)
	now := start.Add(-time.Hour)
	m := New(Config{Store: st, MCU: mc, Log: log, Now: func() time.Time { return now }})
	defer m.Stop()
	book := func(room, sub string, steps ...meeting.Step) int64 {
		return addBooking(t, st, room, sub, start, steps...)
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
	today, err := m.Today(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range today {
		if want := s.Booking == notChecked; s.DueToOpen != want {
			t.Errorf("booking %d due to open: %v, want %v (only the one left for a technician to open)", s.Booking, s.DueToOpen, want)
		}
	}
	if len(today) != 2 {
		t.Errorf("today's schedule has %d bookings, want 2", len(today))
	}
	if again, err := m.OpenDue(ctx); err != nil || len(again) != 0 {
		t.Errorf("a second pass opened %d more (%v)", len(again), err)
	}
}

// The test session runs the day before in a conference of its own with the booked sites: the
// booking stays unlinked, its results are the booking's (all passing records "test session
// done"), it is not a meeting in Appendix III, and the meeting opens afterwards as usual.
func TestTestSessionRunsInItsOwnConference(t *testing.T) {
	ctx := context.Background()
	st, mc, log := liveRig(t)
	start := time.Date(2026, 12, 16, 8, 0, 0, 0, time.Local)
	now := start.AddDate(0, 0, -1)
	m := New(Config{Store: st, MCU: mc, Log: log, Now: func() time.Time { return now }})
	defer m.Stop()
	id := addBooking(t, st, "UBND", "XA-1", start, meeting.StepConfirmed, meeting.StepPowerNotified)
	conf, err := m.OpenTest(ctx, id, "console:an")
	if err != nil {
		t.Fatal(err)
	}
	testMeeting := conf.Snapshot().MeetingID
	if b, _ := st.Booking(ctx, id); b.MeetingID != 0 || meeting.State(b) != meeting.StepPowerNotified {
		t.Fatalf("booking after its test session opened: meeting %d, state %s", b.MeetingID, meeting.State(b))
	}
	if _, err := st.RecordJoin(ctx, testMeeting, now, "XA-1"); err != nil {
		t.Fatal(err)
	}
	pass := []meeting.ItemResult{{Item: meeting.MeasuredItems[0], Passed: true}}
	var latest []store.TestResult
	for _, bp := range []string{"UBND", "XA-1"} {
		r, err := meeting.SaveTestResult(ctx, st, testMeeting, bp, pass, "console:an", now)
		if err != nil {
			t.Fatal(err)
		}
		if r.BookingID != id {
			t.Fatalf("test result of %s belongs to booking %d, want %d", bp, r.BookingID, id)
		}
		latest = append(latest, r)
	}
	desk := &meeting.Desk{Store: st, Calendar: meeting.DefaultCalendar(), Now: func() time.Time { return now }}
	if got, err := desk.CompleteTestSession(ctx, latest, "console:an"); err != nil || got != id {
		t.Fatalf("complete test session: %d %v", got, err)
	}
	if _, err := m.OpenBooking(ctx, id, "console:an"); err == nil {
		t.Fatal("the meeting opened while its sites were still in the test session")
	}
	if err := m.Close(ctx, testMeeting, nil, "console:an"); err != nil {
		t.Fatal(err)
	}
	a, err := meeting.LoadAnnual(ctx, st, meeting.DefaultCalendar(), 2026, start)
	if err != nil {
		t.Fatal(err)
	}
	if a.Meetings != 0 {
		t.Errorf("the test session counts as %d meetings in Appendix III", a.Meetings)
	}
	now = start
	real, err := m.OpenBooking(ctx, id, "console:an")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := st.Booking(ctx, id); b.MeetingID != real.Snapshot().MeetingID {
		t.Errorf("booking linked to meeting %d, want the real one %d", b.MeetingID, real.Snapshot().MeetingID)
	}
}

// liveRig is a real store with a main bridge point and two communes, and a loopback MCU.
func liveRig(t *testing.T) (*store.Store, *mcu.MCU, *slog.Logger) {
	t.Helper()
	return liveRigWith(t, allCreds{})
}

// liveRigWith is liveRig whose MCU checks join secrets with creds.
func liveRigWith(t *testing.T, creds mcu.Credentials) (*store.Store, *mcu.MCU, *slog.Logger) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "diemcau.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.ImportRegistry(ctx, []store.Unit{{ID: "UBND", Name: "UBND tỉnh", Kind: "province"}, {ID: "XA-1", Name: "Xã 1", Kind: "commune"},
		{ID: "XA-2", Name: "Xã 2", Kind: "commune"}},
		[]store.BridgePoint{{ID: "UBND", Name: "Phòng họp UBND", UnitID: "UBND", Role: "main"}, {ID: "XA-1", Name: "Xã 1", UnitID: "XA-1", Role: "sub"},
			{ID: "XA-2", Name: "Xã 2", UnitID: "XA-2", Role: "sub"}}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mc, err := mcu.New(mcu.Config{Loopback: true, RecordingsDir: t.TempDir()}, st, creds, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mc.Close() })
	return st, mc, log
}

// addBooking files a booking held in room with one sub bridge point, from start for two hours,
// with its steps recorded in order.
func addBooking(t *testing.T, st *store.Store, room, sub string, start time.Time, steps ...meeting.Step) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := st.AddBooking(ctx, store.Booking{Kind: "a", HostUnit: room, RoomBP: room, Content: "Họp " + room, StartsAt: start,
		EndsAt: start.Add(2 * time.Hour), FiledBy: "t", Points: []store.BookingPoint{{BridgePoint: sub}}},
		[]store.AuditEntry{{Actor: "t", Action: "booking_add"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	after := ""
	for _, s := range steps {
		if err := st.RecordBookingStep(ctx, id, after, store.BookingStep{Step: string(s), At: start.Add(-48 * time.Hour), Actor: "t"},
			store.AuditEntry{Actor: "t", Action: "booking_" + string(s)}); err != nil {
			t.Fatal(err)
		}
		after = string(s)
	}
	return id
}
