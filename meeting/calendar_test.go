package meeting

import (
	"strings"
	"testing"
	"time"
)

func TestIsWorkingDay2026(t *testing.T) {
	c := DefaultCalendar()
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"Tết Dương lịch, Thu 1/1", vn(2026, 1, 1, 9, 0), false},
		{"swapped day off, Fri 2/1", vn(2026, 1, 2, 9, 0), false},
		{"first working day of 2026, Mon 5/1", vn(2026, 1, 5, 9, 0), true},
		{"Saturday worked for 2/1, Sat 10/1", vn(2026, 1, 10, 9, 0), true},
		{"day before Tết, Fri 13/2", vn(2026, 2, 13, 16, 0), true},
		{"weekend before Tết, Sat 14/2", vn(2026, 2, 14, 9, 0), false},
		{"29 tháng Chạp, Mon 16/2", vn(2026, 2, 16, 9, 0), false},
		{"mùng 1 Tết, Tue 17/2", vn(2026, 2, 17, 9, 0), false},
		{"mùng 4 Tết, Fri 20/2", vn(2026, 2, 20, 9, 0), false},
		{"weekend after Tết, Sun 22/2", vn(2026, 2, 22, 9, 0), false},
		{"day after Tết, Mon 23/2", vn(2026, 2, 23, 8, 0), true},
		{"plain Saturday, 7/3", vn(2026, 3, 7, 9, 0), false},
		{"plain Sunday, 8/3", vn(2026, 3, 8, 9, 0), false},
		{"plain Monday, 9/3", vn(2026, 3, 9, 9, 0), true},
		{"Giỗ Tổ on a Sunday, 26/4", vn(2026, 4, 26, 9, 0), false},
		{"Giỗ Tổ made up, Mon 27/4", vn(2026, 4, 27, 9, 0), false},
		{"between the holidays, Tue 28/4", vn(2026, 4, 28, 9, 0), true},
		{"between the holidays, Wed 29/4", vn(2026, 4, 29, 9, 0), true},
		{"30/4, Thu", vn(2026, 4, 30, 9, 0), false},
		{"1/5, Fri", vn(2026, 5, 1, 9, 0), false},
		{"after 1/5, Mon 4/5", vn(2026, 5, 4, 9, 0), true},
		{"Saturday worked for 31/8, Sat 22/8", vn(2026, 8, 22, 9, 0), true},
		{"swapped day off, Mon 31/8", vn(2026, 8, 31, 9, 0), false},
		{"adjacent day of Quốc khánh, Tue 1/9", vn(2026, 9, 1, 9, 0), false},
		{"Quốc khánh, Wed 2/9", vn(2026, 9, 2, 9, 0), false},
		{"after Quốc khánh, Thu 3/9", vn(2026, 9, 3, 9, 0), true},
		// The date is taken in Vietnam, not in the instant's own zone.
		{"UTC Sunday 22/2 17:30 is Monday 23/2 00:30 in Vietnam", time.Date(2026, 2, 22, 17, 30, 0, 0, time.UTC), true},
		{"UTC Friday 13/2 17:30 is Saturday 14/2 00:30 in Vietnam", time.Date(2026, 2, 13, 17, 30, 0, 0, time.UTC), false},
		{"last instant of Fri 13/2", endOf(2026, 2, 13), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.IsWorkingDay(tt.at); got != tt.want {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.at.Format(time.RFC3339), got, tt.want)
			}
		})
	}
}

func TestHolidayAndEntry(t *testing.T) {
	c := DefaultCalendar()
	tests := []struct {
		at       time.Time
		wantName string
		wantOK   bool
		wantKind DayKind // "" when the date has no entry
	}{
		{vn(2026, 2, 17, 9, 0), "Tết Nguyên đán (mùng 1)", true, KindHoliday},
		{vn(2026, 9, 2, 9, 0), "Quốc khánh 2/9", true, KindHoliday},
		{vn(2026, 4, 27, 9, 0), "Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)", true, KindHoliday},
		{vn(2026, 8, 31, 9, 0), "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)", true, KindSwapOff},
		{vn(2026, 8, 22, 9, 0), "", false, KindSwapWork},
		{vn(2026, 3, 9, 9, 0), "", false, ""},
		{vn(2026, 3, 7, 9, 0), "", false, ""},
	}
	for _, tt := range tests {
		name, ok := c.Holiday(tt.at)
		if name != tt.wantName || ok != tt.wantOK {
			t.Errorf("Holiday(%s) = %q, %v; want %q, %v", tt.at.Format(time.DateOnly), name, ok, tt.wantName, tt.wantOK)
		}
		e, found := c.Entry(tt.at)
		if found != (tt.wantKind != "") || e.Kind != tt.wantKind {
			t.Errorf("Entry(%s) = %+v, %v; want kind %q", tt.at.Format(time.DateOnly), e, found, tt.wantKind)
		}
		if found && !e.Date.Equal(vn(tt.at.Year(), tt.at.Month(), tt.at.Day(), 0, 0)) {
			t.Errorf("Entry(%s).Date = %v, want midnight of that day", tt.at.Format(time.DateOnly), e.Date)
		}
	}
}

func TestYearsAndFallback(t *testing.T) {
	c := DefaultCalendar()
	if first, last := c.Years(); first != 2025 || last != 2027 {
		t.Fatalf("Years() = %d, %d; want 2025, 2027", first, last)
	}
	tests := []struct {
		at          time.Time
		covered     bool
		wantWorking bool
	}{
		{vn(2025, 1, 1, 9, 0), true, false},
		{vn(2027, 12, 31, 9, 0), true, true},
		{vn(2024, 12, 31, 9, 0), false, true},
		// 1/1/2028 is a Saturday: in reality Monday 3/1 is its substitute day, but no data covers
		// 2028, so the calendar falls back to Monday–Friday, as documented.
		{vn(2028, 1, 3, 9, 0), false, true},
		{vn(2028, 1, 1, 9, 0), false, false},
	}
	for _, tt := range tests {
		if got := c.Covers(tt.at); got != tt.covered {
			t.Errorf("Covers(%s) = %v, want %v", tt.at.Format(time.DateOnly), got, tt.covered)
		}
		if got := c.IsWorkingDay(tt.at); got != tt.wantWorking {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.at.Format(time.DateOnly), got, tt.wantWorking)
		}
	}
}

func TestDefaultFileShape(t *testing.T) {
	c := DefaultCalendar()
	type yearCount struct{ tet, swapOff, swapWork int }
	years := map[int]*yearCount{}
	for _, e := range c.Entries() {
		y := e.Date.Year()
		if years[y] == nil {
			years[y] = &yearCount{}
		}
		switch {
		case e.Kind == KindSwapOff:
			years[y].swapOff++
		case e.Kind == KindSwapWork:
			years[y].swapWork++
		case strings.HasPrefix(e.Name, "Tết Nguyên đán") && e.Date.Weekday() != time.Saturday && e.Date.Weekday() != time.Sunday:
			years[y].tet++
		}
	}
	for y := 2025; y <= 2027; y++ {
		for _, md := range [][2]int{{1, 1}, {4, 30}, {5, 1}, {9, 2}} {
			if _, ok := c.Holiday(vn(y, time.Month(md[0]), md[1], 12, 0)); !ok {
				t.Errorf("%d-%02d-%02d is not a holiday in the default calendar", y, md[0], md[1])
			}
		}
		yc := years[y]
		if yc == nil {
			t.Fatalf("no entries for %d", y)
		}
		if yc.tet != 5 {
			t.Errorf("%d: %d weekdays of Tết Nguyên đán, the Labour Code gives 5", y, yc.tet)
		}
		if yc.swapOff != yc.swapWork {
			t.Errorf("%d: %d swapped days off but %d Saturdays worked", y, yc.swapOff, yc.swapWork)
		}
	}
}
