package meeting

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestBookingLeadTimeOverRealDates(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		filed      time.Time
		start, end string
		ok         bool
	}{
		// Monday 23/2 after Tết: 3 working days before is Wednesday 11/2 (16–20/2 are Tết).
		{"after Tết, last day", vn(2026, 2, 11, 16, 0), "2026-02-23 09:00", "2026-02-23 11:00", true},
		{"after Tết, a day late", vn(2026, 2, 12, 8, 0), "2026-02-23 09:00", "2026-02-23 11:00", false},
		// Tuesday 5/5: 4/5, then 30/4 and 1/5 are holidays, so 29/4 and 28/4.
		{"after 30/4–1/5, last day", vn(2026, 4, 28, 23, 0), "2026-05-05 09:00", "2026-05-05 10:00", true},
		{"after 30/4–1/5, late", vn(2026, 4, 29, 7, 0), "2026-05-05 09:00", "2026-05-05 10:00", false},
		// Thursday 3/9: 2/9, 1/9, 31/8 off; Saturday 22/8 is worked, so 28/8, 27/8, 26/8... count: 28/8 (1), 27/8 (2), 26/8 (3).
		{"after 2/9, last day", vn(2026, 8, 26, 17, 0), "2026-09-03 08:00", "2026-09-03 09:00", true},
		{"after 2/9, late", vn(2026, 8, 27, 8, 0), "2026-09-03 08:00", "2026-09-03 09:00", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := bookingDesk(t, tc.filed)
			_, _, err := d.Register(ctx, form(tc.start, tc.end), Filing{Actor: "tester"})
			if tc.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tc.ok {
				if f := fields(t, err); !slices.Equal(f, []string{"start"}) {
					t.Fatalf("fields = %v, want [start]: %v", f, err)
				}
				if n := bookingCount(t, d); n != 0 {
					t.Fatalf("%d bookings written", n)
				}
			}
		})
	}
}

func TestEmergencyNotice(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 5, 4, 8, 0))
	f := form("2026-05-04 11:30", "2026-05-04 13:00")
	f.LegalBasis = LegalBasis{} // phoned in: no document yet
	f.Emergency = &Emergency{Kind: "flood"}
	if _, _, err := d.Register(ctx, f, Filing{Actor: "tester"}); err != nil {
		t.Fatalf("emergency 3.5 h ahead refused: %v", err)
	}
	f.Start, f.End = "2026-05-04 10:30", "2026-05-04 11:00"
	if got := fields(t, second(d.Register(ctx, f, Filing{Actor: "tester"}))); !slices.Equal(got, []string{"start"}) {
		t.Fatalf("emergency 2.5 h ahead: fields %v", got)
	}
	f.Start, f.End = "2026-05-04 15:00", "2026-05-04 16:00"
	f.Emergency = &Emergency{Kind: "other"}
	if got := fields(t, second(d.Register(ctx, f, Filing{Actor: "tester"}))); !slices.Equal(got, []string{"emergency.reason"}) {
		t.Fatalf("other without reason: fields %v", got)
	}
	f.Emergency = &Emergency{Kind: "earthquake"}
	if got := fields(t, second(d.Register(ctx, f, Filing{Actor: "tester"}))); !slices.Equal(got, []string{"emergency.kind"}) {
		t.Fatalf("unknown emergency: fields %v", got)
	}
	if n := bookingCount(t, d); n != 1 {
		t.Fatalf("%d bookings, want 1", n)
	}
}

// second returns the error of Register.
func second(_ int64, _ []Conflict, err error) error { return err }

func TestBadBookingsNameTheField(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	for _, tc := range []struct {
		name   string
		edit   func(*BookingForm)
		fields []string
		en     string
	}{
		{"past", func(f *BookingForm) { f.Start, f.End = "2026-03-01 08:00", "2026-03-01 09:00" }, []string{"start"}, "in the past"},
		{"end before start", func(f *BookingForm) { f.End = "2026-03-20 07:00" }, []string{"end"}, "is not after"},
		{"bad time", func(f *BookingForm) { f.Start = "20/3/2026 8h" }, []string{"start"}, "not valid"},
		{"unknown bridge point", func(f *BookingForm) { f.BridgePoints[1].ID = "XA-KHONGCO" }, []string{"bridge_points[2].id"}, "XA-KHONGCO"},
		{"unknown bridge point, near ones named", func(f *BookingForm) { f.BridgePoints[1].ID = "dak doa" }, []string{"bridge_points[2].id"},
			`"dak doa" in the registry; did you mean XA-DAKDOA (UBND xã Đak Đoa)?`},
		{"a name given twice reads as its bridge point", func(f *BookingForm) { f.BridgePoints[1].ID = "ubnd xa ia grai" },
			[]string{"bridge_points[2].id"}, "already item 1"},
		{"duplicate bridge point", func(f *BookingForm) { f.BridgePoints[1].ID = "XA-IAGRAI" }, []string{"bridge_points[2].id"}, "already item 1"},
		{"host room as sub", func(f *BookingForm) { f.BridgePoints[0].ID = "SO-KHCN" }, []string{"bridge_points[1].id"}, "host's own room"},
		{"unknown unit", func(f *BookingForm) { f.HostUnit = "SO-KHONGCO" }, []string{"host_unit"}, "no unit"},
		{"unit without room", func(f *BookingForm) { f.HostUnit = "SO-TC" }, []string{"host_unit"}, "Article 9.3"},
		{"bad kind", func(f *BookingForm) { f.Kind = "e" }, []string{"kind"}, "a, b, c or d"},
		{"negative attendees", func(f *BookingForm) { f.BridgePoints[0].Attendees = -1 }, []string{"bridge_points[1].attendees"}, "-1"},
		{"no points", func(f *BookingForm) { f.BridgePoints = nil }, []string{"bridge_points"}, "at least one"},
		{"missing people", func(f *BookingForm) { f.Chair = Person{}; f.Technician.Phone = "" },
			[]string{"chair.name", "chair.title", "technician.phone"}, "required"},
		{"no legal basis", func(f *BookingForm) { f.LegalBasis = LegalBasis{Date: "2026-13-01"} },
			[]string{"legal_basis.number", "legal_basis.issuer", "legal_basis.date"}, "not valid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := form("2026-03-20 08:00", "2026-03-20 10:00")
			tc.edit(&f)
			_, _, err := d.Register(ctx, f, Filing{Actor: "tester"})
			if got := fields(t, err); !slices.Equal(got, tc.fields) {
				t.Fatalf("fields = %v, want %v\n%v", got, tc.fields, err)
			}
			var be *BookingError
			errors.As(err, &be)
			if en := be.Message("en"); !strings.Contains(en, tc.en) || !strings.Contains(en, "nothing was written") {
				t.Fatalf("English message lacks %q:\n%s", tc.en, en)
			}
			if vi := be.Error(); !strings.Contains(vi, "không ghi gì") || !strings.Contains(vi, tc.fields[0]) {
				t.Fatalf("Vietnamese message:\n%s", vi)
			}
		})
	}
	if n := bookingCount(t, d); n != 0 {
		t.Fatalf("%d bookings written from bad forms", n)
	}
}

// A sub bridge point may be written by its name (case and diacritics aside): the booking keeps
// its ID.
func TestBookingPointByName(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	f := form("2026-03-20 08:00", "2026-03-20 10:00", "XA-IAGRAI")
	f.BridgePoints = append(f.BridgePoints, FormPoint{ID: "  ubnd XÃ đak đoa ", Attendees: 5})
	id, _, err := d.Register(ctx, f, Filing{Actor: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range b.Booking.Points {
		ids = append(ids, p.BridgePoint)
	}
	if !slices.Equal(ids, []string{"XA-IAGRAI", "XA-DAKDOA"}) {
		t.Fatalf("points %v, want the name resolved to XA-DAKDOA", ids)
	}
}

func TestHostRoomByArticle9(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	f := form("2026-03-20 08:00", "2026-03-20 10:00")
	id, _, err := d.Register(ctx, f, Filing{Actor: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := d.Store.Booking(ctx, id)
	if b.RoomBP != "SO-KHCN" || b.Room != "Phòng họp Trung tâm Chuyển đổi số" {
		t.Fatalf("department meeting room = %q %q, want the host's own", b.RoomBP, b.Room)
	}
	// Kind a, chaired by the province: the PPC Office room even if a department files it.
	f = form("2026-03-21 08:00", "2026-03-21 10:00", "SO-KHCN", "XA-DAKDOA")
	f.Kind, f.HostUnit = "a", "SO-NV"
	id, _, err = d.Register(ctx, f, Filing{Actor: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = d.Store.Booking(ctx, id)
	if b.RoomBP != "UBND-TINH" || b.Room != "Phòng họp trực tuyến Văn phòng UBND tỉnh" {
		t.Fatalf("kind a room = %q %q, want the PPC Office room", b.RoomBP, b.Room)
	}
}

func TestConflictsAndOverride(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	first, _, err := d.Register(ctx, form("2026-03-20 08:00", "2026-03-20 10:00"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	// Another host, same commune, overlapping by an hour.
	f := form("2026-03-20 09:00", "2026-03-20 11:00", "XA-IAGRAI", "XA-DAKDOA")
	f.HostUnit = "SO-NV"
	_, _, err = d.Register(ctx, f, Filing{Actor: "binh"})
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Conflicts) != 1 || ce.Conflicts[0].Other != first ||
		!slices.Equal(ce.Conflicts[0].BridgePoints, []string{"XA-IAGRAI"}) || ce.Conflicts[0].Room {
		t.Fatalf("conflict = %v", err)
	}
	if msg := ce.Message("en"); !strings.Contains(msg, "#1") || !strings.Contains(msg, "Chuyển đổi số cấp xã") || !strings.Contains(msg, "--override") {
		t.Fatalf("message = %s", msg)
	}
	if n := bookingCount(t, d); n != 1 {
		t.Fatalf("%d bookings after a refused clash", n)
	}
	// The host's room is used by the first meeting: a room conflict.
	g := form("2026-03-20 09:30", "2026-03-20 10:30", "XA-DAKDOA")
	if _, _, err := d.Register(ctx, g, Filing{Actor: "binh"}); !errors.As(err, &ce) || !ce.Conflicts[0].Room {
		t.Fatalf("room conflict = %v", err)
	}
	// Back to back is fine.
	h := form("2026-03-20 10:00", "2026-03-20 11:00")
	if _, _, err := d.Register(ctx, h, Filing{Actor: "binh"}); err != nil {
		t.Fatalf("back-to-back refused: %v", err)
	}
	id, accepted, err := d.Register(ctx, f, Filing{Actor: "binh", Override: "Chủ tịch tỉnh chỉ đạo họp gấp"})
	if err != nil || len(accepted) != 2 {
		t.Fatalf("override: id %d, %v, %v", id, accepted, err)
	}
	b, _ := d.Store.Booking(ctx, id)
	if b.OverrideReason != "Chủ tịch tỉnh chỉ đạo họp gấp" {
		t.Fatalf("override reason = %q", b.OverrideReason)
	}
	log, _ := d.Store.AuditLog(ctx, 0)
	last := log[len(log)-1]
	if last.Action != "booking_override" || last.Actor != "binh" || !strings.Contains(last.Detail, "#1") ||
		!strings.Contains(last.Detail, "Chủ tịch tỉnh chỉ đạo họp gấp") {
		t.Fatalf("override audit = %+v", last)
	}
	// A cancelled booking no longer clashes.
	if err := d.Advance(ctx, id, StepCancelled, "binh", "trùng lịch"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Register(ctx, f, Filing{Actor: "binh"}); !errors.As(err, &ce) || len(ce.Conflicts) != 2 {
		t.Fatalf("after cancel: %v", err)
	}
}
