package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"
)

// The start of a server-type command (serve, console, demo) is ordered so that whatever can
// fail does before anything is written: the flags, then the files they name, then the claim on
// the database (a second server on it is refused), then every port, and only then the meeting.

// claimApp reads the files the flags name (API token, TLS, holidays), claims the database for
// this process and opens the log and the store. The caller binds the ports before it opens or
// resumes a meeting.
func claimApp(ctx context.Context, cf commonFlags, command string, logToFile bool) (*app, error) {
	web, err := cf.webSettings()
	if err != nil {
		return nil, err
	}
	if _, err := cf.calendar(); err != nil {
		return nil, err
	}
	claim, err := lockInstance(cf, command)
	if err != nil {
		return nil, err
	}
	a := &app{flags: cf, web: &web, claim: claim}
	if err := a.openLogAndStore(ctx, logToFile); err != nil {
		a.close()
		return nil, err
	}
	return a, nil
}

// bind starts the MCU on --udp-port and SIP on --sip, and reserves --http; the lock file then names the address.
func (a *app) bind() error {
	if err := a.startMCU(); err != nil {
		return err
	}
	if err := a.startSIP(); err != nil {
		return err
	}
	ln, err := a.listen()
	if err != nil {
		return err
	}
	scheme := "http://"
	if a.web != nil && a.web.tls != nil {
		scheme = "https://"
	}
	a.claim.setAddrs(scheme+ln.Addr().String(), "")
	return nil
}

// listen reserves the --http address; serveHTTP then serves on it. Connections that come in
// between wait instead of being refused.
func (a *app) listen() (net.Listener, error) {
	if a.ln != nil {
		return a.ln, nil
	}
	ln, err := net.Listen("tcp", a.flags.http)
	if err != nil {
		return nil, listenError(a.flags.lang, "--http", a.flags.http, err)
	}
	a.ln = ln
	return ln, nil
}

// reserveSSH reserves --ssh and builds the SSH server once without a meeting, so that a busy
// port or a bad authorized_keys or host key stops serve before its meeting opens.
func (a *app) reserveSSH() error {
	ln, err := net.Listen("tcp", a.flags.ssh)
	if err != nil {
		return listenError(a.flags.lang, "--ssh", a.flags.ssh, err)
	}
	a.sshLn = ln
	if _, err := a.sshServer(""); err != nil {
		return err
	}
	a.claim.setAddrs("", ln.Addr().String())
	return nil
}

// udpError words a failure to start the MCU on --udp-port for the user.
func udpError(lang string, port int, err error) error {
	addr := "UDP " + strconv.Itoa(port)
	if errors.Is(err, syscall.EADDRINUSE) {
		return listenError(lang, "--udp-port", addr, err)
	}
	return &localError{text: fmt.Sprintf(msg(lang, "mcuStart"), addr, err), err: err}
}
