package softep

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"diemcau/softep/whiptest"
)

const testToken = "bi-mat-tham-gia-42"

// lockedBuffer is a log sink safe for concurrent writers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newTestEndpoint returns an endpoint for the test MCU, logging at debug into logs.
func newTestEndpoint(t *testing.T, m *whiptest.MCU, id string, mod func(*Config)) (*Endpoint, *lockedBuffer) {
	t.Helper()
	logs := &lockedBuffer{}
	cfg := Config{
		URL: m.URL(), ID: id, Token: testToken, Clips: testClips(t), Receive: true,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if mod != nil {
		mod(&cfg)
	}
	e := New(cfg)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = e.Leave(ctx)
		if strings.Contains(logs.String(), testToken) {
			t.Errorf("the join secret appears in the endpoint's log")
		}
	})
	return e, logs
}

func joinCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// eventually polls cond every 20 ms for up to d.
func eventually(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSoftEndpointSendsClipsAndLeaves(t *testing.T) {
	m := whiptest.New(t, testToken)
	e, _ := newTestEndpoint(t, m, "XA-IAGRAI", nil)
	e.SetTalking(true)
	if err := e.Join(joinCtx(t)); err != nil {
		t.Fatalf("join: %v", err)
	}
	if !e.Connected() {
		t.Fatal("not connected after Join")
	}
	p := m.Peer("XA-IAGRAI", 0)
	m.WaitFor("100 audio packets and a video frame", 10*time.Second, func() bool {
		_, frames, _ := p.Snapshot()
		return p.AudioCount() >= 100 && len(frames) > 0
	})
	audio, frames, _ := p.Snapshot()

	t.Run("offer layout", func(t *testing.T) {
		got := offerLayout(p.Offer)
		want := "audio sendrecv,audio recvonly,audio recvonly,video sendrecv,video recvonly,application"
		if got != want {
			t.Errorf("offer m-lines %s, want %s", got, want)
		}
		if !strings.Contains(p.Offer, audioLevelURI) || !strings.Contains(p.Offer, "a=candidate") {
			t.Errorf("offer lacks the audio level extension or its candidates")
		}
	})

	t.Run("audio levels follow the levels file", func(t *testing.T) {
		levels := e.cfg.Clips.Speech.Levels
		offset := -1
		for o := range levels {
			if audio[0].Has && levels[o] == audio[0].Level {
				ok := true
				for _, a := range audio[1:] {
					i := (o + int(a.Seq-audio[0].Seq)) % len(levels)
					if !a.Has || levels[i] != a.Level {
						ok = false
						break
					}
				}
				if ok {
					offset = o
					break
				}
			}
		}
		if offset < 0 {
			t.Fatalf("received levels %v… are no window of speech-vi.levels", audio[:10])
		}
		for _, a := range audio {
			if a.Voice != (a.Level < 50) {
				t.Fatalf("level %d with V=%v", a.Level, a.Voice)
			}
		}
	})

	t.Run("video is 1280x720 VP8 from a keyframe", func(t *testing.T) {
		w, h, ok := VP8KeyframeSize(frames[0])
		if !ok || w != 1280 || h != 720 {
			t.Fatalf("first frame: keyframe=%v %dx%d", ok, w, h)
		}
	})

	t.Run("echo counted by source", func(t *testing.T) {
		as, vs := e.SSRCs()
		wantA, wantV := p.SSRCs()
		if as != wantA || vs != wantV || as == 0 {
			t.Fatalf("SSRCs() = %d,%d; the server saw %d,%d", as, vs, wantA, wantV)
		}
		eventually(t, "echoed audio", 5*time.Second, func() bool { return e.Received().BySource[as].Audio > 10 })
		st := e.Received()
		if st.AudioPackets < st.BySource[as].Audio || st.BySource[as].LastAudio.IsZero() {
			t.Fatalf("stats %+v", st)
		}
	})

	t.Run("slots message", func(t *testing.T) {
		p.Send(t, `{"type":"slots","main":"UBND-TINH","speaker":"XA-IAO","audio":["UBND-TINH","XA-IAO"]}`)
		eventually(t, "slots", 5*time.Second, func() bool { return e.Received().Slots["speaker"] == "XA-IAO" })
		if s := e.Received().Slots; s["main"] != "UBND-TINH" || s["audio2"] != "XA-IAO" {
			t.Fatalf("slots %v", s)
		}
	})

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := e.Leave(ctx); err != nil {
		t.Fatalf("leave: %v", err)
	}
	if got := m.Deleted(); len(got) != 1 || got[0] != p.Location {
		t.Fatalf("DELETEs %v, want [%s]", got, p.Location)
	}
	if e.Connected() {
		t.Fatal("still connected after Leave")
	}
	if err := e.RequestSpeak(); err == nil {
		t.Fatal("speak request sent after Leave")
	}
}

func TestSoftEndpointSendOnlyLayout(t *testing.T) {
	m := whiptest.New(t, testToken)
	e, _ := newTestEndpoint(t, m, "OBS-1", func(c *Config) { c.Receive = false })
	if err := e.Join(joinCtx(t)); err != nil {
		t.Fatalf("join: %v", err)
	}
	p := m.Peer("OBS-1", 0)
	if got, want := offerLayout(p.Offer), "audio sendonly,video sendonly,application"; got != want {
		t.Errorf("offer m-lines %s, want %s", got, want)
	}
	m.WaitFor("audio", 5*time.Second, func() bool { return p.AudioCount() > 5 })
}

func TestSoftEndpointMute(t *testing.T) {
	for _, tc := range []struct {
		name   string
		ignore bool
	}{{"obeys", false}, {"ignores when misbehaving", true}} {
		t.Run(tc.name, func(t *testing.T) {
			m := whiptest.New(t, testToken)
			e, _ := newTestEndpoint(t, m, "XA-IAO", func(c *Config) { c.IgnoreMute = tc.ignore })
			if err := e.Join(joinCtx(t)); err != nil {
				t.Fatalf("join: %v", err)
			}
			p := m.Peer("XA-IAO", 0)
			m.WaitFor("audio", 5*time.Second, func() bool { return p.AudioCount() > 10 })
			p.Send(t, `{"type":"mute","muted":true,"mode":"hard"}`)
			eventually(t, "mute", 5*time.Second, func() bool { muted, _ := e.Muted(); return muted })
			if _, mode := e.Muted(); mode != "hard" {
				t.Fatalf("mode %q", mode)
			}
			time.Sleep(200 * time.Millisecond) // packets already in flight
			before := p.AudioCount()
			if tc.ignore { // it goes on sending: wait for it, whatever the machine's load
				m.WaitFor("audio while muted", 5*time.Second, func() bool { return p.AudioCount() >= before+10 })
			} else {
				time.Sleep(600 * time.Millisecond)
				if n := p.AudioCount(); n != before {
					t.Fatalf("%d audio packets arrived while muted", n-before)
				}
			}
			after := p.AudioCount()
			p.Send(t, `{"type":"mute","muted":false}`)
			eventually(t, "unmute", 5*time.Second, func() bool { muted, _ := e.Muted(); return !muted })
			m.WaitFor("audio after unmute", 5*time.Second, func() bool { return p.AudioCount() > after+10 })
		})
	}
}

func TestSoftEndpointControlMessages(t *testing.T) {
	m := whiptest.New(t, testToken)
	e, _ := newTestEndpoint(t, m, "XA-IAPUCH", nil)
	if err := e.Join(joinCtx(t)); err != nil {
		t.Fatalf("join: %v", err)
	}
	p := m.Peer("XA-IAPUCH", 0)
	for _, send := range []func() error{
		e.RequestSpeak, e.CancelSpeak, e.RequestUnmute,
		func() error { return e.ReportIncident("Mất tiếng tại điểm cầu Xã Ia Púch") },
	} {
		if err := send(); err != nil {
			t.Fatal(err)
		}
	}
	var msgs []whiptest.Message
	m.WaitFor("4 control messages", 5*time.Second, func() bool {
		_, _, msgs = p.Snapshot()
		return len(msgs) == 4
	})
	var types []string
	for _, msg := range msgs {
		types = append(types, msg.Type)
	}
	if strings.Join(types, ",") != "speak_request,speak_cancel,unmute,incident" {
		t.Fatalf("server got %v", types)
	}
	if msgs[3].Text != "Mất tiếng tại điểm cầu Xã Ia Púch" {
		t.Fatalf("incident text %q", msgs[3].Text)
	}
	p.Send(t, `{"type":"floor","granted":true}`)
	eventually(t, "floor", 5*time.Second, e.Floor)
	p.Send(t, `{"type":"floor","granted":false}`)
	eventually(t, "floor revoked", 5*time.Second, func() bool { return !e.Floor() })
}

func TestSoftEndpointUnauthorized(t *testing.T) {
	m := whiptest.New(t, "the-right-secret")
	e, _ := newTestEndpoint(t, m, "XA-IAGRAI", nil)
	err := e.Join(joinCtx(t))
	if err == nil {
		t.Fatal("joined with a wrong secret")
	}
	for _, want := range []string{"401", "sai mã tham gia"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error reveals the secret: %v", err)
	}
	if e.Connected() {
		t.Error("connected after a refused join")
	}
	// Run gives up at once on a refused credential instead of retrying it forever.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	runErr := e.Run(ctx)
	var refused *JoinRefusedError
	if !errors.As(runErr, &refused) || refused.Status != http.StatusUnauthorized {
		t.Errorf("Run returned %v, want a 401 JoinRefusedError", runErr)
	}
	if ctx.Err() != nil {
		t.Error("Run kept retrying a refused credential until the deadline")
	}
}

func TestSoftEndpointLoss(t *testing.T) {
	m := whiptest.New(t, testToken)
	e, _ := newTestEndpoint(t, m, "XA-IAMO", nil)
	e.SetLoss(50)
	if err := e.Join(joinCtx(t)); err != nil {
		t.Fatalf("join: %v", err)
	}
	p := m.Peer("XA-IAMO", 0)
	m.WaitFor("100 audio packets", 10*time.Second, func() bool { return p.AudioCount() >= 100 })
	audio, _, _ := p.Snapshot()
	span := int(audio[len(audio)-1].Seq-audio[0].Seq) + 1
	lost := 100 * float64(span-len(audio)) / float64(span)
	if lost < 30 || lost > 70 {
		t.Fatalf("%.0f %% of audio lost at 50 %% loss (%d of %d)", lost, span-len(audio), span)
	}
}

func TestSoftEndpointKeyframeOnPLI(t *testing.T) {
	m := whiptest.New(t, testToken)
	e, _ := newTestEndpoint(t, m, "XA-IANAN", nil)
	if err := e.Join(joinCtx(t)); err != nil {
		t.Fatalf("join: %v", err)
	}
	p := m.Peer("XA-IANAN", 0)
	// Keyframes come every 30 frames; after a PLI one must come within a few frames, three times.
	for round := range 3 {
		time.Sleep(600 * time.Millisecond) // past the rate limit, and off the natural keyframe
		_, before, _ := p.Snapshot()
		p.PLI(t)
		var frames [][]byte
		m.WaitFor("keyframe after PLI", 5*time.Second, func() bool {
			_, frames, _ = p.Snapshot()
			for _, f := range frames[len(before):] {
				if IsVP8Keyframe(f) {
					return true
				}
			}
			return false
		})
		waited := 0
		for _, f := range frames[len(before):] {
			if IsVP8Keyframe(f) {
				break
			}
			waited++
		}
		if waited > 4 {
			t.Fatalf("round %d: keyframe came %d frames after the PLI", round, waited)
		}
	}
}

func TestSoftEndpointRunRejoinsAfterDrop(t *testing.T) {
	m := whiptest.New(t, testToken)
	e, _ := newTestEndpoint(t, m, "XA-KRONG", nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	first := m.Peer("XA-KRONG", 0)
	eventually(t, "connected", 10*time.Second, e.Connected)

	dropped := time.Now()
	e.Drop(ctx, time.Second)
	if e.Connected() {
		t.Fatal("connected right after Drop returned")
	}
	second := m.Peer("XA-KRONG", 1)
	if away := time.Since(dropped); away < time.Second {
		t.Fatalf("rejoined after %v, before the drop ended", away)
	}
	eventually(t, "connected again", 10*time.Second, e.Connected)
	if got := m.Deleted(); len(got) != 0 {
		t.Fatalf("a dropped link sent DELETE %v", got)
	}

	// The MCU closing the link is a failure too: Run rejoins.
	_ = second.PC.Close()
	m.Peer("XA-KRONG", 2)
	eventually(t, "connected a third time", 15*time.Second, e.Connected)

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
	got := m.Deleted()
	if len(got) != 1 || got[0] == first.Location || got[0] == second.Location {
		t.Fatalf("DELETEs %v: want only the last session's", got)
	}
}

func TestBackoffBounds(t *testing.T) {
	prevMax := time.Duration(0)
	for n := 1; n <= 12; n++ {
		lo, hi := time.Hour, time.Duration(0)
		for range 200 {
			d := backoff(n)
			lo, hi = min(lo, d), max(hi, d)
		}
		if lo < backoffMin || hi > backoffMax {
			t.Fatalf("backoff(%d) in [%v, %v], outside [%v, %v]", n, lo, hi, backoffMin, backoffMax)
		}
		if hi < prevMax && hi < backoffMax*3/4 {
			t.Fatalf("backoff(%d) max %v shrank from %v", n, hi, prevMax)
		}
		if n == 1 && lo == hi {
			t.Fatal("no jitter")
		}
		prevMax = hi
	}
	if hi := backoff(12); hi < backoffMax/2 {
		t.Fatalf("backoff never grows: %v", hi)
	}
}

// offerLayout lists an SDP's m-lines as "kind direction", the data channel as "application".
func offerLayout(sdp string) string {
	var got []string
	for _, line := range strings.Split(sdp, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "m="):
			got = append(got, strings.TrimPrefix(strings.Fields(line)[0], "m="))
		case len(got) > 0 && got[len(got)-1] != "application" &&
			(line == "a=sendrecv" || line == "a=recvonly" || line == "a=sendonly"):
			got[len(got)-1] += " " + line[2:]
		}
	}
	return strings.Join(got, ",")
}
