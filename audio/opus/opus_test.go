package opus

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"testing"

	"github.com/pion/webrtc/v4/pkg/media/oggreader"
)

// speech returns the Opus packets of the repository's speech clip (made by
// libopus, see testdata/README.md) and the RFC 6464 level of each packet's source audio.
func speech(t testing.TB) ([][]byte, []int) {
	raw, err := os.ReadFile("../../testdata/speech-vi.ogg")
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := oggreader.NewWith(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var packets [][]byte
	for {
		payload, page, err := r.ParseNextPage()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if kind, ok := page.HeaderType(payload); ok && (kind == oggreader.HeaderOpusTags || kind == oggreader.HeaderOpusID) {
			continue
		}
		packets = append(packets, payload)
	}
	f, err := os.Open("../../testdata/speech-vi.levels")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var levels []int
	for s := bufio.NewScanner(f); s.Scan(); {
		v, err := strconv.Atoi(s.Text())
		if err != nil {
			t.Fatal(err)
		}
		levels = append(levels, v)
	}
	if len(levels) != len(packets) {
		t.Fatalf("%d levels for %d packets", len(levels), len(packets))
	}
	return packets, levels
}

// level is the RFC 6464 level (-dBov, 0..127) of a frame.
func level(frame []int16) int {
	var ms float64
	for _, v := range frame {
		ms += float64(v) * float64(v)
	}
	ms /= float64(len(frame))
	if ms <= 32768*32768*math.Pow(10, -12.7) {
		return 127
	}
	return max(0, min(127, int(math.Round(-10*math.Log10(ms/(32768*32768))))))
}

// levelGap is the median and the worst difference between two level series,
// over frames that speak (level < 50) in want.
func levelGap(want, got []int) (median, worst int) {
	var d []int
	for i := range want {
		if want[i] < 50 {
			d = append(d, max(want[i]-got[i], got[i]-want[i]))
		}
	}
	sort.Ints(d)
	return d[len(d)/2], d[len(d)-1]
}

// TestDecodeSpeech decodes a libopus stream and finds the loudness of every
// speaking frame where the source had it.
func TestDecodeSpeech(t *testing.T) {
	packets, want := speech(t)
	dec, err := NewDecoder()
	if err != nil {
		t.Fatal(err)
	}
	got := make([]int, len(packets))
	for i, p := range packets {
		pcm, err := dec.Decode(p)
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		if len(pcm) != FrameSamples {
			t.Fatalf("packet %d decoded to %d samples", i, len(pcm))
		}
		got[i] = level(pcm)
	}
	median, worst := levelGap(want, got)
	if median > 1 || worst > 8 {
		t.Fatalf("decoded levels differ from the source's by a median of %d dB, at worst %d dB", median, worst)
	}
	if pcm, err := dec.Decode(nil); err != nil || len(pcm) != FrameSamples {
		t.Fatalf("a lost packet concealed as %d samples, %v", len(pcm), err)
	}
}

// TestEncodeRoundTrip encodes decoded speech again, as a receiver's encoder
// would, and checks the loudness survives the second generation.
func TestEncodeRoundTrip(t *testing.T) {
	packets, _ := speech(t)
	dec1, _ := NewDecoder()
	dec2, _ := NewDecoder()
	enc, err := NewEncoder(32000, 5)
	if err != nil {
		t.Fatal(err)
	}
	var first, second []int16
	for _, p := range packets {
		pcm, err := dec1.Decode(p)
		if err != nil {
			t.Fatal(err)
		}
		first = append(first, pcm...)
		payload, err := enc.Encode(pcm)
		if err != nil {
			t.Fatal(err)
		}
		if len(payload) == 0 || len(payload) > 200 {
			t.Fatalf("a 32 kbit/s payload of %d bytes", len(payload))
		}
		out, err := dec2.Decode(payload)
		if err != nil {
			t.Fatal(err)
		}
		second = append(second, out...)
	}
	second = second[enc.Delay():]
	var want, got []int
	for i := 0; i+FrameSamples <= len(second); i += FrameSamples {
		want = append(want, level(first[i:i+FrameSamples]))
		got = append(got, level(second[i:i+FrameSamples]))
	}
	median, worst := levelGap(want, got)
	t.Logf("second generation levels: median gap %d dB, worst %d dB", median, worst)
	if median > 1 || worst > 6 {
		t.Fatalf("re-encoded levels differ by a median of %d dB, at worst %d dB", median, worst)
	}
	if _, err := enc.Encode(make([]int16, 320)); err == nil {
		t.Fatal("a 320-sample frame was encoded")
	}
	if _, err := NewEncoder(32000, 11); err == nil {
		t.Fatal("complexity 11 was accepted")
	}
}

// BenchmarkEncodeFrame is the cost of encoding one 20 ms frame of speech for one receiver.
func BenchmarkEncodeFrame(b *testing.B) {
	packets, _ := speech(b)
	dec, _ := NewDecoder()
	var frames [][]int16
	for _, p := range packets[:200] {
		pcm, _ := dec.Decode(p)
		frames = append(frames, append([]int16(nil), pcm...))
	}
	for _, complexity := range []int{0, 5, 10} {
		b.Run("complexity="+strconv.Itoa(complexity), func(b *testing.B) {
			enc, err := NewEncoder(32000, complexity)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := enc.Encode(frames[i%len(frames)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeFrame is the cost of decoding one 20 ms packet of speech.
func BenchmarkDecodeFrame(b *testing.B) {
	packets, _ := speech(b)
	dec, _ := NewDecoder()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := dec.Decode(packets[i%len(packets)]); err != nil {
			b.Fatal(err)
		}
	}
}
