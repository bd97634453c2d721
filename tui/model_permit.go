package tui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
	"diemcau/store"
)

// permit reports whether the technician may do a for bridgePoint ("" for the whole meeting);
// every path that changes the meeting asks it right before calling the MCU or the store, so a
// refused action is shown, logged and never journaled, whatever keys the client sent.
func (m *Model) permit(a Action, bridgePoint string) bool {
	if m.common.Perm.Allows(a, bridgePoint) {
		return true
	}
	m.refuse(a, bridgePoint)
	return false
}

// refuse shows why the action is not allowed and logs it with the technician.
func (m *Model) refuse(a Action, bridgePoint string) {
	c, p := m.common, m.common.Perm
	label := c.Text(actionLabels[a])
	if why := hostReadOnlyReason(c, m.names); why != "" {
		m.help.SetStatus(c.Text(txtHostRefused, label, why), true)
	} else if p.OwnOnly(a) {
		m.help.SetStatus(c.Text(txtRefusedOther, label, p.BridgePoint), true)
	} else {
		m.help.SetStatus(c.Text(txtRefused, roleLabel(c, p), label), true)
	}
	m.log.Warn("console action refused", "tech", c.Actor, "role", string(p.role()),
		"action", a.String(), "bridge_point", bridgePoint, "own_bridge_point", p.BridgePoint)
}

// permitIncident checks that the incident may be stored: reported for a bridge point the role
// may report on, and, when the form edits a stored incident, that the role may edit incidents.
func (m *Model) permitIncident(in store.Incident) bool {
	if !m.permit(ActIncident, in.BridgePoint) {
		return false
	}
	if m.form() == nil || m.form().title != "" {
		return m.permit(ActEditIncident, in.BridgePoint)
	}
	return true
}

// raiseHandCmd asks to speak for the operator's bridge point, or withdraws the request when it
// is already in the queue.
func (m *Model) raiseHandCmd() tea.Cmd {
	c, conf, bp := m.common, m.conf, m.common.Perm.BridgePoint
	if !m.permit(ActRaiseHand, bp) || conf == nil {
		return nil
	}
	name := nameOf(m.names, bp)
	for _, r := range m.snap.Requests {
		if r.BridgePoint == bp {
			return conferenceCmd(c, c.Text(txtHandLowered, name), func(ctx context.Context) error {
				return notInMeeting(c, c.room(conf).LowerHand(ctx), name)
			})
		}
	}
	return conferenceCmd(c, c.Text(txtHandRaised, name), func(ctx context.Context) error {
		return notInMeeting(c, c.room(conf).RaiseHand(ctx), name)
	})
}

// notInMeeting says in the session's language that the bridge point has not joined the meeting.
func notInMeeting(c Common, err error, name string) error {
	if errors.Is(err, mcu.ErrUnknownBridgePoint) {
		return errors.New(c.Text(txtNotInMeeting, name))
	}
	return err
}

// selfMuteCmd soft-mutes the operator's own bridge point, or lifts its soft mute; the MCU
// refuses to lift a hard mute.
func selfMuteCmd(c Common, conf *mcu.Conference, p mcu.Participant) tea.Cmd {
	if p.Mute == mcu.Unmuted {
		return conferenceCmd(c, c.Text(txtSoftMuteOK, p.Name), func(ctx context.Context) error {
			return c.room(conf).SoftMute(ctx, p.ID)
		})
	}
	return conferenceCmd(c, c.Text(txtUnmuteOK, p.Name), func(ctx context.Context) error {
		err := notInMeeting(c, c.room(conf).LiftSoftMute(ctx, p.ID), p.Name)
		if errors.Is(err, mcu.ErrHardMuted) {
			return errors.New(c.Text(txtHardMutedSelf, p.Name))
		}
		return err
	})
}
