package mcu

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pion/webrtc/v4"
)

// ErrNoConference is returned by MCU.Attach when no conference is live.
var ErrNoConference = errors.New("mcu: no live conference")

// RefusalError is returned by Attach when a bridge point may not join now; it waits at the door
// (Knocks) until a technician admits it, as a refused WHIP join does.
type RefusalError struct {
	BridgePoint string
	Reason      Refusal
}

// Error says which bridge point was refused and why.
func (e *RefusalError) Error() string {
	return fmt.Sprintf("mcu: bridge point %s refused: %s", e.BridgePoint, e.Reason)
}

// SessionSpec is what the endpoint of an attached session sends and receives. A terminal that
// shows one picture and plays one sound gets the speaker slot (Picture) and the audio slots of
// the open microphones other than its own (Audio), which it mixes itself.
type SessionSpec struct {
	Name    string         // the name shown when the bridge point is added on joining; "" = the registry's name, else its id
	Mic     *InboundSpec   // the microphone it sends; nil when none
	Camera  *InboundSpec   // the camera it sends; nil when none
	Audio   []OutboundSpec // the audio slots it receives (Opus), at most the conference's AudioSlots
	Picture *OutboundSpec  // the one picture it receives: the speaker slot (the main site's picture while no other site speaks); nil when none
}

// InboundSpec describes a stream the endpoint sends.
type InboundSpec struct {
	MimeType   string // "audio/opus" for a microphone; "video/H264" or "video/VP8" for a camera
	ClockRate  uint32 // RTP clock rate: 48000 for Opus, 90000 for video
	SSRC       uint32 // the stream's SSRC: keyframe requests name it
	LevelExtID uint8  // id of the RFC 6464 audio level header extension in its packets; 0 when none (see Inbound.SetLevel)
}

// OutboundSpec describes a slot the endpoint receives.
type OutboundSpec struct {
	MimeType    string    // the picture's codec, "video/H264" or "video/VP8"; ignored for audio slots (Opus)
	PayloadType uint8     // put on every packet of the slot
	SSRC        uint32    // put on every packet of the slot
	Writer      RTPWriter // takes the slot's packets
}

// Session is a member's session attached through a Transport other than WHIP.
type Session struct {
	s      *session
	mic    *Inbound
	camera *Inbound
}

// Attach puts the session of bridgePoint carried by t into the conference it belongs to (one
// that lists it, else one open to all), as a WHIP join does; see Conference.Attach. A bridge
// point that belongs to no live conference knocks at every one's door and is refused.
func (m *MCU) Attach(ctx context.Context, bridgePoint string, t Transport, spec SessionSpec) (*Session, error) {
	if conf := m.conferenceFor(bridgePoint); conf != nil {
		return conf.Attach(ctx, bridgePoint, t, spec)
	}
	confs := m.Conferences()
	if len(confs) == 0 {
		return nil, ErrNoConference
	}
	name := m.nameFor(ctx, bridgePoint, spec.Name)
	for _, c := range confs {
		c.knock(bridgePoint, name)
	}
	return nil, m.refused(bridgePoint, RefusedNotExpected, t)
}

// Attach makes t's session bridgePoint's current session in c, as a WHIP join does: the door
// decides (expected members, the lock, a disconnected site waits to be admitted; a refusal is a
// *RefusalError), a previous session of the bridge point ends as "replaced", and its packets
// flow once it is attached. The join is journaled when the transport says its link is up
// (Session.Connected), the leave when the session ends (Session.Leave, or the MCU's Close).
func (c *Conference) Attach(ctx context.Context, bridgePoint string, t Transport, spec SessionSpec) (*Session, error) {
	if t == nil {
		return nil, fmt.Errorf("mcu: attach %s: no transport", bridgePoint)
	}
	if err := spec.check(c.audioSlots); err != nil {
		return nil, fmt.Errorf("mcu: attach %s: %w", bridgePoint, err)
	}
	m, added, refusal := c.memberForJoin(bridgePoint, c.mcu.nameFor(ctx, bridgePoint, spec.Name))
	switch refusal {
	case "":
	case refusedClosed:
		return nil, ErrClosed
	default:
		return nil, c.mcu.refused(bridgePoint, refusal, t)
	}
	x, err := c.newAttached(m, t, spec)
	if err == nil {
		err = c.attach(x.s)
	}
	if err != nil {
		if added {
			c.dropMember(m)
		}
		return nil, err
	}
	x.s.log.Info("session attached", "transport", t.Kind())
	return x, nil
}

// nameFor is the name of a bridge point joining: the one its transport gives, else the registry's.
func (m *MCU) nameFor(ctx context.Context, bridgePoint, given string) string {
	if given != "" {
		return given
	}
	return m.bridgePointName(ctx, bridgePoint)
}

// refused counts and logs a refusal at the door, and returns it as an error.
func (m *MCU) refused(bridgePoint string, why Refusal, t Transport) error {
	m.counters.refused(refusalText[why])
	m.log.Info("join refused at the door", "bp", bridgePoint, "reason", string(why), "transport", t.Kind())
	return &RefusalError{BridgePoint: bridgePoint, Reason: why}
}

// check refuses a spec the conference cannot serve.
func (spec SessionSpec) check(audioSlots int) error {
	if spec.Mic != nil && !strings.EqualFold(spec.Mic.MimeType, mimeOpus) {
		return fmt.Errorf("microphone codec %q: want %s", spec.Mic.MimeType, mimeOpus)
	}
	if spec.Camera != nil && videoCodec(spec.Camera.MimeType) == nil {
		return fmt.Errorf("camera codec %q: want %s or %s", spec.Camera.MimeType, mimeH264, mimeVP8)
	}
	if len(spec.Audio) > audioSlots {
		return fmt.Errorf("%d audio slots asked, the conference has %d", len(spec.Audio), audioSlots)
	}
	for i, o := range spec.Audio {
		if o.Writer == nil {
			return fmt.Errorf("audio slot %d: no writer", i+1)
		}
	}
	if p := spec.Picture; p != nil {
		if p.Writer == nil {
			return errors.New("picture: no writer")
		}
		if videoCodec(p.MimeType) == nil {
			return fmt.Errorf("picture codec %q: want %s or %s", p.MimeType, mimeH264, mimeVP8)
		}
	}
	return nil
}

// videoCodec is the MCU's codec of a video MIME type, nil for one it does not forward.
func videoCodec(mime string) *webrtc.RTPCodecCapability {
	switch {
	case strings.EqualFold(mime, mimeH264):
		return &codecH264
	case strings.EqualFold(mime, mimeVP8):
		return &codecVP8
	}
	return nil
}

// newAttached builds the session of m over t: its slots bound to the spec's writers, and its
// inbound streams (which feed the conference from their first packet, as a WHIP track does).
func (c *Conference) newAttached(m *member, t Transport, spec SessionSpec) (*Session, error) {
	s := c.newSession(m, t)
	s.hasMic, s.hasCamera, s.onePicture = spec.Mic != nil, spec.Camera != nil, true
	for i, o := range spec.Audio {
		slot := fmt.Sprintf("audio%d", i+1)
		track, err := newSlotTrack(s.id+"-"+slot, slot, codecOpus, o.PayloadType, o.SSRC, rtpWriterStream{o.Writer})
		if err != nil {
			return nil, err
		}
		s.audio = append(s.audio, newBinding(s, slot, webrtc.RTPCodecTypeAudio, mimeOpus, codecOpus.ClockRate, track))
	}
	if p := spec.Picture; p != nil {
		codec := *videoCodec(p.MimeType)
		track, err := newSlotTrack(s.id+"-"+slotSpeaker, slotSpeaker, codec, p.PayloadType, p.SSRC, rtpWriterStream{p.Writer})
		if err != nil {
			return nil, err
		}
		s.video = append(s.video, newBinding(s, slotSpeaker, webrtc.RTPCodecTypeVideo, codec.MimeType, codec.ClockRate, track))
	}
	x := &Session{s: s}
	if in := spec.Mic; in != nil {
		x.mic = &Inbound{src: newSource(s, webrtc.RTPCodecTypeAudio, mimeOpus, in.SSRC, in.ClockRate, in.LevelExtID)}
	}
	if in := spec.Camera; in != nil {
		codec := videoCodec(in.MimeType)
		x.camera = &Inbound{src: newSource(s, webrtc.RTPCodecTypeVideo, codec.MimeType, in.SSRC, in.ClockRate, 0)}
	}
	return x, nil
}
