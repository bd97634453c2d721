package live

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtp"

	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
)

// codecRig is a live meeting of four sites on a real MCU: UBND (main, receives), XA-1 and
// XA-2 (WebRTC soft endpoints that send), XA-SIP (a SIP room system by the registry when sip).
type codecRig struct {
	st    *store.Store
	mc    *mcu.MCU
	m     *Manager
	conf  *mcu.Conference
	url   string
	clips *softep.Clips
}

func newCodecRig(t *testing.T, sip bool) *codecRig {
	t.Helper()
	ctx := context.Background()
	st, mc, log := liveRigWith(t, deskCreds{})
	// liveRig's registry has UBND (main), XA-1 and XA-2; XA-SIP is the room system.
	if err := st.ImportRegistry(ctx, []store.Unit{{ID: "XA-SIP", Name: "Xã SIP", Kind: "commune"}},
		[]store.BridgePoint{{ID: "XA-SIP", Name: "UBND xã SIP", UnitID: "XA-SIP", Role: "sub", DeviceIP: "10.60.3.9"}}); err != nil {
		t.Fatal(err)
	}
	if sip {
		if err := st.SetSIPAddressTrust(ctx, "XA-SIP", true); err != nil {
			t.Fatal(err)
		}
	}
	bps, err := st.BridgePoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mc.Handler())
	t.Cleanup(srv.Close)
	r := &codecRig{st: st, mc: mc, m: New(Config{Store: st, MCU: mc, Log: log}), url: srv.URL}
	t.Cleanup(r.m.Stop)
	if r.conf, err = r.m.Open(ctx, Spec{Meeting: store.Meeting{Title: "Họp có điểm cầu SIP", HostUnit: "UBND", MainBP: "UBND"},
		Members: bps, Actor: "console:setup"}); err != nil {
		t.Fatal(err)
	}
	if r.clips, err = softep.LoadTestdataClips(); err != nil {
		t.Fatal(err)
	}
	return r
}

// site joins a soft endpoint that lets the MCU's answer choose its camera codec.
func (r *codecRig) site(t *testing.T, id string, onVideo func(string, *rtp.Packet)) *softep.Endpoint {
	t.Helper()
	e := softep.New(softep.Config{URL: r.url, ID: id, Token: deskSecret, Clips: r.clips, Receive: true,
		OnVideo: onVideo, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := e.Join(ctx); err != nil {
		t.Fatalf("join %s: %v", id, err)
	}
	t.Cleanup(func() { _ = e.Leave(context.Background()) })
	return e
}

// videoCodec is the codec the MCU sees bp's camera send, "" before it sends.
func (r *codecRig) videoCodec(bp string) string {
	for _, p := range r.conf.Snapshot().Participants {
		if p.ID == bp {
			return p.VideoCodec
		}
	}
	return ""
}

func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// slotPacket is what the receiver saw of one packet of its speaker slot.
type slotPacket struct {
	seq      uint16
	ts       uint32
	csrc     uint32
	keyframe bool
}

// speakerLog records the speaker slot's packets as the receiving endpoint gets them.
type speakerLog struct {
	mu   sync.Mutex
	pkts []slotPacket
}

func (l *speakerLog) add(slot string, p *rtp.Packet) {
	if slot != "speaker" || len(p.CSRC) == 0 {
		return
	}
	l.mu.Lock()
	l.pkts = append(l.pkts, slotPacket{seq: p.SequenceNumber, ts: p.Timestamp, csrc: p.CSRC[0], keyframe: mcu.H264Keyframe(p.Payload)})
	l.mu.Unlock()
}

func (l *speakerLog) from(csrc uint32) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, p := range l.pkts {
		if p.csrc == csrc {
			n++
		}
	}
	return n
}

func (l *speakerLog) snapshot() []slotPacket {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]slotPacket(nil), l.pkts...)
}

// A meeting that expects a SIP room system prefers H.264: the WebRTC soft endpoints, which offer
// VP8 and H.264, are answered with H.264 and send the H.264 clip; a receiver's speaker slot is
// one continuous H.264 stream across a switch of speaker (sequence numbers without a gap,
// timestamps forward), and each source's part of it starts at a keyframe (SPS/IDR).
func TestSIPMeetingSendsH264AcrossSpeakerSwitch(t *testing.T) {
	r := newCodecRig(t, true)
	if !r.conf.PrefersH264() {
		t.Fatal("a meeting expecting a SIP room system does not prefer H.264")
	}
	var log speakerLog
	r.site(t, "UBND", log.add)
	xa1 := r.site(t, "XA-1", nil)
	xa2 := r.site(t, "XA-2", nil)
	for _, bp := range []string{"XA-1", "XA-2", "UBND"} {
		waitFor(t, bp+" sending H.264", 15*time.Second, func() bool { return r.videoCodec(bp) == webrtcH264 })
	}
	waitFor(t, "XA-1's resolution read from its SPS", 15*time.Second, func() bool {
		for _, p := range r.conf.Snapshot().Participants {
			if p.ID == "XA-1" {
				return p.Quality.Width == 1280 && p.Quality.Height == 720
			}
		}
		return false
	})
	_, cam1 := xa1.SSRCs()
	_, cam2 := xa2.SSRCs()
	ctx := context.Background()
	if err := r.conf.GrantFloor(ctx, "console:test", "XA-1"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "XA-1 on UBND's speaker slot", 15*time.Second, func() bool { return log.from(cam1) >= 60 })
	if err := r.conf.GrantFloor(ctx, "console:test", "XA-2"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "XA-2 on UBND's speaker slot", 15*time.Second, func() bool { return log.from(cam2) >= 60 })

	pkts := log.snapshot()
	highest := pkts[0].seq
	lastTS := pkts[0].ts
	switches := 0
	for i, p := range pkts {
		if i == 0 || p.csrc != pkts[i-1].csrc {
			if !p.keyframe {
				t.Errorf("packet %d: source %d starts on the speaker slot without a keyframe", i, p.csrc)
			}
			if i > 0 {
				switches++
			}
		}
		if i == 0 {
			continue
		}
		switch d := int16(p.seq - highest); {
		case d == 1:
			highest = p.seq
			if int32(p.ts-lastTS) < 0 {
				t.Errorf("packet %d: timestamp %d goes back from %d", i, p.ts, lastTS)
			}
			lastTS = p.ts
		case d > 1:
			t.Errorf("packet %d: sequence number %d skips %d after %d", i, p.seq, d-1, highest)
			highest = p.seq
		}
	}
	if switches == 0 {
		t.Error("the speaker slot never switched source")
	}
}

// webrtcH264 is the MIME type the MCU reports for an H.264 camera.
const webrtcH264 = "video/H264"

// A meeting without SIP sites does not prefer H.264: the same endpoints send VP8, as before.
func TestMeetingWithoutSIPKeepsVP8(t *testing.T) {
	r := newCodecRig(t, false)
	if r.conf.PrefersH264() {
		t.Fatal("a meeting without SIP sites prefers H.264")
	}
	r.site(t, "XA-1", nil)
	waitFor(t, "XA-1 sending", 15*time.Second, func() bool { return r.videoCodec("XA-1") != "" })
	if got := r.videoCodec("XA-1"); got != "video/VP8" {
		t.Errorf("XA-1 sends %s, want video/VP8", got)
	}
}

// quietRoom is the Transport of a SIP room system that has attached and sends nothing: the rule
// looks only at the session's kind (the sip package tests real calls with baresip).
type quietRoom struct{}

func (quietRoom) Kind() string                       { return sipTransport }
func (quietRoom) Send(mcu.ControlMessage) bool       { return false }
func (quietRoom) Flush(time.Duration)                {}
func (quietRoom) RequestKeyframe(uint32)             {}
func (quietRoom) Stats(time.Time) mcu.TransportStats { return mcu.TransportStats{} }
func (quietRoom) Link(now time.Time) mcu.Link        { return mcu.Link{LastActivity: now, Alive: true} }
func (quietRoom) Close(string)                       {}

// When a SIP call attaches to a meeting that did not expect one, WebRTC sites joining after it
// send H.264; a site already in keeps the VP8 it negotiated.
func TestSIPCallMakesLaterJoinsH264(t *testing.T) {
	r := newCodecRig(t, false)
	r.site(t, "XA-1", nil)
	waitFor(t, "XA-1 sending", 15*time.Second, func() bool { return r.videoCodec("XA-1") != "" })
	x, err := r.conf.Attach(context.Background(), "XA-SIP", quietRoom{}, mcu.SessionSpec{})
	if err != nil {
		t.Fatal(err)
	}
	x.Connected()
	waitFor(t, "the conference to prefer H.264", 10*time.Second, r.conf.PrefersH264)
	r.site(t, "XA-2", nil)
	waitFor(t, "XA-2 sending", 15*time.Second, func() bool { return r.videoCodec("XA-2") != "" })
	if got := r.videoCodec("XA-2"); got != webrtcH264 {
		t.Errorf("XA-2, joining after the SIP call, sends %s; want %s", got, webrtcH264)
	}
	if got := r.videoCodec("XA-1"); got != "video/VP8" {
		t.Errorf("XA-1, in before the SIP call, sends %s; want video/VP8", got)
	}
}
