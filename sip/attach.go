package sip

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"

	"diemcau/mcu"
)

// audioSlots is how many audio slots a terminal's mix is made of: the MCU's default (the
// loudest open microphones other than the terminal's own).
const audioSlots = 3

// opusPT is the payload type of the Opus packets exchanged with the MCU (its own numbering).
const opusPT = 111

// MCURooms seats each call in the live conference its bridge point belongs to, as a member
// whose transport is the call (mcu.Conference.Attach).
type MCURooms struct {
	MCU  *mcu.MCU
	Lang string // "vi" (default) or "en": the text of a keypad help request
}

// seat attaches the call to its conference.
func (r MCURooms) seat(c *call) (seat, error) {
	t := &callTransport{c: c}
	micSSRC := rand.Uint32()
	spec := mcu.SessionSpec{Mic: &mcu.InboundSpec{MimeType: "audio/opus", ClockRate: 48000, SSRC: micSSRC}}
	for i := range audioSlots {
		spec.Audio = append(spec.Audio, mcu.OutboundSpec{PayloadType: opusPT, SSRC: rand.Uint32(),
			Writer: slotWriter{d: c.down, slot: i}})
	}
	if v := c.video; v != nil {
		spec.Camera = &mcu.InboundSpec{MimeType: "video/H264", ClockRate: 90000, SSRC: v.camSSRC}
		spec.Picture = &mcu.OutboundSpec{MimeType: "video/H264", PayloadType: v.pt, SSRC: v.m.ssrc,
			Writer: pictureWriter{v: v}}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	sess, err := r.MCU.Attach(ctx, c.bp, t, spec)
	var refusal *mcu.RefusalError
	if errors.Is(err, mcu.ErrNoConference) || errors.Is(err, mcu.ErrClosed) || errors.As(err, &refusal) {
		return nil, errors.Join(ErrNoMeeting, err)
	}
	if err != nil {
		return nil, err
	}
	c.down.mic = micSSRC
	joinMix(sess.Conference(), c.down)
	return &mcuSeat{sess: sess, mic: sess.Mic(), camera: sess.Camera(), ssrc: micSSRC, lang: r.Lang, out: make([]byte, 1500)}, nil
}

// slotWriter takes one audio slot's packets for the conference's mix (confmix.go).
type slotWriter struct {
	d    *downlink
	slot int
}

// WriteRTP implements mcu.RTPWriter; it never blocks the forwarder.
func (w slotWriter) WriteRTP(h *rtp.Header, payload []byte) (int, error) {
	w.d.offer(w.slot, h, payload)
	return len(payload), nil
}

// mcuSeat is a call's member session in an MCU conference.
type mcuSeat struct {
	sess   *mcu.Session
	mic    *mcu.Inbound
	camera *mcu.Inbound // nil without video
	ssrc   uint32
	lang   string
	out    []byte // used only by the call's reader goroutine (audio)
}

func (s *mcuSeat) connected() {
	s.sess.Connected()
	s.sess.ControlReady()
}

func (s *mcuSeat) audio(seq uint16, ts uint32, level uint8, payload []byte) {
	h := rtp.Header{Version: 2, PayloadType: opusPT, SequenceNumber: seq, Timestamp: ts, SSRC: s.ssrc}
	n, err := h.MarshalTo(s.out)
	if err != nil {
		return
	}
	s.mic.SetLevel(level)
	_ = s.mic.WriteRTP(append(s.out[:n], payload...))
}

func (s *mcuSeat) hand(raise bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if raise {
		_ = s.sess.RaiseHand(ctx)
	} else {
		_ = s.sess.LowerHand(ctx)
	}
}

func (s *mcuSeat) help() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.sess.ReportIncident(ctx, text(s.lang, "keypadHelp"))
}

func (s *mcuSeat) leave(reason string) { s.sess.Leave(reason) }

func (s *mcuSeat) video(packet []byte) {
	if s.camera != nil {
		_ = s.camera.WriteRTP(packet)
	}
}

func (s *mcuSeat) pictureLost() { s.sess.RequestPictureKeyframe() }

func (s *mcuSeat) nack(n *rtcp.TransportLayerNack) { s.sess.AnswerNack(n) }

// callTransport is the call as the MCU sees its member's transport.
type callTransport struct {
	c      *call
	closed atomic.Bool
}

// Kind implements mcu.Transport.
func (t *callTransport) Kind() string { return "sip" }

// Send implements mcu.Transport: a terminal has no control channel, so nothing is sent to it. A
// mute (enforced at the forwarder) stops the transcoding of its voice until it is lifted.
func (t *callTransport) Send(msg mcu.ControlMessage) bool {
	if m, ok := msg.(mcu.MuteMessage); ok {
		t.c.up.muted.Store(m.Muted)
		return true
	}
	return false
}

// Flush implements mcu.Transport.
func (t *callTransport) Flush(time.Duration) {}

// RequestKeyframe implements mcu.Transport: PLI and FIR to the terminal's camera.
func (t *callTransport) RequestKeyframe(uint32) {
	if v := t.c.video; v != nil {
		v.requestKeyframe()
	}
}

// Stats implements mcu.Transport: the round-trip time from RTCP, and the loss and jitter of the
// terminal's own RTP (what the MCU is given is re-encoded and renumbered).
func (t *callTransport) Stats(time.Time) mcu.TransportStats {
	c := t.c
	c.statsMu.Lock()
	defer c.statsMu.Unlock()
	return mcu.TransportStats{RTT: c.rtt, Inbound: c.counts.Counts()}
}

// Link implements mcu.Transport: alive while the terminal's RTP or RTCP keeps arriving.
func (t *callTransport) Link(now time.Time) mcu.Link {
	l := mcu.Link{Closed: t.closed.Load(), LastActivity: time.Unix(0, t.c.m.heard.Load())}
	l.Failed = l.Closed
	l.Alive = !l.Closed && now.Sub(l.LastActivity) < mcu.LinkSilentAfter
	return l
}

// Close implements mcu.Transport: the session ended on the MCU's side; the terminal gets a BYE.
func (t *callTransport) Close(reason string) {
	t.closed.Store(true)
	t.c.end(reason, false, true)
}
