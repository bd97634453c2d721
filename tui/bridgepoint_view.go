package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// View renders the title line, the column header and the visible rows only.
func (t *BridgePointTable) View() string {
	c := t.common
	var b strings.Builder
	b.WriteString(t.titleLine())
	b.WriteByte('\n')
	b.WriteString(c.Styles.TableHeader.Render(fit(t.cols.header(c), t.width, false)))
	n := t.visibleRows()
	if len(t.view) == 0 {
		b.WriteByte('\n')
		b.WriteString(c.Styles.Dim.Render(fit("  "+c.Text(txtNoRows), t.width, false)))
		n--
	}
	end := min(len(t.view), t.offset+n)
	for i := t.offset; i < end; i++ {
		p := t.rows[t.view[i]]
		b.WriteByte('\n')
		b.WriteString(t.cols.row(c, p, t.seen[p.ID], i == t.cursor))
	}
	for i := end - t.offset; i < n; i++ {
		b.WriteByte('\n')
	}
	return b.String()
}

// titleLine shows the panel name, counts, the sort, and the filter (as an input while editing).
func (t *BridgePointTable) titleLine() string {
	c := t.common
	title := fmt.Sprintf(" %s (%d/%d)", c.Text(txtPanelBridgePoints), len(t.view), len(t.rows)) + t.room.absent(c)
	if t.paused > 0 && !t.editing {
		// Cameras on no screen are paused (mcu/pause.go): their low kbps is audio only, not a bad line.
		title += " · " + c.Text(txtCamerasPaused, t.paused)
	}
	title += " · " + c.Text(txtSortLabel, t.sort.label(c))
	style := c.Styles.PanelTitle
	if t.focused {
		style = c.Styles.PanelTitleFocused
	}
	switch {
	case t.editing:
		room := t.width - cells(title) - 4
		t.filter.Width = max(1, room-cells(t.filter.Prompt)-1)
		return style.Render(title+" · ") + " " + fit(t.filter.View(), max(0, room), false)
	case t.filter.Value() != "":
		title += " · " + c.Text(txtFilterLabel, t.filter.Value())
	}
	return style.Render(fit(title, t.width, false))
}

// ShortHelp is the table's bindings for the help bar.
func (t *BridgePointTable) ShortHelp() []key.Binding {
	k := t.common.Keys
	if t.editing {
		return []key.Binding{k.Apply, k.Cancel}
	}
	if !k.Mute.Enabled() { // an operator: its own soft mute is its main key
		return k.shortHelp([]key.Binding{k.SoftMute, k.Filter}, k.Incidents, k.Sort)
	}
	return k.shortHelp([]key.Binding{k.Mute, k.MuteAll, k.Filter}, k.SoftMute, k.Incidents, k.CloseMeeting, k.Sort)
}

// FullHelp is every binding of the table, in columns.
func (t *BridgePointTable) FullHelp() [][]key.Binding {
	k := t.common.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Cancel},
		// The room's keys share the column: a fourth column does not fit 80 columns.
		{k.Mute, k.SoftMute, k.Revoke, k.Filter, k.Sort, k.RollCall, k.Lock, k.Admit, k.Disconnect, k.Dial,
			k.ConnectAll, k.HangUp},
		k.globalFull(),
	}
}
