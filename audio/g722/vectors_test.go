package g722

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"diemcau/audio/internal/ffmpegvec"
)

// The vectors under testdata/ come from ffmpeg's G.722 codec (the real
// implementation these tests compare against): NAME.pcm is the 16 kHz s16le
// input, NAME.g722 ffmpeg's encoding of it, NAME.dec ffmpeg's decoding of
// NAME.g722. Set G722_REGEN=1 (with ffmpeg on PATH) to make them again.
var vectors = []string{"speech", "loud", "sweep"}

func TestMain(m *testing.M) { ffmpegvec.Main(m, "G722_REGEN", regenerate) }

func regenerate() error {
	speech, err := ffmpegvec.Run(nil, "-i", "../../testdata/speech-vi.ogg", "-ss", "0.6", "-t", "3",
		"-ar", "16000", "-ac", "1", "-f", "s16le", "-")
	if err != nil {
		return err
	}
	// Speech 18 dB too loud, clipped: drives the scale factors to their limits.
	loud := pcmSamples(speech[:32000*1])
	for i, v := range loud {
		loud[i] = int16(max(-32768, min(32767, int32(v)*8)))
	}
	sweep, err := ffmpegvec.Run(nil, "-f", "lavfi", "-i",
		"aevalsrc=0.97*sin(2*PI*(50*t+3925*t*t)):s=16000:d=1", "-f", "s16le", "-")
	if err != nil {
		return err
	}
	inputs := map[string][]byte{"speech": speech, "loud": pcmBytes(loud), "sweep": sweep}
	for _, name := range vectors {
		in := inputs[name]
		in = in[:len(in)/640*640] // whole 20 ms frames
		codes, err := ffmpegvec.Run(in, "-f", "s16le", "-ar", "16000", "-ac", "1", "-i", "-",
			"-c:a", "g722", "-f", "g722", "-")
		if err != nil {
			return err
		}
		dec, err := ffmpegvec.Run(codes, "-f", "g722", "-i", "-", "-f", "s16le", "-")
		if err != nil {
			return err
		}
		for ext, b := range map[string][]byte{".pcm": in, ".g722": codes, ".dec": dec} {
			if err := os.WriteFile(filepath.Join("testdata", name+ext), b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func pcmSamples(b []byte) []int16 {
	s := make([]int16, len(b)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return s
}

func pcmBytes(s []int16) []byte {
	b := make([]byte, 2*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	return b
}

func readVector(t *testing.T, name string) (pcm []int16, codes []byte, dec []int16) {
	t.Helper()
	read := func(ext string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name+ext))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return pcmSamples(read(".pcm")), read(".g722"), pcmSamples(read(".dec"))
}

func TestEncoderMatchesFFmpeg(t *testing.T) {
	for _, name := range vectors {
		t.Run(name, func(t *testing.T) {
			pcm, want, _ := readVector(t, name)
			if len(want) != len(pcm)/2 {
				t.Fatalf("%d codes for %d samples", len(want), len(pcm))
			}
			got := make([]byte, len(want))
			enc := NewEncoder()
			for i := 0; i < len(pcm); i += 320 { // 20 ms frames, state carried over
				enc.Encode(got[i/2:], pcm[i:i+320])
			}
			if i := firstDiff(got, want); i >= 0 {
				t.Fatalf("code %d (sample %d) = %#02x, ffmpeg %#02x; %d of %d codes differ",
					i, 2*i, got[i], want[i], countDiff(got, want), len(want))
			}
		})
	}
}

func TestDecoderMatchesFFmpeg(t *testing.T) {
	for _, name := range vectors {
		t.Run(name, func(t *testing.T) {
			_, codes, want := readVector(t, name)
			got := make([]int16, 2*len(codes))
			dec := NewDecoder()
			for i := 0; i < len(codes); i += 160 {
				dec.Decode(got[2*i:], codes[i:i+160])
			}
			if len(want) != len(got) {
				t.Fatalf("ffmpeg decoded %d samples, we %d", len(want), len(got))
			}
			for i := range got { // exact: both follow the Recommendation's arithmetic
				if got[i] != want[i] {
					t.Fatalf("sample %d = %d, ffmpeg %d", i, got[i], want[i])
				}
			}
		})
	}
}

// TestRoundTripSNR encodes and decodes speech and checks the signal-to-noise
// ratio after aligning for the codec's delay of 22 samples (two QMFs).
func TestRoundTripSNR(t *testing.T) {
	tests := []struct {
		name  string
		minDB float64
	}{
		{"speech", 26},
		{"sweep", 23},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pcm, _, _ := readVector(t, tc.name)
			codes := make([]byte, len(pcm)/2)
			NewEncoder().Encode(codes, pcm)
			out := make([]int16, len(pcm))
			NewDecoder().Decode(out, codes)
			const delay = 22
			var sig, noise float64
			for i := delay; i < len(pcm); i++ {
				s, e := float64(pcm[i-delay]), float64(out[i])-float64(pcm[i-delay])
				sig += s * s
				noise += e * e
			}
			snr := 10 * math.Log10(sig/noise)
			t.Logf("SNR %.1f dB", snr)
			if snr < tc.minDB {
				t.Fatalf("SNR %.1f dB, want ≥ %.0f dB", snr, tc.minDB)
			}
		})
	}
}

func firstDiff(a, b []byte) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

func countDiff(a, b []byte) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// TestDecoderRecoversFromGarbage: after a burst of random codes (a corrupted
// stream) the decoder, like the Recommendation's, converges back: speech
// decoded afterwards is close to what a fresh decoder makes of it.
func TestDecoderRecoversFromGarbage(t *testing.T) {
	_, codes, want := readVector(t, "speech")
	garbage := make([]byte, 800)
	x := uint32(1)
	for i := range garbage {
		x = x*1664525 + 1013904223
		garbage[i] = byte(x >> 24)
	}
	dec := NewDecoder()
	scratch := make([]int16, 2*len(garbage))
	dec.Decode(scratch, garbage)
	got := make([]int16, len(want))
	dec.Decode(got, codes)
	const settle = 16000 // one second
	var sig, noise float64
	for i := settle; i < len(want); i++ {
		s, e := float64(want[i]), float64(got[i])-float64(want[i])
		sig += s * s
		noise += e * e
	}
	snr := 10 * math.Log10(sig/noise)
	t.Logf("%.1f dB", snr)
	if snr < 30 {
		t.Fatalf("a second after garbage the output is %.1f dB from a clean decoder's, want ≥ 30", snr)
	}
}
