package mcu

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// testClient is a real Pion endpoint that speaks the MCU's offer layout: mic+slot1, two audio
// slots, camera+main, speaker.
type testClient struct {
	t        testing.TB
	quiet    bool // sends no media and reads slots without allocating (benchmarks)
	id       string
	secret   string
	base     string
	pc       *webrtc.PeerConnection
	mic, cam *webrtc.TrackLocalStaticRTP
	micSSRC  uint32
	camSSRC  uint32
	levelID  uint8
	dc       *webrtc.DataChannel
	location string

	level atomic.Int32 // RFC 6464 level sent (0 loud … 127 silent)
	drop  atomic.Int32 // when > 0, every drop-th audio and video packet is numbered but never sent

	camPaused atomic.Bool  // the MCU asked to pause the camera: no video is sent
	deaf      atomic.Bool  // ignores the MCU's pause (a terminal that does not know the message)
	silent    atomic.Bool  // sends no media at all (a muted site with its camera paused); RTCP and STUN go on
	camSent   atomic.Int64 // camera packets sent
	plis      atomic.Int64 // PLIs the MCU sent about the camera
	msgs      chan map[string]any

	mu        sync.Mutex
	audioFrom map[uint32]int            // CSRC → audio packets received
	videoFrom map[uint32]int            // CSRC → video packets received
	audioLast map[uint32]time.Time      // CSRC → arrival of the last audio packet
	videoSeqs map[uint32]map[uint16]int // slot SSRC → sequence number → times received
	videoLast map[uint32]uint16         // slot SSRC → last sequence number received
	audioSeq  map[uint32]uint16         // audio slot SSRC → last sequence number received
	audioGaps int                       // sequence jumps seen on audio slots
	stop      chan struct{}
	stopOnce  sync.Once
}

func newClientAPI(t testing.TB) *webrtc.API {
	t.Helper()
	return newClientAPIWith(t, func(*webrtc.SettingEngine) {})
}

// newClientAPIWith is newClientAPI with the setting engine adjusted by tune (e.g. its network).
func newClientAPIWith(t testing.TB, tune func(*webrtc.SettingEngine)) *webrtc.API {
	t.Helper()
	me := &webrtc.MediaEngine{}
	if err := me.RegisterDefaultCodecs(); err != nil {
		t.Fatal(err)
	}
	if err := me.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: audioLevelURI}, webrtc.RTPCodecTypeAudio); err != nil {
		t.Fatal(err)
	}
	ir := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(me, ir); err != nil {
		t.Fatal(err)
	}
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	se.SetInterfaceFilter(func(name string) bool { return strings.HasPrefix(name, "lo") })
	// Loopback loses nothing, so a test NACKs packets it did receive; SRTP replay protection
	// would drop their retransmissions as replays.
	se.DisableSRTPReplayProtection(true)
	tune(&se)
	return webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se))
}

// newTestClient builds the PeerConnection and its offer layout; join sends it.
func newTestClient(t testing.TB, base, id, secret string) *testClient {
	t.Helper()
	return newTestClientWith(t, newClientAPI(t), base, id, secret)
}

// newQuietClient is a receiver for benchmarks: no interceptors, no media sent, slots read into
// one buffer, so that it adds no allocation of its own to the process.
func newQuietClient(t testing.TB, base, id, secret string) *testClient {
	t.Helper()
	me := &webrtc.MediaEngine{}
	if err := me.RegisterDefaultCodecs(); err != nil {
		t.Fatal(err)
	}
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	se.SetInterfaceFilter(func(name string) bool { return strings.HasPrefix(name, "lo") })
	api := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(&interceptor.Registry{}),
		webrtc.WithSettingEngine(se))
	c := newTestClientWith(t, api, base, id, secret)
	c.quiet = true
	return c
}

func newTestClientWith(t testing.TB, api *webrtc.API, base, id, secret string) *testClient {
	t.Helper()
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	c := &testClient{t: t, id: id, secret: secret, base: base, pc: pc, msgs: make(chan map[string]any, 256),
		audioFrom: map[uint32]int{}, videoFrom: map[uint32]int{}, audioLast: map[uint32]time.Time{},
		videoSeqs: map[uint32]map[uint16]int{}, videoLast: map[uint32]uint16{}, audioSeq: map[uint32]uint16{},
		stop: make(chan struct{})}
	c.level.Store(40)
	c.mic, _ = webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2}, "mic", id)
	c.cam, _ = webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}, "cam", id)
	send := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendrecv}
	recv := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(pc.AddTransceiverFromTrack(c.mic, send))
	must(pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio, recv))
	must(pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio, recv))
	camTx, err := pc.AddTransceiverFromTrack(c.cam, send)
	must(camTx, err)
	go c.readCameraRTCP(camTx.Sender())
	must(pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo, recv))
	c.dc, err = pc.CreateDataChannel(controlLabel, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.dc.OnMessage(func(msg webrtc.DataChannelMessage) {
		var v map[string]any
		if json.Unmarshal(msg.Data, &v) == nil {
			if send, ok := v["send"].(bool); ok && v["type"] == "video" && !c.deaf.Load() {
				c.camPaused.Store(!send) // as the join page and the soft endpoint do
			}
			select {
			case c.msgs <- v:
			default:
			}
		}
	})
	pc.OnTrack(c.readTrack)
	t.Cleanup(c.close)
	return c
}

// join POSTs the offer and applies the answer; it returns the HTTP status.
func (c *testClient) join(ctx context.Context) int {
	c.t.Helper()
	offer, err := c.pc.CreateOffer(nil)
	if err != nil {
		c.t.Fatal(err)
	}
	gathered := webrtc.GatheringCompletePromise(c.pc)
	if err := c.pc.SetLocalDescription(offer); err != nil {
		c.t.Fatal(err)
	}
	<-gathered
	resp := whipPost(c.t, c.base, c.id, c.secret, "application/sdp", c.pc.LocalDescription().SDP)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return resp.StatusCode
	}
	c.location = resp.Header.Get("Location")
	if err := c.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: string(body)}); err != nil {
		c.t.Fatal(err)
	}
	for _, tr := range c.pc.GetTransceivers() {
		s := tr.Sender()
		if s == nil || s.Track() == nil {
			continue
		}
		p := s.GetParameters()
		switch s.Track().ID() {
		case "mic":
			c.micSSRC = uint32(p.Encodings[0].SSRC)
			for _, h := range p.HeaderExtensions {
				if h.URI == audioLevelURI {
					c.levelID = uint8(h.ID)
				}
			}
		case "cam":
			c.camSSRC = uint32(p.Encodings[0].SSRC)
		}
	}
	if !c.quiet {
		go c.sendMedia()
	}
	return resp.StatusCode
}

// sendMedia sends fake Opus packets with audio levels every 20 ms and VP8 packets with a
// 1280×720 keyframe header every 500 ms.
func (c *testClient) sendMedia() {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	var aseq, vseq uint16
	var ats, vts uint32
	for n := 0; ; n++ {
		select {
		case <-c.stop:
			return
		case <-tick.C:
		}
		if c.silent.Load() {
			continue
		}
		pkt := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 111, SequenceNumber: aseq, Timestamp: ats},
			Payload: []byte{0xfc, 0xff, 0xfe, byte(n)}}
		if c.levelID != 0 {
			ext, _ := rtp.AudioLevelExtension{Level: uint8(c.level.Load()), Voice: true}.Marshal()
			_ = pkt.SetExtension(c.levelID, ext)
		}
		d := uint16(c.drop.Load())
		if d == 0 || aseq%d != d-1 {
			_ = c.mic.WriteRTP(pkt)
		}
		aseq++
		ats += 960
		if n%2 == 0 {
			payload := []byte{0x10, 0x01, 0x00, 0x00, 0xaa, 0xbb}
			if n%25 == 0 {
				payload = []byte{0x10, 0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x00, 0x05, 0xd0, 0x02, 0x00}
			}
			vts += 3600
			if c.camPaused.Load() {
				continue
			}
			if d == 0 || vseq%d != d-1 {
				_ = c.cam.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 96, SequenceNumber: vseq,
					Timestamp: vts, Marker: true}, Payload: payload})
				c.camSent.Add(1)
			}
			vseq++
		}
	}
}

// readCameraRTCP counts the MCU's keyframe requests about the camera.
func (c *testClient) readCameraRTCP(sender *webrtc.RTPSender) { countPLIs(sender, &c.plis) }

// countPLIs adds to n each PLI the MCU sends about the track of sender, until it closes.
func countPLIs(sender *webrtc.RTPSender, n *atomic.Int64) {
	for {
		packets, _, err := sender.ReadRTCP()
		if err != nil {
			return
		}
		for _, p := range packets {
			if _, ok := p.(*rtcp.PictureLossIndication); ok {
				n.Add(1)
			}
		}
	}
}

// readTrack counts received packets by their CSRC; the receiver's RTCP is read too, so that
// the report interceptor sees the MCU's sender reports and answers with LSR/DLSR (RTT).
func (c *testClient) readTrack(track *webrtc.TrackRemote, receiver *webrtc.RTPReceiver) {
	if c.quiet {
		buf := make([]byte, 1500)
		for {
			if _, _, err := track.Read(buf); err != nil {
				return
			}
		}
	}
	go func() {
		for {
			if _, _, err := receiver.ReadRTCP(); err != nil {
				return
			}
		}
	}()
	audio := track.Kind() == webrtc.RTPCodecTypeAudio
	for {
		pkt, _, err := track.ReadRTP()
		if err != nil {
			return
		}
		if len(pkt.CSRC) == 0 {
			continue
		}
		now := time.Now()
		c.mu.Lock()
		if audio {
			c.audioFrom[pkt.CSRC[0]]++
			c.audioLast[pkt.CSRC[0]] = now
			if last, ok := c.audioSeq[pkt.SSRC]; ok && pkt.SequenceNumber != last+1 {
				c.audioGaps++
			}
			c.audioSeq[pkt.SSRC] = pkt.SequenceNumber
		} else {
			c.videoFrom[pkt.CSRC[0]]++
			seqs := c.videoSeqs[pkt.SSRC]
			if seqs == nil {
				seqs = map[uint16]int{}
				c.videoSeqs[pkt.SSRC] = seqs
			}
			seqs[pkt.SequenceNumber]++
			c.videoLast[pkt.SSRC] = pkt.SequenceNumber
		}
		c.mu.Unlock()
	}
}

func (c *testClient) counts(ssrc uint32) (audio, video int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.audioFrom[ssrc], c.videoFrom[ssrc]
}

// videoSlot returns the SSRC of a video slot that has received packets and its last sequence number.
func (c *testClient) videoSlot() (ssrc uint32, last uint16, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for ssrc, last := range c.videoLast {
		return ssrc, last, true
	}
	return 0, 0, false
}

// timesReceived says how often the video slot ssrc delivered sequence number seq.
func (c *testClient) timesReceived(ssrc uint32, seq uint16) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.videoSeqs[ssrc][seq]
}

// gaps returns how many sequence jumps the audio slots showed.
func (c *testClient) gaps() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.audioGaps
}

func (c *testClient) lastAudio(ssrc uint32) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.audioLast[ssrc]
}

// sendControl sends one JSON message on the control channel.
func (c *testClient) sendControl(v any) {
	c.t.Helper()
	b, _ := json.Marshal(v)
	if err := c.dc.SendText(string(b)); err != nil {
		c.t.Fatal(err)
	}
}

// waitMsg waits for a control message of the given type that satisfies ok.
func (c *testClient) waitMsg(typ string, ok func(map[string]any) bool) map[string]any {
	c.t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case m := <-c.msgs:
			if m["type"] == typ && (ok == nil || ok(m)) {
				return m
			}
		case <-deadline:
			c.t.Fatalf("%s: no %q control message", c.id, typ)
			return nil
		}
	}
}

func (c *testClient) waitOpen() {
	c.t.Helper()
	eventually(c.t, 5*time.Second, func() bool { return c.dc.ReadyState() == webrtc.DataChannelStateOpen },
		"%s: control channel never opened", c.id)
}

func (c *testClient) close() {
	c.stopOnce.Do(func() {
		close(c.stop)
		_ = c.pc.Close()
	})
}

func whipPost(t testing.TB, base, id, secret, ctype, body string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/whip/"+id, strings.NewReader(body))
	if secret != "" {
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	req.Header.Set("Content-Type", ctype)
	resp, err := noKeepAlive.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

var noKeepAlive = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 20 * time.Second}

// eventually polls cond until it holds or the timeout passes.
func eventually(t testing.TB, timeout time.Duration, cond func() bool, format string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf(format, args...)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
