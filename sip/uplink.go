package sip

import (
	"sync/atomic"

	"diemcau/audio/opus"
)

// Gating of a transcoded terminal's voice: a frame is encoded and sent only while it can be
// heard in the meeting — louder than speechLevel, or within hangover frames of the last such
// frame (the end of a word, the pause between two) — so a quiet room costs a G.722 decode and
// no Opus encode. In between, as Opus DTX does, one silent frame is sent every keepAliveEvery
// frames (the RTP timestamp moves on, so receivers hear a pause, not a loss): the microphone's
// stream stays alive for the outage tracker, which opens an audio draft for an open microphone
// sending no RTP.
//
// speechLevel is the MCU's speaking threshold (mcu/level.go speakingThreshold 35 of 100 ≈
// −49 dBov). The MCU's smoothed level of a source never rises above the loudest frame it is
// fed, so a terminal whose frames all stay at or under −49 dBov is never taken for a speaker;
// it could reach an audio slot only as the least quiet of quiet rooms, i.e. as room tone. A room
// system's microphone with its echo canceller and noise suppression on leaves a noise floor of
// about −65 … −55 dBov (fans, air conditioning, the hall; −60 is what the bench's quiet rooms
// send), while speech at a table microphone is −40 … −20 dBov, the nominal active speech level
// being −26 dBov (ITU-T P.56): the gate sits 9 dB or more under soft speech and above the
// noise floor. A word's soft onset under the gate is covered by the codec's own rise; its tail
// by the 500 ms hangover, shorter than the MCU's 600 ms speaking hold.
const (
	speechLevel    = 49  // RFC 6464 level, -49 dBov: the MCU's speaking threshold
	hangover       = 25  // frames (500 ms)
	keepAliveEvery = 20  // frames (400 ms, Opus DTX's rate)
	silentLevel    = 127 // RFC 6464 level of digital silence
)

// upComplexity is the Opus complexity of a transcoded terminal's voice: 2 keeps SILK's
// delayed-decision quantiser (the step that matters for speech) and drops the costlier pitch
// search; speech decodes as clean as at 5 for less CPU (docs/PERFORMANCE.md, SIP calls).
const upComplexity = 2

// uplink turns the terminal's audio into the conference's: 20 ms Opus frames (RTP clock 48 kHz)
// with their level. A terminal speaking Opus is passed through (decoded only for its level);
// any other codec is encoded at its own rate (8 or 16 kHz: SILK's own bands, no resampling)
// only while it can be heard (speechLevel). Used only by the call's reader goroutine.
type uplink struct {
	codec codecSpec
	voice voice
	enc   *opus.Encoder // at the codec's rate; nil for Opus
	pend  []int16       // audio at the codec rate not yet a whole frame
	seq   uint16
	ts    uint32
	out   func(seq uint16, ts uint32, level uint8, payload []byte)
	quiet int // frames since the last one louder than speechLevel
	// silence is one Opus frame of digital silence, encoded once: the keep-alive sent while the
	// terminal is not heard.
	silence []byte
	// muted: the MCU said the member is muted (its packets would not be forwarded), so its
	// voice is neither decoded nor re-encoded; set by the MCU's goroutines.
	muted atomic.Bool
}

func newUplink(codec codecSpec, v voice, out func(seq uint16, ts uint32, level uint8, payload []byte)) (*uplink, error) {
	u := &uplink{codec: codec, voice: v, out: out}
	if codec.name == "OPUS" {
		return u, nil
	}
	enc, err := opus.NewEncoderAt(codec.rate, 32000, upComplexity)
	if err != nil {
		return nil, err
	}
	silence, err := enc.Encode(make([]int16, codec.samples()))
	if err != nil {
		return nil, err
	}
	u.enc, u.silence = enc, append([]byte(nil), silence...)
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
		frame := u.pend[:n]
		level := dBov(frame)
		if level <= speechLevel {
			u.quiet = 0
		} else {
			u.quiet++
		}
		var opusPayload []byte
		switch {
		case u.quiet <= hangover:
			opusPayload, err = u.enc.Encode(frame)
		case (u.quiet-hangover)%keepAliveEvery == 0: // not heard: a silent keep-alive now and then
			opusPayload, level = u.silence, silentLevel
		}
		u.pend = append(u.pend[:0], u.pend[n:]...)
		if err != nil || opusPayload == nil {
			u.ts += slotFrame
			continue
		}
		u.emit(level, opusPayload, slotFrame)
	}
}

func (u *uplink) emit(level uint8, payload []byte, samples int) {
	u.out(u.seq, u.ts, level, payload)
	u.seq++
	u.ts += uint32(samples)
}
