package g711

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"diemcau/audio/internal/ffmpegvec"
)

// testdata/ holds ffmpeg's pcm_mulaw and pcm_alaw (the real implementation
// these tests compare against) applied to every 16-bit sample, -32768 to 32767
// in order (LAW.enc), and to every code 0 to 255 (LAW.dec, s16le). Set
// G711_REGEN=1 with ffmpeg on PATH to make them again.
var laws = []struct {
	name   string
	encode func(int16) byte
	decode func(byte) int16
	block  func([]byte, []int16) int
}{
	{"mulaw", EncodeUlaw, DecodeUlaw, UlawEncode},
	{"alaw", EncodeAlaw, DecodeAlaw, AlawEncode},
}

func TestMain(m *testing.M) { ffmpegvec.Main(m, "G711_REGEN", regenerate) }

func everySample() []int16 {
	s := make([]int16, 65536)
	for i := range s {
		s[i] = int16(i - 32768)
	}
	return s
}

func regenerate() error {
	ramp := make([]byte, 2*65536)
	for i, v := range everySample() {
		binary.LittleEndian.PutUint16(ramp[2*i:], uint16(v))
	}
	codes := make([]byte, 256)
	for i := range codes {
		codes[i] = byte(i)
	}
	for _, law := range laws {
		enc, err := ffmpegvec.Run(ramp, "-f", "s16le", "-ar", "8000", "-ac", "1", "-i", "-",
			"-c:a", "pcm_"+law.name, "-f", law.name, "-")
		if err != nil {
			return err
		}
		dec, err := ffmpegvec.Run(codes, "-f", law.name, "-ar", "8000", "-ac", "1", "-i", "-", "-f", "s16le", "-")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join("testdata", law.name+".enc"), enc, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join("testdata", law.name+".dec"), dec, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeMatchesFFmpeg(t *testing.T) {
	for _, law := range laws {
		t.Run(law.name, func(t *testing.T) {
			want := read(t, law.name+".dec")
			for c := range 256 {
				w := int16(binary.LittleEndian.Uint16(want[2*c:]))
				if got := law.decode(byte(c)); got != w {
					t.Errorf("code %#02x = %d, ffmpeg %d", c, got, w)
				}
			}
		})
	}
}

// TestEncodeAgainstFFmpeg checks all 65536 inputs. ffmpeg builds its encoder
// table from the midpoints between output levels at 14-bit resolution, while
// the Recommendation puts some decision levels elsewhere (at segment edges and
// on exact ties); so the codes must be equal everywhere else, and where they
// differ both must be the two output levels on either side of the input.
func TestEncodeAgainstFFmpeg(t *testing.T) {
	for _, law := range laws {
		t.Run(law.name, func(t *testing.T) {
			want := read(t, law.name+".enc")
			got := make([]byte, 65536)
			law.block(got, everySample())
			differ := 0
			for i, x := range everySample() {
				if got[i] == want[i] {
					continue
				}
				differ++
				lo, hi := int32(law.decode(got[i])), int32(law.decode(want[i]))
				if lo > hi {
					lo, hi = hi, lo
				}
				if int32(x) < lo || int32(x) > hi || !adjacent(law.decode, lo, hi) {
					t.Fatalf("%d → %#02x (%d), ffmpeg %#02x (%d): not the two levels around the input",
						x, got[i], law.decode(got[i]), want[i], law.decode(want[i]))
				}
			}
			t.Logf("%d of 65536 inputs at a decision level ffmpeg places elsewhere", differ)
			if differ > 65536/50 {
				t.Fatalf("%d of 65536 codes differ from ffmpeg", differ)
			}
		})
	}
}

// adjacent reports whether no output level of the law lies strictly between lo and hi.
func adjacent(decode func(byte) int16, lo, hi int32) bool {
	for c := range 256 {
		if v := int32(decode(byte(c))); v > lo && v < hi {
			return false
		}
	}
	return true
}

// TestKnownCodes holds values from the Recommendation's tables.
func TestKnownCodes(t *testing.T) {
	tests := []struct {
		law  string
		in   int16
		code byte
		out  int16
	}{
		{"mulaw", 0, 0xff, 0},
		{"mulaw", 32767, 0x80, 32124},
		{"mulaw", -32768, 0x00, -32124},
		{"mulaw", 1000, 0xce, 988},
		{"alaw", 0, 0xd5, 8},
		{"alaw", -1, 0x55, -8},
		{"alaw", 32767, 0xaa, 32256},
		{"alaw", -32768, 0x2a, -32256},
		{"alaw", 1000, 0xfa, 1008},
	}
	for _, tc := range tests {
		law := laws[0]
		if tc.law == "alaw" {
			law = laws[1]
		}
		if c := law.encode(tc.in); c != tc.code {
			t.Errorf("%s encode %d = %#02x, want %#02x", tc.law, tc.in, c, tc.code)
		}
		if v := law.decode(tc.code); v != tc.out {
			t.Errorf("%s decode %#02x = %d, want %d", tc.law, tc.code, v, tc.out)
		}
	}
}

// TestLevelsAreFixedPoints: every output level encodes back to its own code
// (µ-law's two zeros to the positive one).
func TestLevelsAreFixedPoints(t *testing.T) {
	for _, law := range laws {
		for c := range 256 {
			v := law.decode(byte(c))
			if got := law.encode(v); got != byte(c) && !(law.name == "mulaw" && c == 0x7f && got == 0xff) {
				t.Errorf("%s: code %#02x → %d → %#02x", law.name, c, v, got)
			}
		}
	}
}

func BenchmarkUlawEncodeFrame(b *testing.B) {
	pcm, out := everySample()[30000:30160], make([]byte, 160)
	for b.Loop() {
		UlawEncode(out, pcm)
	}
}
