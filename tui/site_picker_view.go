package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// listRows is how many registry rows the list shows: the height less the title, the filter,
// the status and the hint.
func (p *SitePicker) listRows() int { return max(1, p.height-4) }

// attendees is the sum of the attendees typed, numbers only.
func (p *SitePicker) attendees() int {
	n := 0
	for _, s := range p.chosen {
		if v, err := strconv.Atoi(strings.TrimSpace(s.attendees)); err == nil {
			n += v
		}
	}
	return n
}

// siteName is a site's name from the registry, or a mark that the registry does not know it.
func (p *SitePicker) siteName(id string) string {
	for _, bp := range p.sites {
		if bp.ID == id {
			return bp.Name
		}
	}
	return p.common.Text(txtSpUnknown)
}

// View renders the title with the count chosen, then the mode's body, a status and the hint.
func (p *SitePicker) View() string {
	c, st := p.common, p.common.Styles
	title := panelTitle(c, c.Text(txtSpTitle, len(p.chosen), len(p.sites), p.attendees()), p.width, true)
	var body []string
	hint := txtSpHint
	if p.canSave {
		hint = txtSpHintSave
	}
	switch p.mode {
	case pickGroups:
		body, hint = p.groupLines(), txtSpGroupsHint
	case pickTable:
		body, hint = p.tableLines(), txtSpTableHint
	case pickSaveGroup:
		body, hint = p.saveGroupLines(), txtSpSaveHint
	default:
		body = append([]string{fit(" "+p.filter.View(), p.width, false)}, p.listLines()...)
	}
	status := st.Dim.Render(fit(" "+p.status, p.width, false))
	if p.err != "" {
		status = st.StatusErr.Render(fit(" ⚠ "+p.err, p.width, false))
	}
	lines := padBlock(append([]string{title}, body...), p.height-2)
	lines = append(lines[:p.height-2], status, st.Dim.Render(fit(" "+c.Text(hint), p.width, false)))
	return padLines(strings.Join(lines, "\n"), p.height)
}

// listLines are the filtered registry's rows in sight, chosen ones ticked.
func (p *SitePicker) listLines() []string {
	c, st := p.common, p.common.Styles
	rows := p.listRows() - 1
	if len(p.shown) == 0 {
		return []string{st.Dim.Render(fit(" "+c.Text(txtSpNoMatch, p.filter.Value()), p.width, false))}
	}
	p.clamp(len(p.shown), rows)
	var out []string
	for i := p.offset; i < min(len(p.shown), p.offset+rows); i++ {
		bp := p.sites[p.shown[i]]
		mark := "[ ]"
		if p.Chosen(bp.ID) {
			mark = "[x]"
		}
		out = append(out, p.listRow(fmt.Sprintf("%s %-14s %s", mark, bp.ID, bp.Name), i == p.cursor))
	}
	return out
}

// listRow is one line of a list, marked and highlighted when the cursor is on it.
func (p *SitePicker) listRow(text string, cursor bool) string {
	if !cursor {
		return fit("  "+text, p.width, false)
	}
	return p.common.Styles.Selected.Render(fit("▸ "+text, p.width, false))
}

// saveGroupLines are the name and id of the group the choice is being kept as.
func (p *SitePicker) saveGroupLines() []string {
	c, st := p.common, p.common.Styles
	lw := widest(c, txtSpGroupName, txtSpGroupID)
	label := func(k textKey, focused bool) string {
		if focused {
			return st.FormLabelFocused.Render(fit(c.Text(k), lw, false))
		}
		return st.FormLabel.Render(fit(c.Text(k), lw, false))
	}
	return []string{
		st.TableHeader.Render(fit(" "+c.Text(txtSpSaveTitle, len(p.chosen)), p.width, false)),
		fit(" "+label(txtSpGroupName, p.groupField == 0)+"  "+p.groupName.View(), p.width, false),
		fit(" "+label(txtSpGroupID, p.groupField == 1)+"  "+p.groupID.View(), p.width, false),
	}
}

// groupLines are the groups with their size and how many of their sites are chosen.
func (p *SitePicker) groupLines() []string {
	c, st := p.common, p.common.Styles
	out := []string{st.TableHeader.Render(fit(" "+c.Text(txtSpGroupsTitle), p.width, false))}
	for i, g := range p.groups {
		in := 0
		for _, id := range g.Members {
			if p.Chosen(id) {
				in++
			}
		}
		out = append(out, p.listRow(fmt.Sprintf("%-20s %s (%d/%d)", g.ID, g.Name, in, len(g.Members)), i == p.gcursor))
	}
	return out
}

// tableLines are the chosen sites with attendees, contact and phone, the focused cell editable.
func (p *SitePicker) tableLines() []string {
	c, st := p.common, p.common.Styles
	if len(p.chosen) == 0 {
		return []string{st.Dim.Render(fit(" "+c.Text(txtSpNone), p.width, false))}
	}
	w := max(8, (p.width-4)/4)
	head := " " + fit(c.Text(txtSpColSite), w, false) + " " + fit(c.Text(txtSpColAttendees), w/2, false) + " " +
		fit(c.Text(txtSpColContact), w, false) + " " + fit(c.Text(txtSpColPhone), w, false)
	out := []string{st.TableHeader.Render(fit(head, p.width, false))}
	rows := max(1, p.height-5)
	p.row, p.toffset = scrolled(p.row, p.toffset, len(p.chosen), rows)
	widths := [colCount]int{w / 2, w, w}
	for i := p.toffset; i < min(len(p.chosen), p.toffset+rows); i++ {
		s := p.chosen[i]
		line := " " + fit(s.id+" "+p.siteName(s.id), w, false)
		for col := range colCount {
			text := fit(*p.cellValue(i, col), widths[col], false)
			if i == p.row && col == p.col {
				p.cell.Width = widths[col] - 1
				text = fit(p.cell.View(), widths[col], false)
			}
			line += " " + text
		}
		out = append(out, fit(line, p.width, false))
	}
	return out
}

// ShortHelp is the booking form's, as when the picker was drawn inside the form; the picker's
// own keys are on its hint line.
func (p *SitePicker) ShortHelp() []key.Binding { return p.common.Keys.formShortHelp() }

// FullHelp is the booking form's, as ShortHelp.
func (p *SitePicker) FullHelp() [][]key.Binding { return p.common.Keys.formFullHelp() }
