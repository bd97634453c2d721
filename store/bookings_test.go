package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func sampleBooking(start time.Time) Booking {
	return Booking{
		Kind: "b", HostUnit: "SO-KHCN", RoomBP: "SO-KHCN", Room: "Phòng họp tầng 3", Content: "Chuyển đổi số",
		ChairName: "Nguyễn Văn A", ChairTitle: "Giám đốc", StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		TechName: "Lê B", TechPhone: "0905", Recording: true, FiledAt: at(0), FiledBy: "tester",
		Points: []BookingPoint{{BridgePoint: "XA-IAGRAI", Attendees: 12, ContactName: "C", ContactPhone: "0906"},
			{BridgePoint: "XA-DAKDOA", Attendees: 8}},
	}
}

func TestBookingRoundTripAndOverlap(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	b := sampleBooking(at(72 * time.Hour))
	id, err := s.AddBooking(ctx, b, []AuditEntry{AuditEntry{Actor: "tester", Action: "booking_add", Detail: "x"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Booking(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !got.StartsAt.Equal(b.StartsAt) || len(got.Points) != 2 || got.Points[0].Attendees != 12 ||
		got.Points[1].BridgePoint != "XA-DAKDOA" || !got.Recording || got.Room != b.Room {
		t.Fatalf("round trip = %+v", got)
	}
	var seen []Booking
	check := func(_ *Booking, o []Booking) ([]AuditEntry, error) { seen = o; return nil, errors.New("refused") }
	b2 := sampleBooking(at(73 * time.Hour))
	if _, err := s.AddBooking(ctx, b2, []AuditEntry{AuditEntry{Actor: "t", Action: "booking_add"}}, check); err == nil {
		t.Fatal("refused check did not refuse")
	}
	if len(seen) != 1 || seen[0].ID != id {
		t.Fatalf("overlapping = %+v", seen)
	}
	if n := countRows(t, s, "bookings"); n != 1 {
		t.Fatalf("%d bookings after a refused add", n)
	}
	// Back to back is not an overlap.
	seen = nil
	b3 := sampleBooking(at(74 * time.Hour))
	if _, err := s.AddBooking(ctx, b3, []AuditEntry{AuditEntry{Actor: "t", Action: "booking_add"}}, func(_ *Booking, o []Booking) ([]AuditEntry, error) { seen = o; return nil, nil }); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 0 {
		t.Fatalf("back-to-back booking overlaps: %+v", seen)
	}
	if _, err := s.Booking(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Booking(999) = %v", err)
	}
}

func TestBookingStepsAndReset(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	id, err := s.AddBooking(ctx, sampleBooking(at(72*time.Hour)), []AuditEntry{AuditEntry{Actor: "t", Action: "booking_add"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	audit := AuditEntry{Actor: "t", Action: "booking_step"}
	if err := s.RecordBookingStep(ctx, id, "confirmed", BookingStep{Step: "power_notified", Actor: "t"}, audit); !errors.Is(err, ErrStepOrder) {
		t.Fatalf("power before confirm: %v", err)
	}
	if err := s.RecordBookingStep(ctx, id, "", BookingStep{Step: "confirmed", Actor: "t", At: at(time.Hour)}, audit); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordBookingStep(ctx, id, "", BookingStep{Step: "confirmed", Actor: "t"}, audit); !errors.Is(err, ErrStepOrder) {
		t.Fatalf("confirm twice: %v", err)
	}
	if err := s.RecordBookingStep(ctx, 999, "", BookingStep{Step: "confirmed", Actor: "t"}, audit); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown booking: %v", err)
	}
	b, _ := s.Booking(ctx, id)
	if st, ok := b.Step("confirmed"); !ok || st.Actor != "t" || !st.At.Equal(at(time.Hour)) {
		t.Fatalf("steps = %+v", b.Steps)
	}
	b.StartsAt = b.StartsAt.Add(time.Hour)
	b.EndsAt = b.EndsAt.Add(time.Hour)
	b.Points = b.Points[:1]
	b.FiledAt = at(2 * time.Hour)
	if err := s.UpdateBooking(ctx, b, true, []AuditEntry{AuditEntry{Actor: "t", Action: "booking_edit"}}, nil); err != nil {
		t.Fatal(err)
	}
	b, _ = s.Booking(ctx, id)
	if len(b.Steps) != 0 || len(b.Points) != 1 || !b.FiledAt.Equal(at(2*time.Hour)) {
		t.Fatalf("after reset: %+v", b)
	}
	log, _ := s.AuditLog(ctx, 0)
	if len(log) != 3 || log[2].Action != "booking_edit" || log[2].Detail == "" {
		t.Fatalf("audit = %+v", log)
	}
}

func TestImportTechniciansAllOrNothing(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	trained := at(-24 * time.Hour)
	ts := []Technician{{Name: "A", UnitID: "SO-KHCN", Trained: true, TrainedAt: trained}, {Name: "B", UnitID: "KHONG-CO"}}
	if _, _, err := s.ImportTechnicians(ctx, ts, AuditEntry{Actor: "t", Action: "technician_import"}); err == nil {
		t.Fatal("unknown unit accepted")
	}
	if n := countRows(t, s, "technicians"); n != 0 {
		t.Fatalf("%d technicians after a failed import", n)
	}
	ts[1].UnitID = "XA-IAGRAI"
	if a, u, err := s.ImportTechnicians(ctx, ts, AuditEntry{Actor: "t", Action: "technician_import"}); err != nil || a != 2 || u != 0 {
		t.Fatalf("import = %d, %d, %v", a, u, err)
	}
	ts[1].Phone = "0905"
	if a, u, err := s.ImportTechnicians(ctx, ts, AuditEntry{Actor: "t", Action: "technician_import"}); err != nil || a != 0 || u != 2 {
		t.Fatalf("re-import = %d, %d, %v", a, u, err)
	}
	got, _ := s.Technicians(ctx)
	if len(got) != 2 || !got[0].TrainedAt.Equal(trained) || got[1].Phone != "0905" {
		t.Fatalf("roster = %+v", got)
	}
}
