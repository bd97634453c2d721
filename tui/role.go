package tui

import "diemcau/live"

// Action is a console action that changes the meeting or its log. Who may do it is live's one
// permission table (live/permit.go); the console asks it to confine its keys and help, and the
// facade (live.Desk) asks it again before it acts.
type Action = live.Act

// The console's actions and their keys.
const (
	ActMute             = live.ActMute             // m
	ActSoftMute         = live.ActSoftMute         // u
	ActMuteAll          = live.ActMuteAll          // M
	ActFloor            = live.ActFloor            // enter, d
	ActForward          = live.ActForward          // f
	ActDismiss          = live.ActDismiss          // x
	ActIncident         = live.ActIncident         // i
	ActEditIncident     = live.ActEditIncident     // I, then enter, c, x
	ActCloseMeeting     = live.ActCloseMeeting     // C
	ActRaiseHand        = live.ActRaiseHand        // r
	ActTestSession      = live.ActTestSession      // T
	ActRecord           = live.ActRecord           // R, then s
	ActDeliverRecording = live.ActDeliverRecording // R, then enter
	ActBookingAdd       = live.ActBookingAdd       // B, then a
	ActBookingEdit      = live.ActBookingEdit      // B, then e
	ActBookingStep      = live.ActBookingStep      // B, then n
	ActRollCall         = live.ActRollCall         // D, then r, enter
	ActAdmit            = live.ActAdmit            // A; a in the roll call
	ActLock             = live.ActLock             // L
	ActDisconnect       = live.ActDisconnect       // X
	ActOpenMeeting      = live.ActOpenMeeting      // W, N; B then o
	ActDial             = live.ActDial             // p, P, H; enter on a failed call
	actionCount         = live.ActCount
)

// Permissions are what one technician may do: a role and, for an operator, its bridge point.
type Permissions struct {
	Role        Role   // empty means RoleControl, the local console
	BridgePoint string // the operator's own bridge point; for a host, the main bridge point it is
	live        *liveMain
}

// role is p's role, the local console's when unset.
func (p Permissions) role() Role {
	if p.Role == "" {
		return RoleControl
	}
	return p.Role
}

// Identity is p as the facade knows it, acting as actor.
func (p Permissions) Identity(actor string) live.Identity {
	return live.Identity{Actor: actor, Role: live.Role(p.role()), BridgePoint: p.BridgePoint}
}

// Allows reports whether p may do a for bridgePoint ("" for an action on the whole meeting) in
// the live meeting last seen.
func (p Permissions) Allows(a Action, bridgePoint string) bool {
	return p.Identity("").May(a, bridgePoint, p.LiveMain())
}

// AllowsAny reports whether p may do a for at least one bridge point: whether its key is shown.
func (p Permissions) AllowsAny(a Action) bool { return p.Identity("").MayAny(a, p.LiveMain()) }

// OwnOnly reports whether p may do a only for its own bridge point.
func (p Permissions) OwnOnly(a Action) bool { return p.Identity("").Reach(a, p.LiveMain()) == live.Own }
