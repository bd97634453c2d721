package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
	"diemcau/meeting"
)

// Update routes messages: sizes to all, data to the panels, keys by focus precedence.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.common.SetSize(msg.Width, msg.Height)
		m.layout()
	case snapshotMsg:
		if msg.conf != nil && m.conf != nil && msg.conf != m.conf {
			return m, m.tickCmd() // a tick of the meeting the console switched from
		}
		if msg.conf != nil {
			m.conf = msg.conf
			m.applySnapshot(msg.snap, msg.at)
			m.observeTests(msg.snap, msg.at)
			if id := msg.snap.MeetingID; id != 0 && id != m.orderOf {
				m.orderOf = id
				return m, tea.Batch(m.tickCmd(), listOrderCmd(m.common, m.opts.Store, id))
			}
		} else {
			m.now = msg.at
		}
		return m, m.tickCmd()
	case eventsMsg:
		m.addEvents(msg.events)
		if msg.closed {
			return m, nil
		}
		return m, waitEventsCmd(m.common.Context(), m.done, m.eventsCh, refreshEvery)
	case CommandResultMsg:
		if msg.Err != nil {
			m.help.SetStatus(m.common.Text(txtCommandFailed, msg.Err.Error()), true)
		} else {
			m.help.SetStatus(msg.Text, false)
		}
	case IncidentSavedMsg:
		m.help.SetStatus(m.common.Text(txtIncidentOK, msg.ID), false)
		m.events.Add(m.now, m.common.Text(txtEvIncidentSaved, msg.ID, nameOf(m.names, msg.Incident.BridgePoint)), false)
		m.shut(m.form())
		return m, m.refreshFloor()
	case IncidentSaveFailedMsg:
		if form := m.form(); form != nil {
			form.SetSaveError(m.common.Text(txtCommandFailed, msg.Err.Error()), msg.ID)
		}
	case IncidentSubmitMsg:
		if !m.permitIncident(msg.Incident) {
			if form := m.form(); form != nil {
				form.SetSaveError(m.help.Status(), 0)
			}
			return m, nil
		}
		return m, saveIncidentCmd(m.common, m.opts.Store, msg.Incident)
	case IncidentCancelMsg:
		m.shut(m.form())
	case ConfirmResultMsg:
		if msg.Action == confirmBookingStep {
			return m, m.answerStep(msg.Yes)
		}
		return m, m.confirmed(msg)
	case floorMsg:
		m.applyFloor(msg)
		if msg.again {
			return m, m.floorTick(floorEvery)
		}
	case listOrderMsg:
		if msg.meetingID == m.snap.MeetingID {
			m.table.SetListOrder(msg.order)
			for id, name := range msg.names {
				if _, ok := m.names[id]; !ok {
					m.names[id] = name
				}
			}
		}
	case IncidentListCloseMsg:
		m.shut(m.list())
	case IncidentEditMsg:
		if m.permit(ActEditIncident, msg.Incident.BridgePoint) {
			m.openEditForm(msg.Incident)
		}
	case IncidentConfirmMsg:
		if m.permit(ActEditIncident, msg.Incident.BridgePoint) {
			return m, m.confirmDraftCmd(msg.Incident)
		}
	case IncidentDiscardMsg:
		if m.permit(ActEditIncident, msg.Incident.BridgePoint) {
			return m, m.discardDraftCmd(msg.Incident)
		}
	case IncidentChangedMsg:
		m.help.SetStatus(msg.Text, false)
		return m, m.refreshFloor()
	case closePrefillMsg:
		return m, m.openCloseView(msg)
	case CloseSubmitMsg:
		if !m.permit(ActCloseMeeting, "") {
			return m, nil
		}
		m.pendingClose = msg.Entries
		question := m.common.Text(txtCloseConfirm, len(msg.Entries))
		if drafts, open := meeting.Pending(m.floor.incidents); len(drafts)+len(open) > 0 {
			question = m.common.Text(txtCloseConfirmPending, len(msg.Entries), len(drafts), len(open))
		}
		m.openConfirm(ConfirmCloseMeeting, question)
	case CloseContinueMsg:
		m.shut(m.list())
		return m, m.prefillClose()
	case IncidentConfirmAllMsg:
		if m.permit(ActEditIncident, "") {
			return m, m.settleAllCmd(msg.Drafts, true)
		}
	case IncidentDiscardAllMsg:
		if m.permit(ActEditIncident, "") {
			return m, m.settleAllCmd(msg.Drafts, false)
		}
	case logSubmittedMsg:
		return m, m.logSubmitted(msg)
	case CloseCancelMsg:
		m.shut(m.closing())
	case MeetingClosedMsg:
		return m, m.meetingClosed(msg)
	case workflowMsg:
		return m, m.updateWorkflow(msg)
	case recordingMsg:
		return m, m.updateRecordings(msg)
	case roomMsg:
		return m, m.updateRoom(msg)
	case meetingsMsg, meetingsCloseMsg, meetingSwitchMsg, openBookingMsg, adhocOpenMsg, meetingOpenedMsg:
		return m, m.updateMeetings(msg)
	case tea.KeyMsg:
		if keys, ok := m.splitRunes(msg); ok {
			return m, m.handleKeys(keys)
		}
		return m, m.handleKey(msg)
	}
	return m, nil
}

// addEvents logs the events of the shown conference and notes its end.
func (m *Model) addEvents(evs []mcu.Event) {
	for _, e := range evs {
		if m.conf == nil || e.Conference != m.conf.ID() {
			continue
		}
		if e.Kind == mcu.EventConferenceEnd {
			m.ended = true
		}
		m.noteRoomEvent(e)
		if e.Kind == mcu.EventRecording && e.Detail == "stopped" && e.Actor == mcu.DiskLowActor {
			m.help.SetStatus(m.common.Text(txtEvRecDiskLow), true) // an alert, not just a line in the log
		}
		m.events.AddEvent(e, m.names)
	}
}

// handleKey gives the key to the first taker: ctrl+c; the view on top, unless it lets the key
// through; the table's filter while it is edited; then the global keys and the focused panel.
func (m *Model) handleKey(km tea.KeyMsg) tea.Cmd {
	k := m.common.Keys
	top := m.overlays.top()
	switch {
	case key.Matches(km, k.ForceQuit):
		if !m.Live() || m.confirm() != nil && m.confirm().Action() == ConfirmQuit {
			return m.quit()
		}
		m.openConfirm(ConfirmQuit, m.common.Text(txtConfirmQuit))
		return nil
	case top != nil && (top.takesText() || !top.passes(km)):
		return m.overlayKey(top, km)
	case top == nil && m.focus == panelTable && m.table.Editing():
		return m.table.Update(km)
	}
	if a, locked := lockedAction(m.full, m.common.Perm, km); locked {
		m.refuse(a, "")
		return nil
	}
	switch {
	case key.Matches(km, k.Tab):
		m.setFocus((m.focus + 1) % panelCount)
	case key.Matches(km, k.BackTab):
		m.setFocus((m.focus + panelCount - 1) % panelCount)
	case key.Matches(km, k.Help):
		m.help.ToggleFull()
		m.layout()
	case key.Matches(km, k.Quit):
		if !m.Live() {
			return m.quit()
		}
		m.openConfirm(ConfirmQuit, m.common.Text(txtConfirmQuit))
	case key.Matches(km, k.Incident):
		m.openIncidentForm()
	case key.Matches(km, k.Incidents):
		m.openIncidentList()
	case key.Matches(km, k.RaiseHand):
		return m.raiseHandCmd()
	case key.Matches(km, k.Bookings):
		return m.openBookings()
	case key.Matches(km, k.Meetings):
		return m.openMeetings()
	case key.Matches(km, k.NewMeeting):
		if !m.permit(ActOpenMeeting, "") {
			return nil
		}
		cmd := m.openMeetings()
		view := m.meetings()
		view.form = newAdhocForm(m.common, nil)
		m.open(view.form)
		return cmd
	case key.Matches(km, k.TestSession):
		return m.openTestSession()
	case key.Matches(km, k.Recordings):
		return m.openRecordings()
	case key.Matches(km, k.CloseMeeting):
		return m.startClose()
	case key.Matches(km, k.Filter) && m.focus != panelTable:
		// The filter lives in the bridge-point table: / from another panel goes there, so what
		// is typed next is filter text, never commands.
		m.setFocus(panelTable)
		return m.panelKey(km)
	case key.Matches(km, k.RollCall):
		m.openRoom()
	case key.Matches(km, k.Lock):
		return m.lockCmd()
	case key.Matches(km, k.Admit):
		return m.admitCmd("")
	case key.Matches(km, k.Disconnect):
		m.disconnectSelected()
	case key.Matches(km, k.Dial, k.ConnectAll, k.HangUp):
		return m.callKeyCmd(key.Matches(km, k.Dial), key.Matches(km, k.ConnectAll))
	case key.Matches(km, k.MuteAll) && m.conf != nil:
		if m.permit(ActMuteAll, "") {
			m.openConfirm(ConfirmMuteAll, m.common.Text(txtConfirmMuteAll, m.farEndsToMute()))
		}
	default:
		return m.panelKey(km)
	}
	return nil
}

// panelKey handles a key in the focused panel.
func (m *Model) panelKey(km tea.KeyMsg) tea.Cmd {
	switch m.focus {
	case panelTable:
		if c, ok := m.tableAction(km); ok {
			return c
		}
		return m.table.Update(km)
	case panelQueue:
		if c, ok := m.queueAction(km); ok {
			return c
		}
		return m.queue.Update(km)
	}
	return m.events.Update(km)
}

// quit ends the subscription and the program.
func (m *Model) quit() tea.Cmd {
	m.Close()
	return tea.Quit
}
