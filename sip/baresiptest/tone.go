package baresiptest

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// ToneWAV writes secs seconds of a tone at freq Hz (amplitude 8000) as a 16 kHz mono WAV file
// for a UA's microphone, and returns its path.
func ToneWAV(t testing.TB, freq float64, secs int) string {
	t.Helper()
	return ToneWAVAt(t, freq, secs, 8000)
}

// ToneWAVAt is ToneWAV with the tone's amplitude (0: digital silence; 26 is about -65 dBov).
func ToneWAVAt(t testing.TB, freq float64, secs int, amplitude float64) string {
	t.Helper()
	const rate = 16000
	data := make([]byte, 2*rate*secs)
	for i := range rate * secs {
		binary.LittleEndian.PutUint16(data[2*i:], uint16(int16(amplitude*math.Sin(2*math.Pi*freq*float64(i)/rate))))
	}
	h := make([]byte, 44)
	copy(h, "RIFF")
	binary.LittleEndian.PutUint32(h[4:], uint32(36+len(data)))
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)     // fmt chunk size
	binary.LittleEndian.PutUint16(h[20:], 1)      // PCM
	binary.LittleEndian.PutUint16(h[22:], 1)      // mono
	binary.LittleEndian.PutUint32(h[24:], rate)   // sample rate
	binary.LittleEndian.PutUint32(h[28:], 2*rate) // byte rate
	binary.LittleEndian.PutUint16(h[32:], 2)      // block align
	binary.LittleEndian.PutUint16(h[34:], 16)     // bits per sample
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], uint32(len(data)))
	p := filepath.Join(t.TempDir(), "tone.wav")
	if err := os.WriteFile(p, append(h, data...), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// ToneDB is the power of pcm (sampled at rate) at freq Hz, in dB relative to a full-scale sine
// (Goertzel): a tone of amplitude 8000 reads about -12 dB, silence far below -60.
func ToneDB(pcm []int16, rate, freq float64) float64 {
	if len(pcm) == 0 {
		return -200
	}
	w := 2 * math.Pi * freq / rate
	var s1, s2 float64
	for _, v := range pcm {
		s0 := float64(v)/32768 + 2*math.Cos(w)*s1 - s2
		s2, s1 = s1, s0
	}
	p := s1*s1 + s2*s2 - 2*math.Cos(w)*s1*s2
	n := float64(len(pcm))
	return 10 * math.Log10(4*p/(n*n)+1e-20)
}
