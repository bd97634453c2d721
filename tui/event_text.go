package tui

import "diemcau/mcu"

// describeEvent turns an MCU event into a log line in the user's language; warn marks trouble.
func describeEvent(c Common, e mcu.Event, names map[string]string) (string, bool) {
	bp := nameOf(names, e.BridgePoint)
	switch e.Kind {
	case mcu.EventJoined:
		return c.Text(txtEvJoined, bp), false
	case mcu.EventLeft:
		switch e.Detail {
		case "left": // a WHIP DELETE: the site left on purpose
			return c.Text(txtEvLeftOnPurpose, bp), false
		case string(mcu.RefusedDisconnected): // a technician disconnected it: deliberate, not trouble
			return c.Text(txtEvDisconnected, bp), false
		}
		return c.Text(txtEvLeft, bp, leaveReason(c, e.Detail)), true
	case mcu.EventMuted:
		return c.Text(txtEvMuted, bp, c.Text(micKey(mcu.MuteMode(e.Detail))), e.Actor), false
	case mcu.EventUnmuted:
		return c.Text(txtEvUnmuted, bp, e.Actor), false
	case mcu.EventSpeakRequest:
		return c.Text(txtEvSpeakRequest, bp), false
	case mcu.EventSpeakCancel:
		return c.Text(txtEvSpeakCancel, bp), false
	case mcu.EventSpeakUpdate:
		state := e.Detail
		if k, ok := requestStates[e.Detail]; ok {
			state = c.Text(k)
		}
		return c.Text(txtEvSpeakUpdate, bp, state, e.Actor), false
	case mcu.EventFloor:
		if e.Detail == "revoked" {
			return c.Text(txtEvFloorRevoked, bp), false
		}
		return c.Text(txtEvFloorGranted, bp), false
	case mcu.EventSpeaker:
		return c.Text(txtEvSpeaker, bp), false
	case mcu.EventIncident:
		return c.Text(txtEvIncident, bp, e.Detail), true
	case mcu.EventRecording:
		if e.Detail == "stopped" && e.Actor == mcu.DiskLowActor { // the disk filled up: every console must see it
			return c.Text(txtEvRecDiskLow), true
		}
		if e.Detail == "stopped" {
			return c.Text(txtEvRecStopped, technician(e.Actor)), false
		}
		return c.Text(txtEvRecStarted, technician(e.Actor)), false
	case mcu.EventCodecMismatch:
		return describeCodecMismatch(c, e, names), true
	case mcu.EventKnock, mcu.EventAdmitted, mcu.EventLock, mcu.EventRollCall, mcu.EventAttendance:
		return describeRoomEvent(c, e, names)
	case mcu.EventConferenceEnd:
		return c.Text(txtEvConferenceEnd), true
	default:
		return string(e.Kind) + " " + bp + " " + e.Detail, false
	}
}

// leaveReasons put the MCU's reasons for a session's end in the user's language.
var leaveReasons = map[string]textKey{
	"closed": txtLeaveClosed, "ice failed": txtLeaveICEFailed, "replaced": txtLeaveReplaced,
	"rtcp flood": txtLeaveRTCPFlood,
}

// leaveReason is the reason a session ended, in the user's language when known.
func leaveReason(c Common, reason string) string {
	if k, ok := leaveReasons[reason]; ok {
		return c.Text(k)
	}
	return reason
}
