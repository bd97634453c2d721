package sip

import (
	"math"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtp"

	"diemcau/audio/g722"
	"diemcau/sip/baresiptest"
)

// heardStreams collects, per SSRC, the G.722 frames the calls of a mixRig send to its sink.
type heardStreams struct {
	mu     sync.Mutex
	frames map[uint32][][]byte
}

func listen(t *testing.T, sink *net.UDPConn) *heardStreams {
	h := &heardStreams{frames: map[uint32][][]byte{}}
	go func() {
		buf := make([]byte, 1500)
		for {
			n, err := sink.Read(buf)
			if err != nil {
				return
			}
			var p rtp.Packet
			if p.Unmarshal(buf[:n]) != nil {
				continue
			}
			h.mu.Lock()
			h.frames[p.SSRC] = append(h.frames[p.SSRC], append([]byte(nil), p.Payload...))
			h.mu.Unlock()
		}
	}()
	return h
}

// wait returns the frames d was sent once there are n of them.
func (h *heardStreams) wait(t *testing.T, d *downlink, n int) [][]byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		h.mu.Lock()
		got := h.frames[d.m.ssrc]
		h.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("terminal %d: %d frames, want %d", d.mic, len(got), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// tones decodes a terminal's G.722 frames and returns the power of its last frames at each
// frequency, relative to full scale (dB).
func tones(frames [][]byte, last int, freqs ...float64) []float64 {
	dec := g722.NewDecoder()
	var pcm []int16
	for _, f := range frames {
		out := make([]int16, 2*len(f))
		pcm = append(pcm, out[:dec.Decode(out, f)]...)
	}
	pcm = pcm[len(pcm)-last*320:]
	db := make([]float64, len(freqs))
	for i, f := range freqs {
		db[i] = baresiptest.ToneDB(pcm, 16000, f)
	}
	return db
}

// Two G.722 terminals in one conference, each speaking its own tone (a whole number of cycles
// per 20 ms: the same packet is sent over and over), each hear the other and
// not themselves from the shared mix; the terminals who do not speak are sent the same frame
// (one encode), and a third microphone (a browser) is heard by all.
func TestConferenceMixEachHearsTheOther(t *testing.T) {
	r := newMixRig(t, "G722", 4)
	heard := listen(t, r.sink)
	a, b, c, d := r.calls[0], r.calls[1], r.calls[2], r.calls[3]
	toneA, toneB, toneW := opusTone(t, 600), opusTone(t, 1000), opusTone(t, 2500)
	const browser = 4242
	const ticks = 40
	for seq := range uint16(ticks) {
		r.forward(a.mic, seq, toneA, 0, a) // a's voice on everyone's first slot but its own
		r.forward(b.mic, seq, toneB, 1, b)
		r.forward(browser, seq, toneW, 2, nil)
		r.tick()
	}
	const last = 10
	for _, tc := range []struct {
		name     string
		d        *downlink
		hearA    bool
		hearB    bool
		hearSelf bool
	}{{"a", a, false, true, false}, {"b", b, true, false, false}, {"c", c, true, true, false}} {
		p := tones(heard.wait(t, tc.d, ticks), last, 600, 1000, 2500)
		loud := func(db float64) bool { return db > -40 }
		if loud(p[0]) != tc.hearA || loud(p[1]) != tc.hearB || !loud(p[2]) {
			t.Errorf("terminal %s hears 600 Hz (a) %.0f dB, 1000 Hz (b) %.0f dB, 2500 Hz (browser) %.0f dB; want a %v, b %v, browser true",
				tc.name, p[0], p[1], p[2], tc.hearA, tc.hearB)
		}
	}
	fc, fd := heard.wait(t, c, ticks), heard.wait(t, d, ticks)
	for i := len(fc) - last; i < len(fc); i++ {
		if string(fc[i]) != string(fd[i]) {
			t.Fatalf("frame %d: the two listeners got different mixes (not one shared encode)", i)
		}
	}
}

// A muted terminal (the forwarder stops its voice; its uplink encodes nothing) is heard by no
// one once what was queued has played, and still hears the others.
func TestConferenceMixMutedTerminal(t *testing.T) {
	r := newMixRig(t, "G722", 3)
	heard := listen(t, r.sink)
	a, b, c := r.calls[0], r.calls[1], r.calls[2]
	toneA, toneB := opusTone(t, 600), opusTone(t, 1000)
	const ticks = 60
	for seq := range uint16(ticks) {
		if seq < 20 { // then a is hard-muted: the MCU forwards none of its voice
			r.forward(a.mic, seq, toneA, 0, a)
		}
		r.forward(b.mic, seq, toneB, 1, b)
		r.tick()
	}
	if p := tones(heard.wait(t, c, ticks), 10, 600, 1000); p[0] > -40 || p[1] < -40 {
		t.Errorf("a listener hears the muted terminal at %.0f dB and the speaker at %.0f dB", p[0], p[1])
	}
	if p := tones(heard.wait(t, a, ticks), 10, 600, 1000); p[0] > -40 || p[1] < -40 {
		t.Errorf("the muted terminal hears itself at %.0f dB and the speaker at %.0f dB", p[0], p[1])
	}

	spec, _ := lookupCodec("G722", 9)
	enc, _ := newVoice(spec)
	dec, _ := newVoice(spec)
	sent := 0
	u, err := newUplink(spec, dec, func(uint16, uint32, uint8, []byte) { sent++ })
	if err != nil {
		t.Fatal(err)
	}
	u.muted.Store(true)
	for range 50 {
		g, _ := enc.encode(toneFrame(16000, 440))
		u.packet(g)
	}
	if sent != 0 {
		t.Fatalf("a muted terminal's voice was encoded and sent %d times", sent)
	}
}

// A terminal's voice is encoded to Opus only while it can be heard in the meeting: speech is
// sent, and a room's noise floor (−55 dBov, under the MCU's speaking threshold of −49 but above
// the −60 the gate once had) stops being sent after the hangover, then soft speech (−40 dBov) is
// sent again; the RTP timestamp runs on over the pause.
func TestUplinkSendsOnlyWhileHeard(t *testing.T) {
	spec, _ := lookupCodec("G722", 9)
	enc, _ := newVoice(spec)
	dec, _ := newVoice(spec)
	type sentFrame struct {
		ts    uint32
		level uint8
		size  int
	}
	var sent []sentFrame
	u, err := newUplink(spec, dec, func(_ uint16, ts uint32, level uint8, p []byte) {
		sent = append(sent, sentFrame{ts, level, len(p)})
	})
	if err != nil {
		t.Fatal(err)
	}
	tone := toneFrame(16000, 440) // -15 dBov
	frame := func(dB float64) {   // the tone at dB dBov
		pcm := slices.Clone(tone)
		amp := math.Pow(10, (dB+float64(dBov(tone)))/20)
		for i := range pcm {
			pcm[i] = int16(float64(pcm[i]) * amp)
		}
		g, _ := enc.encode(pcm)
		u.packet(g)
	}
	voiced := func() (n int) { // frames sent with a voice's level, keep-alives apart
		for _, f := range sent {
			if f.level != silentLevel {
				n++
			}
		}
		return n
	}
	for range 10 {
		frame(-15)
	}
	if len(sent) != 10 {
		t.Fatalf("%d of 10 speech frames sent", len(sent))
	}
	for range 100 {
		frame(-55)
	}
	n := voiced()
	if n < 10+hangover || n > 10+hangover+3 {
		t.Fatalf("%d frames sent after 2 s of a room's noise floor, want the %d of speech and about %d of hangover", n, 10, hangover)
	}
	// While not heard, the stream stays alive: a small silent frame at least every 400 ms, so
	// the outage tracker sees the open microphone's RTP (no "no audio" draft for a quiet room).
	quietFrames := 110 - n
	keepAlives := len(sent) - n
	if keepAlives < quietFrames/keepAliveEvery || keepAlives > quietFrames/keepAliveEvery+1 {
		t.Fatalf("%d keep-alives over %d quiet frames, want one every %d", keepAlives, quietFrames, keepAliveEvery)
	}
	for _, f := range sent[n:] {
		if f.level != silentLevel || f.size > 40 {
			t.Fatalf("keep-alive %+v: want a small frame at the silence level", f)
		}
	}
	last := sent[len(sent)-1].ts
	frame(-40)
	if len(sent) != n+keepAlives+1 {
		t.Fatal("soft speech after the pause was not sent")
	}
	if got := sent[len(sent)-1]; got.level < 37 || got.level > 43 {
		t.Fatalf("soft speech sent at level -%d dBov, want about -40", got.level)
	}
	if got := sent[len(sent)-1].ts - last; got%960 != 0 || got == 0 {
		t.Fatalf("timestamp advanced %d since the last keep-alive, want whole frames of 960", got)
	}
}

// A burst of a source's packets (its sender or the forwarder late for a moment) delays it in the
// mix only for a while: once its queue has held audio to spare for a whole window, the spare is
// dropped and the source plays again about one frame behind its packets, still without a gap.
func TestMixDelayComesBackAfterABurst(t *testing.T) {
	r := newMixRig(t, "G722", 2)
	r.tick() // seats the calls
	tone := opusTone(t, 440)
	const src = 5000
	seq := uint16(0)
	send := func() {
		r.forward(src, seq, tone, 0, nil)
		seq++
	}
	for range 8 {
		send()
	}
	r.tick()
	s := r.st.sources[src]
	if s == nil || len(s.queue) < 6*slotFrame {
		t.Fatalf("after a burst of 8 packets: %v, want a source with 7 frames queued", s)
	}
	for range 3 * trimEvery {
		send()
		r.tick()
		if !s.playing {
			t.Fatal("the source stopped playing: its queue ran dry")
		}
	}
	if len(s.queue) > slotFrame {
		t.Fatalf("%d samples still queued 3 s after the burst, want at most one frame (%d)", len(s.queue), slotFrame)
	}
}
