package meeting

import (
	"slices"
	"time"
)

// DayKind says what a line of the holiday file does to its date.
type DayKind string

// The kinds of day a holiday file lists.
const (
	// KindHoliday is a public holiday or a substitute day off: no work.
	KindHoliday DayKind = "holiday"
	// KindSwapOff is a weekday given off by a government swap: no work.
	KindSwapOff DayKind = "swap_off"
	// KindSwapWork is a Saturday or Sunday worked to compensate a swap: a working day.
	KindSwapWork DayKind = "swap_work"
)

// Entry is one dated line of the holiday calendar.
type Entry struct {
	Date time.Time // midnight of the date in Asia/Ho_Chi_Minh
	Kind DayKind
	Name string // in Vietnamese, as the file gives it
}

// Calendar tells working days from days off: Monday–Friday, minus the holidays and swapped days
// off of its data, plus the swapped Saturdays worked. It is immutable and safe for concurrent use.
// Outside the years its data covers (see Years) it knows no holidays and uses Monday–Friday only;
// the zero Calendar has no data at all.
type Calendar struct {
	days   map[civilDay]dayEntry
	sorted []civilDay // keys of days, ascending
}

// dayEntry is what the calendar knows about one date.
type dayEntry struct {
	kind DayKind
	name string
}

// newCalendar builds a calendar from validated entries.
func newCalendar(days map[civilDay]dayEntry) *Calendar {
	sorted := make([]civilDay, 0, len(days))
	for d := range days {
		sorted = append(sorted, d)
	}
	slices.Sort(sorted)
	return &Calendar{days: days, sorted: sorted}
}

// isWorking reports whether d is a working day.
func (c *Calendar) isWorking(d civilDay) bool {
	if e, ok := c.days[d]; ok {
		return e.kind == KindSwapWork
	}
	return !d.isWeekend()
}

// IsWorkingDay reports whether the date of t in Asia/Ho_Chi_Minh is a working day.
func (c *Calendar) IsWorkingDay(t time.Time) bool { return c.isWorking(dayOf(t)) }

// Holiday returns the name of the holiday or swapped day off on the date of t, if it is one.
// A swapped Saturday worked is not a holiday: use Entry to see it.
func (c *Calendar) Holiday(t time.Time) (name string, ok bool) {
	e, found := c.days[dayOf(t)]
	if !found || e.kind == KindSwapWork {
		return "", false
	}
	return e.name, true
}

// Entry returns what the data says about the date of t, if anything.
func (c *Calendar) Entry(t time.Time) (Entry, bool) {
	d := dayOf(t)
	e, ok := c.days[d]
	if !ok {
		return Entry{}, false
	}
	return Entry{Date: d.midnight(), Kind: e.kind, Name: e.name}, true
}

// Entries returns every dated line of the calendar, by date.
func (c *Calendar) Entries() []Entry {
	out := make([]Entry, 0, len(c.sorted))
	for _, d := range c.sorted {
		e := c.days[d]
		out = append(out, Entry{Date: d.midnight(), Kind: e.kind, Name: e.name})
	}
	return out
}

// Years returns the first and last year that have at least one entry. Every year from first to
// last counts as covered; for a date outside them the calendar knows no holidays and falls back
// to Monday–Friday, so callers should warn (see Covers).
func (c *Calendar) Years() (first, last int) {
	if len(c.sorted) == 0 {
		return 0, 0
	}
	first, _, _ = c.sorted[0].date()
	last, _, _ = c.sorted[len(c.sorted)-1].date()
	return first, last
}

// Covers reports whether the year of t (in Asia/Ho_Chi_Minh) lies within Years.
func (c *Calendar) Covers(t time.Time) bool {
	first, last := c.Years()
	y := t.In(vietnam).Year()
	return len(c.sorted) > 0 && y >= first && y <= last
}
