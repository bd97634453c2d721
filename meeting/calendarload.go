package meeting

import (
	"bytes"
	_ "embed" // the default holiday file
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// defaultHolidays is the shipped holiday file (2025–2027); testdata/README.md documents it.
//
//go:embed holidays-vn.csv
var defaultHolidays []byte

const (
	maxCalendarBytes = 1 << 20 // a holiday file is a few KB; refuse anything absurd
	maxNameRunes     = 200
)

// holidayHeader is the optional first line of a holiday file.
var holidayHeader = []string{"date", "kind", "name"}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, err := LoadCalendar(bytes.NewReader(defaultHolidays))
	if err != nil {
		panic(fmt.Sprintf("meeting: the embedded holidays-vn.csv is invalid: %v", err))
	}
	return c
})

// DefaultCalendar returns the calendar of the embedded holiday file (Vietnam, 2025–2027).
func DefaultCalendar() *Calendar { return defaultCalendar() }

// DefaultHolidaysCSV returns a copy of the embedded holiday file, for a user to start an own file from.
func DefaultHolidaysCSV() []byte { return bytes.Clone(defaultHolidays) }

// LoadCalendar reads a holiday file (CSV date,kind,name; see testdata/README.md) into a calendar
// that holds only that file's dates. If anything is wrong it returns a *CalendarError listing
// every bad line, and no calendar.
func LoadCalendar(r io.Reader) (*Calendar, error) {
	days, err := parseHolidays(r)
	if err != nil {
		return nil, err
	}
	return newCalendar(days), nil
}

// Extend returns a new calendar with the dates of the holiday file r added to c's; a date in r
// replaces c's entry for that date. c is unchanged. Errors are as for LoadCalendar.
func (c *Calendar) Extend(r io.Reader) (*Calendar, error) {
	add, err := parseHolidays(r)
	if err != nil {
		return nil, err
	}
	days := maps.Clone(c.days)
	if days == nil {
		days = make(map[civilDay]dayEntry, len(add))
	}
	maps.Copy(days, add)
	return newCalendar(days), nil
}

// parseHolidays reads and checks a whole holiday file.
func parseHolidays(r io.Reader) (map[civilDay]dayEntry, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCalendarBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read holiday file: %w", err)
	}
	if len(data) > maxCalendarBytes {
		return nil, &CalendarError{Problems: []CalendarProblem{{Reason: ReasonTooLarge}}}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))

	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true

	days := make(map[civilDay]dayEntry)
	firstLine := make(map[civilDay]int)
	var problems []CalendarProblem
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems = append(problems, csvProblem(err))
			break
		}
		line, _ := cr.FieldPos(0)
		if first && isHolidayHeader(rec) {
			continue
		}
		d, e, ps := parseHolidayLine(rec, line)
		if len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		if prev, dup := firstLine[d]; dup {
			problems = append(problems, CalendarProblem{Line: line, Field: "date", Reason: ReasonDuplicateDate, Value: d.String(), OtherLine: prev})
			continue
		}
		firstLine[d] = line
		days[d] = e
	}
	if len(problems) == 0 && len(days) == 0 {
		problems = append(problems, CalendarProblem{Reason: ReasonNoEntries})
	}
	if len(problems) > 0 {
		return nil, &CalendarError{Problems: problems}
	}
	return days, nil
}

// csvProblem turns a CSV reader error into a problem at its line.
func csvProblem(err error) CalendarProblem {
	p := CalendarProblem{Reason: ReasonCSVSyntax}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		p.Line = pe.Line
	}
	return p
}

// isHolidayHeader reports whether rec is the line date,kind,name.
func isHolidayHeader(rec []string) bool {
	if len(rec) != len(holidayHeader) {
		return false
	}
	for i, f := range rec {
		if !strings.EqualFold(strings.TrimSpace(f), holidayHeader[i]) {
			return false
		}
	}
	return true
}

// parseHolidayLine checks one line on its own.
func parseHolidayLine(rec []string, line int) (civilDay, dayEntry, []CalendarProblem) {
	if len(rec) != 3 {
		return 0, dayEntry{}, []CalendarProblem{{Line: line, Reason: ReasonFieldCount, Count: len(rec)}}
	}
	var problems []CalendarProblem
	rawDate, rawKind, name := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2])

	t, dateErr := time.Parse(time.DateOnly, rawDate)
	if dateErr != nil {
		problems = append(problems, CalendarProblem{Line: line, Field: "date", Reason: ReasonBadDate, Value: rawDate})
	}
	kind := DayKind(rawKind)
	switch kind {
	case KindHoliday, KindSwapOff, KindSwapWork:
	default:
		problems = append(problems, CalendarProblem{Line: line, Field: "kind", Reason: ReasonUnknownKind, Value: rawKind})
	}
	if p, bad := checkHolidayName(name, line); bad {
		problems = append(problems, p)
	}
	if len(problems) > 0 {
		return 0, dayEntry{}, problems
	}

	d := dayFromDate(t.Date())
	switch {
	case kind == KindSwapWork && !d.isWeekend():
		return 0, dayEntry{}, []CalendarProblem{{Line: line, Field: "kind", Reason: ReasonSwapWorkWeekday, Value: d.String(), Weekday: d.weekday()}}
	case kind == KindSwapOff && d.isWeekend():
		return 0, dayEntry{}, []CalendarProblem{{Line: line, Field: "kind", Reason: ReasonSwapOffWeekend, Value: d.String(), Weekday: d.weekday()}}
	}
	return d, dayEntry{kind: kind, name: name}, nil
}

// checkHolidayName returns the problem with a name, if any.
func checkHolidayName(name string, line int) (CalendarProblem, bool) {
	switch {
	case name == "":
		return CalendarProblem{Line: line, Field: "name", Reason: ReasonEmptyName}, true
	case !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxNameRunes || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return CalendarProblem{Line: line, Field: "name", Reason: ReasonBadName}, true
	}
	return CalendarProblem{}, false
}
