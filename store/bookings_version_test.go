package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Two copies of one booking edited at once: the first save bumps the version, the second,
// made from the older copy, fails with ErrStale and changes nothing.
func TestUpdateBookingRefusesStaleCopy(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	id, err := s.AddBooking(ctx, sampleBooking(at(72*time.Hour)), []AuditEntry{{Actor: "t", Action: "booking_add"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := s.Booking(ctx, id)
	second, _ := s.Booking(ctx, id)
	if first.Version != 1 || !first.UpdatedAt.IsZero() {
		t.Fatalf("new booking version %d updated %v", first.Version, first.UpdatedAt)
	}
	first.Content, first.UpdatedBy, first.UpdatedAt = "Nội dung của An", "an", at(time.Hour)
	if err := s.UpdateBooking(ctx, first, false, []AuditEntry{{Actor: "an", Action: "booking_edit"}}, nil); err != nil {
		t.Fatal(err)
	}
	second.Content, second.UpdatedBy = "Nội dung của Bình", "binh"
	err = s.UpdateBooking(ctx, second, false, []AuditEntry{{Actor: "binh", Action: "booking_edit"}}, nil)
	if !errors.Is(err, ErrStale) {
		t.Fatalf("stale save = %v, want ErrStale", err)
	}
	got, _ := s.Booking(ctx, id)
	if got.Content != "Nội dung của An" || got.Version != 2 || got.UpdatedBy != "an" || !got.UpdatedAt.Equal(at(time.Hour)) {
		t.Fatalf("after the refused save: %+v", got)
	}
	if n := countRows(t, s, "audit_log"); n != 2 {
		t.Fatalf("%d audit rows, want 2 (the add and the first edit)", n)
	}
	missing := got
	missing.ID = 999
	if err := s.UpdateBooking(ctx, missing, false, nil, nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("edit of a missing booking = %v", err)
	}
}
