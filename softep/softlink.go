package softep

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/webrtc/v4"
)

// disconnectGrace is how long ICE may stay disconnected before the link counts as failed.
const disconnectGrace = 3 * time.Second

// softSession is one link to the MCU, from the WHIP offer until it is left, dropped or fails.
type softSession struct {
	pc          *webrtc.PeerConnection
	control     *webrtc.DataChannel
	audioTrack  *webrtc.TrackLocalStaticRTP
	videoTrack  *webrtc.TrackLocalStaticRTP
	videoMime   string // the camera's codec: webrtc.MimeTypeVP8 or webrtc.MimeTypeH264
	audioSender *webrtc.RTPSender
	videoSender *webrtc.RTPSender
	location    string // WHIP session URL, empty until the answer

	ctx  context.Context // ends with the link; stops the media goroutines
	stop context.CancelFunc

	opened    chan struct{} // closed when the control channel opens
	openOnce  sync.Once
	connected chan struct{} // closed when the peer connection is connected
	connOnce  sync.Once

	done     chan struct{} // closed when the link ends
	endOnce  sync.Once
	reason   atomic.Value // string: why the link ended
	keyframe atomic.Bool  // the MCU asked for a keyframe
	paused   atomic.Bool  // the MCU asked to pause the camera (it is on no slot)

	disconnectMu    sync.Mutex
	disconnectTimer *time.Timer
}

// newSoftSession returns a session with its channels ready.
func newSoftSession() *softSession {
	ctx, stop := context.WithCancel(context.Background())
	return &softSession{
		ctx: ctx, stop: stop,
		opened:    make(chan struct{}),
		connected: make(chan struct{}),
		done:      make(chan struct{}),
	}
}

// end marks the link finished (once), stops its goroutines and closes the peer connection.
func (s *softSession) end(reason string) {
	s.endOnce.Do(func() {
		s.reason.Store(reason)
		s.stop()
		close(s.done)
		go s.pc.Close() // never close from inside a Pion callback
	})
}

// endReason says why the link ended.
func (s *softSession) endReason() string {
	r, _ := s.reason.Load().(string)
	return r
}

// watch ties the session's end to the peer connection and control channel state.
func (e *Endpoint) watch(s *softSession) {
	s.pc.OnConnectionStateChange(func(state webrtc.PeerConnectionState) {
		e.log.Debug("link state", "state", state.String())
		switch state {
		case webrtc.PeerConnectionStateConnected:
			s.cancelDisconnectTimer()
			s.connOnce.Do(func() { close(s.connected) })
		case webrtc.PeerConnectionStateDisconnected:
			s.startDisconnectTimer()
		case webrtc.PeerConnectionStateFailed:
			e.linkEnded(s, "ice failed")
		case webrtc.PeerConnectionStateClosed:
			e.linkEnded(s, "peer connection closed")
		}
	})
	s.control.OnOpen(func() { s.openOnce.Do(func() { close(s.opened) }) })
	s.control.OnClose(func() { e.linkEnded(s, "control channel closed") })
	s.control.OnMessage(func(msg webrtc.DataChannelMessage) { e.handleControl(s, msg.Data) })
	s.pc.OnTrack(func(track *webrtc.TrackRemote, receiver *webrtc.RTPReceiver) {
		go e.readTrack(track)
		go drainReceiverRTCP(receiver)
	})
}

// startDisconnectTimer ends the link if ICE stays disconnected for disconnectGrace.
func (s *softSession) startDisconnectTimer() {
	s.disconnectMu.Lock()
	defer s.disconnectMu.Unlock()
	if s.disconnectTimer == nil {
		s.disconnectTimer = time.AfterFunc(disconnectGrace, func() { s.end("ice disconnected") })
	}
}

// cancelDisconnectTimer forgets a pending disconnect after ICE recovers.
func (s *softSession) cancelDisconnectTimer() {
	s.disconnectMu.Lock()
	defer s.disconnectMu.Unlock()
	if s.disconnectTimer != nil {
		s.disconnectTimer.Stop()
		s.disconnectTimer = nil
	}
}

// linkEnded ends s and, if it is the live link, marks the endpoint away.
func (e *Endpoint) linkEnded(s *softSession, reason string) {
	s.end(reason)
	e.mu.Lock()
	if e.sess == s {
		e.sess = nil
		e.connected.Store(false)
	}
	e.mu.Unlock()
}
