package tui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/live"
	"diemcau/meeting"
	"diemcau/store"
)

// IncidentChangedMsg reports a draft confirmed or discarded.
type IncidentChangedMsg struct{ Text string }

// closePrefillMsg carries the prefilled Appendix II entries.
type closePrefillMsg struct {
	entries []store.MeetingLogEntry
	err     error
}

// MeetingClosedMsg reports how closing the meeting ended.
type MeetingClosedMsg struct{ Err error }

// openIncidentList shows the meeting's incidents.
func (m *Model) openIncidentList() {
	list := NewIncidentList(m.common, m.names)
	per, _ := m.floor.interruptions(m.now)
	list.SetIncidents(m.floor.incidents, per)
	list.SetEditable(!m.floor.loaded || m.floor.editable)
	m.open(list)
}

// openEditForm opens the form on a stored incident, unless the meeting's log is closed.
func (m *Model) openEditForm(in store.Incident) {
	if m.floor.loaded && !m.floor.editable {
		m.help.SetStatus(m.common.Text(txtLogClosedNoEdit), true)
		return
	}
	m.open(EditIncidentForm(m.common, in, m.names, m.now))
}

// confirmDraftCmd turns a draft into an open incident (resolved once it has ended), journaled in
// the same transaction.
func (m *Model) confirmDraftCmd(in store.Incident) tea.Cmd {
	c := m.common
	if in.Status != "draft" {
		m.help.SetStatus(c.Text(txtNotDraft, in.ID), true)
		return nil
	}
	return m.storeCmd(func(ctx context.Context) (string, error) {
		if _, err := c.desk().ConfirmDraft(ctx, in); err != nil {
			return "", err
		}
		return c.Text(txtDraftConfirmed, in.ID), nil
	})
}

// discardDraftCmd deletes a draft, journaled in the same transaction.
func (m *Model) discardDraftCmd(in store.Incident) tea.Cmd {
	c := m.common
	if in.Status != "draft" {
		m.help.SetStatus(c.Text(txtNotDraft, in.ID), true)
		return nil
	}
	return m.storeCmd(func(ctx context.Context) (string, error) {
		if err := c.desk().DiscardDraft(ctx, in); err != nil {
			return "", err
		}
		return c.Text(txtDraftDiscarded, in.ID), nil
	})
}

// storeCmd runs a store change on a live meeting's log and reports it as IncidentChangedMsg.
func (m *Model) storeCmd(run func(ctx context.Context) (string, error)) tea.Cmd {
	c, st, id := m.common, m.opts.Store, m.snap.MeetingID
	if st == nil {
		return func() tea.Msg { return CommandResultMsg{Err: errors.New(c.Text(txtNoStore))} }
	}
	return command(c, func(ctx context.Context) tea.Msg {
		if ok, err := c.desk().Editable(ctx, id); err != nil || !ok {
			return CommandResultMsg{Err: errors.Join(err, errors.New(c.Text(txtLogClosedNoEdit)))}
		}
		text, err := run(ctx)
		if err != nil {
			return CommandResultMsg{Err: err}
		}
		return IncidentChangedMsg{Text: text}
	})
}

// startClose begins closing the meeting: first the incidents still pending, if any, then the
// log; on a meeting already closed it submits the log.
func (m *Model) startClose() tea.Cmd {
	if !m.permit(ActCloseMeeting, "") {
		return nil
	}
	if m.conf != nil && m.ended {
		return m.startSubmit()
	}
	if !m.Live() {
		m.help.SetStatus(m.common.Text(txtMeetingOver), true)
		return nil
	}
	if m.floor.loaded {
		if drafts, open := meeting.Pending(m.floor.incidents); len(drafts)+len(open) > 0 {
			m.openPendingList()
			return nil
		}
	}
	return m.prefillClose()
}

// prefillClose prefills the meeting's log for the close view.
func (m *Model) prefillClose() tea.Cmd {
	c, st, id := m.common, m.opts.Store, m.snap.MeetingID
	if st == nil {
		m.help.SetStatus(c.Text(txtNoStore), true)
		return nil
	}
	m.help.SetStatus(c.Text(txtCloseLoading), false)
	return command(c, func(ctx context.Context) tea.Msg {
		entries, err := c.desk().PrefillLog(ctx, id)
		return closePrefillMsg{entries: entries, err: err}
	})
}

// openCloseView shows the prefilled entries.
func (m *Model) openCloseView(msg closePrefillMsg) tea.Cmd {
	if msg.err != nil {
		m.help.SetStatus(m.common.Text(txtCommandFailed, msg.err.Error()), true)
		return nil
	}
	m.help.SetStatus("", false)
	m.shut(m.list())
	m.open(NewCloseView(m.common, msg.entries))
	return nil
}

// closeMeetingCmd stores the log, ends the meeting in the store, then closes the conference.
func closeMeetingCmd(c Common, lv *live.Manager, meetingID int64, entries []store.MeetingLogEntry) tea.Cmd {
	if lv == nil {
		return func() tea.Msg { return MeetingClosedMsg{Err: errors.New(c.Text(txtNoStore))} }
	}
	if entries == nil {
		entries = []store.MeetingLogEntry{} // confirmed empty: not to be prefilled again
	}
	return command(c, func(ctx context.Context) tea.Msg {
		return MeetingClosedMsg{Err: c.desk().CloseMeeting(ctx, meetingID, entries)}
	})
}

// meetingClosed leaves the close view once the meeting is closed.
func (m *Model) meetingClosed(msg MeetingClosedMsg) tea.Cmd {
	if msg.Err != nil {
		m.help.SetStatus(m.common.Text(txtCommandFailed, msg.Err.Error()), true)
		return nil
	}
	m.shut(m.closing())
	m.ended = true
	m.common.Keys.CloseMeeting.SetHelp("C", m.common.Text(txtKeySubmitLog))
	m.help.SetStatus(m.common.Text(txtCloseOK)+" — "+m.common.Text(txtCloseThenSubmit), false)
	m.layout()
	return m.refreshFloor()
}
