package mcu

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// h264Client is a Pion endpoint whose video is H.264 constrained baseline only, like a
// hardware terminal without VP8: it may send H.264 and receives the two video slots.
type h264Client struct {
	t     *testing.T
	pc    *webrtc.PeerConnection
	cam   *webrtc.TrackLocalStaticRTP // nil when it only receives
	msgs  chan map[string]any
	mu    sync.Mutex
	video map[uint32]int // CSRC → video packets received
	plis  atomic.Int64   // PLIs the MCU sent about the camera
	stop  chan struct{}
}

func newH264Client(t *testing.T, h *harness, id string, sendVideo bool) *h264Client {
	t.Helper()
	me := &webrtc.MediaEngine{}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: codecOpus, PayloadType: 111}, webrtc.RTPCodecTypeAudio))
	must(me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: codecH264, PayloadType: 102}, webrtc.RTPCodecTypeVideo))
	ir := &interceptor.Registry{}
	must(webrtc.RegisterDefaultInterceptors(me, ir))
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	se.SetInterfaceFilter(func(name string) bool { return strings.HasPrefix(name, "lo") })
	pc, err := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se)).
		NewPeerConnection(webrtc.Configuration{})
	must(err)
	c := &h264Client{t: t, pc: pc, msgs: make(chan map[string]any, 64), video: map[uint32]int{}, stop: make(chan struct{})}
	t.Cleanup(func() { close(c.stop); _ = pc.Close() })
	recv := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}
	for i := 0; i < 3; i++ {
		_, err := pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio, recv)
		must(err)
	}
	if sendVideo {
		c.cam, err = webrtc.NewTrackLocalStaticRTP(codecH264, "cam", id)
		must(err)
		camTx, err := pc.AddTransceiverFromTrack(c.cam, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendrecv})
		must(err)
		go countPLIs(camTx.Sender(), &c.plis)
	} else {
		_, err = pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo, recv)
		must(err)
	}
	_, err = pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo, recv)
	must(err)
	dc, err := pc.CreateDataChannel(controlLabel, nil)
	must(err)
	dc.OnMessage(func(msg webrtc.DataChannelMessage) {
		var v map[string]any
		if json.Unmarshal(msg.Data, &v) == nil {
			select {
			case c.msgs <- v:
			default:
			}
		}
	})
	pc.OnTrack(func(track *webrtc.TrackRemote, _ *webrtc.RTPReceiver) {
		for {
			pkt, _, err := track.ReadRTP()
			if err != nil {
				return
			}
			if track.Kind() == webrtc.RTPCodecTypeVideo && len(pkt.CSRC) > 0 {
				c.mu.Lock()
				c.video[pkt.CSRC[0]]++
				c.mu.Unlock()
			}
		}
	})
	must(pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: whipAnswer(t, h, id, pc)}))
	eventually(t, 10*time.Second, func() bool { return h.participant(id).Connected }, "%s never connected", id)
	if c.cam != nil {
		go c.sendH264()
	}
	return c
}

// sendH264 sends a small single-NAL H.264 packet every 40 ms, an IDR every second.
func (c *h264Client) sendH264() {
	tick := time.NewTicker(40 * time.Millisecond)
	defer tick.Stop()
	var seq uint16
	var ts uint32
	for n := 0; ; n++ {
		select {
		case <-c.stop:
			return
		case <-tick.C:
		}
		nal := []byte{0x41, 0x9a, 0x00, 0x01} // non-IDR slice
		if n%25 == 0 {
			nal = []byte{0x65, 0x88, 0x84, 0x00}
		}
		_ = c.cam.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 102, SequenceNumber: seq,
			Timestamp: ts, Marker: true}, Payload: nal})
		seq++
		ts += 3600
	}
}

// whipAnswer posts pc's complete offer as id's WHIP join and returns the answer; the join must
// succeed.
func whipAnswer(t *testing.T, h *harness, id string, pc *webrtc.PeerConnection) string {
	t.Helper()
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		t.Fatal(err)
	}
	<-gathered
	resp := whipPost(t, h.srv.URL, id, testSecrets[id], "application/sdp", pc.LocalDescription().SDP)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("join %s: %d %s", id, resp.StatusCode, body)
	}
	return string(body)
}

func (c *h264Client) videoFrom(ssrc uint32) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.video[ssrc]
}

func (c *h264Client) camSSRC() uint32 {
	for _, tr := range c.pc.GetTransceivers() {
		if s := tr.Sender(); s != nil && s.Track() == c.cam && c.cam != nil {
			return uint32(s.GetParameters().Encodings[0].SSRC)
		}
	}
	return 0
}

// waitNotice waits for a codec notice on the control channel.
func (c *h264Client) waitNotice() map[string]any {
	c.t.Helper()
	deadline := time.After(8 * time.Second)
	for {
		select {
		case m := <-c.msgs:
			if m["type"] == "notice" {
				return m
			}
		case <-deadline:
			c.t.Fatal("no notice on the control channel")
			return nil
		}
	}
}

// TestCodecMismatchIsExplained: an H.264-only receiver cannot take the VP8 picture of the
// main bridge point; it gets a notice and the console an event, instead of a silent black slot.
// An H.264 source reaches it.
func TestCodecMismatchIsExplained(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	main := h.client("MAIN") // VP8 camera
	rx := newH264Client(t, h, "B", false)

	ev := h.waitEvent(EventCodecMismatch, "B")
	for _, want := range []string{"slot=main", "source=MAIN", "codec=" + mimeVP8, "accepts=" + mimeH264} {
		if !strings.Contains(ev.Detail, want) {
			t.Errorf("event detail %q lacks %q", ev.Detail, want)
		}
	}
	n := rx.waitNotice()
	if n["code"] != "codec" || n["slot"] != "main" || n["source"] != "MAIN" || n["codec"] != mimeVP8 || n["text"] == "" {
		t.Errorf("notice %v", n)
	}
	if got := rx.videoFrom(main.camSSRC); got != 0 {
		t.Errorf("the H.264 receiver got %d VP8 packets", got)
	}

	// Reported once: no second event for the same slot and source.
	deadline := time.After(1500 * time.Millisecond)
	for done := false; !done; {
		select {
		case e := <-h.events:
			if e.Kind == EventCodecMismatch && e.BridgePoint == "B" && strings.Contains(e.Detail, "slot=main") {
				t.Fatalf("mismatch reported twice: %v", e)
			}
		case <-deadline:
			done = true
		}
	}

	// An H.264 camera reaches the H.264 receiver on the speaker slot.
	src := newH264Client(t, h, "C", true)
	ssrc := src.camSSRC()
	eventually(t, 10*time.Second, func() bool { return rx.videoFrom(ssrc) > 10 },
		"H.264 receiver got no H.264 video from C")
}
