package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
	"diemcau/tui"
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

// openAdhoc resumes the meeting the store still has live (the server stopped or crashed in the
// middle of it), else opens a new ad hoc meeting that any registered bridge point may join.
func (a *app) openAdhoc(ctx context.Context) (*mcu.Conference, error) {
	host := msg(a.flags.lang, "adhocHost")
	conf, ok, err := a.resumeMeeting(ctx, host)
	switch {
	case err != nil:
		// A meeting that cannot be resumed must not keep the control center from starting.
		a.log.Error("resume live meeting; opening a new one", "err", err)
	case ok:
		return conf, nil
	}
	m := store.Meeting{Title: msg(a.flags.lang, "adhocTitle")}
	var members []store.BridgePoint
	main, ok, err := a.registryMain(ctx)
	if err != nil {
		return nil, err
	}
	if ok { // the meeting is chaired from the province's main room: M never mutes it, its host acts in it
		m.MainBP, m.HostUnit = main.ID, main.UnitID
		members = []store.BridgePoint{main}
	} else {
		a.log.Warn("the registry has no main bridge point (role=main): the ad hoc meeting has none")
	}
	return a.openMeeting(ctx, m, host, members, true)
}

// registryMain returns the registry's main bridge point (role=main; the first by id when there
// are several); ok is false when the registry has none.
func (a *app) registryMain(ctx context.Context) (store.BridgePoint, bool, error) {
	bps, err := a.st.BridgePoints(ctx)
	if err != nil {
		return store.BridgePoint{}, false, err
	}
	for _, bp := range bps {
		if bp.Role == "main" {
			return bp, true, nil
		}
	}
	return store.BridgePoint{}, false, nil
}

// resumeMeeting reopens the latest live meeting of the store under its own id: its members,
// their mute modes, the floor and the speak-request queue as the log book has them; the time
// the server was down counts as an interruption of each bridge point it had connected. ok is
// false when no meeting is live.
func (a *app) resumeMeeting(ctx context.Context, host string) (conf *mcu.Conference, ok bool, err error) {
	live, err := a.st.LatestLiveMeeting(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	rs, err := meeting.LoadResume(ctx, a.st, live.ID)
	if err != nil {
		return nil, false, err
	}
	if time.Since(rs.StopAt) > meeting.ResumeWithin {
		return nil, false, a.expireMeeting(ctx, rs)
	}
	spec, err := a.resumeSpec(ctx, rs, host)
	if err != nil {
		return nil, false, err
	}
	restored := mcu.Restored{Mute: map[string]mcu.MuteMode{}, Floor: rs.Floor}
	for bp, mode := range rs.Mute {
		restored.Mute[bp] = mcu.MuteMode(mode)
	}
	for _, r := range rs.Requests {
		restored.Requests = append(restored.Requests, mcu.SpeakRequest{ID: r.ID, BridgePoint: r.BridgePoint,
			State: r.State, RequestedAt: r.RequestedAt, ForwardedAt: r.ForwardedAt})
	}
	if err := a.restoreRoom(ctx, live.ID, &restored); err != nil {
		return nil, false, err
	}
	now := time.Now()
	down := time.Duration(0)
	if !rs.StopAt.IsZero() {
		down = now.Sub(rs.StopAt)
	}
	if _, err := a.st.RecordAction(ctx, live.ID, now, "system", meeting.ActionResume, "",
		fmt.Sprintf("down=%dms interrupted=%d muted=%d requests=%d", down.Milliseconds(), len(rs.Down),
			len(rs.Mute), len(rs.Requests))); err != nil {
		return nil, false, err
	}
	if conf, err = a.mcu.Reopen(ctx, spec, restored); err != nil {
		return nil, false, err
	}
	tracker := meeting.NewOutageTracker(a.st, a.flags.lang, a.log)
	if err := tracker.Resume(ctx, live.ID, rs.Down); err != nil {
		a.log.Error("resume: interruptions", "err", err)
	}
	a.runTracker(ctx, tracker, conf)
	a.recordSiteReports(ctx, conf) // what a site reports itself becomes a draft, as in a new meeting
	a.log.Info("meeting resumed", "meeting", live.ID, "down", down.Round(time.Millisecond),
		"interrupted", len(rs.Down), "muted", len(rs.Mute), "requests", len(rs.Requests))
	return conf, true, nil
}

// expireMeeting ends a live meeting whose server has been down longer than ResumeWithin: it
// ended when the server stopped; a new meeting opens instead.
func (a *app) expireMeeting(ctx context.Context, rs meeting.ResumeState) error {
	m := rs.Meeting
	if _, err := a.st.RecordAction(ctx, m.ID, time.Now(), "system", meeting.ActionExpire, "",
		"stopped="+rs.StopAt.UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	if err := a.st.EndMeeting(ctx, m.ID, rs.StopAt); err != nil {
		return err
	}
	a.log.Info("live meeting not resumed: the server was down too long", "meeting", m.ID, "stopped", rs.StopAt)
	return nil
}

// resumeSpec describes the conference of a resumed meeting, members named as in the registry.
func (a *app) resumeSpec(ctx context.Context, rs meeting.ResumeState, host string) (mcu.ConferenceSpec, error) {
	m := rs.Meeting
	spec := mcu.ConferenceSpec{ID: strconv.FormatInt(m.ID, 10), MeetingID: m.ID, Title: m.Title, Host: host,
		Chair: m.Chair, OpenToAll: meeting.OpenToAll(rs.Meeting, rs.Participants)}
	if m.HostUnit != "" {
		units, err := a.st.Units(ctx)
		if err != nil {
			return spec, err
		}
		for _, u := range units {
			if u.ID == m.HostUnit {
				spec.Host = u.Name
			}
		}
	}
	bps, err := a.st.BridgePoints(ctx)
	if err != nil {
		return spec, err
	}
	names := make(map[string]string, len(bps))
	for _, bp := range bps {
		names[bp.ID] = bp.Name
	}
	for _, id := range rs.Members {
		spec.Members = append(spec.Members, mcu.Member{ID: id, Name: names[id], Main: id == m.MainBP})
	}
	return spec, nil
}

// runTracker turns the conference's drops, silences and poor links into incident drafts until
// the conference closes (its meeting ends), or close stops the trackers after recordStop has read
// the interruptions still open: ctx ending does not stop it.
func (a *app) runTracker(ctx context.Context, t *meeting.OutageTracker, conf *mcu.Conference) {
	a.track(context.WithoutCancel(ctx), func(tctx context.Context) {
		t.Run(tctx, tui.NewFloorFeed(conf).Observations)
	})
}

// track runs fn in a goroutine that stopTracking cancels and waits for.
func (a *app) track(ctx context.Context, fn func(context.Context)) {
	tctx, cancel := context.WithCancel(ctx)
	a.tracking.Add(1)
	a.trackMu.Lock()
	a.stopTrackers = append(a.stopTrackers, cancel)
	a.trackMu.Unlock()
	go func() {
		defer a.tracking.Done()
		fn(tctx)
	}()
}

// stopTracking ends the outage trackers, which end the open outages, and waits for them.
func (a *app) stopTracking() {
	a.trackMu.Lock()
	for _, cancel := range a.stopTrackers {
		cancel()
	}
	a.stopTrackers = nil
	a.trackMu.Unlock()
	a.tracking.Wait()
}

// recordStop journals, for each conference still live, which bridge points were connected when
// the server stopped, or interrupted (an outage not yet ended, e.g. not back since the last
// restart): a restart counts the downtime as their interruption.
func (a *app) recordStop() {
	if a.mcu == nil || a.st == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	for _, c := range a.mcu.Conferences() {
		snap := c.Snapshot()
		var connected []string
		listed := map[string]bool{}
		for _, p := range snap.Participants {
			if p.Connected {
				connected = append(connected, p.ID)
				listed[p.ID] = true
			}
		}
		outs, err := a.st.Outages(ctx, snap.MeetingID)
		if err != nil {
			a.log.Error("record server stop: outages", "meeting", snap.MeetingID, "err", err)
		}
		for _, o := range outs {
			if o.EndedAt.IsZero() && !listed[o.BridgePoint] {
				connected = append(connected, o.BridgePoint)
				listed[o.BridgePoint] = true
			}
		}
		if _, err := a.st.RecordAction(ctx, snap.MeetingID, time.Now(), "system", meeting.ActionServerStop, "",
			meeting.StopDetail(connected)); err != nil {
			a.log.Error("record server stop", "meeting", snap.MeetingID, "err", err)
		}
	}
}
