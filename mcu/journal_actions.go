package mcu

import (
	"strconv"
	"strings"
)

// The actions the MCU journals through Journal before it acknowledges them, and their details.
// The strings are stored in the audit log and read back to resume a meeting after a restart
// (live replays them): they never change. live.Action names each of them as a typed constant.
const (
	JournalMute            = "mute"             // detail: MuteDetail
	JournalUnmute          = "unmute"           //
	JournalMuteAll         = "mute_all"         // detail: CountDetail (far ends muted)
	JournalSelfMute        = "self_mute"        // detail: MuteDetail(SoftMute)
	JournalSelfUnmute      = "self_unmute"      //
	JournalFloorGrant      = "floor_grant"      //
	JournalFloorRevoke     = "floor_revoke"     //
	JournalSpeakRequest    = "speak_request"    //
	JournalSpeakCancel     = "speak_cancel"     // detail: RequestDetail
	JournalSpeakForward    = "speak_forward"    // detail: RequestDetail
	JournalSpeakDismiss    = "speak_dismiss"    // detail: RequestDetail
	JournalIncidentReport  = "incident_report"  // detail: the site's text
	JournalRecordingStart  = "recording_start"  // detail: "dir=" + the recording's folder
	JournalRecordingStop   = "recording_stop"   // detail: "recording=" + its id
	JournalAdmit           = "admit"            // detail: why it knocked
	JournalLock            = "lock"             //
	JournalUnlock          = "unlock"           //
	JournalDisconnect      = "disconnect"       // detail: the reason given
	JournalRollCall        = "roll_call"        // detail: CountDetail("asked", n)
	JournalAttendance      = "attendance"       // detail: the attendees counted
	JournalConferenceClose = "conference_close" // detail: the conference's title
)

const (
	muteDetailPrefix    = "mode="
	requestDetailPrefix = "request="
)

// MuteDetail is the journal detail of a mute in mode.
func MuteDetail(mode MuteMode) string { return muteDetailPrefix + string(mode) }

// ParseMuteDetail is the mute mode of a MuteDetail ("" when it names none).
func ParseMuteDetail(detail string) MuteMode {
	return MuteMode(strings.TrimPrefix(detail, muteDetailPrefix))
}

// RequestDetail is the journal detail of an action on speak request id.
func RequestDetail(id int64) string { return requestDetailPrefix + strconv.FormatInt(id, 10) }

// ParseRequestDetail is the speak request a RequestDetail names.
func ParseRequestDetail(detail string) (int64, error) {
	return strconv.ParseInt(strings.TrimPrefix(detail, requestDetailPrefix), 10, 64)
}

// CountDetail is the journal detail "name=n" of an action on n bridge points.
func CountDetail(name string, n int) string { return name + "=" + strconv.Itoa(n) }
