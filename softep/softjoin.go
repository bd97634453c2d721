package softep

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pion/webrtc/v4"
)

// joinTimeout bounds a join attempt whose context has no deadline.
const joinTimeout = 20 * time.Second

// errNotConnected is returned by control messages sent while the link is down.
var errNotConnected = errors.New("bridge point not connected")

// Join makes one join attempt: WHIP offer, answer, and a wait until ICE+DTLS are connected and
// the control channel is open. The media start flowing when it returns nil.
func (e *Endpoint) Join(ctx context.Context) error {
	if e.cfg.Clips == nil {
		return errors.New("join: no media clips")
	}
	if e.session() != nil {
		return errors.New("join: already joined")
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, joinTimeout)
		defer cancel()
	}
	e.floor.Store(false) // the MCU says so again on the new link if it still holds
	s, err := e.connect(ctx)
	if err != nil {
		return fmt.Errorf("join %s: %w", e.cfg.ID, err)
	}
	e.mu.Lock()
	e.sess = s
	e.mu.Unlock()
	e.connected.Store(true)
	select {
	case <-s.done: // failed in the instant after connecting
		e.linkEnded(s, s.endReason())
		return fmt.Errorf("join %s: link ended: %s", e.cfg.ID, s.endReason())
	default:
	}
	e.startMedia(s)
	e.log.Info("joined", "location", s.location)
	return nil
}

// connect negotiates a new link; on failure nothing is left open.
func (e *Endpoint) connect(ctx context.Context) (*softSession, error) {
	api, err := e.newPeerAPI()
	if err != nil {
		return nil, err
	}
	var pcCfg webrtc.Configuration
	if e.cfg.CountOnly {
		// Counting reads the CSRC from the clear header, which RFC 9335 (Cryptex) would encrypt;
		// browsers do not offer Cryptex either.
		pcCfg.RTPHeaderEncryptionPolicy = webrtc.RTPHeaderEncryptionPolicyDisable
	}
	pc, err := api.NewPeerConnection(pcCfg)
	if err != nil {
		return nil, fmt.Errorf("new peer connection: %w", err)
	}
	s := newSoftSession()
	s.pc = pc
	ok := false
	defer func() {
		if !ok {
			s.end("join failed")
			if s.location != "" {
				dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
				defer cancel()
				_ = e.whipDelete(dctx, s.location)
			}
		}
	}()
	if err := e.prepareOffer(s); err != nil {
		return nil, err
	}
	offer, err := localOffer(ctx, pc)
	if err != nil {
		return nil, err
	}
	answer, location, err := e.whipOffer(ctx, offer)
	if err != nil {
		return nil, err
	}
	s.location = location
	if err := e.chooseCamera(s, answer); err != nil {
		return nil, err
	}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: answer}); err != nil {
		return nil, fmt.Errorf("set answer: %w", err)
	}
	if err := waitLinkUp(ctx, s); err != nil {
		return nil, err
	}
	ok = true
	return s, nil
}

// prepareOffer creates the control channel, the local tracks and the transceivers.
func (e *Endpoint) prepareOffer(s *softSession) error {
	ordered := true
	dc, err := s.pc.CreateDataChannel("control", &webrtc.DataChannelInit{Ordered: &ordered})
	if err != nil {
		return fmt.Errorf("create control channel: %w", err)
	}
	s.control = dc
	stream := "diemcau-" + e.cfg.ID
	if s.audioTrack, err = webrtc.NewTrackLocalStaticRTP(opusCapability, "audio", stream); err != nil {
		return fmt.Errorf("audio track: %w", err)
	}
	camera, mime := vp8Capability, webrtc.MimeTypeVP8
	if e.cfg.VideoCodec == VideoCodecH264 {
		camera, mime = h264Capability, webrtc.MimeTypeH264
	}
	if s.videoTrack, err = webrtc.NewTrackLocalStaticRTP(camera, "video", stream); err != nil {
		return fmt.Errorf("video track: %w", err)
	}
	s.videoMime = mime
	if err := e.addTransceivers(s.pc, s); err != nil {
		return err
	}
	e.watch(s)
	return nil
}

// localOffer creates the offer and waits for ICE gathering to complete (no trickle).
func localOffer(ctx context.Context, pc *webrtc.PeerConnection) (string, error) {
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		return "", fmt.Errorf("create offer: %w", err)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		return "", fmt.Errorf("set offer: %w", err)
	}
	select {
	case <-gathered:
	case <-ctx.Done():
		return "", fmt.Errorf("gather candidates: %w", ctx.Err())
	}
	return pc.LocalDescription().SDP, nil
}

// waitLinkUp waits until the peer connection is connected and the control channel is open.
func waitLinkUp(ctx context.Context, s *softSession) error {
	for _, ch := range []chan struct{}{s.connected, s.opened} {
		select {
		case <-ch:
		case <-s.done:
			return fmt.Errorf("link ended while connecting: %s", s.endReason())
		case <-ctx.Done():
			return fmt.Errorf("wait for link: %w", ctx.Err())
		}
	}
	return nil
}

// Leave ends the WHIP session (DELETE) and closes the link. It does nothing when not joined.
func (e *Endpoint) Leave(ctx context.Context) error {
	e.mu.Lock()
	s := e.sess
	e.sess = nil
	e.connected.Store(false)
	e.mu.Unlock()
	if s == nil {
		return nil
	}
	err := e.whipDelete(ctx, s.location)
	s.end("left")
	if err != nil {
		return fmt.Errorf("leave %s: %w", e.cfg.ID, err)
	}
	e.log.Info("left")
	return nil
}
