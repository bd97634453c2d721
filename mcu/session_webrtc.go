package mcu

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/pion/interceptor/pkg/stats"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"
)

// webrtcTransport is the Transport of a WHIP session: its PeerConnection, the control data
// channel and the link's liveness. The slots' local tracks are the PeerConnection's; the
// microphone and camera tracks feed the session's sources.
type webrtcTransport struct {
	s       *session
	pc      *webrtc.PeerConnection
	lay     offerLayout
	stats   stats.Getter
	senders []*webrtc.RTPSender // of the slots, for the RTT of their receiver reports
	dc      atomic.Pointer[webrtc.DataChannel]
	link    linkWatch // the transport's liveness, apart from media (liveness.go)
}

// offerError marks a failure caused by the endpoint's offer (HTTP 400).
type offerError struct{ err error }

func (e *offerError) Error() string { return e.err.Error() }
func (e *offerError) Unwrap() error { return e.err }

// join negotiates a new WHIP session for m from offer and makes it m's current session,
// replacing any previous one. On error nothing is left behind.
func (c *Conference) join(ctx context.Context, m *member, lay offerLayout, offer string) (*session, string, error) {
	watch := &pcWatch{}
	pc, err := c.mcu.newPeerConnection(watch)
	if err != nil {
		return nil, "", fmt.Errorf("new peer connection: %w", err)
	}
	t := &webrtcTransport{pc: pc, lay: lay, stats: c.mcu.stats.get(pc.ID())}
	s := c.newSession(m, t)
	s.hasMic, s.hasCamera = lay.micMid != "", lay.camMid != ""
	t.s = s
	watch.sess.Store(s)
	t.watchLink()
	answer, err := t.negotiate(ctx, offer)
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
func (t *webrtcTransport) negotiate(ctx context.Context, offer string) (string, error) {
	pc, s := t.pc, t.s
	pc.OnTrack(t.onTrack)
	pc.OnDataChannel(t.onDataChannel)
	pc.OnConnectionStateChange(t.onConnectionState)
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}); err != nil {
		return "", &offerError{fmt.Errorf("set remote description: %w", err)}
	}
	if t.lay.camMime == mimeH264 {
		if err := t.preferCameraCodec(codecH264); err != nil {
			return "", err
		}
	}
	for i, line := range t.lay.audioRecv {
		b, err := t.addSlot(fmt.Sprintf("audio%d", i+1), line, codecOpus)
		if err != nil {
			return "", err
		}
		s.audio = append(s.audio, b)
	}
	for i, line := range t.lay.videoRecv {
		slot := slotMain
		if i == 1 {
			slot = slotSpeaker
		}
		codec := codecVP8
		if line.mime == mimeH264 {
			codec = codecH264
		}
		b, err := t.addSlot(slot, line, codec)
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
	for i, b := range append(append([]*binding{}, s.audio...), s.video...) {
		go readSlotRTCP(b, t.senders[i])
	}
	return pc.LocalDescription().SDP, nil
}

// addSlot adds an outbound track on the transceiver of line.
func (t *webrtcTransport) addSlot(slot string, line mediaLine, codec webrtc.RTPCodecCapability) (*binding, error) {
	track, err := webrtc.NewTrackLocalStaticRTP(codec, slot, "diemcau-"+slot)
	if err != nil {
		return nil, fmt.Errorf("slot %s: new track: %w", slot, err)
	}
	sender, err := t.pc.AddTrack(track)
	if err != nil {
		return nil, fmt.Errorf("slot %s: add track: %w", slot, err)
	}
	for _, tr := range t.pc.GetTransceivers() {
		if tr.Sender() == sender && tr.Mid() != line.mid {
			return nil, &offerError{fmt.Errorf("slot %s landed on mid %s, want %s", slot, tr.Mid(), line.mid)}
		}
	}
	t.senders = append(t.senders, sender)
	return newBinding(t.s, slot, line.kind, codec.MimeType, codec.ClockRate, track), nil
}

// onTrack starts forwarding the microphone and camera tracks the layout names.
func (t *webrtcTransport) onTrack(track *webrtc.TrackRemote, receiver *webrtc.RTPReceiver) {
	mid := ""
	for _, tr := range t.pc.GetTransceivers() {
		if tr.Receiver() == receiver {
			mid = tr.Mid()
			break
		}
	}
	s, codec := t.s, track.Codec()
	switch {
	case track.Kind() == webrtc.RTPCodecTypeAudio && mid == t.lay.micMid:
		var extID uint8
		for _, h := range receiver.GetParameters().HeaderExtensions {
			if h.URI == audioLevelURI {
				extID = uint8(h.ID)
			}
		}
		src := newSource(s, track.Kind(), codec.MimeType, uint32(track.SSRC()), codec.ClockRate, extID)
		s.audioIn.Store(src)
		readTrack(src, track)
	case track.Kind() == webrtc.RTPCodecTypeVideo && mid == t.lay.camMid:
		src := newSource(s, track.Kind(), codec.MimeType, uint32(track.SSRC()), codec.ClockRate, 0)
		s.videoIn.Store(src)
		src.requestKeyframe()
		readTrack(src, track)
	default:
		drain(track)
	}
}

// readTrack reads the track until it ends and hands every packet to src.
func readTrack(src *source, track *webrtc.TrackRemote) {
	buf := make([]byte, 1500)
	for {
		n, _, err := track.Read(buf)
		if err != nil {
			return
		}
		src.receive(buf[:n])
	}
}

// drain reads and discards a track the layout gives no role.
func drain(track *webrtc.TrackRemote) {
	buf := make([]byte, 1500)
	for {
		if _, _, err := track.Read(buf); err != nil {
			return
		}
	}
}

// onConnectionState journals the join once ICE and DTLS are up, and leaves on failure.
func (t *webrtcTransport) onConnectionState(state webrtc.PeerConnectionState) {
	switch state {
	case webrtc.PeerConnectionStateConnected:
		go func() {
			t.link.see(time.Now()) // connecting is hearing from the link
			t.s.connectedUp()
		}()
	case webrtc.PeerConnectionStateFailed:
		go t.s.close("ice failed")
	case webrtc.PeerConnectionStateClosed:
		go t.s.close("closed")
	}
}

// readSlotRTCP serves the receiver's feedback on slot b: PLI/FIR go to the slot's source, NACKs
// are answered from the source's packet cache.
func readSlotRTCP(b *binding, sender *webrtc.RTPSender) {
	buf := make([]byte, 1500)
	for {
		n, _, err := sender.Read(buf)
		if err != nil {
			return
		}
		pkts, err := rtcp.Unmarshal(buf[:n])
		if err != nil {
			continue
		}
		for _, p := range pkts {
			switch p := p.(type) {
			case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
				b.requestKeyframe()
			case *rtcp.TransportLayerNack:
				b.answerNack(p)
			}
		}
	}
}

// Kind implements Transport.
func (t *webrtcTransport) Kind() string { return "webrtc" }

// RequestKeyframe implements Transport: a PLI for the camera's SSRC.
func (t *webrtcTransport) RequestKeyframe(ssrc uint32) {
	_ = t.pc.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{MediaSSRC: ssrc}})
}

// Stats implements Transport: it samples the link and reads the RTT of the receiver reports.
func (t *webrtcTransport) Stats(now time.Time) TransportStats {
	t.sampleLink(now)
	return TransportStats{RTT: t.rtt()}
}

// rtt is the largest round-trip time the receiver reports on our outbound slots (0 when unknown).
func (t *webrtcTransport) rtt() time.Duration {
	if t.stats == nil {
		return 0
	}
	var rtt time.Duration
	for _, sender := range t.senders {
		for _, enc := range sender.GetParameters().Encodings {
			st := t.stats.Get(uint32(enc.SSRC))
			if st != nil && st.RemoteInboundRTPStreamStats.RoundTripTime > rtt {
				rtt = st.RemoteInboundRTPStreamStats.RoundTripTime
			}
		}
	}
	return rtt
}

// Close implements Transport: the PeerConnection closes and its statistics are forgotten.
func (t *webrtcTransport) Close(string) {
	if err := t.pc.Close(); err != nil {
		t.s.log.Warn("close peer connection", "err", err)
	}
	t.s.conf.mcu.stats.forget(t.pc.ID())
}
