package meeting

import (
	"strings"
	"time"
)

// CalendarReason says why a holiday file was refused.
type CalendarReason int

// The reasons a holiday file is refused.
const (
	ReasonCSVSyntax       CalendarReason = iota + 1 // the CSV cannot be read past this line
	ReasonFieldCount                                // not exactly date,kind,name
	ReasonBadDate                                   // not a real YYYY-MM-DD date
	ReasonUnknownKind                               // not holiday, swap_off or swap_work
	ReasonEmptyName                                 // no name
	ReasonBadName                                   // not UTF-8, control characters, or too long
	ReasonDuplicateDate                             // the date is on an earlier line
	ReasonSwapWorkWeekday                           // swap_work on Monday–Friday
	ReasonSwapOffWeekend                            // swap_off on a Saturday or Sunday
	ReasonNoEntries                                 // the file lists no dates
	ReasonTooLarge                                  // the file is over the size limit
)

// CalendarProblem is one thing wrong with a holiday file: where, and why.
type CalendarProblem struct {
	Line      int    // 1-based line in the file; 0 for the whole file
	Field     string // "date", "kind" or "name"; "" for the whole line
	Reason    CalendarReason
	Value     string       // the offending text, when there is one
	OtherLine int          // for ReasonDuplicateDate: the line that has the date first
	Weekday   time.Weekday // for the swap reasons: the weekday of the date
	Count     int          // for ReasonFieldCount: the fields found
}

// CalendarError lists every problem of a holiday file; nothing of the file was loaded.
// Error() is in Vietnamese; Message gives English too.
type CalendarError struct {
	Problems []CalendarProblem
}

// maxListedProblems bounds how many problems a message spells out.
const maxListedProblems = 50

// Error lists the problems in Vietnamese.
func (e *CalendarError) Error() string { return e.Message("vi") }

// Message lists the problems in lang ("vi" default, "en"), one per line.
func (e *CalendarError) Message(lang string) string {
	var b strings.Builder
	b.WriteString(localize(lang, txtCalendarFailed, len(e.Problems)))
	for i, p := range e.Problems {
		if i == maxListedProblems {
			b.WriteString("\n")
			b.WriteString(localize(lang, txtMoreProblems, len(e.Problems)-i))
			break
		}
		b.WriteString("\n")
		b.WriteString(p.Message(lang))
	}
	return b.String()
}

// Message says where and why in lang ("vi" default, "en").
func (p CalendarProblem) Message(lang string) string {
	reason := p.reason(lang)
	switch {
	case p.Line == 0:
		return reason
	case p.Field == "":
		return localize(lang, txtLine, p.Line, reason)
	default:
		return localize(lang, txtLineField, p.Line, p.Field, reason)
	}
}

// reason is the problem's reason alone, in lang.
func (p CalendarProblem) reason(lang string) string {
	day := weekdayNames.Text(lang, p.Weekday)
	switch p.Reason {
	case ReasonCSVSyntax:
		return localize(lang, txtCSVSyntax)
	case ReasonFieldCount:
		return localize(lang, txtFieldCount, p.Count)
	case ReasonBadDate:
		return localize(lang, txtBadDate, p.Value)
	case ReasonUnknownKind:
		return localize(lang, txtUnknownKind, p.Value)
	case ReasonEmptyName:
		return localize(lang, txtEmptyName)
	case ReasonBadName:
		return localize(lang, txtBadName, maxNameRunes)
	case ReasonDuplicateDate:
		return localize(lang, txtDuplicateDate, p.Value, p.OtherLine)
	case ReasonSwapWorkWeekday:
		return localize(lang, txtSwapWorkWeekday, p.Value, day)
	case ReasonSwapOffWeekend:
		return localize(lang, txtSwapOffWeekend, p.Value, day)
	case ReasonNoEntries:
		return localize(lang, txtNoEntries)
	case ReasonTooLarge:
		return localize(lang, txtTooLarge, maxCalendarBytes>>10)
	}
	return ""
}
