package mcu

import (
	"math"
	"testing"
	"time"
)

// TestRecvStatsLoss checks expected/received across a sequence wrap, a late packet and a gap.
func TestRecvStatsLoss(t *testing.T) {
	r := recvStats{clock: 48000}
	t0 := time.Unix(1000, 0)
	for i, seq := range []uint16{65534, 65535, 0, 2, 1, 3, 6} { // 1 late, 4 and 5 lost
		r.observe(seq, uint32(i)*960, t0.Add(time.Duration(i)*20*time.Millisecond))
	}
	if exp, got := r.counts(); exp != 9 || got != 7 {
		t.Fatalf("expected %d received %d, want 9 and 7", exp, got)
	}
}

// TestRecvStatsJitter feeds arrivals 10 ms early and late in turn: RFC 3550 jitter converges to
// the mean deviation of the transit time, 10 ms; a steady stream has none.
func TestRecvStatsJitter(t *testing.T) {
	steady, wobbly := recvStats{clock: 8000}, recvStats{clock: 8000}
	t0 := time.Unix(1000, 0)
	for i := range 300 {
		at := t0.Add(time.Duration(i) * 20 * time.Millisecond)
		steady.observe(uint16(i), uint32(i*160), at)
		wobbly.observe(uint16(i), uint32(i*160), at.Add(time.Duration(i%2)*10*time.Millisecond))
	}
	if j := steady.jitterSeconds(); j > 1e-6 {
		t.Errorf("steady stream jitter %v s", j)
	}
	if j := wobbly.jitterSeconds(); math.Abs(j-0.010) > 0.0002 {
		t.Errorf("jitter %.4f s, want 0.0100", j)
	}
}

// TestRecvStatsJump: a sequence number far ahead (or far behind) is reported as a jump and the
// stream counts on from it, so the packets it skipped are not lost; a gap within bounds is.
func TestRecvStatsJump(t *testing.T) {
	r := recvStats{clock: 48000}
	t0 := time.Unix(1000, 0)
	var jumps []uint16
	for i, seq := range []uint16{10, 11, 40000, 40001, 40003, 500, 501} { // 40002 lost; two jumps
		if r.observe(seq, uint32(i)*960, t0.Add(time.Duration(i)*20*time.Millisecond)) {
			jumps = append(jumps, seq)
		}
	}
	if len(jumps) != 2 || jumps[0] != 40000 || jumps[1] != 500 {
		t.Errorf("jumps at %v, want [40000 500]", jumps)
	}
	if exp, got := r.counts(); exp != 8 || got != 7 {
		t.Fatalf("expected %d received %d, want 8 and 7 (one packet lost, none for the jumps)", exp, got)
	}
}
