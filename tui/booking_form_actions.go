package tui

import (
	"context"
	"errors"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/live"
	"diemcau/meeting"
	"diemcau/store"
)

// bookingRegistry is what the booking form knows of the registry: the host's unit and the
// room Article 9.3 gives it.
type bookingRegistry struct {
	units  []store.Unit
	bps    []store.BridgePoint
	groups []meeting.Group // built in and the users', for the site picker
}

// loadRegistry reads the units and bridge points at desk d.
func loadRegistry(ctx context.Context, d *live.Desk) (bookingRegistry, error) {
	units, err := d.Units(ctx)
	if err != nil {
		return bookingRegistry{}, err
	}
	bps, err := d.BridgePoints(ctx)
	return bookingRegistry{units: units, bps: bps}, err
}

// unitOf is the unit of bridge point bp, "" when unknown.
func (r bookingRegistry) unitOf(bp string) string {
	for _, b := range r.bps {
		if b.ID == bp {
			return b.UnitID
		}
	}
	return ""
}

// bookingAllowed reports whether p may do a booking action (live.Identity.MayBook).
func (p Permissions) bookingAllowed(a Action) bool { return p.Identity("").MayBook(a, p.LiveMain()) }

// confirmBookingStep is the bookings view's question before a step; the view answers it itself.
const confirmBookingStep ConfirmAction = -1

// The bookings view's requests; the root checks the role before each one.
type (
	bookingAddMsg     struct{}
	bookingEditMsg    struct{ booking store.Booking }
	bookingStepAskMsg struct {
		id   int64
		step meeting.Step
	}
	bookingStepMsg bookingStepAskMsg
	// bookingSavedMsg says the Desk filed the form of view.
	bookingSavedMsg struct {
		view *BookingFormView
		text string
	}
	// bookingSaveFailedMsg carries the Desk's refusal, or a field the console refused.
	bookingSaveFailedMsg struct {
		view  *BookingFormView
		err   error
		field bkField
		text  string
	}
	bookingStepDoneMsg struct {
		text string
		err  error
	}
)

func (bookingAddMsg) workflow()        {}
func (bookingEditMsg) workflow()       {}
func (bookingStepAskMsg) workflow()    {}
func (bookingStepMsg) workflow()       {}
func (bookingSavedMsg) workflow()      {}
func (bookingSaveFailedMsg) workflow() {}
func (bookingStepDoneMsg) workflow()   {}

// formKey turns a, e and n into requests for the root; it reports whether the key was taken.
// The booking form and the step question they open go on the root's overlay stack.
func (v *BookingsView) formKey(km tea.KeyMsg) (tea.Cmd, bool) {
	send := func(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
	switch {
	case v.full == nil:
		return nil, false
	case key.Matches(km, v.full.BookingAdd):
		return send(bookingAddMsg{}), true
	}
	s, ok := v.selected()
	switch {
	case !ok:
		return nil, false
	case key.Matches(km, v.full.BookingEdit):
		return send(bookingEditMsg{booking: s.Booking}), true
	case key.Matches(km, v.full.BookingStep):
		ask := bookingStepAskMsg{id: s.Booking.ID}
		if s.Next != nil {
			ask.step = s.Next.Step
		}
		return send(ask), true
	}
	return nil, false
}

// selected is the booking under the cursor.
func (v *BookingsView) selected() (meeting.BookingStatus, bool) {
	if v.cursor < 0 || v.cursor >= len(v.list) {
		return meeting.BookingStatus{}, false
	}
	return v.list[v.cursor], true
}

// permitBooking reports whether the technician may do booking action a; a refusal is shown
// and logged, whatever keys the client sent.
func (m *Model) permitBooking(a Action) bool {
	if m.common.Perm.bookingAllowed(a) {
		return true
	}
	c, p := m.common, m.common.Perm
	if p.role() == RoleHost && a == ActBookingAdd {
		m.help.SetStatus(c.Text(txtBfHostNoUnit), true)
	} else {
		m.help.SetStatus(c.Text(txtRefused, roleLabel(c, p), c.Text(actionLabels[a])), true)
	}
	m.log.Warn("console action refused", "tech", c.Actor, "role", string(p.role()), "action", a.String())
	return false
}

// updateBookingForm handles the booking form's and the step question's messages.
func (m *Model) updateBookingForm(msg workflowMsg) tea.Cmd {
	v, c := m.bookings(), m.common
	if v == nil {
		return nil
	}
	switch msg := msg.(type) {
	case bookingAddMsg:
		if m.permitBooking(ActBookingAdd) {
			host := ""
			if c.Perm.role() == RoleHost {
				host = v.reg.unitOf(c.Perm.BridgePoint)
			}
			form := NewBookingFormView(c, v.reg.units, v.reg.bps, host)
			form.SetGroups(v.reg.groups)
			m.open(form)
		}
	case bookingEditMsg:
		if m.permitBooking(ActBookingEdit) {
			form := EditBookingFormView(c, v.reg.units, v.reg.bps, msg.booking)
			form.SetGroups(v.reg.groups)
			m.open(form)
		}
	case bookingFormCancelMsg:
		m.shut(m.bookingForm())
	case bookingSubmitMsg:
		a := ActBookingAdd
		if msg.id != 0 {
			a = ActBookingEdit
		}
		if !m.permitBooking(a) {
			if form := m.bookingForm(); form != nil {
				form.SetSaveError(errors.New(m.help.Status()))
			}
			return nil
		}
		return saveBookingCmd(c, m.opts.Store, m.opts.Calendar, msg)
	case bookingSavedMsg:
		if form := m.bookingForm(); form == msg.view {
			m.shut(form)
		}
		m.help.SetStatus(msg.text, false)
		return m.rereadBookings()
	case bookingSaveFailedMsg:
		if form := m.bookingForm(); form == msg.view && form != nil {
			if msg.text != "" {
				form.errs = map[bkField][]string{msg.field: {msg.text}}
				form.focusField(msg.field)
			} else {
				form.SetSaveError(msg.err)
			}
		}
	case bookingStepAskMsg:
		if !m.permitBooking(ActBookingStep) {
			return nil
		}
		if msg.step == "" {
			m.help.SetStatus(c.Text(txtBfNoStep, msg.id), true)
			return nil
		}
		v.asked = bookingStepMsg(msg)
		m.open(NewConfirmDialog(c, confirmBookingStep,
			c.Text(txtBfStepAsk, meeting.BookingText(c.Lang, "due."+string(msg.step)), msg.id, technician(c.Actor))))
	case bookingStepMsg:
		m.layout()
		if m.permitBooking(ActBookingStep) {
			return stepBookingCmd(c, m.opts.Store, m.opts.Calendar, msg)
		}
	case groupSaveMsg:
		if !m.permitBooking(ActBookingEdit) {
			msg.picker.GroupSaved(meeting.Group{}, errors.New(m.help.Status()))
			return nil
		}
		return saveGroupCmd(c, m.opts.Store, msg)
	case groupSavedMsg:
		msg.picker.GroupSaved(msg.group, msg.err)
		if msg.err == nil {
			v.reg.groups = append(slices.DeleteFunc(v.reg.groups, func(g meeting.Group) bool { return g.ID == msg.group.ID }), msg.group)
			if form := m.bookingForm(); form != nil {
				form.SetGroups(slices.Clone(v.reg.groups))
			}
		}
	case bookingStepDoneMsg:
		if msg.err != nil {
			m.help.SetStatus(c.Text(txtCommandFailed, msg.err.Error()), true)
			return nil
		}
		m.help.SetStatus(msg.text, false)
		return m.rereadBookings()
	}
	return nil
}

// answerStep closes the bookings view's step question; yes asks to record the step.
func (m *Model) answerStep(yes bool) tea.Cmd {
	m.shut(m.confirm())
	v := m.bookings()
	if !yes || v == nil {
		return nil
	}
	asked := v.asked
	return func() tea.Msg { return asked }
}

// rereadBookings reads the bookings once more after a change.
func (m *Model) rereadBookings() tea.Cmd {
	load := loadBookingsCmd(m.common, m.opts.Store, m.opts.Calendar, m.bookings(), 0)
	return func() tea.Msg {
		msg := load()
		if b, ok := msg.(bookingsMsg); ok {
			b.once = true
			return b
		}
		return msg
	}
}

// bookingDesk is the session's desk whose booking register works on cal by the bookings
// view's clock.
func bookingDesk(c Common, cal *meeting.Calendar) *live.Desk {
	return c.desk().WithBookings(cal, bookingsClock)
}

// saveBookingCmd files a new booking or an edit through the Desk, as `diemcau booking add` does;
// a host key registers only for the unit of its own bridge point.
func saveBookingCmd(c Common, st *store.Store, cal *meeting.Calendar, msg bookingSubmitMsg) tea.Cmd {
	return command(c, func(ctx context.Context) tea.Msg {
		failed := bookingSaveFailedMsg{view: msg.view}
		if st == nil {
			failed.err = errors.New(c.Text(txtNoStore))
			return failed
		}
		d := bookingDesk(c, cal)
		by := meeting.Filing{Actor: c.Actor, Override: msg.override, Base: msg.base}
		hostUnit := func(err error) bool { // a host files for its own unit only: said at the field
			var hu *live.HostUnitError
			if !errors.As(err, &hu) {
				return false
			}
			failed.field, failed.text = bkHostUnit, c.Text(txtBfHostOwnUnit, hu.Own)
			if hu.Own == "" {
				failed.text = c.Text(txtBfHostNoUnit)
			}
			return true
		}
		if msg.id == 0 {
			id, found, err := d.AddBooking(ctx, msg.form, by)
			if hostUnit(err) {
				return failed
			}
			if err != nil {
				failed.err = err
				return failed
			}
			if len(found) > 0 {
				return bookingSavedMsg{view: msg.view, text: c.Text(txtBfSavedOverride, id, len(found))}
			}
			return bookingSavedMsg{view: msg.view, text: c.Text(txtBfSaved, id)}
		}
		res, err := d.EditBooking(ctx, msg.id, msg.form, by)
		if hostUnit(err) {
			return failed
		}
		if err != nil {
			failed.err = err
			return failed
		}
		text := c.Text(txtBfEdited, msg.id)
		if res.Reset {
			text = c.Text(txtBfEditedReset, msg.id)
		}
		return bookingSavedMsg{view: msg.view, text: text}
	})
}

// stepBookingCmd records the step through the Desk with the technician's identity.
func stepBookingCmd(c Common, st *store.Store, cal *meeting.Calendar, msg bookingStepMsg) tea.Cmd {
	return command(c, func(ctx context.Context) tea.Msg {
		if st == nil {
			return bookingStepDoneMsg{err: errors.New(c.Text(txtNoStore))}
		}
		if err := bookingDesk(c, cal).StepBooking(ctx, msg.id, msg.step, ""); err != nil {
			var le meeting.Localized
			if errors.As(err, &le) {
				err = errors.New(le.Message(c.Lang))
			}
			return bookingStepDoneMsg{err: err}
		}
		return bookingStepDoneMsg{text: c.Text(txtBfStepDone, msg.id,
			meeting.StepName(c.Lang, msg.step), technician(c.Actor))}
	})
}
