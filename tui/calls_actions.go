package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
)

// callLabel is the state cell of a bridge point that is not connected and was dialled: the
// call's state, or for a failed call its cause in plain words; "" when it was never dialled.
func callLabel(c Common, st mcu.CallState) string {
	switch st.State {
	case "", mcu.CallConnected:
		return ""
	case mcu.CallCalling:
		return c.Text(txtCallCalling)
	case mcu.CallRinging:
		return c.Text(txtCallRinging)
	case mcu.CallRedial:
		return c.Text(txtCallRedial, st.Try, st.Tries)
	case mcu.CallEnded:
		return c.Text(txtCallEnded)
	case mcu.CallBusy:
		return c.Text(txtCauseBusy)
	case mcu.CallNoAnswer:
		return c.Text(txtCauseNoAnswer)
	}
	if k, ok := causeKeys[st.Cause]; ok {
		return c.Text(k)
	}
	return c.Text(txtCauseError)
}

// redialable reports whether enter on p's row calls it again: a call that failed (busy, no
// answer, failed) or was hung up, and p is not connected.
func redialable(p mcu.Participant) bool {
	switch p.Call.State {
	case mcu.CallBusy, mcu.CallNoAnswer, mcu.CallFailed, mcu.CallEnded:
		return !p.Connected
	}
	return false
}

// selectedSite is the bridge point selected in the table, or false (said on the status line).
func (m *Model) selectedSite() (mcu.Participant, bool) {
	p, ok := m.table.Selected()
	if !ok {
		m.help.SetStatus(m.common.Text(txtNothingSelected), true)
	}
	return p, ok
}

// dialCmd calls p's room system through live's facade (redialling by hand a failed call).
func (m *Model) dialCmd(p mcu.Participant) tea.Cmd {
	c, conf := m.common, m.conf
	if conf == nil || !m.permit(ActDial, p.ID) {
		return nil
	}
	return conferenceCmd(c, c.Text(txtDialOK, p.Name), func(ctx context.Context) error {
		return c.room(conf).Dial(ctx, p.ID)
	})
}

// connectAllCmd calls every expected SIP bridge point that is not connected.
func (m *Model) connectAllCmd() tea.Cmd {
	c, conf := m.common, m.conf
	if conf == nil || !m.permit(ActDial, "") {
		return nil
	}
	return command(c, func(ctx context.Context) tea.Msg {
		n, err := c.room(conf).ConnectAll(ctx)
		if err != nil {
			return CommandResultMsg{Err: err}
		}
		return CommandResultMsg{Text: c.Text(txtConnectAllOK, n)}
	})
}

// hangUpCmd hangs up p's call (or stops its calling and redials); it is not redialled.
func (m *Model) hangUpCmd(p mcu.Participant) tea.Cmd {
	c, conf := m.common, m.conf
	if conf == nil || !m.permit(ActDial, p.ID) {
		return nil
	}
	return conferenceCmd(c, c.Text(txtHangUpOK, p.Name), func(ctx context.Context) error {
		return c.room(conf).HangUp(ctx, p.ID)
	})
}

// callKey acts on the call keys of the main screen: p calls the selected site, P calls all, H
// hangs up the selected site's call.
func (m *Model) callKeyCmd(dial, all bool) tea.Cmd {
	if all {
		return m.connectAllCmd()
	}
	p, ok := m.selectedSite()
	if !ok {
		return nil
	}
	if dial {
		return m.dialCmd(p)
	}
	return m.hangUpCmd(p)
}

// noteCalls says on the status line, once per failure, that a site's call failed and why.
func (m *Model) noteCalls(s mcu.Snapshot) {
	c := m.common
	for _, p := range s.Participants {
		st := p.Call
		if st.State != mcu.CallBusy && st.State != mcu.CallNoAnswer && st.State != mcu.CallFailed {
			continue
		}
		if at, ok := m.callNoted[p.ID]; ok && at.Equal(st.Since) {
			continue
		}
		if m.callNoted == nil {
			m.callNoted = map[string]time.Time{}
		}
		m.callNoted[p.ID] = st.Since
		code := ""
		if st.Code != 0 {
			code = c.Text(txtCallSIPCode, st.Code)
		}
		m.help.SetStatus(c.Text(txtCallFailedStatus, p.Name, callLabel(c, st), code), true)
	}
}
