package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/store"
)

// A console shows one meeting at a time; W lists the live ones and today's bookings. Opening a
// meeting (a booking, or ad hoc with N) goes through the live package, as the API does, and the
// console then shows it. With no meeting live the main screen is today's schedule.

// scheduleEvery is how often the console with no meeting live rereads today's schedule.
const scheduleEvery = 15 * time.Second

// meetingsMsg carries the live meetings, today's bookings and the registry.
type meetingsMsg struct {
	list live.List
	bps  []store.BridgePoint
	err  error
	view *MeetingsView // nil: for the main screen's schedule
}

// meetingsCloseMsg closes the meetings view.
type meetingsCloseMsg struct{}

// meetingSwitchMsg switches the console to a live meeting.
type meetingSwitchMsg struct{ meetingID int64 }

// openBookingMsg asks to open a booking as the live meeting.
type openBookingMsg struct {
	booking int64
	test    bool // its test session's conference (Article 10), not the meeting
}

// adhocOpenMsg asks to open an ad hoc meeting.
type adhocOpenMsg struct{ adhoc live.Adhoc }

// meetingOpenedMsg says how opening a meeting went.
type meetingOpenedMsg struct {
	conf *mcu.Conference
	err  error
}

// loadMeetingsCmd reads the live meetings, today's schedule and the registry after delay.
func (m *Model) loadMeetingsCmd(view *MeetingsView, delay time.Duration) tea.Cmd {
	c, lv, st, cal := m.common, m.live, m.opts.Store, m.opts.Calendar
	return commandAfter(c, delay, func(ctx context.Context) tea.Msg {
		msg := meetingsMsg{view: view}
		if lv == nil || st == nil {
			return msg
		}
		msg.list, msg.err = lv.List(ctx, cal)
		if msg.err == nil {
			msg.bps, msg.err = c.desk().BridgePoints(ctx)
		}
		return msg
	})
}

// openMeetings opens the meetings view (W).
func (m *Model) openMeetings() tea.Cmd {
	view := NewMeetingsView(m.common, m.snap.MeetingID)
	m.open(view)
	return m.loadMeetingsCmd(view, 0)
}

// updateMeetings handles the meetings view's and the opening's messages.
func (m *Model) updateMeetings(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case meetingsMsg:
		if msg.view == nil {
			m.schedule, m.scheduleErr = msg.list.Today, msg.err
			if m.conf == nil {
				return m.loadMeetingsCmd(nil, scheduleEvery)
			}
			m.scheduleLoading = false
			return nil
		}
		if m.meetings() == msg.view {
			m.meetings().SetData(msg)
		}
	case meetingsCloseMsg:
		m.shut(m.meetings())
	case meetingSwitchMsg:
		if conf, ok := m.liveConference(msg.meetingID); ok {
			m.shut(m.meetings())
			return m.switchTo(conf)
		}
		m.help.SetStatus(m.common.Text(txtCommandFailed, (&live.NotLiveError{Lang: m.common.Lang, Meeting: msg.meetingID}).Error()), true)
	case openBookingMsg:
		if !m.permit(ActOpenMeeting, "") {
			return nil
		}
		return m.openMeetingCmd(func(ctx context.Context) (*mcu.Conference, error) {
			if msg.test {
				return m.common.desk().OpenTest(ctx, msg.booking)
			}
			return m.common.desk().OpenBooking(ctx, msg.booking)
		})
	case adhocOpenMsg:
		if !m.permit(ActOpenMeeting, "") {
			return nil
		}
		return m.openMeetingCmd(func(ctx context.Context) (*mcu.Conference, error) {
			return m.common.desk().OpenAdhoc(ctx, msg.adhoc)
		})
	case meetingOpenedMsg:
		if msg.err != nil {
			m.help.SetStatus(m.common.Text(txtCommandFailed, msg.err.Error()), true)
			return nil
		}
		m.shut(m.meetings())
		m.shut(m.bookings())
		cmd := m.switchTo(msg.conf)
		m.help.SetStatus(m.common.Text(txtMeetingOpened, msg.conf.Snapshot().MeetingID, msg.conf.Snapshot().Title), false)
		return cmd
	}
	return nil
}

// openMeetingCmd runs open off the UI goroutine.
func (m *Model) openMeetingCmd(open func(context.Context) (*mcu.Conference, error)) tea.Cmd {
	c, lv := m.common, m.live
	if lv == nil {
		return func() tea.Msg { return meetingOpenedMsg{err: errNoLive(c)} }
	}
	return command(c, func(ctx context.Context) tea.Msg {
		conf, err := open(ctx)
		return meetingOpenedMsg{conf: conf, err: err}
	})
}

// liveConference is the live conference of meeting id.
func (m *Model) liveConference(id int64) (*mcu.Conference, bool) {
	if m.live == nil {
		return nil, false
	}
	return m.live.Conference(id)
}

// switchTo makes the console show conf: the panels forget the other meeting's state.
func (m *Model) switchTo(conf *mcu.Conference) tea.Cmd {
	m.conf, m.opts.Conference, m.ended = conf, conf.ID(), false
	m.shut(m.closing())
	m.shut(m.room())
	m.shut(m.list())
	m.pendingClose, m.pendingDisconnect = nil, ""
	m.floor, m.floorSince, m.orderOf = floorState{}, map[string]time.Time{}, 0
	m.common.Keys.CloseMeeting.SetHelp("C", m.common.Text(txtKeyCloseMeeting))
	m.applySnapshot(conf.Snapshot(), time.Now())
	m.layout()
	return m.refreshFloor()
}

// scheduleView is the main screen with no meeting live: today's bookings, next step and deadline.
func (m *Model) scheduleView() string {
	st, t, w := m.common.Styles, m.common.Text, m.common.Width
	lines := []string{st.PanelTitleFocused.Render(fit(" "+t(txtScheduleTitle), w, false))}
	if m.scheduleErr != nil {
		lines = append(lines, st.StatusErr.Render(fit(" "+t(txtCommandFailed, m.scheduleErr.Error()), w, false)))
	}
	if len(m.schedule) == 0 {
		lines = append(lines, st.Dim.Render(fit(" "+t(txtScheduleEmpty), w, false)))
	}
	for _, s := range m.schedule {
		lines = append(lines, fit(scheduleLine(m.common, s), w, false))
	}
	lines = append(lines, "", st.Dim.Render(fit(" "+t(txtScheduleHint), w, false)))
	return joinLines(lines)
}

// meetingOf is the header's naming of conference id: its meeting, its place among the live
// meetings (0 when no longer live) and how many are live.
func (m *Model) meetingOf(id string) (meetingID, pos, count int64) {
	meetingID = m.snap.MeetingID
	if m.opts.MCU == nil {
		return meetingID, 0, 0
	}
	all := m.opts.MCU.Conferences()
	for i, c := range all {
		if c.ID() == id {
			pos = int64(i + 1)
		}
	}
	return meetingID, pos, int64(len(all))
}
