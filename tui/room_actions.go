package tui

import (
	"context"
	"errors"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
)

// openRoom opens the roll call of the meeting shown.
func (m *Model) openRoom() {
	m.open(NewRoomView(m.common, m.snap))
}

// roomKey gives a key to the roll call; a key of an action the role may not do is refused.
func (m *Model) roomKey(km tea.KeyMsg) tea.Cmd {
	p, f := m.common.Perm, m.full
	if !m.room().Typing() {
		switch {
		case key.Matches(km, f.AskRollCall) && !p.Allows(ActRollCall, ""):
			m.refuse(ActRollCall, "")
			return nil
		case key.Matches(km, f.Attend) && !p.AllowsAny(ActRollCall):
			m.refuse(ActRollCall, "")
			return nil
		case key.Matches(km, f.AdmitHere, f.Admit) && !p.AllowsAny(ActAdmit):
			m.refuse(ActAdmit, "")
			return nil
		case key.Matches(km, f.Disconnect) && !p.AllowsAny(ActDisconnect):
			m.refuse(ActDisconnect, "")
			return nil
		case key.Matches(km, f.Lock) && !p.AllowsAny(ActLock):
			m.refuse(ActLock, "")
			return nil
		}
	}
	return m.room().Update(km)
}

// updateRoom acts on a message of the roll call; every action asks permit first.
func (m *Model) updateRoom(msg roomMsg) tea.Cmd {
	c, conf := m.common, m.conf
	switch msg := msg.(type) {
	case roomCloseMsg:
		m.shut(m.room())
		return nil
	case roomLockMsg:
		return m.lockCmd()
	case roomDisconnectMsg:
		m.askDisconnect(msg.bp)
		return nil
	case roomAdmitMsg:
		return m.admitCmd(msg.bp)
	}
	if conf == nil {
		m.help.SetStatus(c.Text(txtRoomNoMeeting), true)
		return nil
	}
	switch msg := msg.(type) {
	case roomAskMsg:
		if !m.permit(ActRollCall, "") {
			return nil
		}
		return command(c, func(ctx context.Context) tea.Msg {
			n, err := c.room(conf).RollCall(ctx)
			if err != nil {
				return CommandResultMsg{Err: err}
			}
			return CommandResultMsg{Text: c.Text(txtRollCallOK, n)}
		})
	case roomAttendMsg:
		if !m.permit(ActRollCall, msg.bp) {
			return nil
		}
		name := nameOf(m.names, msg.bp)
		return conferenceCmd(c, c.Text(txtAttendanceOK, name, msg.attendees), func(ctx context.Context) error {
			return notInMeeting(c, c.room(conf).Attend(ctx, msg.bp, msg.attendees), name)
		})
	}
	return nil
}

// lockCmd locks the meeting, or unlocks it when it is locked.
func (m *Model) lockCmd() tea.Cmd {
	c, conf := m.common, m.conf
	if conf == nil || !m.permit(ActLock, "") {
		return nil
	}
	lock := !m.snap.Locked
	ok := c.Text(txtUnlockOK)
	if lock {
		ok = c.Text(txtLockOK)
	}
	return conferenceCmd(c, ok, func(ctx context.Context) error { return c.room(conf).Lock(ctx, lock) })
}

// admitCmd admits bp from the door; "" admits the bridge point that asked first.
func (m *Model) admitCmd(bp string) tea.Cmd {
	c, conf := m.common, m.conf
	knocks := m.snap.Knocks
	if conf != nil {
		knocks = conf.Knocks() // the knock's event may be ahead of the last snapshot
	}
	if bp == "" && len(knocks) > 0 {
		bp = knocks[0].BridgePoint
	}
	if conf == nil || bp == "" {
		m.help.SetStatus(c.Text(txtNoKnock), true)
		return nil
	}
	if !m.permit(ActAdmit, bp) {
		return nil
	}
	name := knockName(knocks, bp, m.names)
	return conferenceCmd(c, c.Text(txtAdmitOK, name), func(ctx context.Context) error {
		err := c.room(conf).Admit(ctx, bp)
		if errors.Is(err, mcu.ErrNoKnock) {
			return errors.New(c.Text(txtNoKnock))
		}
		return err
	})
}

// knockName is the name of a bridge point at the door or in the meeting.
func knockName(knocks []mcu.Knock, bp string, names map[string]string) string {
	for _, k := range knocks {
		if k.BridgePoint == bp && k.Name != "" {
			return k.Name
		}
	}
	return nameOf(names, bp)
}

// askDisconnect asks y/n before disconnecting bp.
func (m *Model) askDisconnect(bp string) {
	if m.conf == nil || !m.permit(ActDisconnect, bp) {
		return
	}
	m.pendingDisconnect = bp
	m.openConfirm(ConfirmDisconnect, m.common.Text(txtDisconnectAsk, nameOf(m.names, bp)))
}

// disconnectCmd disconnects the bridge point the technician confirmed.
func (m *Model) disconnectCmd() tea.Cmd {
	c, conf, bp := m.common, m.conf, m.pendingDisconnect
	m.pendingDisconnect = ""
	if conf == nil || bp == "" || !m.permit(ActDisconnect, bp) {
		return nil
	}
	name := nameOf(m.names, bp)
	return conferenceCmd(c, c.Text(txtDisconnectOK, name), func(ctx context.Context) error {
		err := c.room(conf).Disconnect(ctx, bp, c.Text(txtDisconnectReason, technician(c.Actor)))
		if errors.Is(err, mcu.ErrNotConnected) {
			return errors.New(c.Text(txtNotConnected, name))
		}
		return notInMeeting(c, err, name)
	})
}

// disconnectSelected asks to disconnect the bridge point selected in the table.
func (m *Model) disconnectSelected() {
	p, ok := m.table.Selected()
	if !ok {
		m.help.SetStatus(m.common.Text(txtNothingSelected), true)
		return
	}
	m.askDisconnect(p.ID)
}

// noteRoomEvent learns the name of a bridge point at the door and says on the status line that
// it asks to join.
func (m *Model) noteRoomEvent(e mcu.Event) {
	if e.Kind != mcu.EventKnock || m.conf == nil {
		return
	}
	name := knockName(m.conf.Knocks(), e.BridgePoint, m.names)
	m.names[e.BridgePoint] = name
	if m.common.Perm.AllowsAny(ActAdmit) {
		m.help.SetStatus(m.common.Text(txtKnockStatus, name), true)
	}
}

// describeRoomEvent is the log line of a door or roll-call event.
func describeRoomEvent(c Common, e mcu.Event, names map[string]string) (string, bool) {
	bp, who := nameOf(names, e.BridgePoint), technician(e.Actor)
	switch e.Kind {
	case mcu.EventKnock:
		return c.Text(txtEvKnock, bp, doorText(c, mcu.Refusal(e.Detail))), true
	case mcu.EventAdmitted:
		return c.Text(txtEvAdmitted, bp, who), false
	case mcu.EventLock:
		if b, _ := strconv.ParseBool(e.Detail); b {
			return c.Text(txtEvLocked, who), false
		}
		return c.Text(txtEvUnlocked, who), false
	case mcu.EventRollCall:
		return c.Text(txtEvRollCall, e.Detail, who), false
	}
	by := c.Text(txtRoomBySite)
	if e.Actor != "endpoint" {
		by = c.Text(txtRoomByTech, who)
	}
	return c.Text(txtEvAttendance, bp, e.Detail, by), false
}
