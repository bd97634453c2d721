package softsip

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"diemcau/audio/g722"
)

// The audio a soft room system sends: G.722 at 16 kHz in 20 ms frames.
const (
	Rate         = 16000            // PCM sample rate of G.722
	frameSamples = Rate * 20 / 1000 // one 20 ms frame
	frameTicks   = 160              // RTP timestamp advance of a G.722 frame (8 kHz clock, RFC 3551 4.5.2)
)

// The clips in a testdata folder.
const (
	speechFile = "speech-vi-16k.wav"
	videoFile  = "video-720p.h264"
)

// The probe signal: a steady tone whose frequency switches from probeBase to probeMark for
// probeMarkFrames frames once every probeCycle frames. Its level never changes, so the site keeps
// its audio slot; a listener detects the switch in its mix.
const (
	probeBase       = 1000.0 // Hz
	probeMark       = 2500.0 // Hz
	probeCycle      = 50     // frames: one mark a second
	probeMarkAt     = 40     // the first marked frame of a cycle
	probeMarkFrames = 10
	probeAmplitude  = 0.1 // of full scale: -20 dBov
)

// Clips is what soft room systems send, encoded once and shared: each Talk's G.722 frames, and
// the H.264 clip's RTP payloads frame by frame (nil when testdata has no clip).
type Clips struct {
	Speech [][]byte // testdata's Vietnamese speech
	Quiet  [][]byte // a room at -60 dBov
	Probe  [][]byte // the probe signal, one cycle
	Video  []VideoFrame
}

// VideoFrame is one picture of the H.264 clip as RTP payloads (packetization-mode 1).
type VideoFrame struct {
	Payloads [][]byte
}

// LoadClips encodes testdata's speech, a quiet room and the probe signal in G.722, and
// packetizes dir's H.264 clip when it is there.
func LoadClips(dir string) (*Clips, error) {
	speech, err := readWAV(filepath.Join(dir, speechFile))
	if err != nil {
		return nil, err
	}
	c := &Clips{Speech: encodeFrames(speech), Quiet: encodeFrames(quietRoom(Rate)), Probe: encodeFrames(probeSignal())}
	raw, err := os.ReadFile(filepath.Join(dir, videoFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("softsip: read the H.264 clip: %w", err)
	default:
		if c.Video, err = packetizeH264(raw); err != nil {
			return nil, fmt.Errorf("softsip: %s: %w", videoFile, err)
		}
	}
	return c, nil
}

// encodeFrames encodes pcm in G.722, one payload per whole 20 ms frame, as the loop the
// endpoint plays: the encoder first runs once over pcm, so the first frames are coded from the
// state the last ones leave. Coded from a fresh encoder, the loop's seam was a click a second
// (a -60 dBov room's first frame decoded at -49 dBov, as loud as the MCU's speaking threshold).
func encodeFrames(pcm []int16) [][]byte {
	enc := g722.NewEncoder()
	p := make([]byte, frameSamples/2)
	for rest := pcm; len(rest) >= frameSamples; rest = rest[frameSamples:] {
		enc.Encode(p, rest[:frameSamples])
	}
	var out [][]byte
	for len(pcm) >= frameSamples {
		p := make([]byte, frameSamples/2)
		n := enc.Encode(p, pcm[:frameSamples])
		out = append(out, p[:n])
		pcm = pcm[frameSamples:]
	}
	return out
}

// quietRoom is n samples of faint noise (about -60 dBov).
func quietRoom(n int) []int16 {
	r := rand.New(rand.NewPCG(1, 2))
	pcm := make([]int16, n)
	for i := range pcm {
		pcm[i] = int16(r.NormFloat64() * 32)
	}
	return pcm
}

// probeSignal is one cycle of the probe, with continuous phase (whole cycles per second).
func probeSignal() []int16 {
	pcm := make([]int16, probeCycle*frameSamples)
	phase := 0.0
	for i := range pcm {
		f := probeBase
		if fr := i / frameSamples; fr >= probeMarkAt && fr < probeMarkAt+probeMarkFrames {
			f = probeMark
		}
		phase += 2 * math.Pi * f / Rate
		pcm[i] = int16(probeAmplitude * 32767 * math.Sin(phase))
	}
	return pcm
}

// goertzel is the power of frequency f in pcm (sampled at Rate).
func goertzel(pcm []int16, f float64) float64 {
	coeff := 2 * math.Cos(2*math.Pi*f/Rate)
	var s1, s2 float64
	for _, v := range pcm {
		s0 := float64(v) + coeff*s1 - s2
		s2, s1 = s1, s0
	}
	return s1*s1 + s2*s2 - coeff*s1*s2
}

// marked reports whether a decoded frame carries the probe's mark: its tone well above the
// base tone and above the noise floor.
func marked(pcm []int16) bool {
	mark := goertzel(pcm, probeMark)
	return mark > 4*goertzel(pcm, probeBase) && mark > 1e10
}
