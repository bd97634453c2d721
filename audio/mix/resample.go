package mix

import (
	"fmt"
	"math"
)

// Resampler converts frames between 8, 16 and 48 kHz by an integer ratio with
// a polyphase windowed-sinc (Kaiser) low-pass, keeping the history across
// frames. It allocates only when made.
type Resampler struct {
	up, down int         // interpolation L and decimation M
	phases   [][]float32 // phases[p][j]: tap p+(K-1-j)·L of the prototype
	hist     []float32   // the K-1 samples before the frame, then the frame
	k        int         // taps per phase
	frameIn  int
}

// zeroCrossings is how many zero crossings of the sinc each side keeps;
// with the Kaiser window below it gives a stopband of about 80 dB.
const (
	zeroCrossings = 12
	kaiserBeta    = 8.0
	passband      = 0.92 // cut-off as a fraction of the lower Nyquist frequency
)

// NewResampler returns a resampler from one of 8000, 16000, 48000 Hz to another,
// for frames of FrameMs.
func NewResampler(from, to int) (*Resampler, error) {
	if !supported(from) || !supported(to) {
		return nil, fmt.Errorf("resample %d Hz to %d Hz: rates must be 8000, 16000 or 48000", from, to)
	}
	g := gcd(from, to)
	r := &Resampler{up: to / g, down: from / g, frameIn: frameLen(from)}
	wide := max(r.up, r.down)
	r.k = (2*zeroCrossings*wide + r.up - 1) / r.up
	n := r.k * r.up
	proto := lowPass(n, passband*0.5/float64(wide), float64(r.up))
	r.phases = make([][]float32, r.up)
	for p := range r.phases {
		ph := make([]float32, r.k)
		for k := 0; k < r.k; k++ {
			ph[r.k-1-k] = float32(proto[p+k*r.up])
		}
		r.phases[p] = ph
	}
	r.hist = make([]float32, r.k-1+r.frameIn)
	return r, nil
}

func supported(rate int) bool { return rate == 8000 || rate == 16000 || rate == Rate }

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// lowPass is an n-tap Kaiser-windowed sinc with cut-off fc (cycles per
// sample) whose taps sum to gain.
func lowPass(n int, fc, gain float64) []float64 {
	h := make([]float64, n)
	c := float64(n-1) / 2
	var sum float64
	for i := range h {
		x := float64(i) - c
		s := 2 * fc
		if x != 0 {
			s = math.Sin(2*math.Pi*fc*x) / (math.Pi * x)
		}
		w := x / (c + 1)
		h[i] = s * bessel0(kaiserBeta*math.Sqrt(1-w*w)) / bessel0(kaiserBeta)
		sum += h[i]
	}
	for i := range h {
		h[i] *= gain / sum
	}
	return h
}

// bessel0 is the modified Bessel function of the first kind, order 0.
func bessel0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; term > 1e-12*sum; k++ {
		term *= (x / (2 * float64(k))) * (x / (2 * float64(k)))
		sum += term
	}
	return sum
}

// Delay is the resampler's group delay in output samples.
func (r *Resampler) Delay() float64 {
	return float64(r.k*r.up-1) / 2 / float64(r.down)
}

// Process resamples one frame src (FrameMs at the input rate) into dst and
// returns the number of samples written (FrameMs at the output rate); a frame
// of another length is a programming error and panics.
func (r *Resampler) Process(dst, src []int16) int {
	if len(src) != r.frameIn {
		panic(fmt.Sprintf("mix: resampler frame of %d samples, want %d", len(src), r.frameIn))
	}
	h := r.hist
	for i, v := range src {
		h[r.k-1+i] = float32(v)
	}
	n := r.frameIn * r.up / r.down
	dst = dst[:n]
	for i := range dst {
		t := i * r.down
		taps := r.phases[t%r.up]
		x := h[t/r.up : t/r.up+r.k]
		var acc float32
		for j, c := range taps {
			acc += c * x[j]
		}
		dst[i] = clip16(acc)
	}
	copy(h, h[r.frameIn:])
	return n
}

// clip16 rounds to the nearest int16, saturating.
func clip16(v float32) int16 {
	if v >= 32767 {
		return 32767
	}
	if v <= -32768 {
		return -32768
	}
	return int16(math.Round(float64(v)))
}
