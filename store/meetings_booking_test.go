package store

import (
	"context"
	"errors"
	"testing"
)

// Opening a booked meeting writes the meeting, the booking's link and its "live" step together or
// not at all: a booking not yet confirmed leaves no meeting behind.
func TestOpenBookingMeetingIsAllOrNothing(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	bid, err := s.AddBooking(ctx, sampleBooking(at(0)), []AuditEntry{{Actor: "t", Action: "booking_add"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	meetings := countRows(t, s, "meetings")
	live := BookingStep{Step: "live", At: at(0), Actor: "api:an"}
	audit := AuditEntry{At: at(0), Actor: "api:an", Action: "booking_live"}
	if _, err := s.OpenBookingMeeting(ctx, Meeting{Title: "Họp", StartedAt: at(0)}, nil, bid, "confirmed", live, audit); !errors.Is(err, ErrStepOrder) {
		t.Fatalf("open an unconfirmed booking: %v, want ErrStepOrder", err)
	}
	if n := countRows(t, s, "meetings"); n != meetings {
		t.Fatalf("a refused opening left %d meetings, want %d", n, meetings)
	}
	if b, _ := s.Booking(ctx, bid); b.MeetingID != 0 {
		t.Fatalf("a refused opening linked the booking to meeting %d", b.MeetingID)
	}
	if err := s.RecordBookingStep(ctx, bid, "", BookingStep{Step: "confirmed", At: at(0), Actor: "t"}, AuditEntry{Actor: "t", Action: "booking_confirmed"}); err != nil {
		t.Fatal(err)
	}
	mid, err := s.OpenBookingMeeting(ctx, Meeting{Title: "Họp", StartedAt: at(0)}, nil, bid, "confirmed", live, audit)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Booking(ctx, bid)
	if err != nil || b.MeetingID != mid {
		t.Fatalf("booking %+v %v, want linked to %d", b, err, mid)
	}
	if st, ok := b.Step("live"); !ok || st.Actor != "api:an" {
		t.Fatalf("live step %+v %v", st, ok)
	}
}
