package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/store"
)

// closeField is one item of a bridge point's Appendix II entry, in ←/→ order.
type closeField int

const (
	closeStatus closeField = iota
	closeDescription
	closeCamera
	closeCodec
	closeMic
	closeCables
	closeOther
	closeFieldCount
)

// closeLabels names the items.
var closeLabels = [closeFieldCount]textKey{txtLogStatus, txtLogDescription, txtLogCamera, txtLogCodec,
	txtLogMic, txtLogCables, txtLogOther}

// CloseSubmitMsg carries the confirmed entries for the root to store before ending the meeting.
type CloseSubmitMsg struct{ Entries []store.MeetingLogEntry }

// CloseCancelMsg leaves the close view; nothing is stored.
type CloseCancelMsg struct{}

// CloseView walks through every bridge point's Appendix II entry, prefilled, for the technician
// to confirm or edit before the meeting is closed.
type CloseView struct {
	common  Common
	entries []store.MeetingLogEntry
	listCursor
	field   closeField
	input   textinput.Model
	editing bool
	width   int
	height  int
}

// NewCloseView returns the close view on the prefilled entries.
func NewCloseView(c Common, entries []store.MeetingLogEntry) *CloseView {
	return &CloseView{common: c, entries: entries, input: c.Styles.newInput("", 1000)}
}

// Entries returns the entries as edited so far.
func (v *CloseView) Entries() []store.MeetingLogEntry { return v.entries }

// Editing reports whether a text item takes the keys.
func (v *CloseView) Editing() bool { return v.editing }

// SetSize sets the view's size.
func (v *CloseView) SetSize(width, height int) {
	v.width, v.height = width, height
	v.input.Width = max(10, width-4)
	v.clamp()
}

// Init does nothing.
func (v *CloseView) Init() tea.Cmd { return nil }

// Update moves between bridge points and items, toggles and edits them; ctrl+s submits.
func (v *CloseView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := v.common.Keys
	if v.editing {
		switch {
		case key.Matches(km, k.Submit):
			v.setText(v.input.Value())
			v.editing = false
			v.input.Blur()
		case key.Matches(km, k.Cancel):
			v.editing = false
			v.input.Blur()
		default:
			var cmd tea.Cmd
			v.input, cmd = v.input.Update(km)
			return cmd
		}
		return nil
	}
	switch {
	case key.Matches(km, k.Cancel):
		return func() tea.Msg { return CloseCancelMsg{} }
	case key.Matches(km, k.Save):
		entries := append([]store.MeetingLogEntry(nil), v.entries...)
		return func() tea.Msg { return CloseSubmitMsg{Entries: entries} }
	case v.move(k, km, len(v.entries), v.rows()):
	case km.Type == tea.KeyLeft:
		v.field = (v.field + closeFieldCount - 1) % closeFieldCount
	case km.Type == tea.KeyRight:
		v.field = (v.field + 1) % closeFieldCount
	case key.Matches(km, k.Toggle):
		v.toggle()
	case key.Matches(km, k.Submit):
		if v.field == closeDescription || v.field == closeOther {
			v.startEdit()
		} else {
			v.toggle()
		}
	}
	v.clamp()
	return nil
}

// toggle flips the focused item of the selected entry between its two values.
func (v *CloseView) toggle() {
	if v.cursor >= len(v.entries) {
		return
	}
	e := &v.entries[v.cursor]
	flip := func(s *string) {
		if *s == store.LogDamaged {
			*s = store.LogNormal
		} else {
			*s = store.LogDamaged
		}
	}
	switch v.field {
	case closeStatus:
		if e.Status == store.LogIncident {
			e.Status = store.LogNormal
		} else {
			e.Status = store.LogIncident
		}
	case closeCamera:
		flip(&e.Camera)
	case closeCodec:
		flip(&e.Codec)
	case closeMic:
		flip(&e.Microphone)
	case closeCables:
		flip(&e.Cables)
	case closeOther:
		flip(&e.Other)
	}
}

// startEdit opens the text of the focused item (the description, or the note of "other").
func (v *CloseView) startEdit() {
	if v.cursor >= len(v.entries) {
		return
	}
	e := v.entries[v.cursor]
	text := e.IncidentText
	if v.field == closeOther {
		text = e.OtherNote
	}
	v.input.SetValue(text)
	v.input.CursorEnd()
	v.input.Focus()
	v.editing = true
}

// setText stores the edited text; a description makes the status "incident".
func (v *CloseView) setText(s string) {
	e := &v.entries[v.cursor]
	s = strings.TrimSpace(s)
	if v.field == closeOther {
		e.OtherNote = s
		return
	}
	e.IncidentText = s
	if s != "" {
		e.Status = store.LogIncident
	}
}

// clamp keeps the cursor on an entry and in sight.
func (v *CloseView) clamp() {
	v.listCursor.clamp(len(v.entries), v.rows())
}

// rows is how many entries fit: title, header, two detail lines and the hint take five.
func (v *CloseView) rows() int { return v.height - 5 }

// View renders the entries as a table, the selected entry's text below, and a hint.
func (v *CloseView) View() string {
	c, st := v.common, v.common.Styles
	const dev = 7
	statusW := max(cells(c.Text(txtLogNormal)), cells(c.Text(txtLogIncident))) + 1
	nameW := max(8, v.width-3-statusW-5*dev-9)
	head := "  " + fit(c.Text(txtFieldBridgePoint), nameW, false) + " " + fit(c.Text(txtLogStatus), statusW, false)
	for f := closeCamera; f <= closeOther; f++ {
		head += fit(c.Text(closeLabels[f]), dev-1, false) + " " // a truncated label must not run into the next
	}
	head += fit(c.Text(txtLogInterruption), 9, true)
	lines := []string{panelTitle(c, c.Text(txtCloseTitle), v.width, true), st.TableHeader.Render(fit(head, v.width, false))}
	end := min(len(v.entries), v.offset+max(1, v.rows()))
	for i := v.offset; i < end; i++ {
		lines = append(lines, v.row(i, nameW, statusW, dev))
	}
	body := padLines(strings.Join(lines, "\n"), max(1, v.height-3))
	return body + "\n" + v.detail() + "\n" + st.Dim.Render(fit(" "+c.Text(txtCloseHint), v.width, false))
}

// row renders entry i: name, status, the five devices and the interruption; the focused item
// of the selected entry is marked.
func (v *CloseView) row(i, nameW, statusW, dev int) string {
	c, st := v.common, v.common.Styles
	e := v.entries[i]
	sel := i == v.cursor
	cell := func(f closeField, text string, w int) string {
		s := fit(text, w, false)
		if sel && v.field == f {
			return st.Selected.Render(s)
		}
		return s
	}
	mark := "  "
	if e.Main {
		mark = "* "
	}
	name := mark + fit(e.Name, nameW, false)
	if sel {
		name = st.Label.Render(name)
	}
	status := c.Text(txtLogNormal)
	if e.Status == store.LogIncident {
		status = c.Text(txtLogIncident)
	}
	out := name + " " + cell(closeStatus, status, statusW)
	for f, code := range []string{e.Camera, e.Codec, e.Microphone, e.Cables, e.Other} {
		mark := "✓"
		if code == store.LogDamaged {
			mark = "✗"
		}
		out += cell(closeCamera+closeField(f), " "+mark, dev)
	}
	gap := "–"
	if e.Interruption > 0 {
		gap = minSec(e.Interruption)
	}
	return out + fit(gap, 9, true)
}

// detail shows the selected entry's focused item in full and its incident description.
func (v *CloseView) detail() string {
	c, st := v.common, v.common.Styles
	if v.cursor >= len(v.entries) {
		return ""
	}
	e := v.entries[v.cursor]
	if v.editing {
		return fit(" "+c.Text(closeLabels[v.field])+": ", v.width, false) + "\n" + " " + v.input.View()
	}
	focus := " ▸ " + c.Text(closeLabels[v.field])
	switch v.field {
	case closeCamera, closeCodec, closeMic, closeCables, closeOther:
		codes := []string{e.Camera, e.Codec, e.Microphone, e.Cables, e.Other}
		val := c.Text(txtLogNormal)
		if codes[v.field-closeCamera] == store.LogDamaged {
			val = c.Text(txtLogDamaged)
		}
		focus += ": " + val
		if v.field == closeOther && e.OtherNote != "" {
			focus += " (" + e.OtherNote + ")"
		}
	}
	desc := " " + c.Text(txtLogDescription) + ": " + e.IncidentText
	return st.Label.Render(fit(focus, v.width, false)) + "\n" + fit(desc, v.width, false)
}

// ShortHelp is the view's bindings for the help bar.
func (v *CloseView) ShortHelp() []key.Binding {
	k := v.common.Keys
	if v.editing {
		return []key.Binding{k.Apply, k.Cancel}
	}
	return []key.Binding{k.Field, k.Toggle, k.Edit, v.closeKey(), k.Back}
}

// closeKey is ctrl+s, helped as "close the meeting".
func (v *CloseView) closeKey() key.Binding {
	return key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", v.common.Text(txtKeyCloseMeeting)))
}

// FullHelp is every binding of the view, in columns.
func (v *CloseView) FullHelp() [][]key.Binding {
	k := v.common.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Field}, {k.Toggle, k.Edit}, {v.closeKey(), k.Back}}
}
