package mcu

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/interceptor/pkg/stats"
	"github.com/pion/webrtc/v4"
)

// journalTimeout bounds journal writes made from the media side (joins, leaves, endpoint messages).
const journalTimeout = 5 * time.Second

// session is one WHIP session of a bridge point: its PeerConnection, inbound sources and slots.
type session struct {
	id    string
	conf  *Conference
	m     *member
	pc    *webrtc.PeerConnection
	lay   offerLayout
	log   *slog.Logger
	stats stats.Getter

	audio []*binding // audio slots 1..K
	video []*binding // main, then speaker

	audioIn atomic.Pointer[source]
	videoIn atomic.Pointer[source]
	dc      atomic.Pointer[webrtc.DataChannel]
	link    linkWatch // the transport's liveness, apart from media (liveness.go)

	closed       atomic.Bool
	disconnected atomic.Bool // a technician ended it: however the link then closes, the reason is "disconnected"
	closeOnce    sync.Once
	jmu          sync.Mutex // orders RecordJoin against RecordLeave

	warnedUnknown   atomic.Bool
	warnedMalformed atomic.Bool

	slotsMu   sync.Mutex
	lastSlots slotsMessage
	slotsSent bool

	// guarded by Conference.mu
	journalID int64
	joinedAt  time.Time
	connected bool

	q         qualityState           // used only by the conference's quality tick
	assigned  slotPlan               // used only by the conference's selection tick
	codecSaid map[string]codecNotice // used only by the selection tick: mismatches already reported
}

// newSessionID returns a random UUID (version 4).
func newSessionID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// offerError marks a failure caused by the endpoint's offer (HTTP 400).
type offerError struct{ err error }

func (e *offerError) Error() string { return e.err.Error() }
func (e *offerError) Unwrap() error { return e.err }

// join negotiates a new session for m from offer and makes it m's current session, replacing
// any previous one. On error nothing is left behind.
func (c *Conference) join(ctx context.Context, m *member, lay offerLayout, offer string) (*session, string, error) {
	watch := &pcWatch{}
	pc, err := c.mcu.newPeerConnection(watch)
	if err != nil {
		return nil, "", fmt.Errorf("new peer connection: %w", err)
	}
	s := &session{id: newSessionID(), conf: c, m: m, pc: pc, lay: lay,
		stats: c.mcu.stats.get(pc.ID())}
	watch.sess.Store(s)
	s.log = c.log.With("bp", m.info.ID, "session", s.id)
	s.watchLink()
	answer, err := s.negotiate(ctx, offer)
	if err != nil {
		s.closed.Store(true)
		if cerr := pc.Close(); cerr != nil {
			s.log.Warn("close peer connection after failed join", "err", cerr)
		}
		c.mcu.stats.forget(pc.ID())
		return nil, "", err
	}
	if err := c.attach(s); err != nil {
		s.closed.Store(true)
		_ = pc.Close()
		c.mcu.stats.forget(pc.ID())
		return nil, "", err
	}
	return s, answer, nil
}

// negotiate applies the offer, adds the slot tracks and returns the complete (non-trickle) answer.
func (s *session) negotiate(ctx context.Context, offer string) (string, error) {
	pc := s.pc
	pc.OnTrack(s.onTrack)
	pc.OnDataChannel(s.onDataChannel)
	pc.OnConnectionStateChange(s.onConnectionState)
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}); err != nil {
		return "", &offerError{fmt.Errorf("set remote description: %w", err)}
	}
	for i, line := range s.lay.audioRecv {
		b, err := s.addSlot(fmt.Sprintf("audio%d", i+1), line, codecOpus)
		if err != nil {
			return "", err
		}
		s.audio = append(s.audio, b)
	}
	for i, line := range s.lay.videoRecv {
		slot := slotMain
		if i == 1 {
			slot = slotSpeaker
		}
		codec := codecVP8
		if line.mime == mimeH264 {
			codec = codecH264
		}
		b, err := s.addSlot(slot, line, codec)
		if err != nil {
			return "", err
		}
		s.video = append(s.video, b)
	}
	answer, err := pc.CreateAnswer(nil)
	if err != nil {
		return "", &offerError{fmt.Errorf("create answer: %w", err)}
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(answer); err != nil {
		return "", fmt.Errorf("set local description: %w", err)
	}
	select {
	case <-gathered:
	case <-ctx.Done():
		return "", fmt.Errorf("gather ICE candidates: %w", ctx.Err())
	}
	for _, b := range append(append([]*binding{}, s.audio...), s.video...) {
		go b.readRTCP()
	}
	return pc.LocalDescription().SDP, nil
}

// addSlot adds an outbound track on the transceiver of line.
func (s *session) addSlot(slot string, line mediaLine, codec webrtc.RTPCodecCapability) (*binding, error) {
	track, err := webrtc.NewTrackLocalStaticRTP(codec, slot, "diemcau-"+slot)
	if err != nil {
		return nil, fmt.Errorf("slot %s: new track: %w", slot, err)
	}
	sender, err := s.pc.AddTrack(track)
	if err != nil {
		return nil, fmt.Errorf("slot %s: add track: %w", slot, err)
	}
	for _, tr := range s.pc.GetTransceivers() {
		if tr.Sender() == sender && tr.Mid() != line.mid {
			return nil, &offerError{fmt.Errorf("slot %s landed on mid %s, want %s", slot, tr.Mid(), line.mid)}
		}
	}
	return newBinding(s, slot, line.kind, codec.MimeType, codec.ClockRate, track, sender), nil
}

// onTrack starts forwarding the microphone and camera tracks the layout names.
func (s *session) onTrack(track *webrtc.TrackRemote, receiver *webrtc.RTPReceiver) {
	mid := ""
	for _, tr := range s.pc.GetTransceivers() {
		if tr.Receiver() == receiver {
			mid = tr.Mid()
			break
		}
	}
	switch {
	case track.Kind() == webrtc.RTPCodecTypeAudio && mid == s.lay.micMid:
		var extID uint8
		for _, h := range receiver.GetParameters().HeaderExtensions {
			if h.URI == audioLevelURI {
				extID = uint8(h.ID)
			}
		}
		src := newSource(s, track, extID)
		s.audioIn.Store(src)
		src.run()
	case track.Kind() == webrtc.RTPCodecTypeVideo && mid == s.lay.camMid:
		src := newSource(s, track, 0)
		s.videoIn.Store(src)
		src.requestKeyframe()
		src.run()
	default:
		drain(track)
	}
}

// onConnectionState journals the join once ICE and DTLS are up, and leaves on failure.
func (s *session) onConnectionState(state webrtc.PeerConnectionState) {
	switch state {
	case webrtc.PeerConnectionStateConnected:
		go s.connectedUp()
	case webrtc.PeerConnectionStateFailed:
		go s.close("ice failed")
	case webrtc.PeerConnectionStateClosed:
		go s.close("closed")
	}
}

// connectedUp records the join and announces it.
func (s *session) connectedUp() {
	s.jmu.Lock()
	defer s.jmu.Unlock()
	if s.closed.Load() {
		return
	}
	c := s.conf
	now := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	jid, err := c.mcu.journal.RecordJoin(ctx, c.spec.MeetingID, now, s.m.info.ID)
	cancel()
	if err != nil {
		s.log.Error("journal join", "err", err)
	}
	c.mu.Lock()
	if s.connected {
		c.mu.Unlock()
		return
	}
	s.connected, s.journalID, s.joinedAt = true, jid, now
	s.link.see(now) // connecting is hearing from the link
	s.m.everJoined = true
	c.mu.Unlock()
	s.log.Info("bridge point joined")
	c.emit(EventJoined, s.m.info.ID, "system", 0, "")
}

// close ends the session once: slots emptied, PeerConnection closed, leave journaled.
func (s *session) close(reason string) {
	if s.disconnected.Load() {
		reason = string(RefusedDisconnected)
	}
	s.closeOnce.Do(func() {
		s.jmu.Lock()
		defer s.jmu.Unlock()
		s.closed.Store(true)
		c := s.conf
		c.mu.Lock()
		if s.m.sess == s {
			s.m.sess = nil
			s.m.leftReason = reason
		}
		delete(c.sessions, s.id)
		jid, connected := s.journalID, s.connected
		s.connected = false
		c.mu.Unlock()
		for _, b := range s.audio {
			b.detach()
		}
		for _, b := range s.video {
			b.detach()
		}
		if err := s.pc.Close(); err != nil {
			s.log.Warn("close peer connection", "err", err)
		}
		c.mcu.stats.forget(s.pc.ID())
		if !connected {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
		defer cancel()
		if err := c.mcu.journal.RecordLeave(ctx, jid, time.Now(), reason); err != nil {
			s.log.Error("journal leave", "err", err)
		}
		s.log.Info("bridge point left", "reason", reason)
		c.emit(EventLeft, s.m.info.ID, "system", 0, reason)
	})
}
