// Package opus decodes the Opus RTP payloads of a source to PCM and encodes
// a receiver's mix to Opus: 48 kHz mono, 20 ms frames, pure Go (gopus).
package opus

import (
	"fmt"

	"github.com/thesyncim/gopus"
)

// Rate is the sample rate of the PCM this package reads and writes.
const Rate = 48000

// FrameSamples is one 20 ms frame at Rate.
const FrameSamples = Rate / 50

// maxFrameSamples is the longest packet Opus carries (120 ms).
const maxFrameSamples = Rate * 120 / 1000

// Decoder turns one source's Opus payloads into PCM.
type Decoder struct {
	dec *gopus.Decoder
	pcm []int16
}

// NewDecoder returns a decoder for a mono 48 kHz stream (stereo payloads are
// down-mixed by the codec).
func NewDecoder() (*Decoder, error) {
	d, err := gopus.NewDecoder(gopus.DefaultDecoderConfig(Rate, 1))
	if err != nil {
		return nil, fmt.Errorf("opus decoder: %w", err)
	}
	return &Decoder{dec: d, pcm: make([]int16, maxFrameSamples)}, nil
}

// Decode decodes one RTP payload; a nil payload (a lost packet) conceals one
// packet's worth of audio. The result is valid until the next call.
func (d *Decoder) Decode(payload []byte) ([]int16, error) {
	n, err := d.dec.DecodeInt16(payload, d.pcm)
	if err != nil {
		return nil, fmt.Errorf("opus decode of %d bytes: %w", len(payload), err)
	}
	return d.pcm[:n], nil
}

// Encoder turns one receiver's mix into Opus payloads.
type Encoder struct {
	enc   *gopus.Encoder
	buf   []byte
	frame int // samples of one 20 ms frame at the encoder's input rate
}

// NewEncoder returns a VoIP encoder for 20 ms mono frames at the given
// bitrate in bit/s and complexity 0..10 (CPU for quality; see docs/PERFORMANCE.md).
func NewEncoder(bitrate, complexity int) (*Encoder, error) {
	return NewEncoderAt(Rate, bitrate, complexity)
}

// NewEncoderAt is NewEncoder for PCM at rate (8000, 12000, 16000, 24000 or 48000 Hz): a
// narrowband or wideband voice is encoded as it is, without first being resampled to 48 kHz
// only for the encoder to take it back down for SILK. The payloads are Opus as any other (RTP
// clock 48 kHz); Encode then takes frames of rate/50 samples.
func NewEncoderAt(rate, bitrate, complexity int) (*Encoder, error) {
	e, err := gopus.NewEncoder(gopus.EncoderConfig{SampleRate: rate, Channels: 1, Application: gopus.ApplicationVoIP})
	if err != nil {
		return nil, fmt.Errorf("opus encoder at %d Hz: %w", rate, err)
	}
	if err := e.SetBitrate(bitrate); err != nil {
		return nil, fmt.Errorf("opus encoder bitrate %d: %w", bitrate, err)
	}
	if err := e.SetComplexity(complexity); err != nil {
		return nil, fmt.Errorf("opus encoder complexity %d: %w", complexity, err)
	}
	return &Encoder{enc: e, buf: make([]byte, 4000), frame: rate / 50}, nil
}

// Encode encodes one 20 ms frame (FrameSamples at 48 kHz); the payload is valid until the next call.
func (e *Encoder) Encode(pcm []int16) ([]byte, error) {
	if len(pcm) != e.frame {
		return nil, fmt.Errorf("opus encode: frame of %d samples, want %d", len(pcm), e.frame)
	}
	n, err := e.enc.EncodeInt16(pcm, e.buf)
	if err != nil {
		return nil, fmt.Errorf("opus encode: %w", err)
	}
	return e.buf[:n], nil
}

// Delay is the encoder's look-ahead in samples.
func (e *Encoder) Delay() int { return e.enc.Lookahead() }
