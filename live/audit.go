package live

import (
	"fmt"
	"strings"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
)

// Action is an action of the audit log. The constant's value is the string stored in the
// audit_log table: it never changes, since a restarted server replays the log of every live
// meeting (replay.go) and existing databases must still resume. Where another package writes
// the row itself (mcu journals before it acknowledges, meeting and store write a row in the
// transaction of the change they make), the constant is defined from that package's own, so
// renaming one there renames it here; TestAuditActionsKeepTheirStrings pins every string.
type Action string

// Actions journaled by mcu before it acknowledges them (floor, microphones, the room).
const (
	ActionMute            Action = mcu.JournalMute
	ActionUnmute          Action = mcu.JournalUnmute
	ActionMuteAll         Action = mcu.JournalMuteAll
	ActionSelfMute        Action = mcu.JournalSelfMute
	ActionSelfUnmute      Action = mcu.JournalSelfUnmute
	ActionFloorGrant      Action = mcu.JournalFloorGrant
	ActionFloorRevoke     Action = mcu.JournalFloorRevoke
	ActionSpeakRequest    Action = mcu.JournalSpeakRequest
	ActionSpeakCancel     Action = mcu.JournalSpeakCancel
	ActionSpeakForward    Action = mcu.JournalSpeakForward
	ActionSpeakDismiss    Action = mcu.JournalSpeakDismiss
	ActionIncidentReport  Action = mcu.JournalIncidentReport
	ActionRecordingStart  Action = mcu.JournalRecordingStart
	ActionRecordingStop   Action = mcu.JournalRecordingStop
	ActionAdmit           Action = mcu.JournalAdmit
	ActionLock            Action = mcu.JournalLock
	ActionUnlock          Action = mcu.JournalUnlock
	ActionDisconnect      Action = mcu.JournalDisconnect
	ActionRollCall        Action = mcu.JournalRollCall
	ActionAttendance      Action = mcu.JournalAttendance // also written by the store for a count typed in
	ActionConferenceClose Action = mcu.JournalConferenceClose
)

// Actions of the meeting's life, written here.
const (
	ActionOpen       Action = "meeting_open"         // detail: OpenDetail
	ActionTestOpen   Action = meeting.ActionTestOpen // detail: meeting.TestOpenDetail
	ActionServerStop Action = "server_stop"          // detail: StopDetail
	ActionResume     Action = "conference_resume"    // detail: ResumeDetail
	ActionExpire     Action = "conference_expire"    // detail: ExpireDetail
)

// Actions on the Appendix II log and its incidents.
const (
	ActionIncidentSave    Action = "incident_save"    // detail: IncidentDetail
	ActionIncidentDiscard Action = "incident_discard" // detail: the draft's description
	ActionIncidentConfirm Action = meeting.ActionIncidentConfirm
	ActionIncidentDraft   Action = "incident_draft" // the system's: an outage or a site's report
	ActionOutageEnd       Action = "outage_end"
	ActionLogClose        Action = meeting.ActionLogClose
	ActionLogSubmit       Action = meeting.ActionLogSubmit
	ActionTestResult      Action = meeting.ActionTestResult
	ActionRecordingDone   Action = "recording_delivered" // written by the store with the delivery
)

// Actions on bookings (Appendix I), the registry's groups and the calendar.
const (
	ActionBookingAdd              Action = meeting.ActionBookingAdd
	ActionBookingEdit             Action = meeting.ActionBookingEdit
	ActionBookingOverride         Action = meeting.ActionBookingOverride
	ActionBookingCalendarOverride Action = meeting.ActionBookingCalendarOverride
	ActionBookingLink             Action = meeting.ActionBookingLink
	ActionGroupAdd                Action = meeting.ActionGroupAdd
	ActionGroupEdit               Action = meeting.ActionGroupEdit
	ActionGroupImport             Action = meeting.ActionGroupImport
	ActionCalendarImport          Action = meeting.ActionCalendarImport
	ActionTechnicianAdd           Action = meeting.ActionTechnicianAdd
	ActionTechnicianImport        Action = meeting.ActionTechnicianImport
)

// Calls to room systems (calls.go): a person's dial and hang-up, the dialler's redials and
// what became of each call (written by the system).
const (
	ActionCallDial      Action = "sip_dial"      // detail: CallDetail (the try: 0)
	ActionCallRedial    Action = "sip_redial"    // detail: CallDetail
	ActionCallConnected Action = "sip_connected" // detail: CallDetail
	ActionCallFailed    Action = "sip_failed"    // detail: CallDetail (the cause and the SIP status)
	ActionCallDrop      Action = "sip_drop"      // detail: CallDetail (the cause: dropped or timeout)
	ActionCallHangUp    Action = "sip_hangup"
)

// Actions on the registry of bridge points (desk_registers.go). Their details hold counts or
// "on"/"off", never a join secret nor any hash of one.
const (
	ActionRegistryImport Action = "registry_import" // detail: RegistryImportDetail
	ActionSecretRotate   Action = "secret_rotate"   // the bridge point's new join secret: no detail
	ActionSIPTrust       Action = "sip_trust"       // detail: TrustDetail ("on" or "off")
)

// BookingStepAction is the action recording that a booking reached step ("booking_" + step).
func BookingStepAction(step meeting.Step) Action { return Action(meeting.BookingStepAction(step)) }

// Actions lists every action constant, booking steps included: what the audit log may hold.
func Actions() []Action {
	out := []Action{
		ActionMute, ActionUnmute, ActionMuteAll, ActionSelfMute, ActionSelfUnmute, ActionFloorGrant,
		ActionFloorRevoke, ActionSpeakRequest, ActionSpeakCancel, ActionSpeakForward, ActionSpeakDismiss,
		ActionIncidentReport, ActionRecordingStart, ActionRecordingStop, ActionAdmit, ActionLock,
		ActionUnlock, ActionDisconnect, ActionRollCall, ActionAttendance, ActionConferenceClose,
		ActionOpen, ActionTestOpen, ActionServerStop, ActionResume, ActionExpire,
		ActionIncidentSave, ActionIncidentDiscard, ActionIncidentConfirm, ActionIncidentDraft,
		ActionOutageEnd, ActionLogClose, ActionLogSubmit, ActionTestResult, ActionRecordingDone,
		ActionBookingAdd, ActionBookingEdit, ActionBookingOverride, ActionBookingCalendarOverride,
		ActionBookingLink, ActionGroupAdd, ActionGroupEdit, ActionGroupImport, ActionCalendarImport,
		ActionTechnicianAdd, ActionTechnicianImport,
		ActionCallDial, ActionCallRedial, ActionCallConnected, ActionCallFailed, ActionCallDrop, ActionCallHangUp,
		ActionRegistryImport, ActionSecretRotate, ActionSIPTrust,
	}
	for _, s := range meeting.RecordedSteps() {
		out = append(out, BookingStepAction(s))
	}
	return out
}

// ParseAction is the action stored as s; ok is false for a string no constant has.
func ParseAction(s string) (Action, bool) {
	for _, a := range Actions() {
		if string(a) == s {
			return a, true
		}
	}
	return "", false
}

// Typed details: each is encoded and decoded here, so the writer and the replay agree.

// StopDetail is the detail of a server stop: the bridge points connected when it stopped.
type StopDetail struct{ Connected []string }

const stopPrefix = "connected="

// String encodes d as stored: "connected=BP1,BP2,…".
func (d StopDetail) String() string { return stopPrefix + strings.Join(d.Connected, ",") }

// ParseStopDetail decodes a server stop's detail.
func ParseStopDetail(s string) StopDetail {
	var d StopDetail
	for bp := range strings.SplitSeq(strings.TrimPrefix(s, stopPrefix), ",") {
		if bp != "" {
			d.Connected = append(d.Connected, bp)
		}
	}
	return d
}

// ResumeDetail is the detail of a meeting resumed after a restart.
type ResumeDetail struct {
	Down        time.Duration // how long the server was down
	Interrupted int           // bridge points counted interrupted by the stop
	Muted       int           // bridge points muted again
	Requests    int           // speak requests queued again
}

// String encodes d as stored: "down=…ms interrupted=N muted=N requests=N".
func (d ResumeDetail) String() string {
	return fmt.Sprintf("down=%dms interrupted=%d muted=%d requests=%d", d.Down.Milliseconds(), d.Interrupted, d.Muted, d.Requests)
}

// ParseResumeDetail decodes a resume's detail.
func ParseResumeDetail(s string) (ResumeDetail, error) {
	var d ResumeDetail
	var ms int64
	if _, err := fmt.Sscanf(s, "down=%dms interrupted=%d muted=%d requests=%d", &ms, &d.Interrupted, &d.Muted, &d.Requests); err != nil {
		return ResumeDetail{}, fmt.Errorf("resume detail %q: %w", s, err)
	}
	d.Down = time.Duration(ms) * time.Millisecond
	return d, nil
}

// ExpireDetail is the detail of a live meeting not resumed: when its server stopped.
type ExpireDetail struct{ Stopped time.Time }

// String encodes d as stored: "stopped=" + RFC 3339 in UTC.
func (d ExpireDetail) String() string { return "stopped=" + d.Stopped.UTC().Format(time.RFC3339) }

// ParseExpireDetail decodes an expiry's detail.
func ParseExpireDetail(s string) (ExpireDetail, error) {
	at, err := time.Parse(time.RFC3339, strings.TrimPrefix(s, "stopped="))
	if err != nil {
		return ExpireDetail{}, fmt.Errorf("expire detail %q: %w", s, err)
	}
	return ExpireDetail{Stopped: at}, nil
}

// OpenDetail is the detail of a meeting opened by a person.
type OpenDetail struct {
	Booking int64 // 0: ad hoc
	Members int
}

// String encodes d as stored: "booking=ID members=N", or "members=N" ad hoc.
func (d OpenDetail) String() string {
	if d.Booking != 0 {
		return fmt.Sprintf("booking=%d members=%d", d.Booking, d.Members)
	}
	return fmt.Sprintf("members=%d", d.Members)
}

// ParseOpenDetail decodes a meeting open's detail.
func ParseOpenDetail(s string) (OpenDetail, error) {
	var d OpenDetail
	var err error
	if strings.HasPrefix(s, "booking=") {
		_, err = fmt.Sscanf(s, "booking=%d members=%d", &d.Booking, &d.Members)
	} else {
		_, err = fmt.Sscanf(s, "members=%d", &d.Members)
	}
	if err != nil {
		return OpenDetail{}, fmt.Errorf("open detail %q: %w", s, err)
	}
	return d, nil
}

// IncidentDetail is the detail of an incident saved from the console: "kind: description".
type IncidentDetail struct{ Kind, Description string }

// String encodes d as stored.
func (d IncidentDetail) String() string { return d.Kind + ": " + d.Description }

// ParseIncidentDetail decodes an incident's detail.
func ParseIncidentDetail(s string) IncidentDetail {
	kind, desc, _ := strings.Cut(s, ": ")
	return IncidentDetail{Kind: kind, Description: desc}
}

// CallDetail is the detail of a call's audit row: the try (0 a first call, k of Tries a
// redial) and, for a failure or a drop, its cause and the SIP status (0 when none).
type CallDetail struct {
	Try, Tries int
	Cause      string
	Code       int
}

// String encodes d as stored: "try=K/N", then " cause=C code=S" when there is a cause.
func (d CallDetail) String() string {
	s := fmt.Sprintf("try=%d/%d", d.Try, d.Tries)
	if d.Cause != "" {
		s += fmt.Sprintf(" cause=%s code=%d", d.Cause, d.Code)
	}
	return s
}

// ParseCallDetail decodes a call's detail.
func ParseCallDetail(s string) (CallDetail, error) {
	var d CallDetail
	n, err := fmt.Sscanf(s, "try=%d/%d cause=%s code=%d", &d.Try, &d.Tries, &d.Cause, &d.Code)
	if err != nil && n != 2 {
		return CallDetail{}, fmt.Errorf("call detail %q: %w", s, err)
	}
	return d, nil
}

// RegistryImportDetail is the detail of a registry import: how many units and bridge points
// the file held.
type RegistryImportDetail struct{ Units, BridgePoints int }

// String encodes d as stored: "units=N bridge_points=M".
func (d RegistryImportDetail) String() string {
	return fmt.Sprintf("units=%d bridge_points=%d", d.Units, d.BridgePoints)
}

// ParseRegistryImportDetail decodes a registry import's detail.
func ParseRegistryImportDetail(s string) (RegistryImportDetail, error) {
	var d RegistryImportDetail
	if _, err := fmt.Sscanf(s, "units=%d bridge_points=%d", &d.Units, &d.BridgePoints); err != nil {
		return RegistryImportDetail{}, fmt.Errorf("registry import detail %q: %w", s, err)
	}
	return d, nil
}

// TrustDetail is the detail of a SIP address trust change: "on" or "off".
func TrustDetail(on bool) string {
	if on {
		return "on"
	}
	return "off"
}
