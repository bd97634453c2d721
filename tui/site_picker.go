package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
	"diemcau/store"
)

// PickResult says what a key did to a SitePicker: still choosing, done, or cancelled.
type PickResult int

// The results of a key given to the picker.
const (
	Picking PickResult = iota
	Picked
	PickCancelled
)

// pickerMode is what the picker's keys act on.
type pickerMode int

const (
	pickList      pickerMode = iota // the registry, filtered; space toggles
	pickFilter                      // typing into the filter
	pickGroups                      // choosing a whole group
	pickTable                       // attendees and contact per chosen site
	pickSaveGroup                   // naming the choice to keep it as a user group
)

// pickedSite is one chosen bridge point with what the table holds for it, as typed.
type pickedSite struct {
	id        string
	attendees string
	contact   string
	phone     string
}

// SitePicker chooses bridge points from the registry wherever sites are chosen (a booking's
// sub bridge points; ad hoc meetings, roll calls and dial-outs later): a diacritics-insensitive
// filter on names as people say them, space to toggle, a key for a whole group, the count
// chosen, and attendees and contact per site in a table. It checks nothing about a meeting;
// its owner opens it on the console's overlay stack and reads Selection once Result says Picked.
type SitePicker struct {
	common     Common
	result     PickResult // what the last key did
	sites      []store.BridgePoint
	units      map[string]store.Unit
	groups     []meeting.Group
	chosen     []pickedSite
	index      map[string]int // chosen site id → position in chosen
	mode       pickerMode
	filter     textinput.Model
	shown      []int // indexes into sites that pass the filter
	listCursor       // in shown
	toffset    int   // the table's
	gcursor    int
	row        int // the table's row and column
	col        int
	cell       textinput.Model
	status     string
	err        string
	canSave    bool            // s keeps the choice as a user group
	groupName  textinput.Model // the group being saved: its name …
	groupID    textinput.Model // … and id
	groupField int             // 0 name, 1 id
	width      int
	height     int
}

// NewSitePicker opens a picker on the registry's bridge points and the groups (built in and
// the users'), with nothing chosen.
func NewSitePicker(c Common, units []store.Unit, sites []store.BridgePoint, groups []meeting.Group) *SitePicker {
	p := &SitePicker{common: c, sites: sites, groups: groups, units: map[string]store.Unit{}, index: map[string]int{}}
	for _, u := range units {
		p.units[u.ID] = u
	}
	p.filter = c.Styles.newInput("/ ", 80)
	p.filter.Placeholder = c.Text(txtSpFilterHint)
	p.cell = c.Styles.newInput("", 200)
	p.refilter()
	return p
}

// SetSelection chooses points, in order, with their attendees and contacts: each by id, or
// by its name as said ("Xã Ia Grai"); one the registry does not know is kept as typed.
func (p *SitePicker) SetSelection(points []meeting.FormPoint) {
	p.chosen, p.index = nil, map[string]int{}
	for _, fp := range points {
		id := p.resolve(fp.ID)
		if _, dup := p.index[id]; dup || id == "" {
			continue
		}
		att := ""
		if fp.Attendees != 0 {
			att = strconv.Itoa(fp.Attendees)
		}
		p.add(pickedSite{id: id, attendees: att, contact: fp.Contact.Name, phone: fp.Contact.Phone})
	}
}

// resolve is the id of the site s names (its id, or its name as said), or s itself.
func (p *SitePicker) resolve(s string) string {
	s = strings.TrimSpace(s)
	for _, bp := range p.sites {
		if bp.ID == s {
			return s
		}
	}
	for _, bp := range p.sites {
		if meeting.FoldName(bp.Name) == meeting.FoldName(s) {
			return bp.ID
		}
	}
	return s
}

// Selection returns the chosen sites in order, with attendees and contacts, and the problems
// of the table (attendees that are not a number).
func (p *SitePicker) Selection() ([]meeting.FormPoint, []string) {
	out := make([]meeting.FormPoint, 0, len(p.chosen))
	var errs []string
	for _, s := range p.chosen {
		fp := meeting.FormPoint{ID: s.id, Contact: meeting.Person{Name: strings.TrimSpace(s.contact), Phone: strings.TrimSpace(s.phone)}}
		if a := strings.TrimSpace(s.attendees); a != "" {
			n, err := strconv.Atoi(a)
			if err != nil {
				errs = append(errs, p.common.Text(txtSpBadAttendees, a, s.id))
			}
			fp.Attendees = n
		}
		out = append(out, fp)
	}
	return out, errs
}

// Count is how many sites are chosen.
func (p *SitePicker) Count() int { return len(p.chosen) }

// Chosen reports whether the site id is chosen.
func (p *SitePicker) Chosen(id string) bool { _, ok := p.index[id]; return ok }

// SetSize sets the picker's size.
func (p *SitePicker) SetSize(width, height int) {
	p.width, p.height = width, height
	p.filter.Width = max(10, width-4)
	p.cell.Width = max(6, width/4)
}

// add chooses a site at the end.
func (p *SitePicker) add(s pickedSite) {
	p.index[s.id] = len(p.chosen)
	p.chosen = append(p.chosen, s)
}

// drop un-chooses the site id.
func (p *SitePicker) drop(id string) {
	i, ok := p.index[id]
	if !ok {
		return
	}
	p.chosen = append(p.chosen[:i], p.chosen[i+1:]...)
	delete(p.index, id)
	for j := i; j < len(p.chosen); j++ {
		p.index[p.chosen[j].id] = j
	}
}

// toggle chooses the site id, or un-chooses it.
func (p *SitePicker) toggle(id string) {
	if p.Chosen(id) {
		p.drop(id)
		return
	}
	p.add(pickedSite{id: id})
}

// refilter recomputes the sites shown: every word of the filter, folded as said, is in the
// site's id, name or unit's name folded; the cursor stays in range.
func (p *SitePicker) refilter() {
	words := strings.Fields(meeting.FoldName(p.filter.Value()))
	p.shown = p.shown[:0]
	for i, bp := range p.sites {
		hay := meeting.Fold(bp.ID + " " + bp.Name + " " + p.units[bp.UnitID].Name)
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = max(0, min(p.cursor, len(p.shown)-1))
}

// Update gives a key to the picker; Result then says whether the choice is done or cancelled.
func (p *SitePicker) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	var cmd tea.Cmd
	p.result, cmd = p.update(km)
	return cmd
}

// Result is what the last key did: still choosing, done (Picked) or cancelled.
func (p *SitePicker) Result() PickResult { return p.result }

// update acts on km in the picker's mode.
func (p *SitePicker) update(km tea.KeyMsg) (PickResult, tea.Cmd) {
	p.status = ""
	switch p.mode {
	case pickFilter:
		return p.updateFilter(km)
	case pickGroups:
		return p.updateGroups(km), nil
	case pickTable:
		return p.updateTable(km)
	case pickSaveGroup:
		return p.updateSaveGroup(km)
	}
	return p.updateList(km), nil
}

// updateFilter types into the filter; enter or ↓ goes back to the list with it, esc clears it.
func (p *SitePicker) updateFilter(km tea.KeyMsg) (PickResult, tea.Cmd) {
	switch km.Type {
	case tea.KeyEnter, tea.KeyDown, tea.KeyTab:
		p.mode = pickList
		p.filter.Blur()
		return Picking, nil
	case tea.KeyEsc:
		p.filter.SetValue("")
		p.mode = pickList
		p.filter.Blur()
		p.refilter()
		return Picking, nil
	}
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(km)
	p.refilter()
	return Picking, cmd
}

// updateList moves in the filtered registry and toggles sites.
func (p *SitePicker) updateList(km tea.KeyMsg) PickResult {
	switch km.String() {
	case "esc":
		return PickCancelled
	case "enter":
		return p.finish()
	case "/":
		p.mode = pickFilter
		p.filter.Focus()
	case " ":
		if len(p.shown) > 0 {
			p.toggle(p.sites[p.shown[p.cursor]].ID)
			p.cursor = min(p.cursor+1, len(p.shown)-1)
		}
	case "a":
		p.toggleShown()
	case "g":
		p.mode = pickGroups
	case "s":
		p.openSaveGroup()
	case "tab":
		p.openTable()
	default:
		p.move(p.common.Keys, km, len(p.shown), p.listRows())
	}
	p.cursor = max(0, p.cursor)
	return Picking
}

// toggleShown chooses every site shown, or un-chooses them all when all are chosen.
func (p *SitePicker) toggleShown() {
	all := true
	for _, i := range p.shown {
		all = all && p.Chosen(p.sites[i].ID)
	}
	for _, i := range p.shown {
		if id := p.sites[i].ID; all {
			p.drop(id)
		} else if !p.Chosen(id) {
			p.add(pickedSite{id: id})
		}
	}
}

// updateGroups moves in the group list; enter adds the whole group, backspace drops it.
func (p *SitePicker) updateGroups(km tea.KeyMsg) PickResult {
	switch km.String() {
	case "esc", "g":
		p.mode = pickList
	case "up", "k":
		p.gcursor = max(0, p.gcursor-1)
	case "down", "j":
		p.gcursor = min(len(p.groups)-1, p.gcursor+1)
	case "enter":
		if len(p.groups) > 0 {
			g := p.groups[p.gcursor]
			n := 0
			for _, id := range g.Members {
				if !p.Chosen(id) {
					p.add(pickedSite{id: id})
					n++
				}
			}
			p.status = p.common.Text(txtSpGroupAdded, g.Name, n)
		}
		p.mode = pickList
	case "backspace", "delete":
		if len(p.groups) > 0 {
			g := p.groups[p.gcursor]
			n := 0
			for _, id := range g.Members {
				if p.Chosen(id) {
					p.drop(id)
					n++
				}
			}
			p.status = p.common.Text(txtSpGroupRemoved, g.Name, n)
		}
		p.mode = pickList
	}
	return Picking
}

// finish ends the choice unless the table has attendees that are not a number.
func (p *SitePicker) finish() PickResult {
	if _, errs := p.Selection(); len(errs) > 0 {
		p.err = errs[0]
		p.openTable()
		return Picking
	}
	p.mode = pickList
	p.cell.Blur()
	return Picked
}
