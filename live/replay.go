package live

import (
	"context"
	"fmt"
	"sort"
	"time"

	"diemcau/mcu"
	"diemcau/store"
)

// Resuming a meeting after the server restarts: the floor state is rebuilt by replaying the log
// book (every control action is journaled before it is acknowledged), and the time the server
// was down counts as an interruption of each bridge point it had connected. The actions written
// (audit.go) and their replay live together here.

const (
	// ResumeWithin is how long a server may stay down and still resume the meeting it ran;
	// after longer the meeting is taken as ended when the server stopped.
	ResumeWithin = time.Hour
	// LeaveCrash is the leave reason given, on resume, to a session the server never closed.
	LeaveCrash = "server_crash"
)

// ResumeState is what a restarted server needs to reopen a live meeting as it was.
type ResumeState struct {
	Meeting      store.Meeting
	Participants []string                // the bridge points expected (none but the main one: an ad hoc meeting open to all)
	Members      []string                // participants, then bridge points that joined, in first-join order
	Mute         map[string]mcu.MuteMode // bridge point → SoftMute or HardMute; absent means open
	Floor        string                  // the bridge point holding the floor, "" when none
	Requests     []ResumedRequest        // the speak-request queue, in order
	Locked       bool                    // the meeting was locked (its last lock or unlock)
	Down         []Down                  // bridge points connected when the server stopped
	StopAt       time.Time               // when the server stopped (or was last known to run)
}

// ResumedRequest is a speak request still in the queue.
type ResumedRequest struct {
	ID          int64
	BridgePoint string
	State       string // "waiting", "forwarded", "granted"
	RequestedAt time.Time
	ForwardedAt time.Time
}

// LoadResume rebuilds the state of live meeting meetingID from the store. Sessions the server
// never closed (it crashed) are closed at the last moment the meeting was written to, with
// reason LeaveCrash; their bridge points count as down since then.
func LoadResume(ctx context.Context, st *store.Store, meetingID int64) (ResumeState, error) {
	m, err := st.Meeting(ctx, meetingID)
	if err != nil {
		return ResumeState{}, fmt.Errorf("resume: %w", err)
	}
	if m.Status != "live" {
		return ResumeState{}, fmt.Errorf("resume meeting %d: %w", meetingID, store.ErrMeetingClosed)
	}
	last, err := st.LastRecorded(ctx, meetingID)
	if err != nil {
		return ResumeState{}, fmt.Errorf("resume: %w", err)
	}
	crashed, err := st.EndOpenSessions(ctx, meetingID, last, LeaveCrash)
	if err != nil {
		return ResumeState{}, fmt.Errorf("resume: %w", err)
	}
	participants, err := st.Participants(ctx, meetingID)
	if err != nil {
		return ResumeState{}, fmt.Errorf("resume: %w", err)
	}
	sessions, err := st.Sessions(ctx, meetingID)
	if err != nil {
		return ResumeState{}, fmt.Errorf("resume: %w", err)
	}
	audit, err := st.AuditLog(ctx, meetingID)
	if err != nil {
		return ResumeState{}, fmt.Errorf("resume: %w", err)
	}
	reqs, err := st.SpeakRequests(ctx, meetingID)
	if err != nil {
		return ResumeState{}, fmt.Errorf("resume: %w", err)
	}
	outages, err := st.Outages(ctx, meetingID)
	if err != nil {
		return ResumeState{}, fmt.Errorf("resume: %w", err)
	}
	rs := ResumeState{Meeting: m, Participants: participants, StopAt: last}
	firstJoin := membersOf(&rs, participants, sessions)
	f := replayFloor(audit, m.MainBP, participants, firstJoin)
	rs.Mute, rs.Floor, rs.Locked = f.mute, f.floor, f.locked
	rs.Requests = openRequests(reqs, f.forwarded)
	rs.Down, rs.StopAt = downAtStop(audit, crashed, outages, last)
	if rs.StopAt.Before(m.StartedAt) { // nothing written since the meeting opened
		rs.StopAt = m.StartedAt
	}
	return rs, nil
}

// membersOf fills rs.Members and returns when each bridge point first joined (participants
// are members from the start).
func membersOf(rs *ResumeState, participants []string, sessions []store.Session) map[string]time.Time {
	first := map[string]time.Time{}
	seen := map[string]bool{}
	for _, bp := range participants {
		seen[bp] = true
		rs.Members = append(rs.Members, bp)
	}
	for _, s := range sessions { // by join time
		if _, ok := first[s.BridgePoint]; !ok {
			first[s.BridgePoint] = s.JoinedAt
		}
		if !seen[s.BridgePoint] {
			seen[s.BridgePoint] = true
			rs.Members = append(rs.Members, s.BridgePoint)
		}
	}
	return first
}

// floorState is the control state the journal rebuilds.
type floorState struct {
	mute      map[string]mcu.MuteMode
	floor     string
	locked    bool
	forwarded map[int64]time.Time // speak request → when it was forwarded to the chair
}

// replayFloor replays the journaled mute, floor, request and lock actions in order. "Mute all"
// hard-mutes every member of that moment but the main bridge point: the participants and
// whoever had joined. Every other action leaves the control state as it is.
func replayFloor(audit []store.AuditEntry, mainBP string, participants []string, firstJoin map[string]time.Time) floorState {
	f := floorState{mute: map[string]mcu.MuteMode{}, forwarded: map[int64]time.Time{}}
	set := func(bp string, mode mcu.MuteMode) {
		if mode == mcu.Unmuted {
			delete(f.mute, bp)
			return
		}
		f.mute[bp] = mode
	}
	for _, e := range audit {
		switch Action(e.Action) {
		case ActionMute:
			set(e.BridgePoint, mcu.ParseMuteDetail(e.Detail))
		case ActionUnmute, ActionSelfUnmute:
			set(e.BridgePoint, mcu.Unmuted)
		case ActionSelfMute:
			set(e.BridgePoint, mcu.SoftMute)
		case ActionFloorGrant:
			set(e.BridgePoint, mcu.Unmuted)
			f.floor = e.BridgePoint
		case ActionFloorRevoke:
			set(e.BridgePoint, mcu.HardMute)
			if f.floor == e.BridgePoint {
				f.floor = ""
			}
		case ActionMuteAll:
			for _, bp := range participants {
				if bp != mainBP {
					set(bp, mcu.HardMute)
				}
			}
			for bp, at := range firstJoin {
				if bp != mainBP && !at.After(e.At) {
					set(bp, mcu.HardMute)
				}
			}
		case ActionSpeakForward:
			if id, err := mcu.ParseRequestDetail(e.Detail); err == nil {
				f.forwarded[id] = e.At
			}
		case ActionLock:
			f.locked = true
		case ActionUnlock:
			f.locked = false
		}
	}
	return f
}

// openRequests returns the requests still queued (waiting, forwarded, granted) in queue order,
// with the time each was forwarded to the chair.
func openRequests(reqs []store.SpeakRequest, forwarded map[int64]time.Time) []ResumedRequest {
	var out []ResumedRequest
	for _, r := range reqs {
		switch r.State {
		case "waiting", "forwarded", "granted":
			out = append(out, ResumedRequest{ID: r.ID, BridgePoint: r.BridgePoint, State: r.State,
				RequestedAt: r.RequestedAt, ForwardedAt: forwarded[r.ID]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].RequestedAt.Equal(out[j].RequestedAt) {
			return out[i].ID < out[j].ID
		}
		return out[i].RequestedAt.Before(out[j].RequestedAt)
	})
	return out
}

// downAtStop lists the bridge points the stop cut off and when the server stopped: those named
// by the last server_stop since the last resume (down since the stop), else those whose sessions
// were left open by a crash (down since the last record). An outage still open continues.
func downAtStop(audit []store.AuditEntry, crashed []store.Session, outages []store.Outage, last time.Time) ([]Down, time.Time) {
	var stop *store.AuditEntry
	for i := range audit {
		switch Action(audit[i].Action) {
		case ActionServerStop:
			stop = &audit[i]
		case ActionResume:
			stop = nil
		}
	}
	since := map[string]time.Time{}
	var order []string
	add := func(bp string, at time.Time) {
		if _, ok := since[bp]; !ok && bp != "" {
			since[bp] = at
			order = append(order, bp)
		}
	}
	stopAt := last
	if stop != nil {
		stopAt = stop.At
		for _, bp := range ParseStopDetail(stop.Detail).Connected {
			add(bp, stop.At)
		}
	}
	for _, s := range crashed {
		at := last
		if s.JoinedAt.After(at) {
			at = s.JoinedAt
		}
		add(s.BridgePoint, at)
	}
	open := map[string]store.Outage{}
	for _, o := range outages {
		switch {
		case o.EndedAt.IsZero():
			open[o.BridgePoint] = o
			add(o.BridgePoint, o.StartedAt)
		case o.EndedAt.After(since[o.BridgePoint]) && !since[o.BridgePoint].IsZero():
			since[o.BridgePoint] = o.EndedAt // ended as the server stopped: go on from there
		}
	}
	downs := make([]Down, 0, len(order))
	for _, bp := range order {
		d := Down{BridgePoint: bp, Since: since[bp]}
		if o, ok := open[bp]; ok {
			d.Since, d.OutageID, d.IncidentID = o.StartedAt, o.ID, o.IncidentID
		}
		downs = append(downs, d)
	}
	return downs, stopAt
}
