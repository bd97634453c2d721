package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
)

// sideFrom is the width from which the queue and the event log sit beside the table.
const sideFrom = 130

// keys is the key map of whatever has the keyboard, for the help bar: the view on top, else the
// focused panel.
func (m *Model) keys() help.KeyMap {
	if v := m.overlays.top(); v != nil {
		return v
	}
	switch m.focus {
	case panelQueue:
		return m.queue
	case panelEvents:
		return m.events
	}
	return m.table
}

// bodyHeight is the height between the header and the help bar.
func (m *Model) bodyHeight() int {
	return max(3, m.common.Height-2-m.help.Height(m.keys()))
}

// layout gives every component its size for the current terminal.
func (m *Model) layout() {
	w, body := m.common.Width, m.bodyHeight()
	m.header.SetSize(w, 2)
	m.help.SetSize(w, 0)
	for _, v := range m.overlays {
		v.SetSize(w, body)
	}
	if w >= sideFrom {
		side := min(64, w/3)
		m.table.SetSize(w-side-1, body)
		m.queue.SetSize(side, body/2)
		m.events.SetSize(side, body-body/2)
		return
	}
	bottom := max(3, min(10, body/3))
	m.table.SetSize(w, body-bottom)
	qw := min(40, w*2/5)
	m.queue.SetSize(qw, bottom)
	m.events.SetSize(w-qw-1, bottom)
}

// View draws the header, the body (the view on top, else the panels) and the help bar; never
// touches MCU or SQLite.
func (m *Model) View() string {
	w, body := m.common.Width, m.bodyHeight()
	var mid string
	switch {
	case m.overlays.top() != nil:
		mid = m.overlays.top().View()
	case m.conf == nil && m.opts.Conference == "":
		mid = m.scheduleView()
	case m.conf == nil && len(m.snap.Participants) == 0:
		mid = m.common.Styles.StatusErr.Render(fit(" "+m.common.Text(txtNoConference, m.opts.Conference), w, false))
	case w >= sideFrom:
		side := m.queue.View() + "\n" + m.events.View()
		mid = besides(m.table.View(), side, w-min(64, w/3)-1)
	default:
		bottom := besides(m.queue.View(), m.events.View(), min(40, w*2/5))
		mid = m.table.View() + "\n" + bottom
	}
	head := m.header.View()
	if m.conf == nil && m.opts.Conference == "" {
		head = m.header.NoMeetingView()
	}
	out := head + "\n" + padLines(mid, body) + "\n" + m.help.View(m.keys())
	return padLines(out, m.common.Height)
}

// besides puts block b to the right of block a, a padded to width cells, with one space between.
func besides(a, b string, width int) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	n := max(len(al), len(bl))
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteByte('\n')
		}
		left, right := "", ""
		if i < len(al) {
			left = al[i]
		}
		if i < len(bl) {
			right = bl[i]
		}
		sb.WriteString(left)
		if pad := width - cells(left); pad > 0 {
			sb.WriteString(strings.Repeat(" ", pad))
		}
		sb.WriteByte(' ')
		sb.WriteString(right)
	}
	return sb.String()
}
