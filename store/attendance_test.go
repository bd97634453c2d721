package store

import (
	"context"
	"testing"
	"time"
)

// TestAttendanceRecordedAuditedAndCopiedToBooking stores a roll call: the last confirmation
// counts, the linked booking's point gets the number, each one is audited, and a bad number
// writes nothing.
func TestAttendanceRecordedAuditedAndCopiedToBooking(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid, err := s.CreateMeeting(ctx, Meeting{Title: "Họp", HostUnit: "SO-KHCN", StartedAt: at(0)}, []string{"XA-IAGRAI", "XA-DAKDOA"})
	if err != nil {
		t.Fatal(err)
	}
	bid, err := s.AddBooking(ctx, sampleBooking(at(0)), []AuditEntry{{Actor: "t", Action: "booking_add"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LinkBookingMeeting(ctx, bid, mid); err != nil {
		t.Fatal(err)
	}
	audits := countRows(t, s, "audit_log")
	if err := s.RecordAttendance(ctx, mid, at(time.Minute), "XA-IAGRAI", "XA-IAGRAI", 20, true); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAttendance(ctx, mid, at(2*time.Minute), "console:an", "XA-IAGRAI", 21, false); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAttendance(ctx, mid, at(3*time.Minute), "console:an", "XA-CHUPAH", 4, false); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAttendance(ctx, mid, at(4*time.Minute), "console:an", "XA-DAKDOA", -1, false); err == nil {
		t.Fatal("-1 attendees stored")
	}
	got, err := s.MeetingAttendance(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].BridgePoint != "XA-IAGRAI" || got[1].Attendees != 21 || got[1].BySite || got[1].Actor != "console:an" {
		t.Fatalf("attendance %+v", got)
	}
	if n := countRows(t, s, "audit_log") - audits; n != 3 {
		t.Fatalf("%d audit rows, want 3 (the refused one writes none)", n)
	}
	b, err := s.Booking(ctx, bid)
	if err != nil {
		t.Fatal(err)
	}
	if b.Points[0].Attendees != 21 || b.Points[1].Attendees != 8 {
		t.Fatalf("booking points %+v: want IAGRAI 21 from the roll call, DAKDOA still 8", b.Points)
	}
}
