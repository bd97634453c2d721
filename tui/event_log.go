package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
)

// eventLogSize is how many lines the event log keeps.
const eventLogSize = 500

// logLine is one rendered line of the event log.
type logLine struct {
	at   time.Time
	text string
	warn bool
}

// EventLog shows the last events of the meeting, newest at the bottom, in the user's language.
type EventLog struct {
	common  Common
	lines   []logLine
	back    int // lines scrolled back from the newest
	width   int
	height  int
	focused bool
}

// NewEventLog returns an empty event log.
func NewEventLog(c Common) *EventLog { return &EventLog{common: c} }

// SetSize sets the panel's size, title line included.
func (l *EventLog) SetSize(width, height int) { l.width, l.height = width, height }

// SetFocused says whether the log has the keyboard.
func (l *EventLog) SetFocused(f bool) { l.focused = f }

// Len is the number of lines kept.
func (l *EventLog) Len() int { return len(l.lines) }

// AddEvent appends an MCU event, naming bridge points with names.
func (l *EventLog) AddEvent(e mcu.Event, names map[string]string) {
	txt, warn := describeEvent(l.common, e, names)
	l.Add(e.At, txt, warn)
}

// Add appends a line; warn lines are drawn in the error style.
func (l *EventLog) Add(at time.Time, text string, warn bool) {
	l.lines = append(l.lines, logLine{at: at, text: text, warn: warn})
	if len(l.lines) > eventLogSize {
		l.lines = append(l.lines[:0], l.lines[len(l.lines)-eventLogSize:]...)
	}
	if l.back > 0 {
		l.back++ // keep the view still while the user reads back
	}
}

// Init does nothing.
func (l *EventLog) Init() tea.Cmd { return nil }

// Update scrolls back and forth.
func (l *EventLog) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, l.common.Keys.Up):
			l.back++
		case key.Matches(km, l.common.Keys.Down):
			l.back--
		case key.Matches(km, l.common.Keys.End):
			l.back = 0
		}
		l.back = max(0, min(l.back, len(l.lines)-(l.height-1)))
	}
	return nil
}

// View renders the title and the visible lines, newest at the bottom.
func (l *EventLog) View() string {
	c := l.common
	out := []string{panelTitle(c, c.Text(txtPanelEvents), l.width, l.focused)}
	n := max(0, l.height-1)
	end := len(l.lines) - l.back
	start := max(0, end-n)
	if len(l.lines) == 0 {
		out = append(out, c.Styles.Dim.Render(fit(" "+c.Text(txtEventsEmpty), l.width, false)))
	}
	for _, ln := range l.lines[start:end] {
		s := fit(c.Styles.Dim.Render(ln.at.Local().Format("15:04:05"))+" "+ln.text, l.width, false)
		if ln.warn {
			s = c.Styles.StatusErr.Render(s)
		}
		out = append(out, s)
	}
	return padLines(strings.Join(out, "\n"), l.height)
}

// ShortHelp is the log's bindings for the help bar.
func (l *EventLog) ShortHelp() []key.Binding {
	k := l.common.Keys
	return k.shortHelp([]key.Binding{k.End})
}

// FullHelp is every binding of the log, in columns.
func (l *EventLog) FullHelp() [][]key.Binding {
	k := l.common.Keys
	return [][]key.Binding{{k.Up, k.Down, k.End}, k.globalFull()}
}
