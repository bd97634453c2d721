package mcu

import (
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/transport/v5"
	"github.com/pion/transport/v5/stdnet"
	"github.com/pion/webrtc/v4"
)

// cutNet is the standard network whose UDP sockets drop every datagram, both ways, while cut is
// set: the cable is out, but the PeerConnection does not know it (no close, no DTLS alert).
type cutNet struct {
	*stdnet.Net
	cut *atomic.Bool
}

// ListenUDP opens a socket that obeys the cut.
func (n cutNet) ListenUDP(network string, laddr *net.UDPAddr) (transport.UDPConn, error) {
	c, err := n.Net.ListenUDP(network, laddr)
	if err != nil {
		return nil, err
	}
	return cutConn{UDPConn: c, cut: n.cut}, nil
}

// cutConn drops what it reads and writes while cut is set.
type cutConn struct {
	transport.UDPConn
	cut *atomic.Bool
}

func (c cutConn) ReadFrom(p []byte) (int, net.Addr, error) {
	for {
		n, addr, err := c.UDPConn.ReadFrom(p)
		if err != nil || !c.cut.Load() {
			return n, addr, err
		}
	}
}

func (c cutConn) WriteTo(p []byte, addr net.Addr) (int, error) {
	if c.cut.Load() {
		return len(p), nil
	}
	return c.UDPConn.WriteTo(p, addr)
}

// cuttableClient joins bridge point id over a network the test can cut.
func (h *harness) cuttableClient(id string) (*testClient, *atomic.Bool) {
	h.t.Helper()
	cut := &atomic.Bool{}
	n, err := stdnet.NewNet()
	if err != nil {
		h.t.Fatal(err)
	}
	api := newClientAPIWith(h.t, func(se *webrtc.SettingEngine) { se.SetNet(cutNet{Net: n, cut: cut}) })
	c := newTestClientWith(h.t, api, h.srv.URL, id, testSecrets[id])
	if code := c.join(h.t.Context()); code != 201 {
		h.t.Fatalf("join %s: status %d", id, code)
	}
	eventually(h.t, 10*time.Second, func() bool { return h.participant(id).Connected }, "%s never connected", id)
	c.waitOpen()
	return c, cut
}

// A site that sends no media at all (hard-muted, camera paused) keeps an alive link well past
// LinkSilentAfter: STUN consent and RTCP keep arriving. When its packets stop altogether
// (STUN and RTCP too), the link is down while the session is still there; when they come back,
// it is alive again.
func TestLinkLivenessIsNotMedia(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	h.client("MAIN")
	c, cut := h.cuttableClient("C")
	if err := h.conf.Mute(t.Context(), "tester", "C", HardMute); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, func() bool { return h.participant("C").AudioIn > 0 }, "C's microphone never counted")
	c.silent.Store(true)
	time.Sleep(500 * time.Millisecond) // what was in flight has arrived
	audio, video := h.participant("C").AudioIn, h.participant("C").VideoIn
	for end := time.Now().Add(LinkSilentAfter + 4*time.Second); time.Now().Before(end); time.Sleep(250 * time.Millisecond) {
		p := h.participant("C")
		if !p.Connected || !p.Link.Alive {
			t.Fatalf("a site sending no media counts as a dead link: connected %v, link %+v", p.Connected, p.Link)
		}
		if p.AudioIn != audio || p.VideoIn != video {
			t.Fatalf("the silent client sent media: audio %d → %d, video %d → %d", audio, p.AudioIn, video, p.VideoIn)
		}
	}
	if p := h.participant("C"); !p.HasMic || !p.HasCamera || p.Link.ICE != "connected" || p.Link.DTLS != "connected" {
		t.Errorf("participant C = %+v", p)
	}

	cut.Store(true)
	eventually(t, 15*time.Second, func() bool { p := h.participant("C"); return p.Connected && !p.Link.Alive },
		"C's link still alive with every packet dropped")
	down := h.participant("C").Link
	if time.Since(down.LastActivity) < LinkSilentAfter && down.ICE == "connected" {
		t.Errorf("link down but neither silent nor disconnected: %+v", down)
	}
	st := h.mcu.status()
	for _, bp := range st.Conferences[0].BridgePoints {
		if bp.ID == "C" && (bp.LinkAlive || !bp.Connected) {
			t.Errorf("status of C while cut: %+v", bp)
		}
	}

	cut.Store(false)
	eventually(t, 15*time.Second, func() bool { return h.participant("C").Link.Alive }, "C's link never came back")
	if h.participant("C").Reconnects != 0 {
		t.Error("C reconnected: the link should have recovered in place")
	}
}
