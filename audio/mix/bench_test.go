package mix

import (
	"fmt"
	"testing"

	"diemcau/audio/g711"
	"diemcau/audio/g722"
)

// BenchmarkMixedStreams is one 20 ms tick of a meeting where three terminals
// speak (Opus 48 kHz, G.722, G.711 µ-law) and 80 more G.722 terminals listen:
// the mix, then one G.722 encode per listener and one encode per speaker in
// its own codec (the Opus speaker's encode is BenchmarkEncodeFrame in audio/opus).
func BenchmarkMixedStreams(b *testing.B) {
	const listeners = 80
	m := New()
	opusSrc, _ := m.Join(48000)
	g722Src, _ := m.Join(16000)
	pcmuSrc, _ := m.Join(8000)
	rx := make([]*Party, listeners)
	enc := make([]*g722.Encoder, listeners+1)
	for i := range rx {
		rx[i], _ = m.Join(16000)
	}
	for i := range enc {
		enc[i] = g722.NewEncoder()
	}
	codes, ulaw := make([]byte, 160), make([]byte, 160)
	f48 := tone(48000, 330, 6000, 0, 960)
	f16 := tone(16000, 520, 6000, 0, 320)
	f8 := tone(8000, 710, 6000, 0, 160)
	b.ReportAllocs()
	for b.Loop() {
		opusSrc.Put(f48)
		g722Src.Put(f16)
		pcmuSrc.Put(f8)
		m.Mix()
		for i, p := range rx {
			enc[i].Encode(codes, p.Mixed())
		}
		enc[listeners].Encode(codes, g722Src.Mixed())
		g711.UlawEncode(ulaw, pcmuSrc.Mixed())
	}
	perTick := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(perTick/(listeners+2)/1000, "µs/stream")
	b.ReportMetric(perTick/20e6*100, "%core")
}

// BenchmarkMix is the mix alone for the same meeting, without the encodes.
func BenchmarkMix(b *testing.B) {
	m := New()
	srcs := make([]*Party, 3)
	for i, r := range []int{48000, 16000, 8000} {
		srcs[i], _ = m.Join(r)
	}
	for range 80 {
		m.Join(16000)
	}
	frames := [][]int16{tone(48000, 330, 6000, 0, 960), tone(16000, 520, 6000, 0, 320), tone(8000, 710, 6000, 0, 160)}
	b.ReportAllocs()
	for b.Loop() {
		for i, p := range srcs {
			p.Put(frames[i])
		}
		m.Mix()
	}
}

// BenchmarkResample is one 20 ms frame through each conversion.
func BenchmarkResample(b *testing.B) {
	for _, c := range [][2]int{{8000, 48000}, {16000, 48000}, {48000, 16000}, {48000, 8000}} {
		r, _ := NewResampler(c[0], c[1])
		in, out := make([]int16, frameLen(c[0])), make([]int16, frameLen(c[1]))
		b.Run(fmtRates(c), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Process(out, in)
			}
		})
	}
}

func fmtRates(c [2]int) string { return fmt.Sprintf("%dk-%dk", c[0]/1000, c[1]/1000) }
