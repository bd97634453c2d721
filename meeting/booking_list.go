package meeting

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ANSI colours of the booking list: red for overdue, yellow for due today.
const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiReset  = "\x1b[0m"
)

// UnitNames returns the registry's unit names by ID, for lists and reports.
func (d *Desk) UnitNames(ctx context.Context) (map[string]string, error) {
	units, err := d.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(units))
	for _, u := range units {
		names[u.ID] = u.Name
	}
	return names, nil
}

// WriteBookingList prints the bookings as a table with each one's state and next deadline;
// with color, overdue rows are red and rows due today yellow (for a terminal).
func WriteBookingList(w io.Writer, list []BookingStatus, units map[string]string, lang string, color bool) error {
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, bt(lang, "noBookings"))
		return err
	}
	rows := [][]string{{bt(lang, "col.id"), bt(lang, "col.when"), bt(lang, "col.host"), bt(lang, "col.content"),
		bt(lang, "col.state"), bt(lang, "col.next")}}
	var paint []string
	paint = append(paint, "")
	for _, s := range list {
		b := s.Booking
		rows = append(rows, []string{"#" + strconv.FormatInt(b.ID, 10), formatSpan(b.StartsAt, b.EndsAt),
			clip(unitName(units, b.HostUnit), 28), clip(b.Content, 36), stepName(lang, s.State), nextText(s, lang)})
		paint = append(paint, rowColor(s.Overdue, s.DueToday))
	}
	return writeTable(w, rows, paint, color)
}

// nextText says what is due next and when: "báo Điện lực 15:00 11/12/2026 (QUÁ HẠN)".
func nextText(s BookingStatus, lang string) string {
	if s.Next == nil {
		return "—"
	}
	when := bt(lang, "noDeadline")
	if !s.Next.Due.IsZero() {
		when = formatWhen(s.Next.Due)
	}
	text := dueName(lang, s.Next.Step) + " " + when
	switch {
	case s.Overdue:
		text += " (" + bt(lang, "overdue") + ")"
	case s.DueToday:
		text += " (" + bt(lang, "dueToday") + ")"
	}
	return text
}

// WriteDue prints the steps overdue or due today, most urgent first.
func WriteDue(w io.Writer, items []DueItem, units map[string]string, lang string, color bool) error {
	if len(items) == 0 {
		_, err := fmt.Fprintln(w, bt(lang, "nothingDue"))
		return err
	}
	rows := [][]string{{bt(lang, "col.id"), bt(lang, "col.next"), bt(lang, "col.due"), bt(lang, "col.host"),
		bt(lang, "col.content")}}
	paint := []string{""}
	for _, it := range items {
		due := formatWhen(it.Deadline.Due)
		if it.Overdue {
			due += " (" + bt(lang, "overdue") + ")"
		} else {
			due += " (" + bt(lang, "dueToday") + ")"
		}
		rows = append(rows, []string{"#" + strconv.FormatInt(it.Booking.ID, 10), dueName(lang, it.Deadline.Step), due,
			clip(unitName(units, it.Booking.HostUnit), 28), clip(it.Booking.Content, 36)})
		paint = append(paint, rowColor(it.Overdue, !it.Overdue))
	}
	return writeTable(w, rows, paint, color)
}

func rowColor(overdue, today bool) string {
	switch {
	case overdue:
		return ansiRed
	case today:
		return ansiYellow
	}
	return ""
}

// writeTable prints rows in aligned columns (by runes, so Vietnamese lines up), the first
// row as a header; with color each row is wrapped in its paint.
func writeTable(w io.Writer, rows [][]string, paint []string, color bool) error {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for n, r := range rows {
		var line strings.Builder
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)))
			}
		}
		text := line.String()
		if color && paint[n] != "" {
			text = paint[n] + text + ansiReset
		}
		b.WriteString(text + "\n")
		if n == 0 {
			total := 2 * (len(widths) - 1)
			for _, wd := range widths {
				total += wd
			}
			b.WriteString(strings.Repeat("─", total) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// clip shortens s to at most n runes, ending in "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func unitName(units map[string]string, id string) string {
	if n, ok := units[id]; ok && n != "" {
		return n
	}
	return id
}
