package meeting

import (
	"slices"
	"time"
)

// AddWorkingDays returns the instant at t's clock time on the n-th working day after the date of
// t (n > 0) or before it (n < 0), in Asia/Ho_Chi_Minh. The date of t itself is never counted, so
// from a Saturday, +1 is the next Monday (if working). n = 0 returns t unchanged, in that zone.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	if n == 0 {
		return t.In(vietnam)
	}
	return c.stepWorkingDays(dayOf(t), n).at(t)
}

// stepWorkingDays returns the n-th working day after d (n > 0) or before it (n < 0).
func (c *Calendar) stepWorkingDays(d civilDay, n int) civilDay {
	step := civilDay(1)
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d += step
		if c.isWorking(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days strictly after the date of a up to and including the
// date of b (dates in Asia/Ho_Chi_Minh; clock times are ignored). It is 0 on the same date and
// negative when b's date is before a's: −WorkingDaysBetween(b, a). For n > 0,
// WorkingDaysBetween(t, AddWorkingDays(t, n)) == n.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	da, db := dayOf(a), dayOf(b)
	if db < da {
		return -c.workingDaysIn(db, da)
	}
	return c.workingDaysIn(da, db)
}

// workingDaysIn counts the working days in (lo, hi]: the weekdays, corrected by the entries in range.
func (c *Calendar) workingDaysIn(lo, hi civilDay) int {
	n := weekdaysThrough(hi) - weekdaysThrough(lo)
	start, _ := slices.BinarySearch(c.sorted, lo+1)
	for _, d := range c.sorted[start:] {
		if d > hi {
			break
		}
		weekday := !d.isWeekend()
		switch c.days[d].kind {
		case KindSwapWork:
			if !weekday {
				n++
			}
		case KindHoliday, KindSwapOff:
			if weekday {
				n--
			}
		}
	}
	return n
}
