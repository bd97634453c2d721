package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/store"
)

// IncidentEditMsg asks the root to open the form on an incident.
type IncidentEditMsg struct{ Incident store.Incident }

// IncidentConfirmMsg asks the root to confirm a draft (open, or resolved once it has ended).
type IncidentConfirmMsg struct{ Incident store.Incident }

// IncidentDiscardMsg asks the root to discard a draft.
type IncidentDiscardMsg struct{ Incident store.Incident }

// IncidentListCloseMsg closes the list.
type IncidentListCloseMsg struct{}

// IncidentConfirmAllMsg asks the root to confirm every draft of the list at once.
type IncidentConfirmAllMsg struct{ Drafts []store.Incident }

// IncidentDiscardAllMsg asks the root to discard every draft of the list at once.
type IncidentDiscardAllMsg struct{ Drafts []store.Incident }

// CloseContinueMsg asks the root to go on from the pending incidents to the close view.
type CloseContinueMsg struct{}

// IncidentList shows the meeting's incidents, drafts highlighted, for a technician to pick one.
type IncidentList struct {
	common   Common
	items    []store.Incident
	per      map[string]time.Duration
	names    map[string]string
	editable bool
	pending  bool // before the close: only drafts and incidents in progress, with keys for all at once
	listCursor
	width  int
	height int
}

// NewIncidentList returns the list of incidents.
func NewIncidentList(c Common, names map[string]string) *IncidentList {
	return &IncidentList{common: c, names: names, per: map[string]time.Duration{}, editable: true}
}

// SetSize sets the list's size.
func (l *IncidentList) SetSize(width, height int) { l.width, l.height = width, height; l.clamp() }

// NewPendingList returns the list a close starts with: the drafts and the incidents still in
// progress, to settle one by one or all at once before going on to the log.
func NewPendingList(c Common, names map[string]string) *IncidentList {
	l := NewIncidentList(c, names)
	l.pending = true
	return l
}

// Pending reports whether the list is the close's list of pending incidents.
func (l *IncidentList) Pending() bool { return l.pending }

// SetIncidents replaces the incidents (drafts first, then newest first) and the interruptions.
func (l *IncidentList) SetIncidents(in []store.Incident, per map[string]time.Duration) {
	var keep int64 = -1
	if it, ok := l.Selected(); ok {
		keep = it.ID
	}
	l.items = l.items[:0]
	for i := len(in) - 1; i >= 0; i-- {
		if in[i].Status == "draft" {
			l.items = append(l.items, in[i])
		}
	}
	for i := len(in) - 1; i >= 0; i-- {
		if in[i].Status != "draft" && (!l.pending || in[i].Status == "open") {
			l.items = append(l.items, in[i])
		}
	}
	l.per = per
	for i, it := range l.items {
		if it.ID == keep {
			l.cursor = i
		}
	}
	l.clamp()
}

// SetEditable says whether the meeting's log is still open.
func (l *IncidentList) SetEditable(e bool) { l.editable = e }

// Selected returns the incident under the cursor.
func (l *IncidentList) Selected() (store.Incident, bool) {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return store.Incident{}, false
	}
	return l.items[l.cursor], true
}

// Init does nothing.
func (l *IncidentList) Init() tea.Cmd { return nil }

// Update moves the cursor and asks the root to edit, confirm or discard the selected incident.
func (l *IncidentList) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := l.common.Keys
	send := func(m tea.Msg) tea.Cmd { return func() tea.Msg { return m } }
	in, has := l.Selected()
	switch {
	case key.Matches(km, k.Cancel), key.Matches(km, k.Incidents):
		return send(IncidentListCloseMsg{})
	case l.pending && key.Matches(km, k.CloseMeeting):
		return send(CloseContinueMsg{})
	case l.pending && key.Matches(km, k.ConfirmAll) && len(l.drafts()) > 0:
		return send(IncidentConfirmAllMsg{Drafts: l.drafts()})
	case l.pending && key.Matches(km, k.DiscardAll) && len(l.drafts()) > 0:
		return send(IncidentDiscardAllMsg{Drafts: l.drafts()})
	case l.move(k, km, len(l.items), l.height-3):
	case !has:
	case key.Matches(km, k.Grant):
		return send(IncidentEditMsg{Incident: in})
	case key.Matches(km, k.ConfirmDraft):
		return send(IncidentConfirmMsg{Incident: in})
	case key.Matches(km, k.Dismiss):
		return send(IncidentDiscardMsg{Incident: in})
	}
	l.clamp()
	return nil
}

// drafts are the list's drafts.
func (l *IncidentList) drafts() []store.Incident {
	var out []store.Incident
	for _, it := range l.items {
		if it.Status == "draft" {
			out = append(out, it)
		}
	}
	return out
}

// clamp keeps the cursor on an item and in sight.
func (l *IncidentList) clamp() {
	l.listCursor.clamp(len(l.items), l.height-3)
}

// View renders the title, one line per incident and a hint.
func (l *IncidentList) View() string {
	c, st := l.common, l.common.Styles
	var total time.Duration
	for _, d := range l.per {
		total += d
	}
	title, hint, empty := c.Text(txtIncidentsTitle, len(l.items), minSec(total)), c.Text(txtIncidentsHint), c.Text(txtIncidentsEmpty)
	if l.pending {
		drafts := len(l.drafts())
		title, hint, empty = c.Text(txtPendingTitle, drafts, len(l.items)-drafts), c.Text(txtPendingHint), c.Text(txtPendingNone)
	}
	lines := []string{panelTitle(c, title, l.width, true)}
	if !l.editable {
		lines = append(lines, st.StatusErr.Render(fit(" "+c.Text(txtLogClosedNoEdit), l.width, false)))
	}
	if len(l.items) == 0 {
		lines = append(lines, st.Dim.Render(fit(" "+empty, l.width, false)))
	}
	n := max(1, l.height-len(lines)-1)
	end := min(len(l.items), l.offset+n)
	for i := l.offset; i < end; i++ {
		line := fit(l.line(l.items[i]), l.width, false)
		switch {
		case i == l.cursor:
			line = st.Selected.Render(line)
		case l.items[i].Status == "draft":
			line = st.StatusErr.Render(line)
		}
		lines = append(lines, line)
	}
	body := padLines(strings.Join(lines, "\n"), max(1, l.height-1))
	return body + "\n" + st.Dim.Render(fit(" "+hint, l.width, false))
}

// line is one incident: id, status, bridge point, kind, times, description.
func (l *IncidentList) line(in store.Incident) string {
	c := l.common
	status := c.Text(txtStatusDraft)
	for _, s := range incidentStatuses {
		if s.code == in.Status {
			status = c.Text(s.label)
		}
	}
	kind := in.Kind
	for _, k := range incidentKinds {
		if k.code == in.Kind {
			kind = c.Text(k.label)
		}
	}
	when := "–"
	if !in.StartedAt.IsZero() {
		when = in.StartedAt.Local().Format("15:04")
	}
	if !in.EndedAt.IsZero() {
		when += "–" + in.EndedAt.Local().Format("15:04")
	}
	mark := " "
	if in.Status == "draft" {
		mark = "⚠"
	}
	return fmt.Sprintf("%s#%-3d %-10s %-14s %-10s %-11s %s", mark, in.ID, fit(status, 10, false),
		fit(nameOf(l.names, in.BridgePoint), 14, false), fit(kind, 10, false), when, in.Description)
}

// ShortHelp is the list's bindings for the help bar.
func (l *IncidentList) ShortHelp() []key.Binding {
	k := l.common.Keys
	if l.pending {
		return []key.Binding{k.ConfirmDraft, k.DiscardDraft, k.ConfirmAll, k.DiscardAll, k.Edit, l.continueKey(), k.Back}
	}
	return []key.Binding{k.Edit, k.ConfirmDraft, k.DiscardDraft, k.Back}
}

// continueKey is C, helped as "go on closing".
func (l *IncidentList) continueKey() key.Binding {
	return key.NewBinding(key.WithKeys("C"), key.WithHelp("C", l.common.Text(txtKeyContinueClose)))
}

// FullHelp is every binding of the list, in columns.
func (l *IncidentList) FullHelp() [][]key.Binding {
	k := l.common.Keys
	if l.pending {
		return [][]key.Binding{{k.Up, k.Down}, {k.Edit, k.ConfirmDraft, k.DiscardDraft}, {k.ConfirmAll, k.DiscardAll},
			{l.continueKey(), k.Back}}
	}
	return [][]key.Binding{{k.Up, k.Down}, {k.Edit, k.ConfirmDraft, k.DiscardDraft}, {k.Back}}
}
