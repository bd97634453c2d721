package sip

import (
	"sync/atomic"
	"time"

	"diemcau/audio/mix"
	"diemcau/audio/opus"
)

// Gating of a transcoded terminal's voice: a frame is encoded and sent only while it can be
// heard — louder than silenceLevel, or within hangover frames of the last such frame (the end of
// a word, the pause between two) — so a quiet room costs a G.722 decode and no Opus encode.
// In between, as Opus DTX does, one silent frame is sent every keepAliveEvery frames (the RTP
// timestamp moves on, so receivers hear a pause, not a loss): the microphone's stream stays alive
// for the outage tracker, which opens an audio draft for an open microphone sending no RTP.
const (
	silenceLevel   = 60  // RFC 6464 level, -60 dBov: well under the MCU's speaking threshold (≈ -49)
	hangover       = 25  // frames (500 ms)
	keepAliveEvery = 20  // frames (400 ms, Opus DTX's rate)
	silentLevel    = 127 // RFC 6464 level of digital silence
)

// upComplexity is the Opus complexity of a transcoded terminal's voice: 2 keeps SILK's
// delayed-decision quantiser (the step that matters for speech) and drops the costlier pitch
// search; speech decodes as clean as at 5 for less CPU (docs/PERFORMANCE.md, SIP calls).
const upComplexity = 2

// uplink turns the terminal's audio into the conference's: 20 ms Opus frames at 48 kHz with
// their level. A terminal speaking Opus is passed through (decoded only for its level); any
// other codec is re-encoded only while it can be heard (silenceLevel). Used only by the call's
// reader goroutine.
type uplink struct {
	codec codecSpec
	voice voice
	up    *mix.Resampler // codec rate to 48 kHz; nil for Opus
	enc   *opus.Encoder
	pend  []int16 // audio at the codec rate not yet a whole frame
	frame []int16 // one frame at 48 kHz
	seq   uint16
	ts    uint32
	out   func(seq uint16, ts uint32, level uint8, payload []byte)
	quiet int // frames since the last one louder than silenceLevel
	// silence is one Opus frame of digital silence, encoded once: the keep-alive sent while the
	// terminal is not heard.
	silence []byte
	// muted: the MCU said the member is muted (its packets would not be forwarded), so its
	// voice is neither decoded nor re-encoded; set by the MCU's goroutines.
	muted atomic.Bool
}

func newUplink(codec codecSpec, v voice, out func(seq uint16, ts uint32, level uint8, payload []byte)) (*uplink, error) {
	u := &uplink{codec: codec, voice: v, out: out, frame: make([]int16, slotFrame)}
	if codec.name == "OPUS" {
		return u, nil
	}
	r, err := mix.NewResampler(codec.rate, mix.Rate)
	if err != nil {
		return nil, err
	}
	enc, err := opus.NewEncoder(32000, upComplexity)
	if err != nil {
		return nil, err
	}
	silence, err := enc.Encode(make([]int16, slotFrame))
	if err != nil {
		return nil, err
	}
	u.up, u.enc, u.silence = r, enc, append([]byte(nil), silence...)
	return u, nil
}

// packet takes one RTP payload of the terminal's audio.
func (u *uplink) packet(payload []byte) {
	if u.muted.Load() {
		u.pend = u.pend[:0]
		return
	}
	pcm, err := u.voice.decode(payload)
	if err != nil || len(pcm) == 0 {
		return
	}
	if u.enc == nil { // Opus: as it came
		u.emit(dBov(pcm), payload, len(pcm))
		return
	}
	u.pend = append(u.pend, pcm...)
	n := u.codec.samples()
	for len(u.pend) >= n {
		level := dBov(u.pend[:n])
		if level <= silenceLevel {
			u.quiet = 0
		} else {
			u.quiet++
		}
		if u.quiet > hangover { // not heard: not encoded; a silent keep-alive now and then
			u.pend = append(u.pend[:0], u.pend[n:]...)
			if (u.quiet-hangover)%keepAliveEvery == 0 {
				u.emit(silentLevel, u.silence, len(u.frame))
			} else {
				u.ts += uint32(len(u.frame))
			}
			continue
		}
		u.up.Process(u.frame, u.pend[:n])
		u.pend = append(u.pend[:0], u.pend[n:]...)
		opusPayload, err := u.enc.Encode(u.frame)
		if err != nil {
			continue
		}
		u.emit(level, opusPayload, len(u.frame))
	}
}

func (u *uplink) emit(level uint8, payload []byte, samples int) {
	u.out(u.seq, u.ts, level, payload)
	u.seq++
	u.ts += uint32(samples)
}

// recvCounts are the loss and jitter of the terminal's RTP (RFC 3550 A.3, A.8).
type recvCounts struct {
	started  bool
	base     uint32
	maxSeq   uint32 // extended
	received uint64
	transit  float64
	jitter   float64 // in RTP clock units
}

func (r *recvCounts) observe(seq uint16, ts uint32, clock int, now time.Time) {
	arrival := float64(now.UnixNano()) / 1e9 * float64(clock)
	if !r.started {
		r.started, r.base, r.maxSeq = true, uint32(seq), uint32(seq)
		r.transit = arrival - float64(ts)
		r.received = 1
		return
	}
	r.received++
	ext := r.maxSeq&^0xffff | uint32(seq)
	switch d := int32(ext - r.maxSeq); {
	case d > 0x8000:
		ext -= 0x10000
	case d < -0x8000:
		ext += 0x10000
	}
	if int32(ext-r.maxSeq) > 0 {
		r.maxSeq = ext
	}
	transit := arrival - float64(ts)
	d := transit - r.transit
	r.transit = transit
	if d < 0 {
		d = -d
	}
	r.jitter += (d - r.jitter) / 16
}
