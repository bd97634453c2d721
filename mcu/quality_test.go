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
	// The test client sends one video frame every 40 ms (25 fps); a starved machine can delay
	// its sender for a second, so the rate is read again until a sample shows it.
	eventually(t, 10*time.Second, func() bool {
		fps := h.participant("B").Quality.FPS
		return fps >= 15 && fps <= 35
	}, "FPS never about 25: %+v", h.participant("B").Quality)
	q := h.participant("B").Quality
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

// TestQualityLossFromRealPeer has B drop every tenth packet before it leaves: the MCU measures
// about 10 % loss and grades the link "bad", while MAIN stays "good".
func TestQualityLossFromRealPeer(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	h.client("MAIN")
	b := h.client("B")
	b.drop.Store(10)
	eventually(t, 10*time.Second, func() bool {
		q := h.participant("B").Quality
		return q.LossPct >= 7 && q.LossPct <= 13
	}, "B's loss never read about 10 %%")
	if g := h.participant("B").Quality.Grade; g != GradeBad && g != GradePoor {
		t.Errorf("B graded %q at 10 %% loss", g)
	}
	if q := h.participant("MAIN").Quality; q.LossPct != 0 || q.Grade != GradeGood {
		t.Errorf("MAIN: %+v", q)
	}
}
