package live

// Role is what a technician's key lets it do (DESIGN.md): the control center everything, the
// main bridge point (host) the floor and microphones of the meeting it hosts, an operator its own
// bridge point, a viewer nothing.
type Role string

// The roles.
const (
	RoleControl  Role = "control"
	RoleHost     Role = "host"
	RoleOperator Role = "operator"
	RoleViewer   Role = "viewer"
)

// Act is an action a person can take; the permission table says which roles may take it.
type Act int

// The actions a person can take.
const (
	ActMute             Act = iota // hard-mute or unmute a bridge point
	ActSoftMute                    // soft-mute a bridge point, or lift its soft mute
	ActMuteAll                     // mute every far end
	ActFloor                       // grant or revoke the floor
	ActForward                     // forward a speak request to the chair
	ActDismiss                     // dismiss a speak request
	ActIncident                    // report a new incident
	ActEditIncident                // edit a stored incident, confirm or discard a draft
	ActCloseMeeting                // close the meeting's log and end it; submit the log
	ActRaiseHand                   // raise or cancel a request to speak
	ActTestSession                 // save a bridge point's test-session checklist
	ActRecord                      // start or stop recording the meeting
	ActDeliverRecording            // mark a recording delivered to the host
	ActBookingAdd                  // register a booking, Appendix I
	ActBookingEdit                 // edit a booking
	ActBookingStep                 // record a booking's next workflow step
	ActRollCall                    // ask for the roll call, or type a site's attendees
	ActAdmit                       // admit a bridge point asking to join
	ActLock                        // lock or unlock the meeting
	ActDisconnect                  // disconnect a bridge point
	ActOpenMeeting                 // open a meeting from a booking or ad hoc
	ActTechnician                  // add or import the units' technicians (Article 6.6)
	ActCalendar                    // import working days and holidays into the calendar
	ActRegistry                    // import the bridge-point registry, rotate a join secret, trust a SIP address
	ActDial                        // call a room system (SIP), connect all, hang up its call
	ActCount                       // the number of actions
)

// Reach is how far a role's permission for an action extends.
type Reach int

// The reaches.
const (
	Denied Reach = iota // never
	Own                 // only for the technician's own bridge point
	Every               // for any bridge point
)

// permissions is the one table that says who may do what. Decisions beyond DESIGN.md: the host
// (main bridge point) runs the floor and the microphones of every bridge point and reports
// incidents, but does not edit, confirm or discard stored incidents and drafts nor close the
// meeting's log — those belong to the control center, which keeps the Appendix II log. An
// operator acts only for its own bridge point and may lift only a soft mute (the MCU refuses a
// hard one too); raising a hand is the operator's, the others grant the floor directly. A host
// key acts only on the meeting its bridge point hosts; on any other it has the viewer's row.
var permissions = [ActCount]struct{ control, host, operator, viewer Reach }{
	ActMute:         {Every, Every, Denied, Denied},
	ActSoftMute:     {Every, Every, Own, Denied},
	ActMuteAll:      {Every, Every, Denied, Denied},
	ActFloor:        {Every, Every, Denied, Denied},
	ActForward:      {Every, Every, Denied, Denied},
	ActDismiss:      {Every, Every, Denied, Denied},
	ActIncident:     {Every, Every, Own, Denied},
	ActEditIncident: {Every, Denied, Denied, Denied},
	ActCloseMeeting: {Every, Denied, Denied, Denied},
	ActRaiseHand:    {Denied, Denied, Own, Denied},
	ActTestSession:  {Every, Every, Own, Denied},
	// The main bridge point may record its meeting; delivering recordings to the host is the
	// control center's duty (Article 12.2), like the meeting's log.
	ActRecord:           {Every, Every, Denied, Denied},
	ActDeliverRecording: {Every, Denied, Denied, Denied},
	// The host unit registers its meetings (Article 8; see MayBook for a host key not hosting the
	// live meeting); the control center edits bookings and records every step.
	ActBookingAdd:  {Every, Every, Denied, Denied},
	ActBookingEdit: {Every, Denied, Denied, Denied},
	ActBookingStep: {Every, Denied, Denied, Denied},
	// Who is in the room: the host's meeting admits and locks with the control center; an
	// operator may type its own site's attendees; cutting a site off is the control center's.
	ActRollCall:   {Every, Every, Own, Denied},
	ActAdmit:      {Every, Every, Denied, Denied},
	ActLock:       {Every, Every, Denied, Denied},
	ActDisconnect: {Every, Denied, Denied, Denied},
	// Opening a meeting starts the day's work at the control center.
	ActOpenMeeting: {Every, Denied, Denied, Denied},
	// The registers the control center keeps (the command line's): technicians, the calendar,
	// the registry of bridge points and their credentials.
	ActTechnician: {Every, Denied, Denied, Denied},
	ActCalendar:   {Every, Denied, Denied, Denied},
	ActRegistry:   {Every, Denied, Denied, Denied},
	// Calling the room systems in and hanging them up is the control center's, as disconnecting.
	ActDial: {Every, Denied, Denied, Denied},
}

// actNames name the actions in logs.
var actNames = [ActCount]string{
	ActMute: "mute", ActSoftMute: "soft_mute", ActMuteAll: "mute_all", ActFloor: "floor",
	ActForward: "forward", ActDismiss: "dismiss", ActIncident: "incident",
	ActEditIncident: "edit_incident", ActCloseMeeting: "close_meeting", ActRaiseHand: "raise_hand",
	ActTestSession: "test_session", ActRecord: "record", ActDeliverRecording: "deliver_recording",
	ActBookingAdd: "booking_add", ActBookingEdit: "booking_edit", ActBookingStep: "booking_step",
	ActRollCall: "roll_call", ActAdmit: "admit", ActLock: "lock", ActDisconnect: "disconnect",
	ActOpenMeeting: "open_meeting", ActTechnician: "technician", ActCalendar: "calendar",
	ActRegistry: "registry", ActDial: "dial",
}

// String names the action as the logs do.
func (a Act) String() string {
	if a < 0 || a >= ActCount {
		return "unknown"
	}
	return actNames[a]
}

// Identity is who acts: the actor written to the audit log ("console:root", "ssh:an",
// "api:binh"), its role (empty: the control center, the local console) and its own bridge
// point (an operator's; for a host, the main bridge point it is).
type Identity struct {
	Actor       string
	Role        Role
	BridgePoint string
}

// role is id's role, the control center's when unset.
func (id Identity) role() Role {
	if id.Role == "" {
		return RoleControl
	}
	return id.Role
}

// Reach is how far id may do a in a meeting whose main bridge point is main ("" when there is
// no live meeting): a host key not hosting that meeting has the viewer's reach.
func (id Identity) Reach(a Act, main string) Reach {
	if a < 0 || a >= ActCount {
		return Denied
	}
	row := permissions[a]
	switch id.role() {
	case RoleControl:
		return row.control
	case RoleHost:
		if id.Hosts(main) {
			return row.host
		}
		return row.viewer
	case RoleOperator:
		return row.operator
	case RoleViewer:
		return row.viewer
	}
	return Denied
}

// Hosts reports whether id is a host key whose bridge point is main.
func (id Identity) Hosts(main string) bool {
	return id.role() == RoleHost && id.BridgePoint != "" && id.BridgePoint == main
}

// May reports whether id may do a for bridgePoint ("" for an action on the whole meeting) in a
// meeting whose main bridge point is main.
func (id Identity) May(a Act, bridgePoint, main string) bool {
	switch id.Reach(a, main) {
	case Every:
		return true
	case Own:
		return id.BridgePoint != "" && bridgePoint == id.BridgePoint
	}
	return false
}

// MayAny reports whether id may do a for at least one bridge point: whether its key is shown.
func (id Identity) MayAny(a Act, main string) bool {
	r := id.Reach(a, main)
	return r == Every || r == Own && id.BridgePoint != ""
}

// MayBook reports whether id may do booking action a. Registering is not acting on the live
// meeting: a host key with a bridge point registers its own unit's meetings whichever meeting
// is live (Article 8; the unit is checked when saving); editing and recording steps are the
// control center's, which keeps the register (Article 9).
func (id Identity) MayBook(a Act, main string) bool {
	if a == ActBookingAdd && id.role() == RoleHost {
		return id.BridgePoint != ""
	}
	return id.May(a, "", main)
}
