package tui

import (
	"context"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/live"
	"diemcau/mcu"
)

// busyDialler is a dialler whose terminals all answer 486 Busy Here: it records what the
// console asked and shows each call's state in the MCU's snapshot, as the sip package's does.
type busyDialler struct {
	m     *mcu.MCU
	mu    sync.Mutex
	dials []string
	hangs []string
	state map[string]mcu.CallState
}

func (d *busyDialler) CanDial(_ context.Context, bp string) bool { return bp != "UBND-TINH" }

func (d *busyDialler) Dial(_ context.Context, bp string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.dials = append(d.dials, bp)
	st := mcu.CallState{State: mcu.CallBusy, Code: 486, Cause: "busy", Since: time.Now()}
	d.state[bp] = st
	d.m.SetCall(bp, st)
	return nil
}

func (d *busyDialler) HangUp(bp string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.hangs = append(d.hangs, bp)
	st := mcu.CallState{State: mcu.CallEnded, Since: time.Now()}
	d.state[bp] = st
	d.m.SetCall(bp, st)
	return true
}

func (d *busyDialler) State(bp string) mcu.CallState {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.state[bp]
}

func (d *busyDialler) counts() (dials, hangs int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.dials), len(d.hangs)
}

// TestProgramCallKeys drives the console at 80×24: p calls the selected site and its row shows
// the terminal busy; enter on that row calls again; H hangs up ("đã gác máy"); P calls every
// site not connected. Each call and hang-up is in the audit log.
func TestProgramCallKeys(t *testing.T) {
	f := newFixture(t, 2)
	d := &busyDialler{m: f.mcu, state: map[string]mcu.CallState{}}
	opts := f.options("vi")
	opts.Live = live.New(live.Config{Store: f.st, MCU: f.mcu, Lang: "vi"})
	opts.Live.SetDialler(d)
	m := New(opts)
	t.Cleanup(m.Close)
	s := startModel(t, m)
	waitOutput(t, s, "Điểm cầu")
	s.Send(tea.KeyMsg{Type: tea.KeyDown}) // XA-001
	s.Type("p")
	waitOutput(t, s, "máy bận")
	waitOutput(t, s, "(SIP 486)") // the status line: the call failed, and why
	s.Send(tea.KeyMsg{Type: tea.KeyEnter})
	eventually(t, "enter on the busy row calls again", func() bool { n, _ := d.counts(); return n == 2 })
	s.Type("H")
	waitOutput(t, s, "đã gác máy")
	s.Type("P")
	eventually(t, "P calls the sites not connected", func() bool { n, _ := d.counts(); return n == 4 })
	got := f.rig().Actions(t, testActor)
	want := map[string]int{string(live.ActionCallDial): 4, string(live.ActionCallHangUp): 1}
	n := map[string]int{}
	for _, a := range got {
		n[a]++
	}
	for a, c := range want {
		if n[a] != c {
			t.Fatalf("audit actions %v: want %d %s", got, c, a)
		}
	}
}
