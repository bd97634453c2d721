package meeting

import (
	"testing"
	"time"

	"diemcau/store"
)

// TestRecordingDelivery checks the Article 12.2 deadline over real 2026 dates: a meeting ending
// on Wednesday 29 April is due after the 30/4–1/5 holidays and the weekend, on Tuesday 5 May.
func TestRecordingDelivery(t *testing.T) {
	cal := DefaultCalendar()
	vn := func(day, month, hour int) time.Time {
		return time.Date(2026, time.Month(month), day, hour, 0, 0, 0, Zone())
	}
	ended := vn(29, 4, 11)
	if due := cal.RecordingsDue(ended); !due.Equal(vn(5, 5, 11)) {
		t.Fatalf("due %v, want 5 May 11:00", due)
	}
	cases := []struct {
		name      string
		r         store.Recording
		now       time.Time
		late, day bool
	}{
		{"meeting live", store.Recording{}, vn(29, 4, 10), false, false},
		{"pending", store.Recording{MeetingEnded: ended}, vn(4, 5, 9), false, false},
		{"due today", store.Recording{MeetingEnded: ended}, vn(5, 5, 9), false, true},
		{"overdue", store.Recording{MeetingEnded: ended}, vn(5, 5, 12), true, false},
		{"delivered on time", store.Recording{MeetingEnded: ended, DeliveredAt: vn(4, 5, 8)}, vn(9, 5, 9), false, false},
		{"delivered late", store.Recording{MeetingEnded: ended, DeliveredAt: vn(6, 5, 8)}, vn(9, 5, 9), true, false},
	}
	for _, tc := range cases {
		d := cal.RecordingDelivery(tc.r, tc.now)
		if d.Late != tc.late || d.DueToday != tc.day || d.Delivered != !tc.r.DeliveredAt.IsZero() ||
			d.Due.IsZero() != tc.r.MeetingEnded.IsZero() {
			t.Errorf("%s: %+v", tc.name, d)
		}
	}
}
