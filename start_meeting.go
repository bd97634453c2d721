package main

import (
	"context"
	"diemcau/live"
	"net"

	"diemcau/mcu"
	"diemcau/store"
)

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

// openAdhoc resumes every meeting the store still has live (the server stopped or crashed in
// the middle of them); when none was, it opens a new ad hoc meeting that any registered bridge
// point may join, chaired from the registry's main room. It returns the first meeting.
func (a *app) openAdhoc(ctx context.Context) (*mcu.Conference, error) {
	host := msg(a.flags.lang, "adhocHost")
	confs, err := a.live.Resume(ctx, host)
	if err != nil {
		// A meeting that cannot be resumed must not keep the control center from starting.
		a.log.Error("resume live meetings; opening a new one", "err", err)
	}
	if len(confs) > 0 {
		return confs[0], nil
	}
	m := store.Meeting{Title: msg(a.flags.lang, "adhocTitle")}
	var members []store.BridgePoint
	main, ok, err := a.live.RegistryMain(ctx)
	if err != nil {
		return nil, err
	}
	if ok { // the meeting is chaired from the province's main room: M never mutes it, its host acts in it
		m.MainBP, m.HostUnit = main.ID, main.UnitID
		members = []store.BridgePoint{main}
	} else {
		a.log.Warn("the registry has no main bridge point (role=main): the ad hoc meeting has none")
	}
	return a.live.Open(ctx, live.Spec{Meeting: m, Host: host, Members: members, OpenToAll: true})
}
