package mcu

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// TestWHIPAnswerHeaders checks the 201 of RFC 9725: answer body, Location, ETag, and the ICE
// servers as Link headers when configured (none when not).
func TestWHIPAnswerHeaders(t *testing.T) {
	servers := []webrtc.ICEServer{
		{URLs: []string{"stun:stun.gialai.example:3478"}},
		{URLs: []string{"turn:turn.gialai.example:3478?transport=udp"}, Username: "u1", Credential: `p"w`},
	}
	for _, tc := range []struct {
		name  string
		cfg   Config
		links []string
	}{
		{"no ICE servers", Config{Loopback: true}, nil},
		{"STUN and TURN", Config{Loopback: true, ICEServers: servers}, []string{
			`<stun:stun.gialai.example:3478>; rel="ice-server"`,
			`<turn:turn.gialai.example:3478?transport=udp>; rel="ice-server"; username="u1"; credential="p\"w"; credential-type="password"`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessConfig(t, tc.cfg, ConferenceSpec{})
			c := newTestClient(t, h.srv.URL, "B", "s-b")
			offer, err := c.pc.CreateOffer(nil)
			if err != nil {
				t.Fatal(err)
			}
			gathered := webrtc.GatheringCompletePromise(c.pc)
			if err := c.pc.SetLocalDescription(offer); err != nil {
				t.Fatal(err)
			}
			<-gathered
			resp := whipPost(t, h.srv.URL, "B", "s-b", "application/sdp; charset=utf-8", c.pc.LocalDescription().SDP)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/sdp" {
				t.Errorf("Content-Type %q", ct)
			}
			if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/whip/B/") {
				t.Errorf("Location %q", loc)
			}
			if !strings.HasPrefix(string(body), "v=0") || !strings.Contains(string(body), "a=candidate:") {
				t.Error("the answer is not a complete SDP with candidates")
			}
			got := resp.Header.Values("Link")
			if strings.Join(got, "\n") != strings.Join(tc.links, "\n") {
				t.Errorf("Link headers\n got %q\nwant %q", got, tc.links)
			}
		})
	}
}

// TestWHIPOptions checks the CORS preflight of both resources.
func TestWHIPOptions(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	for _, tc := range []struct{ path, allow, acceptPost string }{
		{"/whip/B", "POST, OPTIONS", "application/sdp"},
		{"/whip/B/some-session", "DELETE, OPTIONS", ""},
	} {
		req, _ := http.NewRequest(http.MethodOptions, h.srv.URL+tc.path, nil)
		req.Header.Set("Origin", "https://studio.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		resp, err := noKeepAlive.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		hd := resp.Header
		if resp.StatusCode != http.StatusNoContent || hd.Get("Allow") != tc.allow || hd.Get("Accept-Post") != tc.acceptPost ||
			hd.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(hd.Get("Access-Control-Allow-Headers"), "Authorization") ||
			!strings.Contains(hd.Get("Access-Control-Allow-Methods"), "DELETE") {
			t.Errorf("OPTIONS %s: %d %v", tc.path, resp.StatusCode, hd)
		}
	}
}

// TestWHIPSendOnlyPublisher: an encoder's send-only offer (OBS, GStreamer) publishes into the
// meeting and feeds the other bridge points' slots; it gets no slots itself.
func TestWHIPSendOnlyPublisher(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	rx := h.client("MAIN")

	pc, err := newClientAPI(t).NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	mic, _ := webrtc.NewTrackLocalStaticRTP(codecOpus, "mic", "obs")
	cam, _ := webrtc.NewTrackLocalStaticRTP(codecVP8, "cam", "obs")
	send := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly}
	for _, tr := range []webrtc.TrackLocal{mic, cam} {
		if _, err := pc.AddTransceiverFromTrack(tr, send); err != nil {
			t.Fatal(err)
		}
	}
	offer, _ := pc.CreateOffer(nil)
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		t.Fatal(err)
	}
	<-gathered
	if n := strings.Count(pc.LocalDescription().SDP, "a=sendonly"); n != 2 {
		t.Fatalf("offer has %d sendonly m-lines", n)
	}
	resp := whipPost(t, h.srv.URL, "B", "s-b", "application/sdp", pc.LocalDescription().SDP)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if strings.Contains(string(body), "a=sendonly") || strings.Count(string(body), "a=recvonly") != 2 {
		t.Errorf("answer directions wrong:\n%s", body)
	}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: string(body)}); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, func() bool { return h.participant("B").Connected }, "publisher never connected")
	var micSSRC, camSSRC uint32
	for _, tr := range pc.GetTransceivers() {
		switch tr.Sender().Track() {
		case mic:
			micSSRC = uint32(tr.Sender().GetParameters().Encodings[0].SSRC)
		case cam:
			camSSRC = uint32(tr.Sender().GetParameters().Encodings[0].SSRC)
		}
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			_ = mic.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 111, SequenceNumber: uint16(n),
				Timestamp: uint32(n) * 960}, Payload: []byte{0xfc, 0xff, 0xfe}})
			payload := []byte{0x10, 0x01, 0x00, 0x00, 0xaa}
			if n%25 == 0 {
				payload = []byte{0x10, 0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x00, 0x05, 0xd0, 0x02, 0x00}
			}
			_ = cam.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 96, SequenceNumber: uint16(n),
				Timestamp: uint32(n) * 3600, Marker: true}, Payload: payload})
		}
	}()
	eventually(t, 10*time.Second, func() bool {
		a, _ := rx.counts(micSSRC)
		_, v := rx.counts(camSSRC)
		return a > 20 && v > 20
	}, "the send-only publisher's audio and video did not reach MAIN")
	eventually(t, 5*time.Second, func() bool { return h.participant("B").Quality.Width == 1280 },
		"the publisher's resolution is not known")
	if p := h.participant("B"); p.PacketsOut != 0 {
		t.Errorf("publisher got %d packets: a send-only publisher gets no slots", p.PacketsOut)
	}
}
