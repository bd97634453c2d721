package g722

import (
	"os"
	"testing"
)

// speechFrames loads the speech vector as 20 ms frames (320 samples, 160 codes).
func speechFrames(b *testing.B) ([]int16, []byte) {
	pcmB, err := os.ReadFile("testdata/speech.pcm")
	if err != nil {
		b.Fatal(err)
	}
	codes, err := os.ReadFile("testdata/speech.g722")
	if err != nil {
		b.Fatal(err)
	}
	return pcmSamples(pcmB), codes
}

// BenchmarkEncodeFrame is the cost of encoding one 20 ms frame of speech.
func BenchmarkEncodeFrame(b *testing.B) {
	pcm, _ := speechFrames(b)
	enc, out := NewEncoder(), make([]byte, 160)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f := i % (len(pcm) / 320) * 320
		enc.Encode(out, pcm[f:f+320])
	}
}

// BenchmarkDecodeFrame is the cost of decoding one 20 ms frame of speech.
func BenchmarkDecodeFrame(b *testing.B) {
	_, codes := speechFrames(b)
	dec, out := NewDecoder(), make([]int16, 320)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f := i % (len(codes) / 160) * 160
		dec.Decode(out, codes[f:f+160])
	}
}
