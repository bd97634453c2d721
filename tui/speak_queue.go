package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
)

// SpeakQueue lists the speak requests in order, with the floor holder, state and waiting time.
type SpeakQueue struct {
	common Common
	items  []mcu.SpeakRequest
	names  map[string]string
	now    time.Time
	listCursor
	width   int
	height  int
	focused bool
	since   map[string]time.Time // floor holder → when granted
}

// NewSpeakQueue returns an empty queue panel.
func NewSpeakQueue(c Common) *SpeakQueue { return &SpeakQueue{common: c} }

// SetSize sets the panel's size, title line included.
func (q *SpeakQueue) SetSize(width, height int) { q.width, q.height = width, height; q.clamp() }

// SetFloorSince tells the queue when each floor holder was granted the floor (its speaking timer).
func (q *SpeakQueue) SetFloorSince(since map[string]time.Time) { q.since = since }

// SetFocused says whether the queue has the keyboard.
func (q *SpeakQueue) SetFocused(f bool) { q.focused = f }

// SetSnapshot takes the requests of s; a floor holder without a request is listed first with ID 0.
func (q *SpeakQueue) SetSnapshot(s mcu.Snapshot, names map[string]string, now time.Time) {
	var selected int64 = -1
	if it, ok := q.Selected(); ok {
		selected = it.ID
	}
	q.items = q.items[:0]
	for _, p := range s.Participants {
		if p.Floor && !hasGranted(s.Requests, p.ID) {
			q.items = append(q.items, mcu.SpeakRequest{BridgePoint: p.ID, State: "granted"})
		}
	}
	q.items = append(q.items, s.Requests...)
	q.names, q.now = names, now
	for i, it := range q.items {
		if it.ID == selected {
			q.cursor = i
		}
	}
	q.clamp()
}

// requestStates names the states of a speak request.
var requestStates = map[string]textKey{
	"waiting": txtQueueWaiting, "forwarded": txtQueueForwarded, "granted": txtQueueGranted,
	"done": txtQueueDone, "dismissed": txtQueueDismissed,
}

// hasGranted reports whether a granted request of bp is in rs.
func hasGranted(rs []mcu.SpeakRequest, bp string) bool {
	for _, r := range rs {
		if r.BridgePoint == bp && r.State == "granted" {
			return true
		}
	}
	return false
}

// Selected returns the request under the cursor.
func (q *SpeakQueue) Selected() (mcu.SpeakRequest, bool) {
	if q.cursor < 0 || q.cursor >= len(q.items) {
		return mcu.SpeakRequest{}, false
	}
	return q.items[q.cursor], true
}

// Init does nothing.
func (q *SpeakQueue) Init() tea.Cmd { return nil }

// Update moves the cursor; the root turns enter, d, f and x into MCU commands.
func (q *SpeakQueue) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		q.move(q.common.Keys, km, len(q.items), q.height-1)
	}
	return nil
}

// clamp keeps the cursor on an item and in sight.
func (q *SpeakQueue) clamp() {
	q.listCursor.clamp(len(q.items), q.height-1)
}

// View renders the title and the visible requests: order, name, state, waiting time.
func (q *SpeakQueue) View() string {
	c := q.common
	lines := []string{panelTitle(c, fmt.Sprintf("%s (%d)", c.Text(txtPanelQueue), len(q.items)), q.width, q.focused)}
	if len(q.items) == 0 {
		lines = append(lines, c.Styles.Dim.Render(fit(" "+c.Text(txtQueueEmpty), q.width, false)))
	}
	end := min(len(q.items), q.offset+max(1, q.height-1))
	for i := q.offset; i < end; i++ {
		it := q.items[i]
		right := " " + q.timing(it)
		left := fmt.Sprintf("%2d. %s", i+1, nameOf(q.names, it.BridgePoint))
		line := fit(fit(left, q.width-cells(right), false)+right, q.width, false)
		if i == q.cursor && q.focused {
			line = c.Styles.Selected.Render(line)
		} else if it.State == "granted" {
			line = c.Styles.StatusOK.Render(line)
		}
		lines = append(lines, line)
	}
	return padLines(strings.Join(lines, "\n"), q.height)
}

// timing is a request's state and its clock: the speaking timer of the floor holder, the time a
// forwarded request was forwarded, and how long it has waited.
func (q *SpeakQueue) timing(it mcu.SpeakRequest) string {
	c := q.common
	state := c.Text(requestStates[it.State])
	clockText := "  –  "
	if !it.RequestedAt.IsZero() {
		clockText = minSec(q.now.Sub(it.RequestedAt))
	}
	switch {
	case it.State == "granted":
		if at, ok := q.since[it.BridgePoint]; ok {
			clockText = minSec(q.now.Sub(at))
		}
	case it.State == "forwarded" && !it.ForwardedAt.IsZero():
		state = c.Text(txtForwardedAt, it.ForwardedAt.Local().Format("15:04"))
	}
	return fit(state, 9, false) + " " + clockText
}

// ShortHelp is the queue's bindings for the help bar.
func (q *SpeakQueue) ShortHelp() []key.Binding {
	k := q.common.Keys
	return k.shortHelp([]key.Binding{k.Grant, k.Forward, k.Dismiss}, k.Revoke)
}

// FullHelp is every binding of the queue, in columns.
func (q *SpeakQueue) FullHelp() [][]key.Binding {
	k := q.common.Keys
	return [][]key.Binding{{k.Up, k.Down}, {k.Grant, k.Revoke, k.Forward, k.Dismiss}, k.globalFull()}
}
