package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"diemcau/meeting"
)

// partyLabels name who must act at a step.
var partyLabels = map[meeting.Party]textKey{
	meeting.PartyDepartment: txtPartyDepartment, meeting.PartyControl: txtPartyControl,
	meeting.PartyControlSites: txtPartyControlSites, meeting.PartyHost: txtPartyHost,
	meeting.PartySites: txtPartySites,
}

// BookingsView shows the workflow at a glance: the steps due today or overdue with who must act,
// the units short of trained technicians, and every booking with its next deadline in colour.
// From it a technician may register a booking (a), edit the selected one (e) and record its next
// step (n), each through the Desk as the command line does, as the role allows.
type BookingsView struct {
	common Common
	full   *KeyMap         // the unconfined keys: a refused key is said, not ignored
	reg    bookingRegistry // the units and bridge points, for the form
	asked  bookingStepMsg  // the step the question on the overlay stack asks about
	loaded bool
	err    error
	list   []meeting.BookingStatus
	due    []meeting.DueItem
	gaps   []meeting.TrainingGap
	units  map[string]string
	listCursor
	width  int
	height int
}

// NewBookingsView returns the view, empty until SetData.
func NewBookingsView(c Common) *BookingsView { return &BookingsView{common: c} }

// SetSize sets the view's size.
func (v *BookingsView) SetSize(width, height int) {
	v.width, v.height = width, height
	v.clamp()
}

// SetData takes the bookings, the due steps, the training gaps and the units' names.
func (v *BookingsView) SetData(msg bookingsMsg) {
	v.loaded, v.err = true, msg.err
	v.list, v.due, v.gaps, v.units = msg.list, msg.due, msg.gaps, msg.units
	if msg.err == nil {
		v.reg = msg.reg
	}
	v.clamp()
}

// Init does nothing.
func (v *BookingsView) Init() tea.Cmd { return nil }

// Update scrolls the booking list; esc or B closes the view.
func (v *BookingsView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if cmd, taken := v.formKey(km); taken {
		return cmd
	}
	k := v.common.Keys
	switch {
	case key.Matches(km, k.Cancel), key.Matches(km, k.Bookings):
		return func() tea.Msg { return bookingsCloseMsg{} }
	case v.move(k, km, len(v.list), v.listRows()):
	case key.Matches(km, k.OpenMeeting) && v.cursor < len(v.list):
		id := v.list[v.cursor].Booking.ID
		return func() tea.Msg { return openBookingMsg{booking: id} }
	}
	v.clamp()
	return nil
}

// layoutRows splits the height: title and due items on top (at most a third), a line for the
// technicians, then the list's title, header and rows.
func (v *BookingsView) layoutRows() (due, list int) {
	due = min(max(1, len(v.due)), max(1, v.height/3-1))
	return due, max(1, v.height-due-4)
}

// clamp keeps the cursor on a booking and in sight.
func (v *BookingsView) clamp() {
	v.listCursor.clamp(len(v.list), v.listRows())
}

// listRows is how many bookings fit.
func (v *BookingsView) listRows() int {
	_, n := v.layoutRows()
	return n
}

// View renders the due panel, the technicians' line and the booking list.
func (v *BookingsView) View() string {
	c, st := v.common, v.common.Styles
	dim := func(s string) string { return st.Dim.Render(fit(" "+s, v.width, false)) }
	if !v.loaded {
		return padLines(dim(c.Text(txtBkLoading)), v.height)
	}
	if v.err != nil {
		return padLines(st.StatusErr.Render(fit(" "+c.Text(txtBkLoadFailed, v.err.Error()), v.width, false)), v.height)
	}
	dueN, listN := v.layoutRows()
	lines := []string{panelTitle(c, c.Text(txtBkDueTitle, len(v.due)), v.width, false)}
	if len(v.due) == 0 {
		lines = append(lines, dim(c.Text(txtBkNothingDue)))
	}
	for i, it := range v.due {
		if i == dueN {
			break
		}
		if i == dueN-1 && len(v.due) > dueN {
			lines = append(lines, dim(fmt.Sprintf("… +%d", len(v.due)-i)))
			break
		}
		lines = append(lines, v.dueLine(it))
	}
	lines = padBlock(lines, 1+dueN)
	lines = append(lines, v.gapLine())
	lines = append(lines, panelTitle(c, c.Text(txtBkTitle, len(v.list)), v.width, true), v.listHeader())
	if len(v.list) == 0 {
		lines = append(lines, dim(c.Text(txtBkNone)))
	}
	end := min(len(v.list), v.offset+listN)
	for i := v.offset; i < end; i++ {
		lines = append(lines, v.listLine(v.list[i], i == v.cursor))
	}
	return padLines(strings.Join(lines, "\n"), v.height)
}

// padBlock pads lines with empty lines to n.
func padBlock(lines []string, n int) []string {
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

// deadlineStyle is red for overdue, amber for due today, plain otherwise.
func (v *BookingsView) deadlineStyle(overdue, today bool) lipgloss.Style {
	switch {
	case overdue:
		return v.common.Styles.StatusErr
	case today:
		return v.common.Styles.MicMuted
	}
	return v.common.Styles.Value.UnsetBold()
}

// when prints an instant as "15:04 02/01" in Vietnam.
func when(t time.Time) string { return t.In(meeting.Zone()).Format("15:04 02/01") }

// dueLabel is a deadline's time with "OVERDUE" or "today".
func (v *BookingsView) dueLabel(due time.Time, overdue bool) string {
	if overdue {
		return when(due) + " " + v.common.Text(txtBkOverdue)
	}
	return when(due) + " " + v.common.Text(txtBkToday)
}

// dueLine is one step due: booking, step, deadline, who must act, host and content.
func (v *BookingsView) dueLine(it meeting.DueItem) string {
	c := v.common
	b := it.Booking
	step := meeting.BookingText(c.Lang, "due."+string(it.Deadline.Step))
	who := c.Text(partyLabels[meeting.MustAct(it.Deadline.Step)])
	head := fmt.Sprintf(" #%-4d %s %s %s ", b.ID, fit(step, 17, false),
		fit(v.dueLabel(it.Deadline.Due, it.Overdue), 20, false), fit(who, 24, false))
	rest := fit(unitName(v.units, b.HostUnit)+" · "+b.Content,
		max(0, v.width-cells(head)), false)
	return v.deadlineStyle(it.Overdue, !it.Overdue).Render(head) + rest
}

// gapLine warns about the units short of trained technicians (Articles 6.6, 16.1.c).
func (v *BookingsView) gapLine() string {
	c, st := v.common, v.common.Styles
	if len(v.gaps) == 0 {
		return st.StatusOK.Render(fit(" "+c.Text(txtTrainingOK), v.width, false))
	}
	names := make([]string, len(v.gaps))
	for i, g := range v.gaps {
		names[i] = fmt.Sprintf("%s (%d)", g.UnitName, g.Trained)
	}
	return st.MicMuted.Render(fit(" "+c.Text(txtTrainingGaps, len(v.gaps), strings.Join(names, ", ")), v.width, false))
}

// Column widths of the booking list.
const (
	bkColID    = 5
	bkColWhen  = 22
	bkColState = 18
	bkColNext  = 32
)

// listHeader names the booking list's columns.
func (v *BookingsView) listHeader() string {
	c := v.common
	h := " " + fit(c.Text(txtBkColID), bkColID, false) + " " + fit(c.Text(txtBkColWhen), bkColWhen, false) + " " +
		fit(c.Text(txtBkColNext), bkColNext, false) + " "
	if v.width >= 100 {
		h += fit(c.Text(txtBkColState), bkColState, false) + " "
	}
	return c.Styles.TableHeader.Render(fit(h+c.Text(txtBkColContent), v.width, false))
}

// listLine is one booking: id, date with the year and time, next deadline in colour, state on wide screens, content.
func (v *BookingsView) listLine(s meeting.BookingStatus, selected bool) string {
	c := v.common
	b := s.Booking
	start := b.StartsAt.In(meeting.Zone())
	span := start.Format("02/01/2006 15:04") + "–" + b.EndsAt.In(meeting.Zone()).Format("15:04")
	next := "—"
	if s.Next != nil {
		next = meeting.BookingText(c.Lang, "due."+string(s.Next.Step))
		switch {
		case s.Next.Due.IsZero():
			next += " " + meeting.BookingText(c.Lang, "noDeadline")
		case s.Overdue || s.DueToday:
			next += " " + v.dueLabel(s.Next.Due, s.Overdue)
		default:
			next += " " + when(s.Next.Due)
		}
	}
	cursor := " "
	if selected {
		cursor = c.Styles.Selected.Render("▸")
	}
	line := cursor + fit(fmt.Sprintf("#%d", b.ID), bkColID, false) + " " + fit(span, bkColWhen, false) + " " +
		v.deadlineStyle(s.Overdue, s.DueToday).Render(fit(next, bkColNext, false)) + " "
	if v.width >= 100 {
		line += fit(meeting.StepName(c.Lang, s.State), bkColState, false) + " "
	}
	return line + fit(unitName(v.units, b.HostUnit)+" · "+b.Content, max(0, v.width-cells(line)), false)
}

// unitName is the unit's name, or its id.
func unitName(units map[string]string, id string) string {
	if n := units[id]; n != "" {
		return n
	}
	return id
}

// ShortHelp is the view's bindings for the help bar.
func (v *BookingsView) ShortHelp() []key.Binding {
	k := v.common.Keys
	return []key.Binding{k.Move, k.Back, k.BookingAdd, k.BookingEdit, k.BookingStep, k.TestSession, k.Help, k.Quit}
}

// FullHelp is every binding of the view, in columns.
func (v *BookingsView) FullHelp() [][]key.Binding {
	k := v.common.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Home, k.End}, {k.BookingAdd, k.BookingEdit, k.BookingStep},
		{k.Back, k.Bookings, k.TestSession, k.Help, k.Quit}}
}
