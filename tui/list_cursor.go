package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// listCursor is the selection of a list view: the row under the cursor and the first row in
// sight. The list views embed it; move and clamp are the one place that moves and scrolls one.
type listCursor struct {
	cursor int // the row under the cursor
	offset int // the first row in sight
}

// move acts on ↑/k, ↓/j, page up, page down, home/g and end/G over count rows of which shown fit,
// keeping the cursor on a row and in sight; it reports whether km was one of those keys.
func (c *listCursor) move(k *KeyMap, km tea.KeyMsg, count, shown int) bool {
	switch {
	case key.Matches(km, k.Up):
		c.cursor--
	case key.Matches(km, k.Down):
		c.cursor++
	case key.Matches(km, k.PageUp):
		c.cursor -= max(1, shown)
	case key.Matches(km, k.PageDown):
		c.cursor += max(1, shown)
	case key.Matches(km, k.Home):
		c.cursor = 0
	case key.Matches(km, k.End):
		c.cursor = count - 1
	default:
		return false
	}
	c.clamp(count, shown)
	return true
}

// clamp keeps the cursor on one of count rows and inside the window of shown rows.
func (c *listCursor) clamp(count, shown int) {
	c.cursor, c.offset = scrolled(c.cursor, c.offset, count, max(1, shown))
}

// fill scrolls back so that a window of shown rows over count rows has no empty rows below the
// last one (the bridge-point table, whose rows come and go with the filter).
func (c *listCursor) fill(count, shown int) {
	c.offset = max(0, min(c.offset, count-max(1, shown)))
}

// scrolled keeps cursor on one of count rows and the window of shown rows starting at offset
// around it; it returns both.
func scrolled(cursor, offset, count, shown int) (int, int) {
	cursor = max(0, min(cursor, count-1))
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+shown {
		offset = cursor - shown + 1
	}
	return cursor, offset
}
