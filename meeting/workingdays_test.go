package meeting

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestAddWorkingDays(t *testing.T) {
	c := DefaultCalendar()
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"across Tết: Fri 13/2 +1", vn(2026, 2, 13, 9, 0), 1, vn(2026, 2, 23, 9, 0)},
		{"across Tết backward: Mon 23/2 −1", vn(2026, 2, 23, 9, 0), -1, vn(2026, 2, 13, 9, 0)},
		{"from inside Tết: Wed 18/2 +1", vn(2026, 2, 18, 10, 15), 1, vn(2026, 2, 23, 10, 15)},
		{"across 30/4–1/5: Wed 29/4 +1", vn(2026, 4, 29, 14, 0), 1, vn(2026, 5, 4, 14, 0)},
		{"across Giỗ Tổ's substitute day: Fri 24/4 +1", vn(2026, 4, 24, 8, 0), 1, vn(2026, 4, 28, 8, 0)},
		{"back across 30/4–1/5: Mon 4/5 −2", vn(2026, 5, 4, 8, 0), -2, vn(2026, 4, 28, 8, 0)},
		{"across a weekend: Fri 6/3 +1", vn(2026, 3, 6, 17, 0), 1, vn(2026, 3, 9, 17, 0)},
		{"from a Saturday: Sat 7/3 +1", vn(2026, 3, 7, 11, 0), 1, vn(2026, 3, 9, 11, 0)},
		{"from a Sunday backward: Sun 8/3 −1", vn(2026, 3, 8, 11, 0), -1, vn(2026, 3, 6, 11, 0)},
		{"onto a Saturday worked: Fri 21/8 +1", vn(2026, 8, 21, 9, 0), 1, vn(2026, 8, 22, 9, 0)},
		{"past a Saturday worked: Fri 21/8 +2", vn(2026, 8, 21, 9, 0), 2, vn(2026, 8, 24, 9, 0)},
		{"across Quốc khánh: Fri 28/8 +1", vn(2026, 8, 28, 9, 0), 1, vn(2026, 9, 3, 9, 0)},
		{"across the new year: Wed 31/12/2025 +1", vn(2025, 12, 31, 9, 0), 1, vn(2026, 1, 5, 9, 0)},
		{"a week: Mon 9/3 +5", vn(2026, 3, 9, 9, 0), 5, vn(2026, 3, 16, 9, 0)},
		{"zero on a Sunday keeps the instant", vn(2026, 3, 8, 11, 0), 0, vn(2026, 3, 8, 11, 0)},
		{"input in UTC, day and clock taken in Vietnam", time.Date(2026, 2, 13, 2, 0, 0, 0, time.UTC), 1, vn(2026, 2, 23, 9, 0)},
		{"keeps seconds and nanoseconds", time.Date(2026, 3, 6, 23, 59, 59, 999, Zone()), 1, time.Date(2026, 3, 9, 23, 59, 59, 999, Zone())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameInstant(t, "AddWorkingDays", c.AddWorkingDays(tt.from, tt.n), tt.want)
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := DefaultCalendar()
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{"across Tết", vn(2026, 2, 13, 17, 0), vn(2026, 2, 23, 8, 0), 1},
		{"backward across Tết", vn(2026, 2, 23, 8, 0), vn(2026, 2, 13, 17, 0), -1},
		{"same date, clock ignored", vn(2026, 3, 9, 23, 0), vn(2026, 3, 9, 1, 0), 0},
		{"Fri to Sat", vn(2026, 3, 6, 9, 0), vn(2026, 3, 7, 9, 0), 0},
		{"Fri to Mon", vn(2026, 3, 6, 9, 0), vn(2026, 3, 9, 9, 0), 1},
		{"across 30/4–1/5", vn(2026, 4, 29, 9, 0), vn(2026, 5, 4, 9, 0), 1},
		{"April 2026 after the 24th", vn(2026, 4, 24, 9, 0), vn(2026, 4, 30, 9, 0), 2},
		{"January 2026 (1/1, 2/1 off; Sat 10/1 worked)", vn(2026, 1, 1, 9, 0), vn(2026, 1, 31, 9, 0), 21},
		{"February 2026 with Tết", vn(2026, 2, 2, 9, 0), vn(2026, 3, 2, 9, 0), 15},
		// 261 weekdays − 13 weekdays off (1/1, 2/1, Tết ×5, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9) + 2 Saturdays worked.
		{"the whole of 2026", vn(2025, 12, 31, 9, 0), vn(2026, 12, 31, 9, 0), 250},
		{"the whole of 2026 backward", vn(2026, 12, 31, 9, 0), vn(2025, 12, 31, 9, 0), -250},
		{"instants in UTC", time.Date(2026, 2, 13, 17, 30, 0, 0, time.UTC), time.Date(2026, 2, 22, 17, 30, 0, 0, time.UTC), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WorkingDaysBetween(tt.a, tt.b); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a.Format(time.DateTime), tt.b.Format(time.DateTime), got, tt.want)
			}
		})
	}
}

// TestWorkingDaysAgreeWithDayByDay checks the counting shortcut against walking day by day, and
// AddWorkingDays against WorkingDaysBetween, over random spans from 1965 to 2030.
func TestWorkingDaysAgreeWithDayByDay(t *testing.T) {
	c := DefaultCalendar()
	rng := rand.New(rand.NewPCG(6, 2026))
	lo, hi := dayFromDate(1965, time.January, 1), dayFromDate(2030, time.December, 31)
	for range 2000 {
		a := lo + civilDay(rng.IntN(int(hi-lo)))
		b := a + civilDay(rng.IntN(800)) - 400
		want := 0
		for d := min(a, b) + 1; d <= max(a, b); d++ {
			if c.isWorking(d) {
				want++
			}
		}
		if b < a {
			want = -want
		}
		if got := c.WorkingDaysBetween(a.midnight(), b.at(vn(2026, 1, 1, 15, 0))); got != want {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, day by day %d", a, b, got, want)
		}
		n := rng.IntN(30) - 15
		moved := c.AddWorkingDays(a.at(vn(2026, 1, 1, 10, 30)), n)
		// Forward, (a, moved] holds n working days; backward, [moved, a) holds −n.
		got := c.WorkingDaysBetween(a.midnight(), moved)
		if n < 0 {
			got = -c.WorkingDaysBetween(moved, a.midnight()) + boolInt(c.isWorking(a)) - 1
		}
		if got != n {
			t.Fatalf("AddWorkingDays(%s, %d) = %s spans %d working days", a, n, moved, got)
		}
		if n != 0 && !c.IsWorkingDay(moved) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, not a working day", a, n, moved)
		}
		if h, m, _ := moved.Clock(); h != 10 || m != 30 {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, lost the clock time 10:30", a, n, moved)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
