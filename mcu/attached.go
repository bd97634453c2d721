package mcu

import (
	"context"

	"github.com/pion/rtcp"
)

// ID is the session's id (a UUID).
func (x *Session) ID() string { return x.s.id }

// BridgePoint is the id of the session's bridge point.
func (x *Session) BridgePoint() string { return x.s.m.info.ID }

// Conference is the conference the session is attached to.
func (x *Session) Conference() *Conference { return x.s.conf }

// Mic is the microphone's inbound stream; nil when the spec had none.
func (x *Session) Mic() *Inbound { return x.mic }

// Camera is the camera's inbound stream; nil when the spec had none.
func (x *Session) Camera() *Inbound { return x.camera }

// Connected says the transport's link is up (a SIP call answered and acknowledged): the join is
// journaled and announced (EventJoined) once, and the session gets its slots from the next
// selection. It may block while the journal writes.
func (x *Session) Connected() { x.s.connectedUp() }

// Leave ends the session for reason ("left" for a deliberate hang-up, DeliberateLeave; anything
// else, e.g. "timeout", counts as a lost link): slots emptied, Transport.Close called, the leave
// journaled and announced. Later calls, and calls from Transport.Close, do nothing.
func (x *Session) Leave(reason string) {
	if !x.s.closed.Load() {
		x.s.close(reason)
	}
}

// Closed reports whether the session has ended (left, replaced, disconnected, or its conference closed).
func (x *Session) Closed() bool { return x.s.closed.Load() }

// ControlReady says the transport can now take control messages: the endpoint is sent its mute
// state, the floor, a pending roll call and its slots, as a WHIP endpoint is when its control
// channel opens.
func (x *Session) ControlReady() { x.s.controlOpened() }

// RequestPictureKeyframe asks the source now on the session's picture for a keyframe: the
// endpoint lost its picture (it sent FIR or PLI).
func (x *Session) RequestPictureKeyframe() {
	for _, b := range x.s.video {
		b.requestKeyframe()
	}
}

// AnswerNack resends the packets of the picture that nack names and the camera's packet cache
// still holds, renumbered for the slot as when they were forwarded.
func (x *Session) AnswerNack(nack *rtcp.TransportLayerNack) {
	for _, b := range x.s.video {
		b.answerNack(nack)
	}
}

// RaiseHand asks for the floor, as a WHIP endpoint's "speak_request" does (journaled, queued).
func (x *Session) RaiseHand(ctx context.Context) error {
	return x.s.conf.endpointSpeakRequest(ctx, x.s.m)
}

// LowerHand withdraws the session's request to speak, as "speak_cancel" does.
func (x *Session) LowerHand(ctx context.Context) error {
	return x.s.conf.endpointSpeakCancel(ctx, x.s.m)
}

// AskUnmute lifts a soft mute as the site's own operator may ("unmute"); a hard mute is
// restated to the endpoint instead.
func (x *Session) AskUnmute(ctx context.Context) error {
	return x.s.conf.endpointUnmute(ctx, x.s)
}

// ReportIncident journals an operator's report from the site ("incident"); empty text is ignored.
func (x *Session) ReportIncident(ctx context.Context, text string) error {
	return x.s.conf.endpointIncident(ctx, x.s.m, cleanIncident(text))
}

// ReportAttendance answers the roll call with the number of people at the site ("attendance").
func (x *Session) ReportAttendance(ctx context.Context, attendees int) error {
	return x.s.conf.endpointAttendance(ctx, x.s.m, &attendees)
}
