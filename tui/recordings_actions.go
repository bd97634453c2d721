package tui

import (
	"context"
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// The store keeps the MCU's recordings.
var _ mcu.RecordingLog = (*store.Store)(nil)

// recordingsEvery is how often the open recordings view rereads the recordings and the live
// recording, so that its duration and size move and a deadline passing turns red.
const recordingsEvery = time.Second

// recordingMsg is a message of the recordings view, handled by updateRecordings.
type recordingMsg interface{ recordingMessage() }

// recordingsMsg carries what the recordings view shows, read off the UI goroutine.
type recordingsMsg struct {
	list      []store.Recording
	units     map[string]string
	live      mcu.RecordingStatus
	recording bool // the live meeting is being recorded
	meeting   bool // a live meeting is shown
	at        time.Time
	cal       *meeting.Calendar // the session's calendar with the days imported into the store
	err       error
	view      *RecordingsView // the view that asked: a reread for a view since closed is dropped
}

// recordingsCloseMsg closes the recordings view.
type recordingsCloseMsg struct{}

// recordingToggleMsg asks to start recording the live meeting, or to stop.
type recordingToggleMsg struct{ stop bool }

// recordingDeliverMsg asks to mark rec delivered to the host unit named to.
type recordingDeliverMsg struct {
	rec store.Recording
	to  string
}

// recordingDoneMsg reports a start, stop or delivery; the view rereads its data.
type recordingDoneMsg struct {
	text string
	err  error
}

func (recordingsMsg) recordingMessage()       {}
func (recordingsCloseMsg) recordingMessage()  {}
func (recordingToggleMsg) recordingMessage()  {}
func (recordingDeliverMsg) recordingMessage() {}
func (recordingDoneMsg) recordingMessage()    {}

// openRecordings opens the recordings view and reads the recordings.
func (m *Model) openRecordings() tea.Cmd {
	cal := m.opts.Calendar
	if cal == nil {
		cal = meeting.DefaultCalendar()
	}
	view := NewRecordingsView(m.common, cal)
	m.open(view)
	return loadRecordingsCmd(m.common, m.opts.Store, m.conf, view, 0)
}

// loadRecordingsCmd reads, after delay, every recording with its meeting, the unit names (who
// receives them) and the live meeting's recording.
func loadRecordingsCmd(c Common, st *store.Store, conf *mcu.Conference, view *RecordingsView, delay time.Duration) tea.Cmd {
	return commandAfter(c, delay, func(ctx context.Context) tea.Msg {
		msg := recordingsMsg{view: view, at: time.Now(), meeting: conf != nil}
		if conf != nil {
			msg.live, msg.recording = conf.Recording()
		}
		if st == nil {
			msg.err = errors.New(c.Text(txtNoStore))
			return msg
		}
		var err1, err2, err3 error
		msg.list, err1 = c.desk().Recordings(ctx)
		msg.units, err2 = c.desk().Bookings().UnitNames(ctx)
		if view != nil {
			msg.cal, err3 = c.desk().Calendar(ctx, view.base)
		}
		msg.err = errors.Join(err1, err2, err3)
		return msg
	})
}

// updateRecordings handles the recordings view's messages.
func (m *Model) updateRecordings(msg recordingMsg) tea.Cmd {
	c := m.common
	switch msg := msg.(type) {
	case recordingsCloseMsg:
		m.shut(m.recordings())
	case recordingsMsg:
		if msg.view == nil || msg.view != m.recordings() {
			return nil
		}
		m.recordings().SetData(msg)
		return loadRecordingsCmd(c, m.opts.Store, m.conf, m.recordings(), recordingsEvery)
	case recordingToggleMsg:
		if !m.permit(ActRecord, "") {
			return nil
		}
		return recordCmd(c, m.conf, msg.stop)
	case recordingDeliverMsg:
		if !m.permit(ActDeliverRecording, "") {
			return nil
		}
		return deliverCmd(c, m.opts.Store, msg.rec, msg.to)
	case recordingDoneMsg:
		if msg.err != nil {
			m.help.SetStatus(c.Text(txtCommandFailed, msg.err.Error()), true)
		} else {
			m.help.SetStatus(msg.text, false)
		}
		if m.recordings() != nil {
			return loadRecordingsCmd(c, m.opts.Store, m.conf, m.recordings(), 0)
		}
	}
	return nil
}

// recordingsKey gives a key to the open recordings view; a start/stop or delivery key the
// role may not use is refused with a status line instead.
func (m *Model) recordingsKey(km tea.KeyMsg) tea.Cmd {
	p := m.common.Perm
	switch {
	case key.Matches(km, m.full.RecordToggle) && !p.AllowsAny(ActRecord):
		m.refuse(ActRecord, "")
		return nil
	case key.Matches(km, m.full.Deliver) && !p.AllowsAny(ActDeliverRecording):
		m.refuse(ActDeliverRecording, "")
		return nil
	}
	return m.recordings().Update(km)
}

// recordCmd starts or stops recording the live meeting.
func recordCmd(c Common, conf *mcu.Conference, stop bool) tea.Cmd {
	if conf == nil {
		return func() tea.Msg { return recordingDoneMsg{err: errors.New(c.Text(txtRecNoMeeting))} }
	}
	return command(c, func(ctx context.Context) tea.Msg {
		if stop {
			rec, err := c.room(conf).StopRecording(ctx)
			if err != nil {
				return recordingDoneMsg{err: recordingError(c, err)}
			}
			return recordingDoneMsg{text: c.Text(txtRecStopped, len(rec.Files), sizeText(rec.Bytes), clock(rec.Duration()))}
		}
		rec, err := c.room(conf).StartRecording(ctx)
		if err != nil {
			return recordingDoneMsg{err: recordingError(c, err)}
		}
		return recordingDoneMsg{text: c.Text(txtRecStarted, rec.Dir)}
	})
}

// deliverCmd marks rec delivered to the host unit, audited with the technician, and records the
// linked booking's "recordings delivered" step in the same transaction when it was the last one.
func deliverCmd(c Common, st *store.Store, rec store.Recording, to string) tea.Cmd {
	if st == nil {
		return func() tea.Msg { return recordingDoneMsg{err: errors.New(c.Text(txtNoStore))} }
	}
	return command(c, func(ctx context.Context) tea.Msg {
		res, err := c.desk().DeliverRecording(ctx, rec.ID, to)
		if err != nil {
			switch {
			case errors.Is(err, store.ErrRecordingRunning):
				err = errors.New(c.Text(txtRecStillRunning, rec.ID))
			case errors.Is(err, store.ErrDelivered):
				err = errors.New(c.Text(txtRecAlreadyDelivered, rec.ID))
			}
			return recordingDoneMsg{err: err}
		}
		return recordingDoneMsg{text: deliveryText(c, rec.ID, res, c.Text(txtRecDelivered, rec.ID, to))}
	})
}

// recordingError says a start or stop refusal in the session's language.
func recordingError(c Common, err error) error {
	switch {
	case errors.Is(err, mcu.ErrRecording):
		return errors.New(c.Text(txtRecAlready))
	case errors.Is(err, mcu.ErrNotRecording):
		return errors.New(c.Text(txtRecNotRunning))
	case errors.Is(err, mcu.ErrClosed):
		return errors.New(c.Text(txtRecNoMeeting))
	}
	return err
}
