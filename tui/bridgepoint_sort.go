package tui

import (
	"cmp"
	"slices"
	"strings"

	"diemcau/mcu"
	"diemcau/meeting"
)

// SortMode is the order of the bridge-point table.
type SortMode int

const (
	SortRegistry SortMode = iota // SortRegistry: the meeting's list (expected sites as booked, then the registry), main first
	SortName                     // SortName: by name, diacritics ignored
	SortLoss                     // SortLoss: worst loss first
	SortLevel                    // SortLevel: loudest first
	sortModes
)

// label names the sort mode in the session's language.
func (s SortMode) label(c Common) string {
	return c.Text([...]textKey{txtSortRegistry, txtSortName, txtSortLoss, txtSortLevel}[s])
}

// Sort returns the current sort mode.
func (t *BridgePointTable) Sort() SortMode { return t.sort }

// Filter returns the current filter text.
func (t *BridgePointTable) Filter() string { return t.filter.Value() }

// SetListOrder gives the meeting list's order of the bridge points (id → position); rows it
// does not know come last, in member order.
func (t *BridgePointTable) SetListOrder(order map[string]int) {
	t.order = order
	t.rebuild()
}

// registryCompare orders the main bridge point first, then by registry position.
func (t *BridgePointTable) registryCompare(a, b mcu.Participant) int {
	if a.Main != b.Main {
		if a.Main {
			return -1
		}
		return 1
	}
	pos := func(p mcu.Participant) int {
		if i, ok := t.order[p.ID]; ok {
			return i
		}
		return len(t.order)
	}
	return cmp.Compare(pos(a), pos(b))
}

// rebuild filters and sorts the rows into view and puts the cursor back on the selected bridge point.
func (t *BridgePointTable) rebuild() {
	q := strings.TrimSpace(meeting.Fold(t.filter.Value()))
	t.view = t.view[:0]
	for i, p := range t.rows {
		if q == "" || strings.Contains(t.folded[p.ID], q) {
			t.view = append(t.view, i)
		}
	}
	rows := t.rows
	switch t.sort {
	case SortRegistry:
		slices.SortStableFunc(t.view, func(a, b int) int { return t.registryCompare(rows[a], rows[b]) })
	case SortName:
		slices.SortStableFunc(t.view, func(a, b int) int {
			return cmp.Compare(t.folded[rows[a].ID], t.folded[rows[b].ID])
		})
	case SortLoss:
		slices.SortStableFunc(t.view, func(a, b int) int {
			return cmp.Compare(rows[b].Quality.LossPct, rows[a].Quality.LossPct)
		})
	case SortLevel:
		slices.SortStableFunc(t.view, func(a, b int) int {
			return cmp.Compare(rows[b].AudioLevel, rows[a].AudioLevel)
		})
	}
	cur := 0
	for i, idx := range t.view {
		if rows[idx].ID == t.selected {
			cur = i
			break
		}
	}
	t.moveTo(cur)
}
