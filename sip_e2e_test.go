package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/sip/baresiptest"
	"diemcau/softep"
)

// A room system (baresip, a real SIP user agent) calls sip:XA-001@host with its bridge point's
// join secret into the meeting `serve` runs, beside WebRTC soft endpoints: it is a member with
// transport "sip", takes the speaker slot with its speech, a WebRTC receiver gets its audio, it
// hears the main bridge point (energy in what it decoded), its keypad *1 raises its hand, and a
// hard mute stops its audio at the forwarder; disconnected by a technician it is hung up and
// waits at the door. A wrong secret is refused and never joins.
func TestSIPTerminalInTheMeeting(t *testing.T) {
	r, mic := newSIPRig(t)
	sipAddr := r.a.sip.Addr()
	clips := lightClips(t)
	main := r.endpoint("UBND-TINH", clips, true, false)
	main.SetTalking(false)
	rx := r.endpoint("XA-002", clips, true, false)
	rx.SetTalking(false)
	runEndpoints(t, []*softep.Endpoint{main, rx}, 0)
	waitFor(t, "the soft endpoints joined", 20*time.Second, func() bool { return main.Connected() && rx.Connected() })

	wrong := baresiptest.Start(t, "<sip:XA-001@127.0.0.1>;auth_pass=not-the-secret;regint=0", mic)
	wrong.Command("dial", "sip:XA-001@"+sipAddr)
	wrong.WaitOutput(20*time.Second, "403 Forbidden")
	if p := sipParticipant(t, r, "XA-001"); p.Connected {
		t.Fatal("a terminal with a wrong secret joined")
	}

	term := baresiptest.Start(t, "<sip:XA-001@127.0.0.1>;auth_pass="+r.tokens["XA-001"]+";regint=0;audio_codecs=G722/16000/1", mic)
	term.Command("dial", "sip:XA-001@"+sipAddr)
	term.WaitOutput(20*time.Second, "Call established")
	waitFor(t, "the terminal a connected member over sip", 10*time.Second, func() bool {
		p := sipParticipant(t, r, "XA-001")
		return p.Connected && p.Transport == "sip" && p.AudioIn > 0
	})
	waitFor(t, "the terminal's speech on the speaker slot", 10*time.Second, func() bool {
		return r.conf.Snapshot().Speaker == "XA-001"
	})
	fromTerminal := func() uint64 {
		var n uint64
		mainA, _ := main.SSRCs()
		rxA, _ := rx.SSRCs()
		for ssrc, c := range rx.Received().BySource {
			if ssrc != mainA && ssrc != rxA {
				n += c.Audio
			}
		}
		return n
	}
	waitFor(t, "the terminal's audio at a WebRTC receiver", 10*time.Second, func() bool { return fromTerminal() > 50 })

	if n := loudFrames(term.Heard()); n > 5 {
		t.Fatalf("the terminal heard %d loud frames while no one else spoke (its own voice back?)", n)
	}
	main.SetTalking(true)
	waitFor(t, "the main bridge point's speech in what the terminal hears", 10*time.Second, func() bool {
		return loudFrames(term.Heard()) >= 10
	})

	term.Command("sndcode", "*1")
	waitFor(t, "the terminal's hand raised by *1", 10*time.Second, func() bool {
		for _, q := range r.conf.Snapshot().Requests {
			if q.BridgePoint == "XA-001" {
				return true
			}
		}
		return false
	})

	if err := r.conf.Mute(context.Background(), "console:test", "XA-001", mcu.HardMute); err != nil {
		t.Fatal(err)
	}
	before := r.conf.ForwardedAudio("XA-001")
	time.Sleep(time.Second)
	if got := r.conf.ForwardedAudio("XA-001"); got != before {
		t.Fatalf("%d audio packets of the hard-muted terminal were forwarded", got-before)
	}
	if p := sipParticipant(t, r, "XA-001"); !p.Connected || p.Mute != mcu.HardMute {
		t.Fatalf("the muted terminal left or is not hard-muted: %+v", p)
	}
	// Unmuted, its voice (no longer transcoded while muted) is forwarded again.
	if err := r.conf.Unmute(context.Background(), "console:test", "XA-001"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the unmuted terminal's audio forwarded again", 10*time.Second, func() bool {
		return r.conf.ForwardedAudio("XA-001") > before+25
	})

	term.Command("hangup", "")
	waitFor(t, "the terminal's leave", 10*time.Second, func() bool {
		p := sipParticipant(t, r, "XA-001")
		return !p.Connected && p.LeftReason == "left"
	})

	// A technician disconnects the site: the terminal is hung up (BYE), and calling again it
	// waits at the door (480) until admitted.
	again := baresiptest.Start(t, "<sip:XA-001@127.0.0.1>;auth_pass="+r.tokens["XA-001"]+";regint=0", mic)
	again.Command("dial", "sip:XA-001@"+sipAddr)
	again.WaitOutput(20*time.Second, "Call established")
	waitFor(t, "the terminal back in the meeting", 10*time.Second, func() bool { return sipParticipant(t, r, "XA-001").Connected })
	if err := r.conf.Disconnect(context.Background(), "console:test", "XA-001", "test"); err != nil {
		t.Fatal(err)
	}
	again.WaitOutput(20*time.Second, "session closed: Connection reset by peer") // baresip's words for a BYE received
	late := baresiptest.Start(t, "<sip:XA-001@127.0.0.1>;auth_pass="+r.tokens["XA-001"]+";regint=0", mic)
	late.Command("dial", "sip:XA-001@"+sipAddr)
	late.WaitOutput(20*time.Second, "480 Temporarily Unavailable")
}

// newSIPRig starts `serve` with SIP on a free port, for terminals whose microphone is mic; the
// server's log is shown when the test fails.
func newSIPRig(t *testing.T) (r *serverRig, mic string) {
	t.Helper()
	baresiptest.Need(t)
	r = newServerRig(t, 2)
	r.start(t)
	t.Cleanup(func() {
		if t.Failed() {
			for i, a := range r.args {
				if a == "--log" {
					b, _ := os.ReadFile(r.args[i+1])
					t.Logf("server log:\n%s", b)
				}
			}
		}
	})
	mic, err := filepath.Abs("testdata/speech-vi-16k.wav")
	if err != nil {
		t.Fatal(err)
	}
	return r, mic
}

func sipParticipant(t *testing.T, r *serverRig, id string) mcu.Participant {
	t.Helper()
	for _, p := range r.conf.Snapshot().Participants {
		if p.ID == id {
			return p
		}
	}
	return mcu.Participant{}
}

// loudFrames counts the 20 ms frames (at 8–48 kHz, taken as 320 samples) above -45 dBFS.
func loudFrames(pcm []int16) int {
	n := 0
	for i := 0; i+320 <= len(pcm); i += 320 {
		var sum float64
		for _, v := range pcm[i : i+320] {
			sum += float64(v) * float64(v)
		}
		if rms := math.Sqrt(sum/320) / 32768; rms > math.Pow(10, -45.0/20) {
			n++
		}
	}
	return n
}
