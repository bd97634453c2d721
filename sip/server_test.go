package sip

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtcp"

	"diemcau/endpoints"
	"diemcau/sip/baresiptest"
)

// micWAV is the terminal's microphone: Vietnamese speech at 16 kHz.
func micWAV(t *testing.T) string {
	p, err := filepath.Abs("../testdata/speech-vi-16k.wav")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// roomRig is a SIP server on a free port of 127.0.0.1 whose calls sit in a recording room
// (the MCU's room is attach.go's; these tests look at the SIP side alone).
type roomRig struct {
	srv  *Server
	room *recordingRoom
}

// recordingRoom seats every call and records what the calls give it.
type recordingRoom struct {
	mu     sync.Mutex
	calls  []*call
	frames int
	loud   int // frames above -40 dBov
	hands  []bool
	left   []string
}

func (r *recordingRoom) seat(c *call) (seat, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, c)
	return &recordingSeat{r}, nil
}

type recordingSeat struct{ r *recordingRoom }

func (s *recordingSeat) audio(_ uint16, _ uint32, level uint8, _ []byte) {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.frames++
	if level < 40 {
		s.r.loud++
	}
}

func (s *recordingSeat) hand(raise bool) {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.hands = append(s.r.hands, raise)
}

func (s *recordingSeat) help() {}

func (s *recordingSeat) connected() {}

func (s *recordingSeat) video([]byte) {}

func (s *recordingSeat) pictureLost() {}

func (s *recordingSeat) nack(*rtcp.TransportLayerNack) {}

func (s *recordingSeat) leave(reason string) {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.left = append(s.r.left, reason)
}

func (r *recordingRoom) snapshot() (calls, frames, loud int, hands []bool, left []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.calls), r.frames, r.loud, append([]bool(nil), r.hands...), append([]string(nil), r.left...)
}

const rigSecret = "the-join-secret-of-ia-grai"

func newRoomRig(t *testing.T) *roomRig {
	t.Helper()
	room := &recordingRoom{}
	creds := func(_ context.Context, id string) (Credential, bool, error) {
		if id != "XA-IAGRAI" {
			return Credential{}, false, nil
		}
		return Credential{HA1: endpoints.SIPDigestHA1(id, rigSecret)}, true, nil
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := Listen(Config{Addr: "127.0.0.1:0", Credentials: creds, Rooms: room, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return &roomRig{srv: srv, room: room}
}

func waitFor(t *testing.T, what string, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A real terminal (baresip) with its bridge point's join secret is admitted, its speech reaches
// the room as Opus frames with levels, and its keypad *1 / *2 raise and lower the hand; with a
// wrong secret it is refused 403 and never seated.
func TestBaresipDigestAdmissionAndKeypad(t *testing.T) {
	rig := newRoomRig(t)
	for _, tc := range []struct{ name, params, codec string }{
		{"G722", ";audio_codecs=G722/16000/1", "G722"},
		{"PCMU", ";audio_codecs=PCMU/8000/1", "PCMU"},
		{"PCMA over SRTP", ";audio_codecs=PCMA/8000/1;mediaenc=srtp-mand", "PCMA"},
		{"Opus", ";audio_codecs=opus/48000/2", "OPUS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rig.room.mu.Lock()
			rig.room.frames, rig.room.loud, rig.room.hands = 0, 0, nil
			rig.room.mu.Unlock()
			_, _, _, _, leftBefore := rig.room.snapshot()
			b := baresiptest.Start(t, "<sip:XA-IAGRAI@127.0.0.1>;auth_pass="+rigSecret+";regint=0"+tc.params, micWAV(t))
			b.Command("dial", "sip:XA-IAGRAI@"+rig.srv.Addr())
			b.WaitOutput(20*time.Second, "Call established")
			rig.room.mu.Lock()
			c := rig.room.calls[len(rig.room.calls)-1]
			rig.room.mu.Unlock()
			if c.offer.codec.name != tc.codec || (c.m.srtpIn != nil) != strings.Contains(tc.params, "srtp") {
				t.Fatalf("negotiated %s (SRTP %v), want %s", c.offer.codec.name, c.m.srtpIn != nil, tc.codec)
			}
			waitFor(t, "the terminal's speech in the room", 20*time.Second, func() bool {
				_, frames, loud, _, _ := rig.room.snapshot()
				return frames > 50 && loud > 10
			})
			b.Command("sndcode", "*1")
			waitFor(t, "the hand raised by *1", 10*time.Second, func() bool {
				_, _, _, hands, _ := rig.room.snapshot()
				return len(hands) == 1 && hands[0]
			})
			b.Command("sndcode", "*2")
			waitFor(t, "the hand lowered by *2", 10*time.Second, func() bool {
				_, _, _, hands, _ := rig.room.snapshot()
				return len(hands) == 2 && !hands[1]
			})
			if tc.name == "G722" { // the server hangs up
				c.end("closed", true, true)
				b.WaitOutput(10*time.Second, "session closed: Connection reset by peer") // a BYE received
				return
			}
			b.Command("hangup", "")
			waitFor(t, "the call's end in the room", 10*time.Second, func() bool {
				_, _, _, _, left := rig.room.snapshot()
				return len(left) == len(leftBefore)+1 && left[len(left)-1] == "left"
			})
		})
	}
	t.Run("wrong secret", func(t *testing.T) {
		before, _, _, _, _ := rig.room.snapshot()
		b := baresiptest.Start(t, "<sip:XA-IAGRAI@127.0.0.1>;auth_pass=guess;regint=0", micWAV(t))
		b.Command("dial", "sip:XA-IAGRAI@"+rig.srv.Addr())
		b.WaitOutput(20*time.Second, "403 Forbidden")
		if calls, _, _, _, _ := rig.room.snapshot(); calls != before {
			t.Fatal("a terminal with a wrong secret was seated")
		}
	})
}

// A site trusted by address is admitted from its device_ip without a password; the same
// terminal calling from another address is challenged and, without the secret, refused.
func TestAddressTrust(t *testing.T) {
	room := &recordingRoom{}
	creds := func(_ context.Context, id string) (Credential, bool, error) {
		return Credential{HA1: endpoints.SIPDigestHA1(id, rigSecret), TrustedIP: "127.0.0.2"}, id == "XA-IAGRAI", nil
	}
	srv, err := Listen(Config{Addr: "127.0.0.1:0", Credentials: creds, Rooms: room, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	trusted := baresiptest.Start(t, "<sip:XA-IAGRAI@127.0.0.2>;regint=0", micWAV(t), "127.0.0.2")
	trusted.Command("dial", "sip:XA-IAGRAI@"+srv.Addr())
	trusted.WaitOutput(20*time.Second, "Call established")
	other := baresiptest.Start(t, "<sip:XA-IAGRAI@127.0.0.1>;auth_pass=guess;regint=0", micWAV(t))
	other.Command("dial", "sip:XA-IAGRAI@"+srv.Addr())
	other.WaitOutput(20*time.Second, "403 Forbidden")
	if calls, _, _, _, _ := room.snapshot(); calls != 1 {
		t.Fatalf("%d calls seated, want only the trusted one", calls)
	}
}
