package mcu

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestThreeClientsReceiveEachOther checks that every client gets the other two's audio and
// video, attributed by CSRC, and never its own.
func TestThreeClientsReceiveEachOther(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	a, b, c := h.client("MAIN"), h.client("B"), h.client("C")
	a.level.Store(127) // main is silent
	b.level.Store(50)
	c.level.Store(20) // C is the loudest
	all := []*testClient{a, b, c}
	for _, r := range all {
		for _, s := range all {
			if r == s {
				continue
			}
			eventually(t, 10*time.Second, func() bool {
				au, vi := r.counts(s.micSSRC)
				_, v2 := r.counts(s.camSSRC)
				return au > 10 && vi+v2 > 5
			}, "%s never got audio and video of %s", r.id, s.id)
		}
		if au, vi := r.counts(r.micSSRC); au != 0 || vi != 0 {
			t.Errorf("%s received its own audio (%d packets)", r.id, au)
		}
		if _, vi := r.counts(r.camSSRC); vi != 0 {
			t.Errorf("%s received its own video (%d packets)", r.id, vi)
		}
	}
	eventually(t, 5*time.Second, func() bool {
		q := h.participant("B").Quality
		return q.Width == 1280 && q.Height == 720 && q.BitrateKbps > 0
	}, "no quality for B: %+v", h.participant("B").Quality)
	snap := h.conf.Snapshot()
	if snap.Connected != 3 || snap.Expected != 3 {
		t.Errorf("connected %d expected %d", snap.Connected, snap.Expected)
	}
	if snap.Participants[0].ID != "MAIN" || snap.MainSource != "MAIN" {
		t.Errorf("main first: %s, main source %q", snap.Participants[0].ID, snap.MainSource)
	}
	eventually(t, 5*time.Second, func() bool { return h.conf.Snapshot().Speaker == "C" },
		"speaker is %q, want C", h.conf.Snapshot().Speaker)
	a.waitMsg("slots", func(m map[string]any) bool {
		audio, _ := m["audio"].([]any)
		return m["main"] == "B" && m["speaker"] == "C" && len(audio) == 3 && audio[0] != "MAIN"
	})
	if h.conf.ForwardedAudio("B") == 0 || h.participant("B").PacketsOut == 0 {
		t.Error("counters did not grow")
	}
}

// TestSingleUDPPortAndOpenToAll joins two endpoints through one shared UDP port into an ad hoc
// conference that admits any registered bridge point.
func TestSingleUDPPortAndOpenToAll(t *testing.T) {
	l, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.LocalAddr().(*net.UDPAddr).Port
	l.Close()
	h := newHarnessConfig(t, Config{Loopback: true, UDPPort: port},
		ConferenceSpec{ID: "adhoc", OpenToAll: true, Members: []Member{}})
	b, d := h.client("B"), h.client("D")
	if ans := b.pc.RemoteDescription().SDP; !strings.Contains(ans, " "+strconv.Itoa(port)+" typ host") {
		t.Fatalf("answer does not use port %d:\n%s", port, ans)
	}
	eventually(t, 10*time.Second, func() bool {
		n, _ := d.counts(b.micSSRC)
		return n > 10
	}, "D never heard B")
	for _, p := range h.conf.Snapshot().Participants {
		if !p.Connected {
			t.Errorf("%s not connected", p.ID)
		}
	}
	if got := len(h.conf.Snapshot().Participants); got != 2 {
		t.Errorf("%d participants, want 2", got)
	}
}
