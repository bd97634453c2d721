package mcu

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pion/rtp"
)

// attachRTP attaches bridge point id to h's conference over a new rtpTransport whose terminal
// starts sending, and says its link is up.
func attachRTP(t *testing.T, h *harness, id string) (*Session, *rtpTransport, *rtpTerminal) {
	t.Helper()
	return attachRTPAs(t, h, id, func(tr *rtpTransport) Transport { return tr })
}

// attachRTPAs is attachRTP with the transport the MCU is given made by wrap.
func attachRTPAs(t *testing.T, h *harness, id string, wrap func(*rtpTransport) Transport) (*Session, *rtpTransport, *rtpTerminal) {
	t.Helper()
	term := newRTPTerminal(t)
	tr := newRTPTransport(t, term.addr())
	sess, err := h.conf.Attach(context.Background(), id, wrap(tr), tr.spec(3))
	if err != nil {
		t.Fatalf("attach %s: %v", id, err)
	}
	tr.sess.Store(sess)
	go tr.run()
	term.call(tr)
	sess.Connected()
	sess.ControlReady()
	return sess, tr, term
}

// waitControl waits for a control message the transport was given that satisfies ok.
func (tr *rtpTransport) waitControl(t *testing.T, ok func(ControlMessage) bool) ControlMessage {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case m := <-tr.msgs:
			if ok(m) {
				return m
			}
		case <-deadline:
			t.Fatal("no such control message reached the transport")
			return nil
		}
	}
}

// TestAttachedTransportIsAMember: a bridge point of a second kind of transport (plain RTP over
// UDP, rtpTransport, attached through the exported API) is a member like a WHIP one among real
// WebRTC endpoints: its audio is heard and hard-muted at the forwarder, its picture reaches a
// WebRTC receiver's speaker slot and the recording, it receives one picture (the main site's
// while it is the speaker itself) and the others' audio, keyframe requests go both ways, the
// control messages reach its transport, the snapshot shows it with its statistics and liveness,
// and it leaves with its reason.
func TestAttachedTransportIsAMember(t *testing.T) {
	h := newHarnessConfig(t, Config{Loopback: true, RecordingsDir: t.TempDir()}, ConferenceSpec{Members: []Member{
		{ID: "MAIN", Name: "Tỉnh ủy", Main: true}, {ID: "B", Name: "Xã B"}, {ID: "SIP", Name: "Xã SIP"}}})
	ctx := context.Background()
	main := newH264Client(t, h, "MAIN", true) // an H.264 camera; receives H.264 slots
	b := h.client("B")                        // Opus microphone (level 40), VP8 camera
	sess, tr, term := attachRTP(t, h, "SIP")  // loudest (level 10): the speaker
	h.waitEvent(EventJoined, "SIP")
	tr.waitControl(t, func(m ControlMessage) bool { mm, ok := m.(MuteMessage); return ok && !mm.Muted })

	eventually(t, 10*time.Second, func() bool { n, _ := b.counts(rtpMicSSRC); return n > 10 },
		"B never heard SIP's audio")
	eventually(t, 10*time.Second, func() bool { return main.videoFrom(rtpCamSSRC) > 10 },
		"SIP's picture never reached MAIN's speaker slot")
	if term.plisFor(rtpCamSSRC) == 0 {
		t.Error("the terminal got no keyframe request for its camera, which a slot took")
	}
	mainCam := main.camSSRC()
	eventually(t, 10*time.Second, func() bool { return term.seen(rtpPictureSSRC, mainCam) > 10 },
		"SIP's one picture never showed the main site while SIP itself speaks")
	eventually(t, 10*time.Second, func() bool { return term.heard(b.micSSRC) > 10 },
		"SIP never heard B")
	if n := term.heard(rtpMicSSRC); n != 0 {
		t.Errorf("SIP heard its own audio (%d packets)", n)
	}
	before := main.plis.Load()
	eventually(t, 5*time.Second, func() bool { term.askKeyframe(); return main.plis.Load() > before },
		"the terminal's PLI never reached the camera on its picture")

	eventually(t, 10*time.Second, func() bool {
		p := h.participant("SIP")
		return p.Connected && p.Quality.BitrateKbps > 0 && p.Quality.RTTMs > 0 && p.Quality.Width > 0
	}, "SIP's statistics never came: %+v", h.participant("SIP"))
	p := h.participant("SIP")
	switch {
	case p.Transport != "rtp", !p.HasMic, !p.HasCamera:
		t.Errorf("transport %q mic %v camera %v", p.Transport, p.HasMic, p.HasCamera)
	case !strings.EqualFold(p.AudioCodec, mimeOpus), !strings.EqualFold(p.VideoCodec, mimeH264):
		t.Errorf("codecs %q %q", p.AudioCodec, p.VideoCodec)
	case p.Quality.Width != 1280 || p.Quality.Height != 720:
		t.Errorf("resolution %d×%d, want 1280×720 from the SPS", p.Quality.Width, p.Quality.Height)
	case p.Quality.RTTMs < 20:
		t.Errorf("RTT %.1f ms, the terminal holds each report 20 ms", p.Quality.RTTMs)
	case !p.Link.Alive || p.AudioIn == 0 || p.VideoIn == 0 || p.PacketsOut == 0 || p.Quality.Grade == "":
		t.Errorf("snapshot %+v", p)
	case !p.Speaking || p.AudioLevel < 90:
		t.Errorf("speaking %v at level %d", p.Speaking, p.AudioLevel)
	}
	if snap := h.conf.Snapshot(); snap.Speaker != "SIP" {
		t.Errorf("speaker %q, want SIP", snap.Speaker)
	}

	// The recording takes its picture (the speaker slot) and its voice.
	if _, err := h.conf.StartRecording(ctx, "tech.an"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, func() bool {
		st, _ := h.conf.Recording()
		return slices.ContainsFunc(st.Files, func(f string) bool { return strings.HasSuffix(f, "-speaker.h264") })
	}, "no H.264 file of the speaker slot")
	st, err := h.conf.StopRecording(ctx, "tech.an")
	if err != nil || st.Packets == 0 {
		t.Fatalf("recording: %+v, %v", st, err)
	}

	// Hard mute: not one more packet of it is forwarded, and its transport is told.
	if err := h.conf.Mute(ctx, "tech.an", "SIP", HardMute); err != nil {
		t.Fatal(err)
	}
	frozen := h.conf.ForwardedAudio("SIP")
	tr.waitControl(t, func(m ControlMessage) bool { mm, ok := m.(MuteMessage); return ok && mm.Mode == HardMute })
	time.Sleep(300 * time.Millisecond) // what was on the wire at the mute arrives
	heard, _ := b.counts(rtpMicSSRC)
	time.Sleep(500 * time.Millisecond)
	if got := h.conf.ForwardedAudio("SIP"); got != frozen {
		t.Errorf("SIP's forwarded audio grew after the mute: %d → %d", frozen, got)
	}
	if now, _ := b.counts(rtpMicSSRC); now != heard {
		t.Errorf("B heard SIP %d more times after the mute", now-heard)
	}
	if err := h.conf.Unmute(ctx, "tech.an", "SIP"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, func() bool { return h.conf.ForwardedAudio("SIP") > frozen+10 },
		"SIP's audio not forwarded after the unmute")

	// It hangs up.
	sess.Leave("left")
	if reason := <-tr.closedBy; reason != "left" {
		t.Errorf("transport closed for %q, want left", reason)
	}
	if ev := h.waitEvent(EventLeft, "SIP"); ev.Detail != "left" {
		t.Errorf("left event %q", ev.Detail)
	}
	if p := h.participant("SIP"); p.Connected || p.LeftReason != "left" || p.Transport != "" {
		t.Errorf("after leaving: %+v", p)
	}
	if !sess.Closed() || !errors.Is(sess.Mic().WriteRTP([]byte{0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), ErrClosed) {
		t.Error("the session still takes packets after leaving")
	}
}

// TestAttachedTransportAtTheDoor: an attached session passes the same door as a WHIP join — a
// bridge point not expected is refused and knocks, a technician admits it, a second session
// replaces the first (a link said up twice is one join); the roll call, the attendance and a
// raised hand go through the session; a technician's disconnect reaches the transport and bars
// it again, and the conference's end tells it the meeting ended.
func TestAttachedTransportAtTheDoor(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	ctx := context.Background()
	tr := newRTPTransport(t, newRTPTerminal(t).addr())
	var refusal *RefusalError
	if _, err := h.mcu.Attach(ctx, "OUT", tr, tr.spec(3)); !errors.As(err, &refusal) || refusal.Reason != RefusedNotExpected {
		t.Fatalf("attach of a bridge point not expected: %v", err)
	}
	if k := h.conf.Knocks(); len(k) != 1 || k[0].BridgePoint != "OUT" {
		t.Fatalf("knocks %+v", k)
	}
	if err := h.conf.Admit(ctx, "tech.an", "OUT"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.conf.Attach(ctx, "OUT", tr, SessionSpec{Mic: &InboundSpec{MimeType: "audio/PCMU"}}); err == nil {
		t.Fatal("a microphone in PCMU was attached")
	}
	first, tr1, _ := attachRTP(t, h, "OUT")
	h.waitEvent(EventJoined, "OUT")
	first.Connected() // said twice: one join
	h.journal.mu.Lock()
	joins := slices.Clone(h.journal.joins)
	h.journal.mu.Unlock()
	if n := len(slices.DeleteFunc(joins, func(bp string) bool { return bp != "OUT" })); n != 1 {
		t.Errorf("%d joins journaled for one session", n)
	}
	second, tr2, _ := attachRTP(t, h, "OUT")
	if reason := <-tr1.closedBy; reason != "replaced" || !first.Closed() {
		t.Errorf("first session closed for %q (closed %v), want replaced", reason, first.Closed())
	}
	h.waitEvent(EventJoined, "OUT")

	// What a keypad or the call can say goes the way of the control channel's messages.
	if _, err := h.conf.RollCall(ctx, "tech.an"); err != nil {
		t.Fatal(err)
	}
	tr2.waitControl(t, func(m ControlMessage) bool { _, ok := m.(RollCallMessage); return ok })
	if err := second.ReportAttendance(ctx, 12); err != nil {
		t.Fatal(err)
	}
	if ev := h.waitEvent(EventAttendance, "OUT"); ev.Detail != "12" || ev.Actor != "endpoint" {
		t.Errorf("attendance event %+v", ev)
	}
	if err := second.RaiseHand(ctx); err != nil {
		t.Fatal(err)
	}
	h.waitEvent(EventSpeakRequest, "OUT")
	if err := second.LowerHand(ctx); err != nil {
		t.Fatal(err)
	}
	h.waitEvent(EventSpeakCancel, "OUT")
	if err := h.conf.Disconnect(ctx, "tech.an", "OUT", "thử nghiệm"); err != nil {
		t.Fatal(err)
	}
	tr2.waitControl(t, func(m ControlMessage) bool {
		d, ok := m.(DisconnectedMessage)
		return ok && d.Reason == "thử nghiệm"
	})
	if reason := <-tr2.closedBy; reason != string(RefusedDisconnected) {
		t.Errorf("second session closed for %q, want disconnected", reason)
	}
	tr3 := newRTPTransport(t, newRTPTerminal(t).addr())
	if _, err := h.mcu.Attach(ctx, "OUT", tr3, tr3.spec(3)); !errors.As(err, &refusal) || refusal.Reason != RefusedDisconnected {
		t.Fatalf("attach after a disconnect: %v", err)
	}

	// Admitted again, it is told the meeting ended when the conference closes.
	if err := h.conf.Admit(ctx, "tech.an", "OUT"); err != nil {
		t.Fatal(err)
	}
	_, tr4, _ := attachRTP(t, h, "OUT")
	h.waitEvent(EventJoined, "OUT")
	if err := h.conf.Close(ctx, "tech.an"); err != nil {
		t.Fatal(err)
	}
	tr4.waitControl(t, func(m ControlMessage) bool { _, ok := m.(MeetingEndedMessage); return ok })
	if reason := <-tr4.closedBy; reason != "closed" {
		t.Errorf("session closed for %q at the conference's end, want closed", reason)
	}
	if _, err := h.mcu.Attach(ctx, "OUT", tr3, tr3.spec(3)); !errors.Is(err, ErrNoConference) {
		t.Errorf("attach with no conference live: %v", err)
	}
}

// TestAttachedLevelFromTheTransport: a microphone whose packets carry no RFC 6464 level (audio a
// transport transcoded) is heard at the level the transport computed, and bytes that are no RTP
// packet are refused.
func TestAttachedLevelFromTheTransport(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	tr := newRTPTransport(t, newRTPTerminal(t).addr())
	sess, err := h.conf.Attach(context.Background(), "C", tr, SessionSpec{
		Mic: &InboundSpec{MimeType: "audio/opus", ClockRate: 48000, SSRC: rtpMicSSRC}})
	if err != nil {
		t.Fatal(err)
	}
	sess.Connected()
	mic := sess.Mic()
	if err := mic.WriteRTP([]byte{0x80, 0x6f}); !errors.Is(err, ErrNotRTP) {
		t.Errorf("a 2-byte packet: %v", err)
	}
	for i := range 50 {
		pkt := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 111, SequenceNumber: uint16(i),
			Timestamp: uint32(960 * i), SSRC: rtpMicSSRC}, Payload: []byte{0xfc, 0xff, 0xfe}}
		b, err := pkt.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		mic.SetLevel(10)
		if err := mic.WriteRTP(b); err != nil {
			t.Fatal(err)
		}
	}
	p := h.participant("C")
	if !p.Connected || p.AudioLevel < 90 || !p.Speaking || p.AudioIn != 50 || p.HasCamera {
		t.Errorf("participant %+v", p)
	}
}
