package meeting

import (
	"strings"
	"time"
)

// Localized is an error that can say itself in the user's language ("vi" or "en").
type Localized interface {
	error
	Message(lang string) string
}

// BookingProblem is one thing wrong with a booking: the form's field (JSON path, e.g.
// "bridge_points[2].id"; "" for the file as a whole) and the reason, a catalogue key.
type BookingProblem struct {
	Field  string
	Reason string
	Args   []any  // a textArg among them is a catalogue key, said in the reader's language
	Site   string // for a sub bridge point's field, the site as the form wrote it
}

// textArg is an argument of a problem that is itself a catalogue key ("type.number").
type textArg string

// BookingError lists everything wrong with a booking; nothing was written.
type BookingError struct {
	Problems []BookingProblem
}

// problem is a BookingError with one problem.
func problem(field, reason string, args ...any) *BookingError {
	return &BookingError{Problems: []BookingProblem{{Field: field, Reason: reason, Args: args}}}
}

// add appends a problem.
func (e *BookingError) add(field, reason string, args ...any) {
	e.Problems = append(e.Problems, BookingProblem{Field: field, Reason: reason, Args: args})
}

// Error is the Vietnamese message.
func (e *BookingError) Error() string { return e.Message("vi") }

// Message lists the problems in lang, one a line, each with its field.
func (e *BookingError) Message(lang string) string {
	var b strings.Builder
	b.WriteString(bt(lang, "refused"))
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		if p.Field != "" {
			b.WriteString(fieldLabel(lang, p.Field, p.Site) + ": ")
		}
		b.WriteString(p.Text(lang))
	}
	return b.String()
}

// Text is the problem's reason in lang, without its field.
func (p BookingProblem) Text(lang string) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if k, ok := a.(textArg); ok {
			a = bt(lang, string(k))
		}
		args[i] = a
	}
	return bt(lang, p.Reason, args...)
}

// Conflict is another booking using the same room or bridge points at an overlapping time.
type Conflict struct {
	Other        int64 // the other booking's id
	Content      string
	Start, End   time.Time
	Room         bool     // the host's room is taken
	BridgePoints []string // the shared bridge points
	Sites        []string // the same, each as "ID (name)" when the registry names it
}

// ConflictError refuses a booking that clashes with others; a technician may override it.
type ConflictError struct {
	Conflicts []Conflict
}

// Error is the Vietnamese message.
func (e *ConflictError) Error() string { return e.Message("vi") }

// Message names every clashing meeting in lang, and how to override.
func (e *ConflictError) Message(lang string) string {
	items := make([]string, len(e.Conflicts))
	for i, c := range e.Conflicts {
		items[i] = c.Describe(lang)
	}
	return refusal(lang, "conflictHead", "conflictHint", items)
}

// refusal is a refusal in lang: its head, one "  - " line per item, then how to override it.
func refusal(lang, head, hint string, items []string) string {
	var b strings.Builder
	b.WriteString(bt(lang, head))
	for _, it := range items {
		b.WriteString("\n  - " + it)
	}
	b.WriteString("\n" + bt(lang, hint))
	return b.String()
}

// Describe says, in lang, which meeting clashes and on what.
func (c Conflict) Describe(lang string) string {
	sites := c.Sites
	if len(sites) == 0 {
		sites = c.BridgePoints
	}
	what := strings.Join(sites, ", ")
	if c.Room {
		what = bt(lang, "conflictRoom") + "; " + what
	}
	return bt(lang, "conflictWith", c.Other, c.Content, formatSpan(c.Start, c.End), what)
}

// StepError refuses a workflow step that is not the next one.
type StepError struct {
	Booking int64
	Step    Step
	Want    Step // the step that must come first; "" when the booking is cancelled or finished
	Reason  string
}

// Error is the Vietnamese message.
func (e *StepError) Error() string { return e.Message("vi") }

// Message explains in lang why the step was refused.
func (e *StepError) Message(lang string) string {
	if e.Want != "" {
		return bt(lang, "stepOrder", e.Booking, stepName(lang, e.Step), stepName(lang, e.Want))
	}
	return bt(lang, e.Reason, e.Booking, stepName(lang, e.Step))
}

// formatSpan prints a meeting's time as "08:00–11:00 10/12/2026" in Vietnam.
func formatSpan(start, end time.Time) string {
	s, e := start.In(vietnam), end.In(vietnam)
	if dayOf(s) == dayOf(e) {
		return s.Format("15:04") + "–" + e.Format("15:04 02/01/2006")
	}
	return s.Format("15:04 02/01/2006") + " – " + e.Format("15:04 02/01/2006")
}

// formatWhen prints an instant as "15:04 02/01/2006" in Vietnam; "—" for the zero time.
func formatWhen(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(vietnam).Format("15:04 02/01/2006")
}

// bt returns the booking catalogue's string key in lang, formatted with args.
// A key the catalogue lacks is returned as it is.
func bt(lang, key string, args ...any) string {
	if _, ok := bookingText.Lookup(lang, key); !ok {
		return key
	}
	return bookingText.Text(lang, key, args...)
}
