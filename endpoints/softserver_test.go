package endpoints

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pion/ice/v4"
	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/rtp/codecs"
	"github.com/pion/webrtc/v4"
)

// testMCU is a small real Pion answerer: it accepts WHIP offers, echoes each peer's audio back
// on the peer's first audio transceiver with CSRC set to the source SSRC, and records what it sees.
type testMCU struct {
	t     *testing.T
	token string
	srv   *httptest.Server

	// floorFor, when set, grants the floor on every speak request and revokes it after this long.
	floorFor time.Duration

	mu      sync.Mutex
	peers   []*testPeer
	deletes []string
	changed chan struct{} // closed and replaced on every recorded change
}

// testPeer is the answerer's side of one WHIP session.
type testPeer struct {
	id       string
	location string
	offer    string
	pc       *webrtc.PeerConnection
	dcOpen   chan struct{}

	mu         sync.Mutex
	dc         *webrtc.DataChannel
	audio      []audioSeen
	audioSSRC  uint32
	videoSSRC  uint32
	videoStart [][]byte // payloads that begin a VP8 frame, in arrival order
	messages   []controlMessage
}

// audioSeen is one received audio packet.
type audioSeen struct {
	seq   uint16
	level uint8
	voice bool
	has   bool
}

func newTestMCU(t *testing.T, token string) *testMCU {
	t.Helper()
	m := &testMCU{t: t, token: token, changed: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /whip/{id}", m.handlePost)
	mux.HandleFunc("DELETE /whip/{id}/{n}", m.handleDelete)
	m.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		m.srv.Close()
		m.mu.Lock()
		defer m.mu.Unlock()
		for _, p := range m.peers {
			_ = p.pc.Close()
		}
	})
	return m
}

// notify wakes everyone waiting for a change.
func (m *testMCU) notify() {
	m.mu.Lock()
	close(m.changed)
	m.changed = make(chan struct{})
	m.mu.Unlock()
}

// waitFor polls cond on every change (and every 50 ms) until it holds or the timeout passes.
func (m *testMCU) waitFor(what string, timeout time.Duration, cond func() bool) {
	m.t.Helper()
	deadline := time.After(timeout)
	for !cond() {
		m.mu.Lock()
		ch := m.changed
		m.mu.Unlock()
		select {
		case <-ch:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			m.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// peer returns the n-th (0-based) session of bridge point id, waiting for it.
func (m *testMCU) peer(id string, n int) *testPeer {
	m.t.Helper()
	var found *testPeer
	m.waitFor(fmt.Sprintf("session %d of %s", n, id), 15*time.Second, func() bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		i := 0
		for _, p := range m.peers {
			if p.id == id {
				if i == n {
					found = p
					return true
				}
				i++
			}
		}
		return false
	})
	<-found.dcOpen
	return found
}

// deleted returns the paths of the DELETE requests seen.
func (m *testMCU) deleted() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.deletes...)
}

func (m *testMCU) handleDelete(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+m.token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	m.mu.Lock()
	m.deletes = append(m.deletes, r.URL.Path)
	for _, p := range m.peers {
		if p.location == r.URL.Path {
			go p.pc.Close()
		}
	}
	m.mu.Unlock()
	m.notify()
	w.WriteHeader(http.StatusOK)
}

func (m *testMCU) handlePost(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+m.token {
		http.Error(w, "sai mã tham gia (bad join secret)", http.StatusUnauthorized)
		return
	}
	if r.Header.Get("Content-Type") != "application/sdp" {
		http.Error(w, "want application/sdp", http.StatusUnsupportedMediaType)
		return
	}
	offer, _ := io.ReadAll(r.Body)
	p, answer, err := m.answer(r.PathValue("id"), string(offer))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	m.mu.Lock()
	p.location = fmt.Sprintf("/whip/%s/%d", p.id, len(m.peers))
	m.peers = append(m.peers, p)
	m.mu.Unlock()
	m.notify()
	w.Header().Set("Location", p.location)
	w.Header().Set("Content-Type", "application/sdp")
	w.WriteHeader(http.StatusCreated)
	_, _ = io.WriteString(w, answer)
}

// answer builds the answering peer connection for one offer.
func (m *testMCU) answer(id, offer string) (*testPeer, string, error) {
	me := &webrtc.MediaEngine{}
	if err := me.RegisterDefaultCodecs(); err != nil {
		return nil, "", err
	}
	if err := me.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: audioLevelURI}, webrtc.RTPCodecTypeAudio); err != nil {
		return nil, "", err
	}
	reg := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(me, reg); err != nil {
		return nil, "", err
	}
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	api := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(reg), webrtc.WithSettingEngine(se))
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		return nil, "", err
	}
	p := &testPeer{id: id, offer: offer, pc: pc, dcOpen: make(chan struct{})}
	echo, err := webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2}, "echo", "mcu")
	if err != nil {
		return nil, "", err
	}
	pc.OnDataChannel(func(dc *webrtc.DataChannel) {
		dc.OnOpen(func() {
			p.mu.Lock()
			p.dc = dc
			p.mu.Unlock()
			close(p.dcOpen)
		})
		dc.OnMessage(func(msg webrtc.DataChannelMessage) {
			var cm controlMessage
			if err := json.Unmarshal(msg.Data, &cm); err != nil {
				m.t.Errorf("control message is not JSON: %q", msg.Data)
				return
			}
			p.mu.Lock()
			p.messages = append(p.messages, cm)
			p.mu.Unlock()
			m.notify()
			if cm.Type == "speak_request" && m.floorFor > 0 {
				go func() {
					time.Sleep(100 * time.Millisecond)
					_ = dc.SendText(`{"type":"floor","granted":true}`)
					time.Sleep(m.floorFor)
					_ = dc.SendText(`{"type":"floor","granted":false}`)
				}()
			}
		})
	})
	pc.OnTrack(func(track *webrtc.TrackRemote, recv *webrtc.RTPReceiver) {
		if track.Kind() == webrtc.RTPCodecTypeAudio {
			go m.readAudio(p, track, recv, echo)
		} else {
			go m.readVideo(p, track)
		}
	})
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}); err != nil {
		return nil, "", err
	}
	if strings.Contains(offer, "a=recvonly") {
		sender, err := pc.AddTrack(echo)
		if err != nil {
			return nil, "", err
		}
		go func() {
			for {
				if _, _, err := sender.ReadRTCP(); err != nil {
					return
				}
			}
		}()
	}
	ans, err := pc.CreateAnswer(nil)
	if err != nil {
		return nil, "", err
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(ans); err != nil {
		return nil, "", err
	}
	<-gathered
	return p, pc.LocalDescription().SDP, nil
}

func (m *testMCU) readAudio(p *testPeer, track *webrtc.TrackRemote, recv *webrtc.RTPReceiver, echo *webrtc.TrackLocalStaticRTP) {
	var extID uint8
	for _, ext := range recv.GetParameters().HeaderExtensions {
		if ext.URI == audioLevelURI {
			extID = uint8(ext.ID)
		}
	}
	p.mu.Lock()
	p.audioSSRC = uint32(track.SSRC())
	p.mu.Unlock()
	for {
		pkt, _, err := track.ReadRTP()
		if err != nil {
			return
		}
		seen := audioSeen{seq: pkt.SequenceNumber}
		if b := pkt.GetExtension(extID); extID != 0 && b != nil {
			var lvl rtp.AudioLevelExtension
			if lvl.Unmarshal(b) == nil {
				seen.level, seen.voice, seen.has = lvl.Level, lvl.Voice, true
			}
		}
		p.mu.Lock()
		p.audio = append(p.audio, seen)
		p.mu.Unlock()
		pkt.CSRC = []uint32{uint32(track.SSRC())}
		pkt.Extension, pkt.Extensions = false, nil
		_ = echo.WriteRTP(pkt)
	}
}

func (m *testMCU) readVideo(p *testPeer, track *webrtc.TrackRemote) {
	p.mu.Lock()
	p.videoSSRC = uint32(track.SSRC())
	p.mu.Unlock()
	for {
		pkt, _, err := track.ReadRTP()
		if err != nil {
			return
		}
		var vp8 codecs.VP8Packet
		if _, err := vp8.Unmarshal(pkt.Payload); err != nil || vp8.S != 1 || vp8.PID != 0 {
			continue
		}
		p.mu.Lock()
		p.videoStart = append(p.videoStart, append([]byte(nil), vp8.Payload...))
		p.mu.Unlock()
	}
}

// send sends one control message to the endpoint.
func (p *testPeer) send(t *testing.T, msg string) {
	t.Helper()
	p.mu.Lock()
	dc := p.dc
	p.mu.Unlock()
	if err := dc.SendText(msg); err != nil {
		t.Fatalf("send control message: %v", err)
	}
}

// pli asks the endpoint for a keyframe.
func (p *testPeer) pli(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	ssrc := p.videoSSRC
	p.mu.Unlock()
	if err := p.pc.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{MediaSSRC: ssrc}}); err != nil {
		t.Fatalf("send PLI: %v", err)
	}
}

// audioCount returns how many audio packets arrived.
func (p *testPeer) audioCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.audio)
}

// snapshot returns copies of what the peer recorded.
func (p *testPeer) snapshot() (audio []audioSeen, frames [][]byte, msgs []controlMessage) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]audioSeen(nil), p.audio...), append([][]byte(nil), p.videoStart...),
		append([]controlMessage(nil), p.messages...)
}
