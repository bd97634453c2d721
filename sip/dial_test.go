package sip

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/sip/baresiptest"
)

// eventLog records a dialler's events.
type eventLog struct {
	mu  sync.Mutex
	evs []Event
}

func (l *eventLog) add(_ string, ev Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.evs = append(l.evs, ev)
}

func (l *eventLog) kinds() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, ev := range l.evs {
		out = append(out, fmt.Sprintf("%s/%d", ev.Kind, ev.State.Try))
	}
	return out
}

// switchTarget is a terminal address a test can move.
type switchTarget struct {
	mu   sync.Mutex
	addr string
}

func (s *switchTarget) set(a string) { s.mu.Lock(); s.addr = a; s.mu.Unlock() }

func (s *switchTarget) get(_ context.Context, bp string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if bp != "XA-IAGRAI" {
		return "", nil
	}
	return s.addr, nil
}

func waitState(t *testing.T, d *Dialer, want string, try int) mcu.CallState {
	t.Helper()
	var st mcu.CallState
	waitFor(t, fmt.Sprintf("call state %s try %d", want, try), 30*time.Second, func() bool {
		st = d.State("XA-IAGRAI")
		return st.State == want && st.Try == try
	})
	return st
}

// The server dials a real terminal (baresip answering by itself): the call connects with
// SRTP, the terminal's speech reaches the room; when the terminal hangs up, the call is
// redialled and connects again (try 1); when the technician hangs up, the terminal gets a BYE
// and nothing is redialled.
func TestDialOutBaresipRedialAndHangUp(t *testing.T) {
	rig := newRoomRig(t)
	b := baresiptest.Start(t, "<sip:XA-IAGRAI@127.0.0.1>;regint=0;answermode=auto;mediaenc=srtp;audio_codecs=G722/16000/1", micWAV(t))
	target := &switchTarget{addr: b.Addr}
	evs := &eventLog{}
	d := NewDialer(DialerConfig{Server: rig.srv, Target: target.get, Redial: 2, RedialEvery: 300 * time.Millisecond,
		RingFor: 10 * time.Second, OnEvent: evs.add})
	defer d.Close()
	if d.CanDial(context.Background(), "XA-NONE") {
		t.Fatal("a bridge point without an address can be dialled")
	}
	if err := d.Dial(context.Background(), "XA-NONE"); err == nil {
		t.Fatal("dialled a bridge point without an address")
	}
	if err := d.Dial(context.Background(), "XA-IAGRAI"); err != nil {
		t.Fatal(err)
	}
	waitState(t, d, mcu.CallConnected, 0)
	rig.room.mu.Lock()
	c := rig.room.calls[len(rig.room.calls)-1]
	rig.room.mu.Unlock()
	if c.offer.codec.name != "G722" || c.m.srtpIn == nil {
		t.Fatalf("negotiated %s (SRTP %v), want G722 over SRTP", c.offer.codec.name, c.m.srtpIn != nil)
	}
	waitFor(t, "the terminal's speech in the room", 20*time.Second, func() bool {
		_, frames, loud, _, _ := rig.room.snapshot()
		return frames > 50 && loud > 10
	})
	if err := d.Dial(context.Background(), "XA-IAGRAI"); err == nil {
		t.Fatal("a connected call was dialled again")
	}

	b.Command("hangup", "")
	waitState(t, d, mcu.CallConnected, 1)
	if calls, _, _, _, left := rig.room.snapshot(); calls != 2 || len(left) != 1 || left[0] != "dropped" {
		t.Fatalf("after the redial: %d calls seated, left %q; want 2 and [dropped]", calls, left)
	}

	if !d.HangUp("XA-IAGRAI") {
		t.Fatal("HangUp found no call")
	}
	if st := d.State("XA-IAGRAI"); st.State != mcu.CallEnded {
		t.Fatalf("state after hang-up %+v", st)
	}
	waitFor(t, "the hung-up call to leave the room", 10*time.Second, func() bool {
		_, _, _, _, left := rig.room.snapshot()
		return len(left) == 2 && left[1] == "left"
	})
	b.WaitOutput(10*time.Second, "session closed: Connection reset by peer") // the BYE received
	time.Sleep(1500 * time.Millisecond)                                      // five redial periods: none may start
	want := []string{"attempt/0", "connected/0", "dropped/0", "attempt/1", "connected/1", "hangup/0"}
	if got := evs.kinds(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	if calls, _, _, _, _ := rig.room.snapshot(); calls != 2 {
		t.Fatalf("%d calls seated after the hang-up, want 2", calls)
	}
}

// sipp runs SIPp as a terminal playing scenario (testdata/, with CODE and REASON replaced) for
// calls calls, on a free port of 127.0.0.1; it returns the terminal's address.
func sipp(t *testing.T, scenario, code, reason string, calls int) string {
	t.Helper()
	if _, err := exec.LookPath("sipp"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("sipp is not installed (apt-get install sip-tester): CI must install it")
		}
		t.Skip("sipp is not installed (apt-get install sip-tester): the SIPp tests are skipped")
	}
	raw, err := os.ReadFile(filepath.Join("testdata", scenario))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	xml := filepath.Join(dir, scenario)
	body := strings.NewReplacer("CODE", code, "REASON", reason).Replace(string(raw))
	if err := os.WriteFile(xml, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	u, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	port := u.LocalAddr().(*net.UDPAddr).Port
	u.Close()
	cmd := exec.Command("sipp", "-sf", xml, "-i", "127.0.0.1", "-p", fmt.Sprint(port), "-m", fmt.Sprint(calls),
		"-nostdin", "-trace_err", "-timeout", "120s")
	cmd.Dir = dir
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			errs, _ := filepath.Glob(filepath.Join(dir, "*errors.log"))
			for _, f := range errs {
				b, _ := os.ReadFile(f)
				t.Logf("%s:\n%s", f, b)
			}
		}
	})
	time.Sleep(300 * time.Millisecond) // sipp binds its port; an INVITE before is retransmitted anyway
	return fmt.Sprintf("127.0.0.1:%d", port)
}

// A terminal that answers 486 is busy, one that answers 480 has no answer, one that rings until
// the ring timeout is CANCELled and has no answer; a first call is not redialled.
func TestDialOutRefusedBySIPp(t *testing.T) {
	rig := newRoomRig(t)
	for _, tc := range []struct {
		scenario, code, reason string
		state, cause           string
	}{
		{"sipp-uas-refuse.xml", "486", "Busy Here", mcu.CallBusy, "busy"},
		{"sipp-uas-refuse.xml", "480", "Temporarily Unavailable", mcu.CallNoAnswer, "no_answer"},
		{"sipp-uas-refuse.xml", "404", "Not Found", mcu.CallFailed, "not_found"},
		{"sipp-uas-ring.xml", "", "", mcu.CallNoAnswer, "no_answer"},
	} {
		t.Run(tc.state+tc.code, func(t *testing.T) {
			target := &switchTarget{addr: sipp(t, tc.scenario, tc.code, tc.reason, 1)}
			evs := &eventLog{}
			d := NewDialer(DialerConfig{Server: rig.srv, Target: target.get, Redial: 2, RedialEvery: 100 * time.Millisecond,
				RingFor: 1500 * time.Millisecond, OnEvent: evs.add})
			defer d.Close()
			if err := d.Dial(context.Background(), "XA-IAGRAI"); err != nil {
				t.Fatal(err)
			}
			st := waitState(t, d, tc.state, 0)
			code := 0
			if tc.code != "" {
				fmt.Sscan(tc.code, &code)
			}
			if st.Cause != tc.cause || st.Code != code {
				t.Fatalf("state %+v, want cause %s code %d", st, tc.cause, code)
			}
			time.Sleep(500 * time.Millisecond) // five redial periods: a first call is not redialled
			if got := evs.kinds(); fmt.Sprint(got) != "[attempt/0 failed/0]" {
				t.Fatalf("events %v", got)
			}
		})
	}
}

// A connected call that drops is redialled; when every redial finds the terminal busy, the
// site is failed after the last try with the cause of the last refusal.
func TestRedialUntilFailed(t *testing.T) {
	rig := newRoomRig(t)
	b := baresiptest.Start(t, "<sip:XA-IAGRAI@127.0.0.1>;regint=0;answermode=auto", micWAV(t))
	target := &switchTarget{addr: b.Addr}
	evs := &eventLog{}
	d := NewDialer(DialerConfig{Server: rig.srv, Target: target.get, Redial: 3, RedialEvery: 200 * time.Millisecond,
		RingFor: 5 * time.Second, OnEvent: evs.add})
	defer d.Close()
	if err := d.Dial(context.Background(), "XA-IAGRAI"); err != nil {
		t.Fatal(err)
	}
	waitState(t, d, mcu.CallConnected, 0)
	target.set(sipp(t, "sipp-uas-refuse.xml", "486", "Busy Here", 3))
	b.Command("hangup", "")
	st := waitState(t, d, mcu.CallFailed, 3)
	if st.Cause != "busy" || st.Code != 486 || st.Tries != 3 {
		t.Fatalf("final state %+v, want failed busy 486 after 3 tries", st)
	}
	want := "[attempt/0 connected/0 dropped/0 attempt/1 failed/1 attempt/2 failed/2 attempt/3 failed/3]"
	if got := evs.kinds(); fmt.Sprint(got) != want {
		t.Fatalf("events %v, want %s", got, want)
	}
}

// A hang-up while calling stops the call: a terminal that never answers is given up at once
// (the dialler stops without waiting for the INVITE's timeout), one that rings is CANCELled;
// neither is redialled.
func TestHangUpWhileCalling(t *testing.T) {
	rig := newRoomRig(t)
	silent, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	for _, tc := range []struct {
		name, target, state string
	}{
		{"silent", silent.LocalAddr().String(), mcu.CallCalling},
		{"ringing", sipp(t, "sipp-uas-ring.xml", "", "", 1), mcu.CallRinging},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := &eventLog{}
			d := NewDialer(DialerConfig{Server: rig.srv, Target: (&switchTarget{addr: tc.target}).get, Redial: 3,
				RedialEvery: 100 * time.Millisecond, RingFor: time.Minute, OnEvent: evs.add})
			if err := d.Dial(context.Background(), "XA-IAGRAI"); err != nil {
				t.Fatal(err)
			}
			waitState(t, d, tc.state, 0)
			waitFor(t, "the INVITE sent", 10*time.Second, func() bool { return len(evs.kinds()) == 1 })
			if !d.HangUp("XA-IAGRAI") {
				t.Fatal("HangUp found nothing")
			}
			closed := make(chan struct{})
			go func() { d.Close(); close(closed) }()
			select {
			case <-closed:
			case <-time.After(20 * time.Second): // an INVITE's own timeout is 32 s
				t.Fatal("the dialler did not stop after the hang-up")
			}
			if st := d.State("XA-IAGRAI"); st.State != mcu.CallEnded {
				t.Fatalf("state %+v, want ended", st)
			}
			if got := evs.kinds(); fmt.Sprint(got) != "[attempt/0 hangup/0]" {
				t.Fatalf("events %v", got)
			}
		})
	}
}
