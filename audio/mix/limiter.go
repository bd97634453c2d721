package mix

import "math"

// limiter keeps a mix below full scale: a gain that drops within 1 ms when a
// frame would exceed the ceiling and recovers over ~300 ms, then a soft knee
// above the ceiling for what the gain did not catch.
type limiter struct {
	gain float32
}

const (
	ceiling     = 29000 // where the gain aims and the knee starts
	attackLen   = Rate / 1000
	releaseRate = 0.06 // fraction of the way back to unity per frame
)

// apply scales sum into out (same length) and saturates safely.
func (l *limiter) apply(out []int16, sum []int32) {
	if l.gain == 0 {
		l.gain = 1
	}
	var peak int32
	for _, v := range sum {
		peak = max(peak, v, -v)
	}
	target := float32(1)
	if peak > ceiling {
		target = float32(ceiling) / float32(peak)
	}
	start, ramp := l.gain, len(out)
	if target < l.gain {
		ramp = min(attackLen, len(out))
	} else {
		target = l.gain + (target-l.gain)*releaseRate
	}
	step := (target - start) / float32(ramp)
	g := start
	for i, v := range sum {
		if i < ramp {
			g += step
		}
		out[i] = knee(float32(v) * g)
	}
	l.gain = target
}

// knee passes values up to the ceiling and bends the rest smoothly towards full scale.
func knee(v float32) int16 {
	a := v
	if a < 0 {
		a = -a
	}
	if a <= ceiling {
		return int16(v)
	}
	const room = 32767 - ceiling
	a = ceiling + room*float32(math.Tanh(float64((a-ceiling)/room)))
	if v < 0 {
		return int16(-a)
	}
	return int16(a)
}
