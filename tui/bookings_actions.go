package tui

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
	"diemcau/store"
)

// bookingsEvery is how often the open bookings view rereads the bookings, so that a deadline
// passing turns its row red without a key press.
const bookingsEvery = 30 * time.Second

// bookingsMsg carries what the bookings view shows, read off the UI goroutine.
type bookingsMsg struct {
	list  []meeting.BookingStatus
	due   []meeting.DueItem
	gaps  []meeting.TrainingGap
	units map[string]string
	reg   bookingRegistry // the units and bridge points, for the booking form
	err   error
	view  *BookingsView // the view that asked: a reread for a view since closed is dropped
	once  bool          // a reread after a change: the periodic one goes on by itself
}

// bookingsNow is the clock deadlines are judged by (nil: time.Now); tests set it through
// setBookingsClock. Atomic: a command of a console still running may read it meanwhile.
var bookingsNow atomic.Pointer[func() time.Time]

// bookingsClock returns the time by the bookings' clock.
func bookingsClock() time.Time {
	if f := bookingsNow.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// setBookingsClock makes now the bookings' clock and returns what restores the real one.
func setBookingsClock(now func() time.Time) (restore func()) {
	bookingsNow.Store(&now)
	return func() { bookingsNow.Store(nil) }
}

// bookingsCloseMsg closes the bookings view.
type bookingsCloseMsg struct{}

func (bookingsMsg) workflow()      {}
func (bookingsCloseMsg) workflow() {}

// openBookings opens the bookings view and reads the bookings.
func (m *Model) openBookings() tea.Cmd {
	m.shut(m.testing())
	view := NewBookingsView(m.common)
	view.full = m.full
	m.open(view)
	return loadBookingsCmd(m.common, m.opts.Store, m.opts.Calendar, view, 0)
}

// loadBookingsCmd reads, after delay, every booking's status, the steps due today or overdue
// (from package meeting's calendar and rules) and the units short of trained technicians.
func loadBookingsCmd(c Common, st *store.Store, cal *meeting.Calendar, view *BookingsView, delay time.Duration) tea.Cmd {
	return commandAfter(c, delay, func(ctx context.Context) tea.Msg {
		msg := bookingsMsg{view: view}
		if st == nil {
			msg.err = errors.New(c.Text(txtNoStore))
			return msg
		}
		d := bookingDesk(c, cal)
		desk := d.Bookings()
		var err1, err2, err3, err4 error
		msg.list, err1 = desk.List(ctx)
		msg.due, err2 = desk.Due(ctx)
		roster, err3 := d.Roster(ctx)
		msg.gaps = roster.Gaps
		msg.units, err4 = desk.UnitNames(ctx)
		var err5, err6 error
		msg.reg, err5 = loadRegistry(ctx, d)
		msg.reg.groups, err6 = d.Groups(ctx, c.Lang)
		msg.err = errors.Join(err1, err2, err3, err4, err5, err6)
		return msg
	})
}

// updateBookings handles the bookings view's messages.
func (m *Model) updateBookings(msg workflowMsg) tea.Cmd {
	switch msg := msg.(type) {
	case bookingsCloseMsg:
		m.shut(m.bookings())
	case bookingsMsg:
		if m.bookings() == nil || m.bookings() != msg.view {
			return nil // closed meanwhile: the periodic reread ends here
		}
		m.bookings().SetData(msg)
		if msg.once {
			return nil
		}
		return loadBookingsCmd(m.common, m.opts.Store, m.opts.Calendar, m.bookings(), bookingsEvery)
	default:
		return m.updateBookingForm(msg)
	}
	return nil
}
