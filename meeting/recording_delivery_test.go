package meeting

import (
	"context"
	"errors"
	"testing"
	"time"

	"diemcau/store"
)

// stoppedRecording stores a recording of meeting mid, started and stopped at the given times.
func stoppedRecording(t *testing.T, st *store.Store, mid int64, start, stop time.Time) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := st.RecordingStarted(ctx, mid, start, "/srv/recordings/"+start.Format("150405"), "console:an")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RecordingStopped(ctx, id, stop, []string{"speaker.ivf"}, 1024, "console:an"); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDeliveringTheLastRecordingCompletesTheBooking: the meeting held from a booking has two
// recordings; delivering the first leaves the booking pending, delivering the second records
// its "recordings delivered" step with the technician, in the same action, and the annual
// report counts it delivered on time.
func TestDeliveringTheLastRecordingCompletesTheBooking(t *testing.T) {
	ctx := context.Background()
	d, clk := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	st := d.Store
	b, _, err := d.Register(ctx, form("2026-03-20 08:00", "2026-03-20 10:00"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	mid, err := st.CreateMeeting(ctx, store.Meeting{Title: "Chuyển đổi số", HostUnit: "SO-KHCN", MainBP: "SO-KHCN",
		StartedAt: vn(2026, 3, 20, 8, 0)}, []string{"XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Link(ctx, b, mid, "an"); err != nil {
		t.Fatal(err)
	}
	r1 := stoppedRecording(t, st, mid, vn(2026, 3, 20, 8, 0), vn(2026, 3, 20, 9, 0))
	r2 := stoppedRecording(t, st, mid, vn(2026, 3, 20, 9, 5), vn(2026, 3, 20, 10, 0))
	if err := st.EndMeeting(ctx, mid, vn(2026, 3, 20, 10, 0)); err != nil {
		t.Fatal(err)
	}
	clk.t = vn(2026, 3, 20, 10, 0)
	advanceAll(t, d, b, toClosed...)

	const tech = "ssh:le.thi.binh"
	res, err := DeliverRecording(ctx, st, r1, vn(2026, 3, 23, 9, 0), tech, "Sở KH&CN")
	if err != nil || res != (store.DeliveryResult{BookingID: b, Remaining: 1}) {
		t.Fatalf("first delivery: %+v, %v", res, err)
	}
	bk, err := st.Booking(ctx, b)
	if _, ok := bk.Step(string(StepRecordingsDelivered)); ok || err != nil {
		t.Fatalf("recordings step recorded with a recording still to deliver (%v)", err)
	}
	delivered := vn(2026, 3, 23, 9, 30) // due Tuesday 24/3 10:00
	res, err = DeliverRecording(ctx, st, r2, delivered, tech, "Sở KH&CN")
	if err != nil || res != (store.DeliveryResult{BookingID: b, StepRecorded: true}) {
		t.Fatalf("last delivery: %+v, %v", res, err)
	}
	if bk, err = st.Booking(ctx, b); err != nil {
		t.Fatal(err)
	}
	step, ok := bk.Step(string(StepRecordingsDelivered))
	if !ok || step.Actor != tech || !step.At.Equal(delivered) {
		t.Fatalf("booking step %+v (%v)", step, ok)
	}
	audit, err := st.AuditLog(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, a := range audit {
		found = found || a.Action == "booking_recordings_delivered" && a.Actor == tech
	}
	if !found {
		t.Fatalf("no booking_recordings_delivered by %s in %+v", tech, audit)
	}
	a, err := LoadAnnual(ctx, st, DefaultCalendar(), 2026, vn(2026, 12, 1, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	if a.Recordings != (RecordingTally{Due: 1, OnTime: 1}) {
		t.Fatalf("annual recordings %+v, want 1 due delivered on time", a.Recordings)
	}
}

// TestDeliveryBeforeTheBookingIsClosed: the recording is delivered, the booking step waits
// (Blocked) instead of refusing the delivery; a meeting without a booking has no step at all.
func TestDeliveryBeforeTheBookingIsClosed(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	st := d.Store
	b, _, err := d.Register(ctx, form("2026-03-20 08:00", "2026-03-20 10:00"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	mid, _ := st.CreateMeeting(ctx, store.Meeting{Title: "Họp", HostUnit: "SO-KHCN", StartedAt: vn(2026, 3, 20, 8, 0)}, nil)
	if err := d.Link(ctx, b, mid, "an"); err != nil {
		t.Fatal(err)
	}
	r := stoppedRecording(t, st, mid, vn(2026, 3, 20, 8, 0), vn(2026, 3, 20, 9, 0))
	res, err := DeliverRecording(ctx, st, r, vn(2026, 3, 21, 9, 0), "console:an", "Sở KH&CN")
	if err != nil || res != (store.DeliveryResult{BookingID: b, Blocked: true}) {
		t.Fatalf("delivery before close: %+v, %v", res, err)
	}
	if bk, _ := st.Booking(ctx, b); len(bk.Steps) != 0 {
		t.Fatalf("booking steps %+v, want none", bk.Steps)
	}
	if _, err := DeliverRecording(ctx, st, r, time.Time{}, "console:an", "x"); !errors.Is(err, store.ErrDelivered) {
		t.Fatalf("second delivery: %v, want ErrDelivered", err)
	}

	lone, _ := st.CreateMeeting(ctx, store.Meeting{Title: "Không đăng ký", StartedAt: vn(2026, 3, 22, 8, 0)}, nil)
	r = stoppedRecording(t, st, lone, vn(2026, 3, 22, 8, 0), vn(2026, 3, 22, 9, 0))
	if res, err := DeliverRecording(ctx, st, r, time.Time{}, "console:an", "x"); err != nil || res != (store.DeliveryResult{}) {
		t.Fatalf("delivery without a booking: %+v, %v", res, err)
	}
}
