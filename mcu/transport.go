package mcu

import (
	"time"

	"github.com/pion/rtp"
)

// Transport is how a member's session reaches its endpoint, apart from the media packets: the
// control messages, keyframe requests to its camera, its statistics and liveness, and the end of
// the session. WHIP sessions (Pion WebRTC, session_webrtc.go) are one kind; another kind of
// bridge point (a SIP room system) implements it in its own package and joins with
// Conference.Attach. Nothing here is called per packet: media enters through Inbound.WriteRTP
// and leaves through the RTPWriter of each slot.
type Transport interface {
	// Kind names the transport in snapshots and logs, e.g. "webrtc" or "sip".
	Kind() string
	// Send delivers a control message (MuteMessage, FloorMessage, SlotsMessage, RollCallMessage,
	// VideoMessage, NoticeMessage, DisconnectedMessage, MeetingEndedMessage) and reports whether
	// it went out; a transport may ignore those its endpoint has no use for (false). A camera is
	// paused only when its VideoMessage was sent. It must not block: it is called from the
	// selection tick and with the conference's control lock held.
	Send(msg ControlMessage) bool
	// Flush waits, at most wait, until the messages sent have left; before the session closes.
	Flush(wait time.Duration)
	// RequestKeyframe asks the endpoint for a keyframe of its camera stream ssrc (PLI, FIR).
	// The MCU spaces the requests (at most one per 500 ms per camera).
	RequestKeyframe(ssrc uint32)
	// Stats is read once a second by the conference's quality tick, which serves every session
	// of the conference in turn: it must be quick.
	Stats(now time.Time) TransportStats
	// Link describes the transport's liveness at now. It is called with the conference's lock
	// held: it must be quick and must not call the Conference or the Session.
	Link(now time.Time) Link
	// Close ends the connection. The MCU calls it once, when the session ends for reason
	// ("replaced", "disconnected", "closed", or the reason given to Session.Leave), before it
	// journals the leave: it should not wait long (a SIP BYE's answer is not awaited). A
	// Session.Leave it makes meanwhile does nothing.
	Close(reason string)
}

// TransportStats is what a transport measures itself, beside what the MCU counts of the
// packets it is given (bitrate, resolution, frame rate, and loss and jitter of the RTP it reads).
type TransportStats struct {
	RTT time.Duration // round-trip time from RTCP; 0 when unknown
	// Inbound, when set, replaces the loss and jitter the MCU reads from the packets it is given:
	// a transport that transcodes (and so renumbers) its endpoint's audio counts the original.
	Inbound *InboundCounts
}

// InboundCounts are a transport's own counts of what its endpoint sent, since the session began.
type InboundCounts struct {
	Expected uint64        // packets expected from the sequence numbers (RFC 3550 A.3)
	Received uint64        // packets received
	Jitter   time.Duration // interarrival jitter of the audio
}

// ControlMessage is a message the MCU sends an endpoint; its JSON form (with "type") is what a
// WHIP endpoint reads on its control data channel.
type ControlMessage interface {
	// ControlType is the message's "type": "mute", "floor", "slots", "roll_call", "video",
	// "notice", "disconnected" or "meeting_ended".
	ControlType() string
}

// RTPWriter takes the packets of one outbound slot of a session, already renumbered for it:
// SSRC and payload type are those of the slot's OutboundSpec, and CSRC carries the SSRC of the
// bridge point's stream now on the slot. header and payload are valid only during the call;
// it must not block (it runs on the forwarder).
type RTPWriter interface {
	WriteRTP(header *rtp.Header, payload []byte) (int, error)
}

// ControlType implements ControlMessage.
func (MuteMessage) ControlType() string { return "mute" }

// ControlType implements ControlMessage.
func (FloorMessage) ControlType() string { return "floor" }

// ControlType implements ControlMessage.
func (SlotsMessage) ControlType() string { return "slots" }

// ControlType implements ControlMessage.
func (RollCallMessage) ControlType() string { return "roll_call" }

// ControlType implements ControlMessage.
func (VideoMessage) ControlType() string { return "video" }

// ControlType implements ControlMessage.
func (NoticeMessage) ControlType() string { return "notice" }

// ControlType implements ControlMessage.
func (DisconnectedMessage) ControlType() string { return "disconnected" }

// ControlType implements ControlMessage.
func (MeetingEndedMessage) ControlType() string { return "meeting_ended" }
