package meeting

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strings"
	"time"

	"diemcau/store"
)

// StoredCalendar is base (the built-in calendar when nil) with the days imported into the
// store on top: the one calendar every command and the server judge working days by.
func StoredCalendar(ctx context.Context, st *store.Store, base *Calendar) (*Calendar, error) {
	if base == nil {
		base = DefaultCalendar()
	}
	if st == nil {
		return base, nil
	}
	stored, err := st.CalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	if len(stored) == 0 {
		return base, nil
	}
	days := maps.Clone(base.days)
	if days == nil {
		days = make(map[civilDay]dayEntry, len(stored))
	}
	for _, sd := range stored {
		t, err := time.Parse(time.DateOnly, sd.Date)
		if err != nil {
			return nil, fmt.Errorf("stored calendar day %q: %w", sd.Date, err)
		}
		days[dayFromDate(t.Date())] = dayEntry{kind: DayKind(sd.Kind), name: sd.Name}
	}
	return newCalendar(days), nil
}

// ImportCalendar reads a holiday file and stores its days on top of the calendar, replacing
// the days of the same dates, all or nothing, audited as actor. A bad file fails with
// *CalendarError naming every bad line. It returns how many days were stored.
func ImportCalendar(ctx context.Context, st *store.Store, r io.Reader, actor string, now time.Time) (int, error) {
	days, err := parseHolidays(r)
	if err != nil {
		return 0, err
	}
	out := make([]store.CalendarDay, 0, len(days))
	for _, d := range newCalendar(days).sorted {
		e := days[d]
		out = append(out, store.CalendarDay{Date: d.String(), Kind: string(e.kind), Name: e.name, UpdatedAt: now, UpdatedBy: actor})
	}
	first, last := out[0].Date, out[len(out)-1].Date
	err = st.ImportCalendarDays(ctx, out, store.AuditEntry{At: now, Actor: actor, Action: ActionCalendarImport,
		Detail: fmt.Sprintf("%d days, %s to %s", len(out), first, last)})
	return len(out), err
}

// estimatedMarks are the words, folded, by which a holiday file marks a day as estimated
// (not yet announced officially): "(dự kiến)", "ước tính", "estimated".
var estimatedMarks = []string{"du kien", "uoc tinh", "estimated"}

// Estimated reports whether the entry is an estimate rather than an announced day.
func (e Entry) Estimated() bool {
	name := Fold(e.Name)
	for _, m := range estimatedMarks {
		if strings.Contains(name, m) {
			return true
		}
	}
	return false
}

// Risks says why the calendar cannot be trusted for the days from..to (the span a booking's
// deadlines fall in): a year it does not cover, or days it only estimates. Each is a catalogue
// key with its arguments, for a CalendarRiskError.
func (c *Calendar) Risks(from, to time.Time) []BookingProblem {
	var out []BookingProblem
	for y := from.In(vietnam).Year(); y <= to.In(vietnam).Year(); y++ {
		if !c.Covers(time.Date(y, 6, 1, 0, 0, 0, 0, vietnam)) {
			first, last := c.Years()
			out = append(out, BookingProblem{Field: "start", Reason: "cal.uncovered", Args: []any{y, first, last}})
		}
	}
	for d := dayOf(from); d <= dayOf(to); d++ {
		if e, ok := c.days[d]; ok {
			entry := Entry{Date: d.midnight(), Kind: e.kind, Name: e.name}
			if entry.Estimated() {
				out = append(out, BookingProblem{Field: "start", Reason: "cal.estimated", Args: []any{d.midnight().Format("02/01/2006"), e.name}})
			}
		}
	}
	return out
}

// CalendarRiskError refuses a booking whose deadlines fall where the calendar is not sure (a
// year it does not cover, estimated holidays) until someone accepts it with a reason.
type CalendarRiskError struct {
	Risks []BookingProblem
}

// Error is the Vietnamese message.
func (e *CalendarRiskError) Error() string { return e.Message("vi") }

// Message lists the reasons in lang and how to accept them.
func (e *CalendarRiskError) Message(lang string) string {
	return refusal(lang, "cal.riskHead", "cal.riskHint", e.Lines(lang))
}

// Lines are the reasons in lang, one each, for a form that shows them beside its fields.
func (e *CalendarRiskError) Lines(lang string) []string {
	out := make([]string, len(e.Risks))
	for i, r := range e.Risks {
		out[i] = r.Text(lang)
	}
	return out
}
