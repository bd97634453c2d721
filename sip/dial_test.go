package sip

import (
	"context"
	"fmt"
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

func (l *eventLog) count(kind string) int {
	n := 0
	for _, k := range l.kinds() {
		if len(k) > len(kind) && k[:len(kind)+1] == kind+"/" {
			n++
		}
	}
	return n
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
	if calls, _, _, _, left := rig.room.snapshot(); calls != 2 || len(left) != 1 || left[0] != "left" {
		t.Fatalf("after the redial: %d calls seated, left %q; want 2 and [left]", calls, left)
	}

	if !d.HangUp("XA-IAGRAI") {
		t.Fatal("HangUp found no call")
	}
	if st := d.State("XA-IAGRAI"); st.State != mcu.CallEnded {
		t.Fatalf("state after hang-up %+v", st)
	}
	waitFor(t, "the hung-up call to leave the room", 10*time.Second, func() bool {
		_, _, _, _, left := rig.room.snapshot()
		return len(left) == 2
	})
	time.Sleep(1500 * time.Millisecond) // five redial periods: none may start
	want := []string{"attempt/0", "connected/0", "dropped/0", "attempt/1", "connected/1", "hangup/0"}
	if got := evs.kinds(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	if calls, _, _, _, _ := rig.room.snapshot(); calls != 2 {
		t.Fatalf("%d calls seated after the hang-up, want 2", calls)
	}
}
