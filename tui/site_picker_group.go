package tui

import (
	"context"
	"errors"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
	"diemcau/store"
)

// groupSaveMsg asks the root to keep the picker's choice as a user group (the console's way of
// managing groups), for the picker that asked.
type groupSaveMsg struct {
	id, name string
	members  []string
	update   bool // the id is a user group's already: replace it
	picker   *SitePicker
}

// groupSavedMsg reports the group saved and audited, or why not.
type groupSavedMsg struct {
	group  meeting.Group
	err    error
	picker *SitePicker
}

func (groupSaveMsg) workflow()  {}
func (groupSavedMsg) workflow() {}

// EnableGroupSaving lets s keep the choice as a named user group; the owner routes the
// resulting message to the store (only control-center technicians may).
func (p *SitePicker) EnableGroupSaving() {
	p.canSave = true
	p.groupID = p.common.Styles.newInput("", 40)
	p.groupName = p.common.Styles.newInput("", 120)
}

// openSaveGroup shows the group's id and name fields, the name first.
func (p *SitePicker) openSaveGroup() {
	if !p.canSave {
		return
	}
	p.mode = pickSaveGroup
	p.groupField = 0
	p.groupName.Focus()
	p.groupID.Blur()
}

// updateSaveGroup types the group's name and id; tab switches, enter asks to save, esc goes back.
func (p *SitePicker) updateSaveGroup(km tea.KeyMsg) (PickResult, tea.Cmd) {
	switch km.String() {
	case "esc":
		p.mode = pickList
		return Picking, nil
	case "tab", "shift+tab":
		p.groupField = 1 - p.groupField
		if p.groupField == 0 {
			p.groupName.Focus()
			p.groupID.Blur()
		} else {
			p.groupID.Focus()
			p.groupName.Blur()
		}
		return Picking, nil
	case "enter":
		id := strings.TrimSpace(p.groupID.Value())
		update := slices.ContainsFunc(p.groups, func(g meeting.Group) bool { return g.ID == id && !g.BuiltIn })
		members := make([]string, len(p.chosen))
		for i, s := range p.chosen {
			members[i] = s.id
		}
		msg := groupSaveMsg{id: id, name: p.groupName.Value(), members: members, update: update, picker: p}
		return Picking, func() tea.Msg { return msg }
	}
	var cmd tea.Cmd
	if p.groupField == 0 {
		p.groupName, cmd = p.groupName.Update(km)
	} else {
		p.groupID, cmd = p.groupID.Update(km)
	}
	return Picking, cmd
}

// GroupSaved takes the outcome of a save: the group joins (or replaces one in) the list, or
// the refusal is shown with the fields kept.
func (p *SitePicker) GroupSaved(g meeting.Group, err error) {
	if err != nil {
		p.err = err.Error()
		var le meeting.Localized
		if errors.As(err, &le) {
			p.err = strings.ReplaceAll(le.Message(p.common.Lang), "\n", " ")
		}
		return
	}
	if i := slices.IndexFunc(p.groups, func(x meeting.Group) bool { return x.ID == g.ID }); i >= 0 {
		p.groups[i] = g
	} else {
		p.groups = append(p.groups, g)
	}
	p.mode, p.err = pickList, ""
	p.status = p.common.Text(txtSpGroupSaved, g.Name, g.ID, len(g.Members))
}

// saveGroupCmd stores a user group from the console, audited with the technician's identity.
func saveGroupCmd(c Common, st *store.Store, msg groupSaveMsg) tea.Cmd {
	return command(c, func(ctx context.Context) tea.Msg {
		done := groupSavedMsg{picker: msg.picker}
		if st == nil {
			done.err = errors.New(c.Text(txtNoStore))
			return done
		}
		draft := meeting.GroupDraft{ID: msg.id, Name: msg.name, Sites: msg.members}
		if done.err = c.desk().SaveGroup(ctx, draft, msg.update); done.err != nil {
			return done
		}
		groups, err := c.desk().Groups(ctx, c.Lang)
		if err != nil {
			done.err = err
			return done
		}
		done.group, _ = meeting.FindGroup(groups, msg.id)
		return done
	})
}
