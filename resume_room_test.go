package main

import (
	"context"
	"testing"
	"time"
)

// TestRestartKeepsLockAndAttendance: a meeting locked, with a site's attendance confirmed,
// comes back after a restart still locked and with that attendance, before anyone rejoins.
func TestRestartKeepsLockAndAttendance(t *testing.T) {
	r := newServerRig(t, 2)
	r.start(t)
	ep := r.endpoint("XA-001", lightClips(t), false, false)
	ctx := context.Background()
	jctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := ep.Join(jctx); err != nil {
		t.Fatal(err)
	}
	if err := r.conf.ConfirmAttendance(ctx, "console:kt", "XA-001", 14); err != nil {
		t.Fatal(err)
	}
	if err := r.conf.Lock(ctx, "console:kt", true); err != nil {
		t.Fatal(err)
	}
	r.stop()
	_ = ep.Leave(ctx) // the server is gone; the endpoint's DELETE fails, its link ends
	r.start(t)
	snap := r.conf.Snapshot()
	if !snap.Locked {
		t.Error("the meeting is unlocked after the restart")
	}
	p := participant(t, r.conf, "XA-001")
	if p.Connected || p.Attendees != 14 || p.AttendedBy != "console:kt" {
		t.Errorf("XA-001 after the restart: connected %v, %d attendees by %q; want 14 by console:kt", p.Connected, p.Attendees, p.AttendedBy)
	}
}
