package meeting

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestRollCallInAppendixIIAndIII: the attendance confirmed at the roll call appears per site
// and in total in the meeting log (Appendix II) and as participants in the year's statistics
// (Appendix III).
func TestRollCallInAppendixIIAndIII(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, Zone())
	st, mid := floorStore(t, t0)
	if err := st.RecordAttendance(ctx, mid, t0.Add(time.Minute), "XA-IAGRAI", "XA-IAGRAI", 12, true); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordAttendance(ctx, mid, t0.Add(2*time.Minute), "console:an", "XA-DAKDOA", 8, false); err != nil {
		t.Fatal(err)
	}
	entries, err := PrefillLog(ctx, st, mid, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := CloseLog(ctx, st, mid, entries, "console:an", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	l, err := LoadLog(ctx, st, mid, "vi")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"md":   {"Xã Ia Grai (XA-IAGRAI) | ☒ Bình thường", "Số người dự: 12", "Số người dự: 8", "Số người dự: —", "Tổng số người dự: 20 người (2/3 điểm cầu đã điểm danh)"},
		"csv":  {",12\n", ",8\n", "Tổng số người dự,20 người (2/3 điểm cầu đã điểm danh)"},
		"html": {"Số người dự: 12", "Tổng số người dự: 20 người"},
	}
	for format, wants := range want {
		var b bytes.Buffer
		if err := WriteLog(&b, l, format, "vi"); err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s log lacks %q:\n%s", format, w, b.String())
			}
		}
	}
	a, err := LoadAnnual(ctx, st, DefaultCalendar(), 2026, t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if a.Attendees != 20 {
		t.Errorf("Appendix III participants %d, want 20 from the roll call", a.Attendees)
	}
}
