package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// RecordingsView shows the live meeting's recording and the list of recordings with size,
// duration and delivery deadline (Article 12.2); it starts and stops recording and marks a
// recording delivered, after a y/n question.
type RecordingsView struct {
	common    Common
	cal       *meeting.Calendar // base with the stored days, as last read
	base      *meeting.Calendar // the session's calendar; never changed, so commands may read it
	items     []store.Recording
	units     map[string]string
	live      mcu.RecordingStatus
	recording bool
	meeting   bool // a live meeting is shown: recording can start
	loaded    bool
	err       string
	now       time.Time
	asking    int64 // the recording awaiting y/n for delivery; 0 when none
	listCursor
	width  int
	height int
}

// NewRecordingsView returns an empty recordings view judging deadlines with cal.
func NewRecordingsView(c Common, cal *meeting.Calendar) *RecordingsView {
	return &RecordingsView{common: c, cal: cal, base: cal, now: time.Now()}
}

// SetSize sets the view's size.
func (v *RecordingsView) SetSize(width, height int) { v.width, v.height = width, height; v.clamp() }

// SetData replaces what the view shows, keeping the cursor on the same recording.
func (v *RecordingsView) SetData(msg recordingsMsg) {
	var keep int64
	if r, ok := v.Selected(); ok {
		keep = r.ID
	}
	v.loaded, v.now = true, msg.at
	v.items, v.units, v.live, v.recording, v.meeting = msg.list, msg.units, msg.live, msg.recording, msg.meeting
	if msg.cal != nil {
		v.cal = msg.cal
	}
	v.err = ""
	if msg.err != nil {
		v.err = v.common.Text(txtRecLoadFailed, msg.err.Error())
	}
	for i, r := range v.items {
		if r.ID == keep {
			v.cursor = i
		}
	}
	v.clamp()
}

// Selected returns the recording under the cursor.
func (v *RecordingsView) Selected() (store.Recording, bool) {
	if v.cursor < 0 || v.cursor >= len(v.items) {
		return store.Recording{}, false
	}
	return v.items[v.cursor], true
}

// Init does nothing.
func (v *RecordingsView) Init() tea.Cmd { return nil }

// Update moves the cursor, asks for start/stop, and asks y/n before marking delivered.
func (v *RecordingsView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := v.common.Keys
	send := func(m tea.Msg) tea.Cmd { return func() tea.Msg { return m } }
	if v.asking != 0 {
		id := v.asking
		switch {
		case key.Matches(km, k.Yes):
			v.asking = 0
			for _, r := range v.items {
				if r.ID == id {
					return send(recordingDeliverMsg{rec: r, to: v.recipient(r)})
				}
			}
		case key.Matches(km, k.No):
			v.asking = 0
		}
		return nil
	}
	switch {
	case key.Matches(km, k.Cancel), key.Matches(km, k.Recordings):
		return send(recordingsCloseMsg{})
	case v.move(k, km, len(v.items), v.height-5):
	case key.Matches(km, k.RecordToggle):
		return send(recordingToggleMsg{stop: v.recording})
	case key.Matches(km, k.Deliver):
		if r, ok := v.Selected(); ok {
			v.asking = r.ID
		}
	}
	v.clamp()
	return nil
}

// recipient is who receives r: the meeting's host unit by name.
func (v *RecordingsView) recipient(r store.Recording) string {
	if name := v.units[r.HostUnit]; name != "" {
		return name
	}
	if r.HostUnit != "" {
		return r.HostUnit
	}
	return r.MeetingTitle
}

// clamp keeps the cursor on an item and in sight.
func (v *RecordingsView) clamp() {
	v.listCursor.clamp(len(v.items), v.height-5)
}

// View renders the title, the live recording, the column heads, one line per recording and a hint.
func (v *RecordingsView) View() string {
	c, st := v.common, v.common.Styles
	line := func(s string, style lipgloss.Style) string { return style.Render(fit(s, v.width, false)) }
	lines := []string{panelTitle(c, c.Text(txtRecTitle, len(v.items)), v.width, true), v.liveLine()}
	lines = append(lines, line(" "+fit("#", 5, false)+" "+fit(c.Text(txtRecColStart), 11, false)+"  "+
		fit(c.Text(txtRecColDuration), 10, false)+" "+fit(c.Text(txtRecColSize), 9, true)+"  "+
		fit(c.Text(txtRecColDue), 19, false)+" "+c.Text(txtRecColDelivered), st.TableHeader))
	switch {
	case v.err != "":
		lines = append(lines, line(" "+v.err, st.StatusErr))
	case !v.loaded:
		lines = append(lines, line(" "+c.Text(txtRecLoading), st.Dim))
	case len(v.items) == 0:
		lines = append(lines, line(" "+c.Text(txtRecNone), st.Dim))
	}
	n := max(1, v.height-len(lines)-1)
	end := min(len(v.items), v.offset+n)
	for i := v.offset; i < end; i++ {
		lines = append(lines, v.row(v.items[i], i == v.cursor))
	}
	body := padLines(strings.Join(lines, "\n"), max(1, v.height-1))
	return body + "\n" + v.hintLine()
}

// liveLine says whether the live meeting is being recorded, for how long and how much.
func (v *RecordingsView) liveLine() string {
	c, st := v.common, v.common.Styles
	switch {
	case v.recording:
		s := " " + c.Text(txtRecRunning, clock(v.now.Sub(v.live.StartedAt)), len(v.live.Files), sizeText(v.live.Bytes))
		if v.live.Dropped > 0 {
			s += " · " + c.Text(txtRecDropped, v.live.Dropped)
		}
		return st.StatusErr.Render(fit(s, v.width, false))
	case !v.meeting:
		return st.Dim.Render(fit(" "+c.Text(txtRecNoMeeting), v.width, false))
	}
	return st.Dim.Render(fit(" "+c.Text(txtRecIdle), v.width, false))
}

// hintLine is the question being asked, or the view's keys.
func (v *RecordingsView) hintLine() string {
	c, st := v.common, v.common.Styles
	if v.asking != 0 {
		for _, r := range v.items {
			if r.ID == v.asking {
				return st.Value.Render(fit(" "+c.Text(txtRecDeliverAsk, r.ID, v.recipient(r)), v.width, false))
			}
		}
	}
	hint := txtRecHint
	if !c.Keys.RecordToggle.Enabled() && !c.Keys.Deliver.Enabled() {
		hint = txtRecHintRead
	}
	return st.Dim.Render(fit(" "+c.Text(hint), v.width, false))
}

// row is one recording: id, start, duration, size, deadline (coloured when due or late) and delivery.
func (v *RecordingsView) row(r store.Recording, selected bool) string {
	c, st := v.common, v.common.Styles
	d := v.cal.RecordingDelivery(r, v.now)
	dur, size := clock(r.Duration), sizeText(r.Bytes)
	if r.StoppedAt.IsZero() {
		dur, size = c.Text(txtRecRunningRow), "–"
		if v.recording && v.live.ID == r.ID {
			dur, size = clock(v.now.Sub(r.StartedAt)), sizeText(v.live.Bytes)
		}
	}
	due := c.Text(txtRecDueLive)
	dueStyle := st.Dim
	if !d.Due.IsZero() {
		due = when(d.Due)
		dueStyle = st.Value.UnsetBold()
		switch {
		case d.Late && !d.Delivered:
			due += " " + c.Text(txtRecOverdue)
			dueStyle = st.StatusErr
		case d.DueToday:
			due += " " + c.Text(txtRecToday)
			dueStyle = st.MicMuted
		}
	}
	delivered := "–"
	if d.Delivered {
		delivered = "✓ " + when(r.DeliveredAt)
		if d.Late {
			delivered += " " + c.Text(txtRecLate)
		}
	}
	head := fmt.Sprintf(" #%-4d %-11s  %-10s %9s  ", r.ID, when(r.StartedAt), fit(dur, 10, false), fit(size, 9, true))
	tail := " " + fit(delivered, 17, false) + " " + r.MeetingTitle
	whole := head + fit(due, 19, false) + tail
	switch {
	case selected:
		return st.Selected.Render(fit(whole, v.width, false))
	case cells(head)+19 > v.width:
		return fit(whole, v.width, false)
	}
	return head + dueStyle.Render(fit(due, 19, false)) + fit(tail, v.width-cells(head)-19, false)
}

// sizeText prints a file size in B, kB, MB or GB.
func sizeText(b int64) string {
	switch {
	case b < 1000:
		return fmt.Sprintf("%d B", b)
	case b < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(b)/1e3)
	case b < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(b)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(b)/1e9)
}

// ShortHelp is the view's bindings for the help bar.
func (v *RecordingsView) ShortHelp() []key.Binding {
	k := v.common.Keys
	return []key.Binding{k.RecordToggle, k.Deliver, k.Back}
}

// FullHelp is every binding of the view, in columns.
func (v *RecordingsView) FullHelp() [][]key.Binding {
	k := v.common.Keys
	return [][]key.Binding{{k.Up, k.Down}, {k.RecordToggle, k.Deliver}, {k.Back}}
}
