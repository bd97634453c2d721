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
	enc := NewEncoder()
	out := make([]byte, 160)
	frames := len(pcm) / 320
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f := i % frames
		enc.Encode(out, pcm[f*320:f*320+320])
	}
}

// BenchmarkDecodeFrame is the cost of decoding one 20 ms frame of speech.
func BenchmarkDecodeFrame(b *testing.B) {
	_, codes := speechFrames(b)
	dec := NewDecoder()
	out := make([]int16, 320)
	frames := len(codes) / 160
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f := i % frames
		dec.Decode(out, codes[f*160:f*160+160])
	}
}
