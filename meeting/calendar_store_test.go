package meeting

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestCalendarImportOnTop: a file with one day added is stored on top of the built-in
// calendar (Tết stays a holiday), audited, and the Desk's deadlines follow it at once; a bad
// file stores nothing.
func TestCalendarImportOnTop(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	bad := "date,kind,name\n2026-03-13,holiday,Ngày nghỉ của tỉnh\n2026-03-14,swap_off,Thứ Bảy\n"
	if _, err := ImportCalendar(ctx, d.Store, strings.NewReader(bad), "an", vn(2026, 3, 2, 9, 0)); !errors.As(err, new(*CalendarError)) {
		t.Fatalf("bad file = %v", err)
	}
	if days, _ := d.Store.CalendarDays(ctx); len(days) != 0 {
		t.Fatalf("a bad file stored %d days", len(days))
	}
	n, err := ImportCalendar(ctx, d.Store, strings.NewReader("date,kind,name\n2026-03-13,holiday,Ngày nghỉ của tỉnh\n"), "an", vn(2026, 3, 2, 9, 0))
	if err != nil || n != 1 {
		t.Fatalf("import = %d, %v", n, err)
	}
	cal, err := StoredCalendar(ctx, d.Store, nil)
	if err != nil {
		t.Fatal(err)
	}
	if name, ok := cal.Holiday(vn(2026, 3, 13, 9, 0)); !ok || name != "Ngày nghỉ của tỉnh" {
		t.Fatalf("the imported day is not a holiday: %q %v", name, ok)
	}
	if _, ok := cal.Holiday(vn(2026, 2, 17, 9, 0)); !ok {
		t.Fatal("the built-in Tết was replaced by the import")
	}
	// A meeting on Tuesday 17 March must be booked 3 working days before: Thursday 12 March,
	// not Friday 13 (a day off now).
	id, _, err := d.Register(ctx, form("2026-03-17 08:00", "2026-03-17 10:00"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := d.Status(ctx, id)
	for _, dl := range st.Deadlines {
		if dl.Step == StepTestDone && dayOf(dl.Due) != dayOf(vn(2026, 3, 16, 0, 0)) {
			t.Errorf("test session due %v", dl.Due)
		}
	}
	if got := cal.BookingDeadline(vn(2026, 3, 17, 8, 0)); dayOf(got) != dayOf(vn(2026, 3, 11, 0, 0)) && dayOf(got) != dayOf(vn(2026, 3, 12, 0, 0)) {
		t.Errorf("booking deadline %v ignores the imported day", got)
	}
	if dayOf(DefaultCalendar().BookingDeadline(vn(2026, 3, 17, 8, 0))) == dayOf(cal.BookingDeadline(vn(2026, 3, 17, 8, 0))) {
		t.Error("the imported day changed no deadline")
	}
	log, _ := d.Store.AuditLog(ctx, 0)
	if log[0].Action != "calendar_import" || log[0].Actor != "an" {
		t.Fatalf("audit %+v", log[0])
	}
}

// TestBookingOutsideTheCalendar: a booking in 2028 (not covered) or over the estimated Tết of
// 2027 is refused with the reason until overridden; the override is audited; a 2028 calendar
// imported makes 2028 certain.
func TestBookingOutsideTheCalendar(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	f := form("2028-03-15 08:00", "2028-03-15 10:00")
	_, _, err := d.Register(ctx, f, Filing{Actor: "an"})
	var re *CalendarRiskError
	if !errors.As(err, &re) || !strings.Contains(re.Message("vi"), "năm 2028 không có trong lịch nghỉ lễ (lịch có từ 2025 đến 2027)") {
		t.Fatalf("2028 = %v", err)
	}
	tet := form("2027-02-11 08:00", "2027-02-11 10:00")
	_, _, err = d.Register(ctx, tet, Filing{Actor: "an"})
	if !errors.As(err, &re) || !strings.Contains(re.Message("vi"), "chỉ là dự kiến") || !strings.Contains(re.Message("en"), "only an estimate") {
		t.Fatalf("estimated Tết = %v", err)
	}
	if n := bookingCount(t, d); n != 0 {
		t.Fatalf("%d bookings written", n)
	}
	if _, _, err := d.Register(ctx, f, Filing{Actor: "an", Override: "Chủ tịch đã chốt ngày"}); err != nil {
		t.Fatalf("override: %v", err)
	}
	log, _ := d.Store.AuditLog(ctx, 0)
	found := false
	for _, e := range log {
		found = found || e.Action == "booking_calendar_override" && strings.Contains(e.Detail, "Chủ tịch đã chốt ngày")
	}
	if !found {
		t.Fatalf("the override is not audited: %+v", log)
	}
	if _, err := ImportCalendar(ctx, d.Store, strings.NewReader("2028-01-01,holiday,Tết Dương lịch\n2028-12-31,swap_work,Làm bù\n"), "an", vn(2026, 3, 2, 9, 0)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Register(ctx, form("2028-03-16 08:00", "2028-03-16 10:00"), Filing{Actor: "an"}); err != nil {
		t.Fatalf("2028 with its calendar imported: %v", err)
	}
}
