package mix

import (
	"math"
	"testing"
)

// tone returns frames of a sine at freq Hz, amplitude amp, sampled at rate,
// starting at sample offset (may be fractional).
func tone(rate int, freq, amp, offset float64, n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(math.Round(amp * math.Sin(2*math.Pi*freq*(float64(i)-offset)/float64(rate))))
	}
	return s
}

// resampleAll runs frames of src through r one frame at a time.
func resampleAll(r *Resampler, from, to int, src []int16) []int16 {
	fi, fo := frameLen(from), frameLen(to)
	out := make([]int16, len(src)/fi*fo)
	for i := 0; i+fi <= len(src); i += fi {
		r.Process(out[i/fi*fo:], src[i:i+fi])
	}
	return out
}

func snrDB(want, got []int16) float64 {
	var s, e float64
	for i := range want {
		d := float64(got[i]) - float64(want[i])
		s += float64(want[i]) * float64(want[i])
		e += d * d
	}
	return 10 * math.Log10(s/e)
}

// TestResamplerTone passes a tone inside the band through every conversion
// and compares it with the ideal tone at the output rate, delayed as the filter is.
func TestResamplerTone(t *testing.T) {
	rates := []int{8000, 16000, 48000}
	for _, from := range rates {
		for _, to := range rates {
			if from == to {
				continue
			}
			r, err := NewResampler(from, to)
			if err != nil {
				t.Fatal(err)
			}
			freq := 0.3 * float64(min(from, to)) // 2.4 kHz at 8 kHz
			in := tone(from, freq, 20000, 0, frameLen(from)*25)
			got := resampleAll(r, from, to, in)
			want := tone(to, freq, 20000, r.Delay(), len(got))
			skip := frameLen(to) * 2 // the filter filling up
			snr := snrDB(want[skip:], got[skip:])
			if snr < 60 {
				t.Errorf("%d→%d Hz: %.0f Hz tone at %.1f dB SNR, want ≥ 60", from, to, freq, snr)
			}
		}
	}
}

// TestResamplerRejectsAliases: a tone above the output's Nyquist frequency
// must not fold back into the band when going down.
func TestResamplerRejectsAliases(t *testing.T) {
	tests := []struct {
		from, to int
		freq     float64
	}{
		{48000, 16000, 9000},
		{48000, 8000, 5000},
		{16000, 8000, 5000},
		{48000, 16000, 20000},
	}
	for _, tc := range tests {
		r, err := NewResampler(tc.from, tc.to)
		if err != nil {
			t.Fatal(err)
		}
		got := resampleAll(r, tc.from, tc.to, tone(tc.from, tc.freq, 30000, 0, frameLen(tc.from)*10))
		var peak int16
		for _, v := range got[frameLen(tc.to)*2:] {
			peak = max(peak, v, -v)
		}
		if db := 20 * math.Log10(float64(max(peak, 1))/30000); db > -60 {
			t.Errorf("%d→%d Hz: %.0f Hz tone leaks at %.0f dB, want ≤ -60 dB", tc.from, tc.to, tc.freq, db)
		}
	}
}

func TestResamplerRefusesOtherRates(t *testing.T) {
	for _, rates := range [][2]int{{44100, 48000}, {8000, 12000}, {0, 16000}} {
		if _, err := NewResampler(rates[0], rates[1]); err == nil {
			t.Errorf("NewResampler(%d, %d) accepted", rates[0], rates[1])
		}
	}
}

func TestResamplerDoesNotAllocate(t *testing.T) {
	r, _ := NewResampler(48000, 16000)
	in, out := tone(48000, 1000, 10000, 0, 960), make([]int16, 320)
	if n := testing.AllocsPerRun(100, func() { r.Process(out, in) }); n != 0 {
		t.Fatalf("%v allocations per frame", n)
	}
}
