package tui

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
)

// tableAction turns m, d and enter on the bridge-point table into MCU commands.
func (m *Model) tableAction(km tea.KeyMsg) (tea.Cmd, bool) {
	k := m.common.Keys
	if m.conf == nil || !key.Matches(km, k.Mute, k.SoftMute, k.Revoke, k.Grant) {
		return nil, false
	}
	p, ok := m.table.Selected()
	if !ok {
		m.help.SetStatus(m.common.Text(txtNothingSelected), true)
		return nil, true
	}
	switch {
	case key.Matches(km, k.Mute):
		if !m.permit(ActMute, p.ID) {
			return nil, true
		}
		return muteCmd(m.common, m.conf, p), true
	case key.Matches(km, k.SoftMute):
		if !m.permit(ActSoftMute, p.ID) {
			return nil, true
		}
		if m.common.Perm.OwnOnly(ActSoftMute) {
			return selfMuteCmd(m.common, m.conf, p), true
		}
		return softMuteCmd(m.common, m.conf, p), true
	case p.Floor:
		return m.revokeCmd(p.ID), true
	case key.Matches(km, k.Grant) && redialable(p):
		return m.dialCmd(p), true
	}
	return nil, true
}

// queueAction turns enter, d, f and x on the speak-request queue into MCU commands.
func (m *Model) queueAction(km tea.KeyMsg) (tea.Cmd, bool) {
	k := m.common.Keys
	acts := []key.Binding{k.Grant, k.Revoke, k.Forward, k.Dismiss}
	if m.conf == nil || !key.Matches(km, acts...) {
		return nil, false
	}
	r, ok := m.queue.Selected()
	if !ok {
		m.help.SetStatus(m.common.Text(txtNothingSelected), true)
		return nil, true
	}
	c, conf, name := m.common, m.conf, nameOf(m.names, r.BridgePoint)
	switch {
	case r.State == "granted" && key.Matches(km, k.Grant, k.Revoke):
		return m.revokeCmd(r.BridgePoint), true
	case key.Matches(km, k.Grant):
		if !m.permit(ActFloor, r.BridgePoint) {
			return nil, true
		}
		return conferenceCmd(c, c.Text(txtGrantOK, name), func(ctx context.Context) error {
			return c.room(conf).Grant(ctx, r.BridgePoint)
		}), true
	case key.Matches(km, k.Forward) && r.ID != 0:
		if !m.permit(ActForward, r.BridgePoint) {
			return nil, true
		}
		return conferenceCmd(c, c.Text(txtForwardOK, name), func(ctx context.Context) error {
			return c.room(conf).Forward(ctx, r.ID)
		}), true
	case key.Matches(km, k.Dismiss) && r.ID != 0:
		if !m.permit(ActDismiss, r.BridgePoint) {
			return nil, true
		}
		return conferenceCmd(c, c.Text(txtDismissOK, name), func(ctx context.Context) error {
			return c.room(conf).Dismiss(ctx, r.ID)
		}), true
	}
	return nil, true
}

// revokeCmd ends the floor of bridge point bp.
func (m *Model) revokeCmd(bp string) tea.Cmd {
	c, conf := m.common, m.conf
	if !m.permit(ActFloor, bp) {
		return nil
	}
	return conferenceCmd(c, c.Text(txtRevokeOK, nameOf(m.names, bp)), func(ctx context.Context) error {
		return c.room(conf).Revoke(ctx, bp)
	})
}

// farEndsToMute counts the sub bridge points whose microphone is open.
func (m *Model) farEndsToMute() int {
	n := 0
	for _, p := range m.snap.Participants {
		if !p.Main && p.Mute == mcu.Unmuted {
			n++
		}
	}
	return n
}

// openConfirm shows a yes/no dialog over the panels.
func (m *Model) openConfirm(a ConfirmAction, question string) {
	m.open(NewConfirmDialog(m.common, a, question))
}

// confirmed acts on the answer to a dialog.
func (m *Model) confirmed(r ConfirmResultMsg) tea.Cmd {
	m.shut(m.confirm())
	switch {
	case !r.Yes:
		m.pendingDisconnect = ""
		return nil
	case r.Action == ConfirmDisconnect:
		return m.disconnectCmd()
	case r.Action == ConfirmQuit:
		return m.quit()
	case r.Action == ConfirmMuteAll && m.conf != nil:
		if !m.permit(ActMuteAll, "") {
			return nil
		}
		return muteAllCmd(m.common, m.conf)
	case r.Action == ConfirmCloseMeeting && m.conf != nil:
		if !m.permit(ActCloseMeeting, "") {
			m.pendingClose = nil
			return nil
		}
		entries := m.pendingClose
		m.pendingClose = nil
		return closeMeetingCmd(m.common, m.live, m.snap.MeetingID, entries)
	case r.Action == ConfirmSubmitLog:
		if !m.permit(ActCloseMeeting, "") {
			return nil
		}
		return m.submitLogCmd()
	}
	return nil
}

// openIncidentForm opens the incident form for the selected bridge point.
func (m *Model) openIncidentForm() {
	bp := ""
	if p, ok := m.table.Selected(); ok {
		bp = p.ID
	}
	if m.focus == panelQueue {
		if r, ok := m.queue.Selected(); ok {
			bp = r.BridgePoint
		}
	}
	if m.common.Perm.OwnOnly(ActIncident) {
		bp = m.common.Perm.BridgePoint
	}
	if !m.permit(ActIncident, bp) {
		return
	}
	m.open(NewIncidentForm(m.common, bp, m.names, m.snap.MeetingID, m.now))
}
