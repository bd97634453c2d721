package tui

import (
	tea "github.com/charmbracelet/bubbletea"
)

// The table's editable columns after the site's name.
const (
	colAttendees = iota
	colContact
	colPhone
	colCount
)

// openTable shows the chosen sites' table, the cursor on the first row's attendees.
func (p *SitePicker) openTable() {
	p.mode = pickTable
	p.row = max(0, min(p.row, len(p.chosen)-1))
	p.loadCell()
}

// cellValue is a pointer to the text of the table's cell at row, col.
func (p *SitePicker) cellValue(row, col int) *string {
	s := &p.chosen[row]
	switch col {
	case colAttendees:
		return &s.attendees
	case colContact:
		return &s.contact
	}
	return &s.phone
}

// loadCell puts the focused cell's text into the editor.
func (p *SitePicker) loadCell() {
	if len(p.chosen) == 0 {
		p.cell.SetValue("")
		p.cell.Blur()
		return
	}
	p.cell.SetValue(*p.cellValue(p.row, p.col))
	p.cell.CursorEnd()
	p.cell.Focus()
}

// moveCell moves the table's focus by rows and columns, wrapping columns onto the next row.
func (p *SitePicker) moveCell(drow, dcol int) {
	if len(p.chosen) == 0 {
		return
	}
	p.col += dcol
	switch {
	case p.col >= colCount:
		p.col, drow = 0, drow+1
	case p.col < 0:
		p.col, drow = colCount-1, drow-1
	}
	p.row = max(0, min(len(p.chosen)-1, p.row+drow))
	p.loadCell()
}

// updateTable edits the focused cell; ↑/↓ and tab move, delete drops the site, esc goes back
// to the registry, enter ends the choice.
func (p *SitePicker) updateTable(km tea.KeyMsg) (PickResult, tea.Cmd) {
	switch km.String() {
	case "esc":
		p.mode = pickList
		p.cell.Blur()
		return Picking, nil
	case "enter":
		return p.finish(), nil
	case "up":
		p.moveCell(-1, 0)
		return Picking, nil
	case "down":
		p.moveCell(1, 0)
		return Picking, nil
	case "tab":
		p.moveCell(0, 1)
		return Picking, nil
	case "shift+tab":
		p.moveCell(0, -1)
		return Picking, nil
	case "delete":
		if len(p.chosen) > 0 {
			p.drop(p.chosen[p.row].id)
			p.row = max(0, min(p.row, len(p.chosen)-1))
			p.loadCell()
		}
		return Picking, nil
	}
	if len(p.chosen) == 0 {
		return Picking, nil
	}
	var cmd tea.Cmd
	p.cell, cmd = p.cell.Update(km)
	*p.cellValue(p.row, p.col) = p.cell.Value()
	p.err = ""
	return Picking, cmd
}
