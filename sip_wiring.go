package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"

	"diemcau/sip"
	"diemcau/store"
)

// startSIP starts the SIP server on --sip for room systems (off: none), over TLS too on
// --sip-tls when --sip-tls-cert and --sip-tls-key are given, its media on --sip-rtp-ports. A busy default address
// only warns (the console and the demo run beside a softphone); a busy address given on purpose
// stops the start, as a busy --http does.
func (a *app) startSIP() error {
	if a.flags.sip == "off" {
		return nil
	}
	cfg := sip.Config{Addr: a.flags.sip, Credentials: a.sipCredential, RTPPorts: a.flags.sipRTP,
		Rooms: sip.MCURooms{MCU: a.mcu, Lang: a.flags.lang}, Log: a.log}
	if a.web != nil && a.web.sipTLS != nil {
		cfg.TLS, cfg.TLSAddr = a.web.sipTLS, a.flags.sipTLSAddr()
	}
	srv, err := sip.Listen(cfg)
	if errors.Is(err, sip.ErrTLSListen) {
		return listenError(a.flags.lang, "--sip-tls", cfg.TLSAddr, err)
	}
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) && !a.flags.sipSet {
			fmt.Fprintf(os.Stderr, msg(a.flags.lang, "sipBusyDefault"), a.flags.sip)
			a.log.Warn("SIP not started: the default address is in use", "addr", a.flags.sip, "err", err)
			return nil
		}
		return listenError(a.flags.lang, "--sip", a.flags.sip, err)
	}
	a.sip = srv
	a.startDialler()
	return nil
}

// sipCredential is what admits a bridge point's terminal: the digest HA1 stored with its join
// secret, and its device_ip when the site is trusted by address.
func (a *app) sipCredential(ctx context.Context, id string) (sip.Credential, bool, error) {
	bp, err := a.st.BridgePoint(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return sip.Credential{}, false, nil
	}
	if err != nil {
		return sip.Credential{}, false, err
	}
	c, err := a.st.SIPCredential(ctx, id)
	if err != nil {
		return sip.Credential{}, true, err
	}
	cred := sip.Credential{HA1: c.HA1}
	if c.TrustAddress {
		cred.TrustedIP = bp.DeviceIP
	}
	return cred, true, nil
}
