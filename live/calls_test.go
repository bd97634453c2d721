package live

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"diemcau/mcu"
)

// testDialler is a dialler that places no call: it records what the facade asked of it, so
// the facade's checks and audit rows can be tested without a SIP server (the sip package's
// Dialer is tested against real terminals in sip/ and the root's e2e test).
type testDialler struct {
	mu     sync.Mutex
	dialed map[string]bool
}

func (d *testDialler) CanDial(_ context.Context, bp string) bool { return strings.HasPrefix(bp, "XA-") }

func (d *testDialler) Dial(_ context.Context, bp string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dialed == nil {
		d.dialed = map[string]bool{}
	}
	d.dialed[bp] = true
	return nil
}

func (d *testDialler) HangUp(bp string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	ok := d.dialed[bp]
	delete(d.dialed, bp)
	return ok
}

func (d *testDialler) State(bp string) mcu.CallState {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dialed[bp] {
		return mcu.CallState{State: mcu.CallCalling}
	}
	return mcu.CallState{}
}

// Without a dialler (SIP off) a dial is refused in the user's language; a bridge point with no
// address is not found; hanging up a site never called is a conflict; connect all skips the
// connected sites and those without an address; the call detail survives
// its encoding.
func TestCallRefusals(t *testing.T) {
	if testing.Short() {
		t.Skip("WebRTC sites")
	}
	ctx := context.Background()
	r := newDeskRig(t)
	room := r.m.As(Identity{Actor: "ssh:control"}).In(r.conf)
	err := room.Dial(ctx, "XA-1")
	var ce *CallError
	if !errors.As(err, &ce) || !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "--sip off") {
		t.Fatalf("dial without SIP: %v", err)
	}
	r.m.SetDialler(r.dialler)
	if err := room.Dial(ctx, "UBND"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "device_ip") {
		t.Fatalf("dial of a site without an address: %v", err)
	}
	if err := room.HangUp(ctx, "XA-1"); !errors.Is(err, ErrConflict) {
		t.Fatalf("hang-up of a site never called: %v", err)
	}
	// XA-1 is connected over WebRTC and UBND has no terminal address: connect all calls none.
	if n, err := room.ConnectAll(ctx); err != nil || n != 0 || r.dialler.State("XA-1").State != "" {
		t.Fatalf("connect all: %d %v", n, err)
	}
	for _, d := range []CallDetail{{}, {Try: 2, Tries: 3}, {Try: 3, Tries: 3, Cause: "busy", Code: 486}} {
		if got, err := ParseCallDetail(d.String()); err != nil || got != d {
			t.Fatalf("call detail %+v -> %q -> %+v %v", d, d.String(), got, err)
		}
	}
}
