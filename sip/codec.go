package sip

import (
	"fmt"
	"strings"

	"diemcau/audio/g711"
	"diemcau/audio/g722"
	"diemcau/audio/opus"
)

// frameMs is the packet time the server sends and mixes at.
const frameMs = 20

// codecSpec is an audio codec the server speaks, as named in SDP rtpmap.
type codecSpec struct {
	name    string // rtpmap encoding name, upper case
	clock   int    // RTP clock rate in the rtpmap (G.722: 8000, RFC 3551 4.5.2)
	rate    int    // PCM sample rate of the codec
	static  uint8  // static payload type, or 0xff for dynamic ones
	channel int    // rtpmap channel count (Opus: 2)
}

// codecs in the server's preference when an offer leaves the choice to it; an answer keeps the
// offerer's order (RFC 3264 6.1).
var codecs = []codecSpec{
	{name: "OPUS", clock: 48000, rate: 48000, static: 0xff, channel: 2},
	{name: "G722", clock: 8000, rate: 16000, static: 9, channel: 1},
	{name: "PCMU", clock: 8000, rate: 8000, static: 0, channel: 1},
	{name: "PCMA", clock: 8000, rate: 8000, static: 8, channel: 1},
}

// lookupCodec finds the codec named in an rtpmap, or for a static payload type without one.
func lookupCodec(name string, pt uint8) (codecSpec, bool) {
	for _, c := range codecs {
		if name != "" && strings.EqualFold(c.name, name) {
			return c, true
		}
		if name == "" && c.static == pt {
			return c, true
		}
	}
	return codecSpec{}, false
}

// samples is the number of PCM samples in one frame of the codec.
func (c codecSpec) samples() int { return c.rate * frameMs / 1000 }

// ticks is the RTP timestamp advance of one frame.
func (c codecSpec) ticks() uint32 { return uint32(c.clock * frameMs / 1000) }

// voice decodes and encodes one call's audio in its negotiated codec.
type voice interface {
	// decode turns one RTP payload into PCM at the codec's rate; the slice is valid until the next call.
	decode(payload []byte) ([]int16, error)
	// encode turns one frame (samples() long) into a payload valid until the next call.
	encode(pcm []int16) ([]byte, error)
	// follow takes the encoder state of from (same codec) where the codec has one to take, so
	// a terminal switched from the shared mix's encoder to its own decodes on without a jump.
	follow(from voice)
}

// newVoice returns the coder of c.
func newVoice(c codecSpec) (voice, error) {
	switch c.name {
	case "OPUS":
		dec, err := opus.NewDecoder()
		if err != nil {
			return nil, err
		}
		enc, err := opus.NewEncoder(32000, 5)
		if err != nil {
			return nil, err
		}
		return &opusVoice{dec: dec, enc: enc}, nil
	case "G722":
		return &g722Voice{dec: g722.NewDecoder(), enc: g722.NewEncoder(), out: make([]byte, c.samples()/2)}, nil
	case "PCMU":
		return &g711Voice{dec: g711.UlawDecode, enc: g711.UlawEncode, out: make([]byte, c.samples())}, nil
	case "PCMA":
		return &g711Voice{dec: g711.AlawDecode, enc: g711.AlawEncode, out: make([]byte, c.samples())}, nil
	}
	return nil, fmt.Errorf("codec %s: not supported", c.name)
}

type opusVoice struct {
	dec *opus.Decoder
	enc *opus.Encoder
}

func (v *opusVoice) decode(p []byte) ([]int16, error)   { return v.dec.Decode(p) }
func (v *opusVoice) encode(pcm []int16) ([]byte, error) { return v.enc.Encode(pcm) }
func (v *opusVoice) follow(voice)                       {} // gopus has no state to copy; Opus decoders resync

func (v *g722Voice) follow(from voice) {
	if f, ok := from.(*g722Voice); ok {
		*v.enc = *f.enc
	}
}

func (v *g711Voice) follow(voice) {} // stateless

type g722Voice struct {
	dec *g722.Decoder
	enc *g722.Encoder
	pcm []int16
	out []byte
}

func (v *g722Voice) decode(p []byte) ([]int16, error) {
	if need := 2 * len(p); cap(v.pcm) < need {
		v.pcm = make([]int16, need)
	}
	n := v.dec.Decode(v.pcm[:2*len(p)], p)
	return v.pcm[:n], nil
}

func (v *g722Voice) encode(pcm []int16) ([]byte, error) {
	n := v.enc.Encode(v.out, pcm)
	return v.out[:n], nil
}

type g711Voice struct {
	dec func([]int16, []byte) int
	enc func([]byte, []int16) int
	pcm []int16
	out []byte
}

func (v *g711Voice) decode(p []byte) ([]int16, error) {
	if cap(v.pcm) < len(p) {
		v.pcm = make([]int16, len(p))
	}
	n := v.dec(v.pcm[:len(p)], p)
	return v.pcm[:n], nil
}

func (v *g711Voice) encode(pcm []int16) ([]byte, error) {
	n := v.enc(v.out, pcm)
	return v.out[:n], nil
}
