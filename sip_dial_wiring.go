package main

import (
	"context"
	"errors"
	"net"
	"strconv"

	"diemcau/sip"
	"diemcau/store"
)

// startDialler makes the dialler of room systems on the SIP server and gives it to live's
// facade: the console's dial, connect-all and hang-up go through it, its redials and the fate
// of each call are audited, each site's call state shows in the snapshot and the status API.
func (a *app) startDialler() {
	if a.terminalPort.Load() == 0 {
		a.terminalPort.Store(sip.TerminalPort)
	}
	a.dialler = sip.NewDialer(sip.DialerConfig{Server: a.sip, MCU: a.mcu, Target: a.terminalAddress,
		Redial: a.flags.sipRedial, RedialEvery: a.flags.sipRedialEvery,
		OnEvent: func(bp string, ev sip.Event) {
			if a.live != nil {
				a.live.CallEvent(bp, ev.Kind, ev.State)
			}
		}})
	if a.live != nil {
		a.live.SetDialler(a.dialler)
	}
}

// terminalAddress is where bridge point id's room system is called: its registry device_ip on
// the SIP port 5060 ("" when the registry has no address for it).
func (a *app) terminalAddress(ctx context.Context, id string) (string, error) {
	bp, err := a.st.BridgePoint(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil || bp.DeviceIP == "" {
		return "", err
	}
	return net.JoinHostPort(bp.DeviceIP, strconv.Itoa(int(a.terminalPort.Load()))), nil
}
