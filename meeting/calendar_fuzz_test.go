package meeting

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzLoadCalendar: any input gives either a calendar or a *CalendarError, never a panic, and a
// calendar that loads answers consistently with its own entries.
func FuzzLoadCalendar(f *testing.F) {
	f.Add(DefaultHolidaysCSV())
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := LoadCalendar(bytes.NewReader(data))
		if (c == nil) == (err == nil) {
			t.Fatalf("LoadCalendar = %v, %v: want exactly one of a calendar and an error", c, err)
		}
		if err != nil {
			var ce *CalendarError
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("error %v is not a *CalendarError with problems", err)
			}
			for _, p := range ce.Problems {
				if p.reason("vi") == "" || p.reason("en") == "" {
					t.Fatalf("problem %+v has no message", p)
				}
			}
			return
		}
		first, last := c.Years()
		entries := c.Entries()
		if len(entries) == 0 || first > last {
			t.Fatalf("loaded calendar has %d entries, years %d–%d", len(entries), first, last)
		}
		for _, e := range entries[:min(len(entries), 20)] {
			if c.IsWorkingDay(e.Date) != (e.Kind == KindSwapWork) {
				t.Fatalf("entry %+v: IsWorkingDay = %v", e, c.IsWorkingDay(e.Date))
			}
			if _, ok := c.Holiday(e.Date); ok == (e.Kind == KindSwapWork) {
				t.Fatalf("entry %+v: Holiday ok = %v", e, ok)
			}
			if next := c.AddWorkingDays(e.Date, 3); c.WorkingDaysBetween(e.Date, next) != 3 {
				t.Fatalf("entry %+v: 3 working days later is %v, %d apart", e, next, c.WorkingDaysBetween(e.Date, next))
			}
		}
	})
}
