package tui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/store"
)

// Drafts are not the record: a close first shows the incidents still pending (drafts and
// incidents in progress) to settle one by one or all at once; whatever is left can still be
// settled after the close, until the log is submitted (C again on the ended meeting).

// logSubmittedMsg reports how submitting the log ended.
type logSubmittedMsg struct {
	meetingID int64
	err       error
}

// openPendingList shows the close's list of pending incidents.
func (m *Model) openPendingList() {
	list := NewPendingList(m.common, m.names)
	per, _ := m.floor.interruptions(m.now)
	list.SetIncidents(m.floor.incidents, per)
	list.SetEditable(m.floor.editable)
	m.open(list)
}

// settleAllCmd confirms (or discards) every draft given, each audited in its own transaction,
// and reports how many it settled.
func (m *Model) settleAllCmd(drafts []store.Incident, confirm bool) tea.Cmd {
	c := m.common
	return m.storeCmd(func(ctx context.Context) (string, error) {
		n := 0
		var errs []error
		for _, in := range drafts {
			var err error
			if confirm {
				_, err = c.desk().ConfirmDraft(ctx, in)
			} else {
				err = c.desk().DiscardDraft(ctx, in)
			}
			if errors.Is(err, store.ErrNotFound) { // settled meanwhile by another technician
				continue
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			n++
		}
		if len(errs) > 0 {
			return "", errors.Join(errs...)
		}
		if confirm {
			return c.Text(txtConfirmedAll, n), nil
		}
		return c.Text(txtDiscardedAll, n), nil
	})
}

// startSubmit asks before submitting the ended meeting's log; while drafts wait it says so.
func (m *Model) startSubmit() tea.Cmd {
	c := m.common
	if m.floor.loaded && !m.floor.editable {
		m.help.SetStatus(c.Text(txtSubmitted), false)
		return nil
	}
	if n := m.floor.drafts(); n > 0 {
		m.help.SetStatus(c.Text(txtSubmitDrafts, n), true)
		return nil
	}
	m.openConfirm(ConfirmSubmitLog, c.Text(txtSubmitConfirm, m.snap.MeetingID))
	return nil
}

// submitLogCmd submits the meeting's log, audited.
func (m *Model) submitLogCmd() tea.Cmd {
	c, st, id := m.common, m.opts.Store, m.snap.MeetingID
	if st == nil {
		return func() tea.Msg { return logSubmittedMsg{meetingID: id, err: errors.New(c.Text(txtNoStore))} }
	}
	return command(c, func(ctx context.Context) tea.Msg {
		return logSubmittedMsg{meetingID: id, err: c.desk().SubmitLog(ctx, id)}
	})
}

// logSubmitted says how the submission went and rereads the floor state.
func (m *Model) logSubmitted(msg logSubmittedMsg) tea.Cmd {
	c := m.common
	switch {
	case errors.Is(msg.err, store.ErrDraftsPending):
		m.help.SetStatus(c.Text(txtSubmitDrafts, max(1, m.floor.drafts())), true)
	case errors.Is(msg.err, store.ErrLogSubmitted):
		m.help.SetStatus(c.Text(txtSubmitted), false)
	case msg.err != nil:
		m.help.SetStatus(c.Text(txtCommandFailed, msg.err.Error()), true)
	default:
		m.help.SetStatus(c.Text(txtSubmitOK, msg.meetingID), false)
	}
	return m.refreshFloor()
}
