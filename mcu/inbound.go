package mcu

import (
	"errors"
	"time"

	"github.com/pion/webrtc/v4"
)

// ErrNotRTP is returned by Inbound.WriteRTP for bytes that are not an RTP packet.
var ErrNotRTP = errors.New("mcu: not an RTP packet")

// Inbound is a stream an attached endpoint sends (its microphone or its camera), fed by its
// transport packet by packet. It enters the conference as a WHIP track does: levels, slot
// selection, the mute gate, the recorder and the statistics all see it the same way. Its methods
// are called from one goroutine at a time.
type Inbound struct {
	src     *source
	started bool // the first packet came: the stream is the session's source
}

// WriteRTP takes one RTP packet as it arrived from the endpoint (decrypted), and forwards it to
// the slots that carry the stream before it returns; packet is not kept. The first packet makes
// the stream a source of the conference (and asks a camera for a keyframe). Once the session
// has ended it returns ErrClosed and forwards nothing.
func (in *Inbound) WriteRTP(packet []byte) error {
	if in.src.sess.closed.Load() {
		return ErrClosed
	}
	if !in.started {
		in.start()
	}
	if !in.src.receive(packet) {
		return ErrNotRTP
	}
	return nil
}

// start publishes the stream as its session's microphone or camera.
func (in *Inbound) start() {
	in.started = true
	s := in.src.sess
	if in.src.kind == webrtc.RTPCodecTypeAudio {
		s.audioIn.Store(in.src)
		return
	}
	s.videoIn.Store(in.src)
	in.src.requestKeyframe()
}

// SetLevel gives the microphone's level when its packets carry no RFC 6464 extension (a level
// the transport computed, e.g. while decoding): dBov as RFC 6464 counts it, 0 the loudest and
// 127 silence. Call it from the goroutine that writes the packets, about once per packet.
func (in *Inbound) SetLevel(dBov uint8) {
	in.src.meter.update(min(dBov, 127), in.src.m, time.Now())
}
