package mcu

import (
	"context"
	"net/http"
	"os"
	"runtime"
	"testing"
	"time"
)

// Bounds on what may remain after a flapping bridge point is gone, over a baseline taken after a
// few warm-up cycles: a leaked session costs a dozen goroutines, a few sockets and far more heap
// than this, so one per cycle would exceed every bound many times over.
const (
	flapGoroutineSlack = 25
	flapFDSlack        = 10
	flapHeapSlack      = 12 << 20
)

// longTests reports whether the long fault tests run in full (CI sets DIEMCAU_LONG=1).
func longTests() bool { return os.Getenv("DIEMCAU_LONG") == "1" }

// resources is a snapshot of what the process holds.
type resources struct {
	goroutines int
	fds        int
	heap       uint64
}

// measure collects garbage and counts goroutines, open file descriptors and heap in use.
func measure(t testing.TB) resources {
	t.Helper()
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatalf("count open files: %v", err)
	}
	return resources{goroutines: runtime.NumGoroutine(), fds: len(ents), heap: ms.HeapInuse}
}

// scopedTB runs a client's cleanups when the cycle ends instead of when the test ends, so that
// hundreds of closed clients are not kept alive by the test's cleanup list.
type scopedTB struct {
	testing.TB
	cleanups []func()
}

func (s *scopedTB) Cleanup(f func()) { s.cleanups = append(s.cleanups, f) }

func (s *scopedTB) done() {
	for i := len(s.cleanups) - 1; i >= 0; i-- {
		s.cleanups[i]()
	}
	s.cleanups = nil
}

// leave ends the client's WHIP session with DELETE, as a well-behaved endpoint does.
func (c *testClient) leave() int {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodDelete, c.base+c.location, nil)
	req.Header.Set("Authorization", "Bearer "+c.secret)
	resp, err := noKeepAlive.Do(req)
	if err != nil {
		c.t.Fatalf("DELETE %s: %v", c.location, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// inboundLoss is the loss of bridge point id's microphone as the MCU receives it (RFC 3550).
func (h *harness) inboundLoss(id string) (expected, received uint64) {
	m, ok := h.conf.lookup(id)
	if !ok {
		h.t.Fatalf("no member %s", id)
	}
	h.conf.mu.Lock()
	s := m.sess
	h.conf.mu.Unlock()
	if s == nil || s.audioIn.Load() == nil {
		return 0, 0
	}
	return s.audioIn.Load().recv.counts()
}

// TestFlappingLink joins and leaves one bridge point 300 times (30 without DIEMCAU_LONG=1) while
// two others stay connected: no goroutines, file descriptors or heap pile up, and the two keep
// exchanging audio and video without a gap.
// It runs with a socket per peer and with the shared UDP port of production (--udp-port).
func TestFlappingLink(t *testing.T) {
	t.Run("own-ports", func(t *testing.T) { flapLink(t, Config{Loopback: true}) })
	t.Run("shared-port", func(t *testing.T) { flapLink(t, Config{Loopback: true, UDPPort: freeUDPPort(t)}) })
}

func flapLink(t *testing.T, cfg Config) {
	cycles := 30
	if longTests() {
		cycles = 300
	}
	h := newHarnessConfig(t, cfg, ConferenceSpec{Members: []Member{{ID: "MAIN", Name: "Tỉnh ủy", Main: true},
		{ID: "B", Name: "Xã B"}, {ID: "D", Name: "Xã D"}}})
	main := h.client("MAIN")
	b := h.client("B")
	eventually(t, 10*time.Second, func() bool {
		a, _ := main.counts(b.micSSRC)
		a2, v2 := b.counts(main.micSSRC)
		_, v3 := b.counts(main.camSSRC)
		return a > 0 && a2 > 0 && v2+v3 > 0
	}, "MAIN and B never received each other")
	start := measure(t)

	var base resources
	const warmup = 10
	var lastMainFromB, lastBFromMain, lastBVideo, firstMainFromB, firstBFromMain int
	began := time.Now()
	for i := range cycles + warmup {
		if i == warmup {
			base = measure(t)
			lastMainFromB, _ = main.counts(b.micSSRC)
			lastBFromMain, _ = b.counts(main.micSSRC)
			_, lastBVideo = b.counts(main.camSSRC)
			firstMainFromB, firstBFromMain = lastMainFromB, lastBFromMain
			began = time.Now()
		}
		stb := &scopedTB{TB: t}
		d := newTestClient(stb, h.srv.URL, "D", testSecrets["D"])
		if code := d.join(context.Background()); code != http.StatusCreated {
			t.Fatalf("cycle %d: join D: status %d", i, code)
		}
		eventually(t, 10*time.Second, func() bool { return h.participant("D").Connected },
			"cycle %d: D never connected", i)
		if i%2 == 0 {
			if code := d.leave(); code != http.StatusOK {
				t.Fatalf("cycle %d: DELETE: status %d", i, code)
			}
		} // odd cycles vanish without DELETE; the next join replaces the session
		stb.done()

		if i >= warmup && (i-warmup)%50 == 49 {
			mb, _ := main.counts(b.micSSRC)
			bm, _ := b.counts(main.micSSRC)
			_, bv := b.counts(main.camSSRC)
			if mb <= lastMainFromB || bm <= lastBFromMain || bv <= lastBVideo {
				t.Fatalf("cycle %d: media between the steady sites stopped: MAIN←B audio %d→%d, B←MAIN audio %d→%d video %d→%d",
					i, lastMainFromB, mb, lastBFromMain, bm, lastBVideo, bv)
			}
			lastMainFromB, lastBFromMain, lastBVideo = mb, bm, bv
		}
	}
	elapsed := time.Since(began)
	// The last cycle may have left a session to be replaced; end it as a timeout would.
	if m, ok := h.conf.lookup("D"); ok {
		h.conf.mu.Lock()
		s := m.sess
		h.conf.mu.Unlock()
		if s != nil {
			s.close("test end")
		}
	}
	eventually(t, 10*time.Second, func() bool { return !h.participant("D").Connected }, "D still connected")

	// Let the last sessions wind down until the counts are back at the baseline (or the
	// deadline passes); the bounds below are then checked on what is left.
	var end resources
	settled := func() bool {
		end = measure(t)
		return end.goroutines <= base.goroutines && end.fds <= base.fds
	}
	deadline := time.Now().Add(15 * time.Second)
	for !settled() && time.Now().Before(deadline) {
		time.Sleep(250 * time.Millisecond)
	}
	t.Logf("%d join/leave cycles of D in %v (after %d warm-up cycles)", cycles, elapsed.Round(time.Millisecond), warmup)
	t.Logf("goroutines: start %d, baseline %d, after %d", start.goroutines, base.goroutines, end.goroutines)
	t.Logf("open fds:   start %d, baseline %d, after %d", start.fds, base.fds, end.fds)
	t.Logf("heap inuse: start %.1f MiB, baseline %.1f MiB, after %.1f MiB", mib(start.heap), mib(base.heap), mib(end.heap))
	if end.goroutines > base.goroutines+flapGoroutineSlack {
		t.Errorf("goroutines grew from %d to %d", base.goroutines, end.goroutines)
	}
	if end.fds > base.fds+flapFDSlack {
		t.Errorf("open file descriptors grew from %d to %d", base.fds, end.fds)
	}
	if end.heap > base.heap+flapHeapSlack {
		t.Errorf("heap in use grew from %.1f MiB to %.1f MiB", mib(base.heap), mib(end.heap))
	}

	// The steady sites lost nothing: the MCU received every packet they sent, and their
	// audio slots showed no sequence gap.
	for _, id := range []string{"MAIN", "B"} {
		exp, got := h.inboundLoss(id)
		t.Logf("%s microphone at the MCU: %d expected, %d received", id, exp, got)
		if exp == 0 || got+got/100 < exp {
			t.Errorf("%s microphone: %d of %d packets received (over 1%% lost)", id, got, exp)
		}
	}
	mb, _ := main.counts(b.micSSRC)
	bm, _ := b.counts(main.micSSRC)
	t.Logf("audio received during the cycles: MAIN←B %d, B←MAIN %d (about %.0f sent each way, 50/s)",
		mb-firstMainFromB, bm-firstBFromMain, elapsed.Seconds()*50)
	t.Logf("sequence gaps on audio slots: MAIN %d, B %d", main.gaps(), b.gaps())
	if g := main.gaps() + b.gaps(); g > 0 {
		t.Errorf("%d sequence gaps on the steady sites' audio slots", g)
	}
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
