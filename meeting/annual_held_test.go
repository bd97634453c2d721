package meeting

import (
	"context"
	"testing"

	"diemcau/store"
)

// Appendix III counts meetings, not processes: a meeting opened that no bridge point ever joined
// (a console started and left) is not counted; the recordings the MCU made in the meetings held,
// and how many of them were delivered, are.
func TestAnnualCountsMeetingsHeldAndRecordings(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	st := d.Store
	empty, err := st.CreateMeeting(ctx, store.Meeting{Title: "Console", StartedAt: vn(2026, 3, 3, 8, 0)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = st.EndMeeting(ctx, empty, vn(2026, 3, 3, 8, 1))
	held, err := st.CreateMeeting(ctx, store.Meeting{Title: "Giao ban", HostUnit: "UBND-TINH", MainBP: "UBND-TINH",
		StartedAt: vn(2026, 3, 4, 8, 0)}, []string{"XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordJoin(ctx, held, vn(2026, 3, 4, 8, 1), "XA-IAGRAI"); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		id, err := st.RecordingStarted(ctx, held, vn(2026, 3, 4, 8, 10+i), t.TempDir(), "console:an")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.RecordingStopped(ctx, id, vn(2026, 3, 4, 8, 20+i), []string{"a.ogg"}, 10, "console:an"); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if err := st.MarkRecordingDelivered(ctx, id, vn(2026, 3, 5, 9, 0), "console:an", "UBND-TINH"); err != nil {
				t.Fatal(err)
			}
		}
	}
	_ = st.EndMeeting(ctx, held, vn(2026, 3, 4, 9, 0))
	a, err := LoadAnnual(ctx, st, DefaultCalendar(), 2026, vn(2026, 12, 1, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	if a.Meetings != 1 || a.Hours != 1 {
		t.Errorf("meetings %d (%.1f h), want only the one a site joined (1, 1.0 h)", a.Meetings, a.Hours)
	}
	if a.Recordings.Made != 2 || a.Recordings.Delivered != 1 {
		t.Errorf("recordings made %d delivered %d, want 2 and 1", a.Recordings.Made, a.Recordings.Delivered)
	}
}
