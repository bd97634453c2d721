// Package whiptest is a small real WHIP answerer (Pion, over loopback) for the tooling's tests:
// the soft endpoint's and the demo script's. It records what each session sends.
package whiptest

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

// audioLevelURI is the RTP header extension of RFC 6464 audio levels.
const audioLevelURI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"

// MCU is a small real Pion answerer: it accepts WHIP offers, echoes each peer's audio back
// on the peer's first audio transceiver with CSRC set to the source SSRC, and records what it sees.
type MCU struct {
	t     *testing.T
	token string
	srv   *httptest.Server

	// FloorFor, when set, grants the floor on every speak request and revokes it after this long.
	FloorFor time.Duration

	mu      sync.Mutex
	peers   []*Peer
	deletes []string
	changed chan struct{} // closed and replaced on every recorded change
}

// Peer is the answerer's side of one WHIP session.
type Peer struct {
	ID       string // the bridge point
	Location string // the session's WHIP resource
	Offer    string // the endpoint's SDP offer
	PC       *webrtc.PeerConnection
	dcOpen   chan struct{}

	mu         sync.Mutex
	dc         *webrtc.DataChannel
	audio      []Audio
	audioSSRC  uint32
	videoSSRC  uint32
	videoStart [][]byte // payloads that begin a VP8 frame, in arrival order
	messages   []Message
}

// Message is what the answerer reads of one control message from the endpoint.
type Message struct {
	Type string `json:"type"`
	Text string `json:"text,omitempty"` // incident
}

// Audio is one received audio packet: its sequence number and RFC 6464 level, if it had one.
type Audio struct {
	Seq   uint16
	Level uint8
	Voice bool
	Has   bool
}

// New starts an answerer accepting the bearer token; the test's cleanup stops it.
func New(t *testing.T, token string) *MCU {
	t.Helper()
	m := &MCU{t: t, token: token, changed: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /whip/{id}", m.handlePost)
	mux.HandleFunc("DELETE /whip/{id}/{n}", m.handleDelete)
	m.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		m.srv.Close()
		m.mu.Lock()
		defer m.mu.Unlock()
		for _, p := range m.peers {
			_ = p.PC.Close()
		}
	})
	return m
}

// URL is the answerer's base URL (WHIP at URL/whip/{id}).
func (m *MCU) URL() string { return m.srv.URL }

// Peers returns every session seen so far, in order.
func (m *MCU) Peers() []*Peer {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]*Peer(nil), m.peers...)
}

// notify wakes everyone waiting for a change.
func (m *MCU) notify() {
	m.mu.Lock()
	close(m.changed)
	m.changed = make(chan struct{})
	m.mu.Unlock()
}

// WaitFor polls cond on every change (and every 50 ms) until it holds or the timeout passes.
func (m *MCU) WaitFor(what string, timeout time.Duration, cond func() bool) {
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

// Peer returns the n-th (0-based) session of bridge point id, waiting for it.
func (m *MCU) Peer(id string, n int) *Peer {
	m.t.Helper()
	var found *Peer
	m.WaitFor(fmt.Sprintf("session %d of %s", n, id), 15*time.Second, func() bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		i := 0
		for _, p := range m.peers {
			if p.ID == id {
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

// Deleted returns the paths of the DELETE requests seen.
func (m *MCU) Deleted() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.deletes...)
}

func (m *MCU) handleDelete(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+m.token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	m.mu.Lock()
	m.deletes = append(m.deletes, r.URL.Path)
	for _, p := range m.peers {
		if p.Location == r.URL.Path {
			go p.PC.Close()
		}
	}
	m.mu.Unlock()
	m.notify()
	w.WriteHeader(http.StatusOK)
}

func (m *MCU) handlePost(w http.ResponseWriter, r *http.Request) {
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
	p.Location = fmt.Sprintf("/whip/%s/%d", p.ID, len(m.peers))
	m.peers = append(m.peers, p)
	m.mu.Unlock()
	m.notify()
	w.Header().Set("Location", p.Location)
	w.Header().Set("Content-Type", "application/sdp")
	w.WriteHeader(http.StatusCreated)
	_, _ = io.WriteString(w, answer)
}

// answer builds the answering peer connection for one offer.
func (m *MCU) answer(id, offer string) (*Peer, string, error) {
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
	p := &Peer{ID: id, Offer: offer, PC: pc, dcOpen: make(chan struct{})}
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
			var cm Message
			if err := json.Unmarshal(msg.Data, &cm); err != nil {
				m.t.Errorf("control message is not JSON: %q", msg.Data)
				return
			}
			p.mu.Lock()
			p.messages = append(p.messages, cm)
			p.mu.Unlock()
			m.notify()
			if cm.Type == "speak_request" && m.FloorFor > 0 {
				go func() {
					time.Sleep(100 * time.Millisecond)
					_ = dc.SendText(`{"type":"floor","granted":true}`)
					time.Sleep(m.FloorFor)
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

func (m *MCU) readAudio(p *Peer, track *webrtc.TrackRemote, recv *webrtc.RTPReceiver, echo *webrtc.TrackLocalStaticRTP) {
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
		seen := Audio{Seq: pkt.SequenceNumber}
		if b := pkt.GetExtension(extID); extID != 0 && b != nil {
			var lvl rtp.AudioLevelExtension
			if lvl.Unmarshal(b) == nil {
				seen.Level, seen.Voice, seen.Has = lvl.Level, lvl.Voice, true
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

func (m *MCU) readVideo(p *Peer, track *webrtc.TrackRemote) {
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

// Send sends one control message to the endpoint.
func (p *Peer) Send(t *testing.T, msg string) {
	t.Helper()
	p.mu.Lock()
	dc := p.dc
	p.mu.Unlock()
	if err := dc.SendText(msg); err != nil {
		t.Fatalf("send control message: %v", err)
	}
}

// PLI asks the endpoint for a keyframe.
func (p *Peer) PLI(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	ssrc := p.videoSSRC
	p.mu.Unlock()
	if err := p.PC.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{MediaSSRC: ssrc}}); err != nil {
		t.Fatalf("send PLI: %v", err)
	}
}

// SSRCs returns the SSRCs of the endpoint's audio and video, 0 before they arrive.
func (p *Peer) SSRCs() (audio, video uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.audioSSRC, p.videoSSRC
}

// AudioCount returns how many audio packets arrived.
func (p *Peer) AudioCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.audio)
}

// Snapshot returns copies of what the peer recorded: audio packets, the payloads that begin a
// VP8 frame, and the control messages.
func (p *Peer) Snapshot() (audio []Audio, frames [][]byte, msgs []Message) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Audio(nil), p.audio...), append([][]byte(nil), p.videoStart...),
		append([]Message(nil), p.messages...)
}
