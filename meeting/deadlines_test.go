package meeting

import (
	"strings"
	"testing"
	"time"
)

func TestBookingDeadline(t *testing.T) {
	c := DefaultCalendar()
	tests := []struct {
		name  string
		start time.Time
		want  time.Time
	}{
		{"plain week: Thu 5/3 meeting, book by Mon 2/3", vn(2026, 3, 5, 8, 0), endOf(2026, 3, 2)},
		{"Tuesday after Tết: book by Thu 12/2", vn(2026, 2, 24, 14, 0), endOf(2026, 2, 12)},
		{"Monday after 30/4–1/5: book by Fri 24/4", vn(2026, 5, 4, 8, 0), endOf(2026, 4, 24)},
		{"Monday: book by the Wednesday before", vn(2026, 3, 9, 8, 0), endOf(2026, 3, 4)},
		{"Saturday meeting: three working days before are Fri, Thu, Wed", vn(2026, 3, 14, 8, 0), endOf(2026, 3, 11)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameInstant(t, "BookingDeadline", c.BookingDeadline(tt.start), tt.want)
		})
	}
}

func TestBookingOnTime(t *testing.T) {
	c := DefaultCalendar()
	start := vn(2026, 2, 24, 14, 0) // Tuesday after Tết
	tests := []struct {
		filed time.Time
		want  bool
	}{
		{vn(2026, 2, 12, 16, 59), true},
		{endOf(2026, 2, 12), true},
		{vn(2026, 2, 13, 0, 0), false},
		{vn(2026, 2, 14, 10, 0), false}, // a Saturday: counts from the next working day
		{vn(2026, 2, 23, 8, 0), false},
	}
	for _, tt := range tests {
		if got := c.BookingOnTime(tt.filed, start); got != tt.want {
			t.Errorf("BookingOnTime(%s) = %v, want %v", tt.filed.Format(time.DateTime), got, tt.want)
		}
	}
}

func TestCalendarDeadlines(t *testing.T) {
	c := DefaultCalendar()
	tests := []struct {
		name string
		got  time.Time
		want time.Time
	}{
		{"ConfirmationDue: filed Fri 13/2 15:00 → Mon 23/2 15:00", c.ConfirmationDue(vn(2026, 2, 13, 15, 0)), vn(2026, 2, 23, 15, 0)},
		{"ConfirmationDue: filed on Saturday worked 22/8 → Mon 24/8", c.ConfirmationDue(vn(2026, 8, 22, 10, 0)), vn(2026, 8, 24, 10, 0)},
		{"ConfirmationDue: filed Sun 8/3 20:00 → Mon 9/3 20:00", c.ConfirmationDue(vn(2026, 3, 8, 20, 0)), vn(2026, 3, 9, 20, 0)},
		{"PowerNoticeDue: confirmed Wed 29/4 16:00 → Mon 4/5 16:00", c.PowerNoticeDue(vn(2026, 4, 29, 16, 0)), vn(2026, 5, 4, 16, 0)},
		{"TestSessionDay: meeting Mon 23/2 → Fri 13/2", c.TestSessionDay(vn(2026, 2, 23, 8, 0)), vn(2026, 2, 13, 0, 0)},
		{"TestSessionDay: meeting Thu 3/9 → Fri 28/8", c.TestSessionDay(vn(2026, 9, 3, 8, 0)), vn(2026, 8, 28, 0, 0)},
		{"TestSessionDay: meeting Tue 10/3 → Mon 9/3", c.TestSessionDay(vn(2026, 3, 10, 14, 0)), vn(2026, 3, 9, 0, 0)},
		{"RecordingsDue: ended Wed 29/4 11:30 → Tue 5/5 11:30", c.RecordingsDue(vn(2026, 4, 29, 11, 30)), vn(2026, 5, 5, 11, 30)},
		{"RecordingsDue: ended Thu 12/2 17:00 → Mon 23/2 17:00", c.RecordingsDue(vn(2026, 2, 12, 17, 0)), vn(2026, 2, 23, 17, 0)},
		{"AnnualReportDue 2025: 30/12 is a Tuesday → Mon 29/12", c.AnnualReportDue(2025), endOf(2025, 12, 29)},
		{"AnnualReportDue 2026: 30/12 is a Wednesday → Tue 29/12", c.AnnualReportDue(2026), endOf(2026, 12, 29)},
		{"AnnualReportDue 2029 (no data): 30/12 is a Sunday → Fri 28/12", c.AnnualReportDue(2029), endOf(2029, 12, 28)},
		{"EmergencyDeadline: 14:00 → 11:00", EmergencyDeadline(vn(2026, 9, 10, 14, 0)), vn(2026, 9, 10, 11, 0)},
		{"EmergencyDeadline: 02:00 → 23:00 the day before", EmergencyDeadline(vn(2026, 9, 10, 2, 0)), vn(2026, 9, 9, 23, 0)},
		{"EmergencyDeadline ignores holidays: Tết 17/2 09:00 → 06:00", EmergencyDeadline(vn(2026, 2, 17, 9, 0)), vn(2026, 2, 17, 6, 0)},
		{"FinalCheckAt: 08:00 → 07:30", FinalCheckAt(vn(2026, 3, 9, 8, 0)), vn(2026, 3, 9, 7, 30)},
		{"FinalCheckAt: input in UTC", FinalCheckAt(time.Date(2026, 3, 9, 1, 0, 0, 0, time.UTC)), vn(2026, 3, 9, 7, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { sameInstant(t, tt.name, tt.got, tt.want) })
	}
}

// TestUserHolidayChangesDeadlines: a day the user adds moves every deadline that crosses it.
func TestUserHolidayChangesDeadlines(t *testing.T) {
	base := DefaultCalendar()
	extra := "date,kind,name\n2026-12-29,holiday,Ngày nghỉ của tỉnh (mẫu)\n2026-11-24,holiday,Ngày Văn hóa Việt Nam\n"
	user, err := base.Extend(strings.NewReader(extra))
	if err != nil {
		t.Fatalf("Extend: %v", err)
	}
	sameInstant(t, "AnnualReportDue(2026) before", base.AnnualReportDue(2026), endOf(2026, 12, 29))
	sameInstant(t, "AnnualReportDue(2026) after", user.AnnualReportDue(2026), endOf(2026, 12, 28))
	sameInstant(t, "RecordingsDue before", base.RecordingsDue(vn(2026, 11, 23, 11, 0)), vn(2026, 11, 25, 11, 0))
	sameInstant(t, "RecordingsDue after", user.RecordingsDue(vn(2026, 11, 23, 11, 0)), vn(2026, 11, 26, 11, 0))
	sameInstant(t, "BookingDeadline before", base.BookingDeadline(vn(2026, 11, 26, 8, 0)), endOf(2026, 11, 23))
	sameInstant(t, "BookingDeadline after", user.BookingDeadline(vn(2026, 11, 26, 8, 0)), endOf(2026, 11, 20))
}
