package mcu

import (
	"testing"
	"time"
)

// TestQualityFromRealPeers reads frame rate, grade and a non-zero RTT measured on real Pion
// peers: the RTT needs the stats interceptor to see the MCU's own sender reports.
func TestQualityFromRealPeers(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	h.client("MAIN")
	h.client("B")
	eventually(t, 10*time.Second, func() bool {
		q := h.participant("B").Quality
		return q.RTTMs > 0 && q.FPS > 0
	}, "no RTT or frame rate for B: %+v", h.participant("B").Quality)
	q := h.participant("B").Quality
	// The test client sends one video frame every 40 ms (25 fps).
	if q.FPS < 15 || q.FPS > 35 {
		t.Errorf("FPS %.1f, want about 25", q.FPS)
	}
	if q.RTTMs > 400 {
		t.Errorf("RTT %.2f ms on loopback", q.RTTMs)
	}
	if q.Grade != GradeGood {
		t.Errorf("grade %q on a clean loopback link (%+v)", q.Grade, q)
	}
	if g := h.participant("C").Quality.Grade; g != "" {
		t.Errorf("absent C graded %q", g)
	}
}
