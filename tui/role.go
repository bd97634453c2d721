package tui

// Action is a console action that changes the meeting or its log; the technician's role decides
// whether, and for which bridge points, the console does it.
type Action int

// The console's actions.
const (
	ActMute             Action = iota // hard-mute or unmute a bridge point (m)
	ActSoftMute                       // soft-mute a bridge point, or lift its soft mute (u)
	ActMuteAll                        // mute every far end (M)
	ActFloor                          // grant or revoke the floor (enter, d)
	ActForward                        // forward a speak request to the chair (f)
	ActDismiss                        // dismiss a speak request (x)
	ActIncident                       // report a new incident (i)
	ActEditIncident                   // edit a stored incident, confirm or discard a draft (I, then enter, c, x)
	ActCloseMeeting                   // close the meeting's log and end it (C)
	ActRaiseHand                      // raise or cancel a request to speak (r)
	ActTestSession                    // tick and save a bridge point's test-session checklist (T)
	ActRecord                         // start or stop recording the meeting (R, then s)
	ActDeliverRecording               // mark a recording delivered to the host (R, then enter)
	ActBookingAdd                     // register a booking, Appendix I (B, then a)
	ActBookingEdit                    // edit a booking (B, then e)
	ActBookingStep                    // record a booking's next workflow step (B, then n)
	ActRollCall                       // ask for the roll call, or type a site's attendees (D, then r, enter)
	ActAdmit                          // admit a bridge point asking to join (A; a in the roll call)
	ActLock                           // lock or unlock the meeting (L)
	ActDisconnect                     // disconnect a bridge point (X)
	ActOpenMeeting                    // open a meeting from a booking or ad hoc (W, N; B then o)
	actionCount
)

// reach is how far a role's permission for an action extends.
type reach int

const (
	denied reach = iota // never
	own                 // only for the technician's own bridge point
	every               // for any bridge point
)

// permissionMatrix is the one place that says who may do what. Decisions beyond DESIGN.md:
// the host (main bridge point) runs the floor and the microphones of every bridge point and
// reports incidents, but does not edit, confirm or discard stored incidents and drafts nor close
// the meeting's log — those belong to the control center, which keeps the Appendix II log. An
// operator acts only for its own bridge point and may lift only a soft mute (the MCU refuses a
// hard one too); raising a hand is the operator's, the others grant the floor directly.
var permissionMatrix = [actionCount]struct{ control, host, operator, viewer reach }{
	ActMute:         {every, every, denied, denied},
	ActSoftMute:     {every, every, own, denied},
	ActMuteAll:      {every, every, denied, denied},
	ActFloor:        {every, every, denied, denied},
	ActForward:      {every, every, denied, denied},
	ActDismiss:      {every, every, denied, denied},
	ActIncident:     {every, every, own, denied},
	ActEditIncident: {every, denied, denied, denied},
	ActCloseMeeting: {every, denied, denied, denied},
	ActRaiseHand:    {denied, denied, own, denied},
	ActTestSession:  {every, every, own, denied},
	// The main bridge point may record its meeting; delivering recordings to the host is the
	// control center's duty (Article 12.2), like the meeting's log.
	ActRecord:           {every, every, denied, denied},
	ActDeliverRecording: {every, denied, denied, denied},
	// The host unit registers its meetings (Article 8; see bookingAllowed for a host key not
	// hosting the live meeting); the control center edits bookings and records every step.
	ActBookingAdd:  {every, every, denied, denied},
	ActBookingEdit: {every, denied, denied, denied},
	ActBookingStep: {every, denied, denied, denied},
	// Who is in the room: the host's meeting admits and locks with the control center; an
	// operator may type its own site's attendees; cutting a site off is the control center's.
	ActRollCall:   {every, every, own, denied},
	ActAdmit:      {every, every, denied, denied},
	ActLock:       {every, every, denied, denied},
	ActDisconnect: {every, denied, denied, denied},
	// Opening a meeting starts the day's work at the control center.
	ActOpenMeeting: {every, denied, denied, denied},
}

// actionNames name the actions in logs.
var actionNames = [actionCount]string{
	ActMute: "mute", ActSoftMute: "soft_mute", ActMuteAll: "mute_all", ActFloor: "floor",
	ActForward: "forward", ActDismiss: "dismiss", ActIncident: "incident",
	ActEditIncident: "edit_incident", ActCloseMeeting: "close_meeting", ActRaiseHand: "raise_hand",
	ActTestSession: "test_session", ActRecord: "record", ActDeliverRecording: "deliver_recording",
	ActBookingAdd: "booking_add", ActBookingEdit: "booking_edit", ActBookingStep: "booking_step",
	ActRollCall: "roll_call", ActAdmit: "admit", ActLock: "lock", ActDisconnect: "disconnect",
	ActOpenMeeting: "open_meeting",
}

// String names the action as the logs do.
func (a Action) String() string {
	if a < 0 || a >= actionCount {
		return "unknown"
	}
	return actionNames[a]
}

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

// reach is how far p may do a.
func (p Permissions) reach(a Action) reach {
	if a < 0 || a >= actionCount {
		return denied
	}
	row := permissionMatrix[a]
	switch p.role() {
	case RoleControl:
		return row.control
	case RoleHost:
		if !p.Hosting() { // not this meeting's main bridge point: read-only (role_host.go)
			return row.viewer
		}
		return row.host
	case RoleOperator:
		return row.operator
	case RoleViewer:
		return row.viewer
	}
	return denied
}

// Allows reports whether p may do a for bridgePoint ("" for an action on the whole meeting).
func (p Permissions) Allows(a Action, bridgePoint string) bool {
	switch p.reach(a) {
	case every:
		return true
	case own:
		return p.BridgePoint != "" && bridgePoint == p.BridgePoint
	}
	return false
}

// AllowsAny reports whether p may do a for at least one bridge point: whether its key is shown.
func (p Permissions) AllowsAny(a Action) bool {
	r := p.reach(a)
	return r == every || r == own && p.BridgePoint != ""
}

// OwnOnly reports whether p may do a only for its own bridge point.
func (p Permissions) OwnOnly(a Action) bool { return p.reach(a) == own }
