package tui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
	"diemcau/meeting"
)

// BridgePointTable is the main panel: every bridge point of the meeting with its link quality,
// sortable, filterable, scrolling, rendering only the visible rows.
type BridgePointTable struct {
	common     Common
	rows       []mcu.Participant // the conference's member order (join order in an ad hoc meeting)
	order      map[string]int    // the meeting list's order of the bridge points, for SortRegistry
	seen       map[string]bool   // bridge points seen connected at least once
	folded     map[string]string // id → folded "name id", for the filter
	view       []int             // indices into rows after filter and sort
	paused     int               // connected bridge points whose camera the MCU paused
	room       RoomCounts        // expected, connected, never joined, left: counted once per snapshot
	listCursor                   // over view
	selected   string            // id under the cursor, kept across refreshes
	width      int
	height     int
	cols       columns
	sort       SortMode
	filter     textinput.Model
	editing    bool // the filter input has the keys
	focused    bool
}

// NewBridgePointTable returns an empty table.
func NewBridgePointTable(c Common) *BridgePointTable {
	return &BridgePointTable{
		common: c, filter: c.Styles.newInput(c.Text(txtFilterPrompt), 40), focused: true,
		seen: map[string]bool{}, folded: map[string]string{},
	}
}

// SetSize sets the panel's size, title line included.
func (t *BridgePointTable) SetSize(width, height int) {
	t.width, t.height = width, height
	t.cols = layoutColumns(t.common, width)
	t.filter.Width = max(10, width/3)
	t.clampOffset()
}

// SetFocused says whether the table has the keyboard.
func (t *BridgePointTable) SetFocused(f bool) { t.focused = f }

// Editing reports whether the filter input takes the keys.
func (t *BridgePointTable) Editing() bool { return t.editing }

// SetParticipants replaces the rows (in member order; rebuild sorts them) and keeps the cursor on
// the same bridge point; the title's counts are taken here, once per snapshot, not in View.
func (t *BridgePointTable) SetParticipants(ps []mcu.Participant) {
	t.rows = ps
	t.paused, t.room = 0, countMembers(ps)
	for _, p := range ps {
		if p.Connected {
			t.seen[p.ID] = true
			if p.Quality.VideoPaused {
				t.paused++
			}
		}
		if _, ok := t.folded[p.ID]; !ok {
			t.folded[p.ID] = meeting.Fold(p.Name + " " + p.ID)
		}
	}
	t.rebuild()
}

// Selected returns the bridge point under the cursor.
func (t *BridgePointTable) Selected() (mcu.Participant, bool) {
	if t.cursor < 0 || t.cursor >= len(t.view) {
		return mcu.Participant{}, false
	}
	return t.rows[t.view[t.cursor]], true
}

// Init does nothing.
func (t *BridgePointTable) Init() tea.Cmd { return nil }

// Update moves the cursor, cycles the sort and edits the filter.
func (t *BridgePointTable) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if t.editing {
		return t.updateFilter(km)
	}
	k := t.common.Keys
	switch {
	case t.move(k, km, len(t.view), t.visibleRows()):
		t.moveTo(t.cursor)
	case key.Matches(km, k.Sort):
		t.sort = (t.sort + 1) % sortModes
		t.rebuild()
	case key.Matches(km, k.Filter):
		t.editing = true
		return t.filter.Focus()
	case key.Matches(km, k.Cancel):
		t.filter.SetValue("")
		t.rebuild()
	}
	return nil
}

// updateFilter feeds a key to the filter input; enter keeps the filter, esc clears it.
func (t *BridgePointTable) updateFilter(km tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(km, t.common.Keys.Apply):
		t.editing = false
		t.filter.Blur()
		return nil
	case key.Matches(km, t.common.Keys.Cancel):
		t.editing = false
		t.filter.Blur()
		t.filter.SetValue("")
		t.rebuild()
		return nil
	}
	var cmd tea.Cmd
	t.filter, cmd = t.filter.Update(km)
	t.rebuild()
	return cmd
}

// moveTo puts the cursor on view index i, clamped, and scrolls it into sight.
func (t *BridgePointTable) moveTo(i int) {
	t.cursor = max(0, min(i, len(t.view)-1))
	if p, ok := t.Selected(); ok {
		t.selected = p.ID
	}
	t.clampOffset()
}

// visibleRows is how many rows fit under the title and column header.
func (t *BridgePointTable) visibleRows() int { return max(1, t.height-2) }

// clampOffset scrolls so that the cursor is visible and no empty row shows below the last.
func (t *BridgePointTable) clampOffset() {
	t.clamp(len(t.view), t.visibleRows())
	t.fill(len(t.view), t.visibleRows())
}
