package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/live"
	"diemcau/store"
)

// MeetingsView (W) lists the live meetings, to switch the console to one of them (enter), and
// today's bookings with their next step and deadline, to open a confirmed one (enter or o). N
// opens an ad hoc meeting: a title, a main bridge point and its sites by unit kind or all.
type MeetingsView struct {
	common     Common
	list       live.List
	bps        []store.BridgePoint
	loaded     bool
	err        error
	current    int64      // the meeting the console shows
	listCursor            // over the live meetings, then today's bookings (all in sight)
	form       *adhocForm // the ad hoc form it opened on the overlay stack, while there
	formNew    bool       // form is still to be put on the stack (opened)
	width      int
	height     int
}

// NewMeetingsView returns the view, empty until SetData.
func NewMeetingsView(c Common, current int64) *MeetingsView {
	return &MeetingsView{common: c, current: current}
}

// opened is the ad hoc form N has just opened, once: the root puts it on the overlay stack.
func (v *MeetingsView) opened() overlay {
	if !v.formNew {
		return nil
	}
	v.formNew = false
	return v.form
}

// closed forgets the ad hoc form once esc has taken it off the stack.
func (v *MeetingsView) closed(child overlay) {
	if child == v.form {
		v.form = nil
	}
}

// SetSize sets the view's size.
func (v *MeetingsView) SetSize(width, height int) { v.width, v.height = width, height }

// SetData takes the live meetings, today's bookings and the registry.
func (v *MeetingsView) SetData(msg meetingsMsg) {
	v.loaded, v.err, v.list, v.bps = true, msg.err, msg.list, msg.bps
	if v.form != nil && len(v.form.bps) == 0 { // N pressed before the registry was read
		v.form.setRegistry(msg.bps)
	}
	v.clamp(v.rows(), v.rows())
}

// rows is the number of selectable rows.
func (v *MeetingsView) rows() int { return len(v.list.Live) + len(v.list.Today) }

// Update moves the cursor, switches, opens, or runs the ad hoc form.
func (v *MeetingsView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := v.common.Keys
	switch {
	case key.Matches(km, k.Cancel), key.Matches(km, k.Meetings):
		return func() tea.Msg { return meetingsCloseMsg{} }
	case v.move(k, km, v.rows(), v.rows()):
	case key.Matches(km, k.NewMeeting):
		v.form, v.formNew = newAdhocForm(v.common, v.bps), true
	case key.Matches(km, k.TestSession):
		if i := v.cursor - len(v.list.Live); i >= 0 && i < len(v.list.Today) {
			id := v.list.Today[i].Booking
			return func() tea.Msg { return openBookingMsg{booking: id, test: true} }
		}
	case km.Type == tea.KeyEnter || key.Matches(km, k.OpenMeeting):
		if v.cursor < len(v.list.Live) {
			id := v.list.Live[v.cursor].MeetingID
			return func() tea.Msg { return meetingSwitchMsg{meetingID: id} }
		}
		if i := v.cursor - len(v.list.Live); i >= 0 && i < len(v.list.Today) {
			id := v.list.Today[i].Booking
			return func() tea.Msg { return openBookingMsg{booking: id} }
		}
	}
	return nil
}

// View renders the live meetings, today's schedule, or the ad hoc form.
func (v *MeetingsView) View() string {
	st, t := v.common.Styles, v.common.Text
	var b strings.Builder
	b.WriteString(st.PanelTitleFocused.Render(t(txtMeetingsTitle, len(v.list.Live))) + "\n")
	if v.err != nil {
		b.WriteString(st.StatusErr.Render(fit(" "+t(txtCommandFailed, v.err.Error()), v.width, false)) + "\n")
	}
	if !v.loaded {
		return b.String() + st.Dim.Render(" …")
	}
	row := 0
	line := func(s string) {
		s = fit(s, v.width, false)
		if row == v.cursor {
			s = st.Selected.Render(s)
		}
		b.WriteString(s + "\n")
		row++
	}
	if len(v.list.Live) == 0 {
		b.WriteString(st.Dim.Render(" "+t(txtNoMeetingLive)) + "\n")
	}
	for _, in := range v.list.Live {
		mark := "  "
		if in.MeetingID == v.current {
			mark = "▶ "
		}
		line(fmt.Sprintf("%s#%d  %s  %s  %d/%d", mark, in.MeetingID, in.StartedAt.Local().Format("15:04"), in.Title, in.Connected, in.Expected))
	}
	b.WriteString(st.PanelTitle.Render(t(txtScheduleTitle)) + "\n")
	if len(v.list.Today) == 0 {
		b.WriteString(st.Dim.Render(" "+t(txtScheduleEmpty)) + "\n")
	}
	for _, s := range v.list.Today {
		line(scheduleLine(v.common, s))
	}
	return b.String()
}

// scheduleLine is one of today's bookings: time, content, state, next step and its deadline.
func scheduleLine(c Common, s live.Scheduled) string {
	next := ""
	if s.NextStep != "" {
		next = " → " + c.Text(txtScheduleNext, s.NextStep)
		if s.NextDue != nil {
			next += " " + s.NextDue.Local().Format("15:04 02/01")
		}
	}
	if s.Overdue {
		next += " !"
	}
	if s.DueToOpen {
		next = " " + c.Text(txtDueToOpen) + next
	}
	return fmt.Sprintf("  #%d  %s–%s  %s  [%s]%s", s.Booking, s.StartsAt.Local().Format("15:04"),
		s.EndsAt.Local().Format("15:04"), s.Content, s.State, next)
}

// ShortHelp lists the view's keys.
func (v *MeetingsView) ShortHelp() []key.Binding {
	k := v.common.Keys
	return []key.Binding{k.Move, k.OpenMeeting, k.NewMeeting, k.TestSession, k.Back, k.Help, k.Quit}
}

// FullHelp lists the view's keys.
func (v *MeetingsView) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }

// siteChoices are the ad hoc meeting's ways to pick its sites, in the order ←/→ cycles them.
var siteChoices = []struct {
	label textKey
	kinds []string
	all   bool
}{
	{txtSitesCommunesWards, []string{"commune", "ward"}, false},
	{txtSitesAll, nil, true},
	{txtSitesAgencies, []string{"agency"}, false},
	{txtSitesMainOnly, nil, false},
}

// adhocForm is the ad hoc meeting's three fields: title, main bridge point, sites. It is a view
// on the overlay stack over the meetings view.
type adhocForm struct {
	common Common
	width  int
	height int
	done   bool // esc: the form is to close
	field  int  // 0 title, 1 main, 2 sites
	title  []rune
	bps    []store.BridgePoint
	main   int // index in bps
	sites  int // index in siteChoices
}

// newAdhocForm starts the form on the registry's main bridge point.
func newAdhocForm(c Common, bps []store.BridgePoint) *adhocForm {
	f := &adhocForm{common: c, bps: bps, main: max(0, store.MainIndex(bps))}
	return f
}

// setRegistry gives the form the registry read after it opened (N pressed before), keeping the
// title typed meanwhile and starting the choices over.
func (f *adhocForm) setRegistry(bps []store.BridgePoint) {
	f.bps, f.main, f.field, f.sites = bps, max(0, store.MainIndex(bps)), 0, 0
}

// SetSize sets the form's size.
func (f *adhocForm) SetSize(width, height int) { f.width, f.height = width, height }

// Update: enter or ctrl+s asks to open the meeting, esc closes the form, other keys fill it.
func (f *adhocForm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := f.common.Keys
	switch {
	case key.Matches(km, k.Cancel):
		f.done = true
	case km.Type == tea.KeyEnter || key.Matches(km, k.Save):
		a := f.adhoc()
		return func() tea.Msg { return adhocOpenMsg{adhoc: a} }
	default:
		f.update(km)
	}
	return nil
}

// View renders the form.
func (f *adhocForm) View() string { return f.view(f.common, f.width) }

// ShortHelp lists the form's keys.
func (f *adhocForm) ShortHelp() []key.Binding {
	k := f.common.Keys
	return []key.Binding{k.NextField, k.Cycle, k.Submit, k.Cancel}
}

// FullHelp lists the form's keys.
func (f *adhocForm) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

// update types into the title or cycles the focused choice.
func (f *adhocForm) update(km tea.KeyMsg) {
	switch km.Type {
	case tea.KeyTab, tea.KeyDown:
		f.field = (f.field + 1) % 3
	case tea.KeyShiftTab, tea.KeyUp:
		f.field = (f.field + 2) % 3
	case tea.KeyLeft, tea.KeyRight:
		step := 1
		if km.Type == tea.KeyLeft {
			step = -1
		}
		switch f.field {
		case 1:
			if n := len(f.bps); n > 0 {
				f.main = (f.main + step + n) % n
			}
		case 2:
			f.sites = (f.sites + step + len(siteChoices)) % len(siteChoices)
		}
	case tea.KeyBackspace:
		if f.field == 0 && len(f.title) > 0 {
			f.title = f.title[:len(f.title)-1]
		}
	case tea.KeyRunes, tea.KeySpace:
		if f.field == 0 && len(f.title) < 200 {
			f.title = append(f.title, km.Runes...)
			if km.Type == tea.KeySpace {
				f.title = append(f.title, ' ')
			}
		}
	}
}

// adhoc is what the form describes.
func (f *adhocForm) adhoc() live.Adhoc {
	a := live.Adhoc{Title: string(f.title)}
	if f.main < len(f.bps) {
		a.Main = f.bps[f.main].ID
	}
	c := siteChoices[f.sites]
	a.UnitKinds, a.All = c.kinds, c.all
	return a
}

// view renders the form.
func (f *adhocForm) view(c Common, width int) string {
	st, t := c.Styles, c.Text
	label := func(i int, k textKey) string {
		if i == f.field {
			return st.FormLabelFocused.Render(t(k) + ": ")
		}
		return st.FormLabel.Render(t(k) + ": ")
	}
	main := "—"
	if f.main < len(f.bps) {
		main = "‹ " + f.bps[f.main].Name + " (" + f.bps[f.main].ID + ") ›"
	}
	lines := []string{
		st.PanelTitleFocused.Render(t(txtAdhocTitle)),
		label(0, txtAdhocName) + string(f.title) + "▏",
		label(1, txtAdhocMain) + main,
		label(2, txtAdhocSites) + "‹ " + t(siteChoices[f.sites].label) + " ›",
	}
	for i := range lines {
		lines[i] = fit(lines[i], width, false)
	}
	return strings.Join(lines, "\n")
}
