package mcu

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestPionLogsRateLimited: a Pion error repeated per packet is logged once per window, and the
// first one after the window says how many were not logged; other messages are not held back.
func TestPionLogsRateLimited(t *testing.T) {
	logs := &lockedBuffer{}
	p := newPionLogs(slog.New(slog.NewTextHandler(logs, nil)))
	mux := p.NewLogger("mux")
	for i := range 1000 {
		mux.Errorf("mux: failed to read from packetio.Buffer %s (%d)", "short buffer", i)
	}
	mux.Error("another failure")
	p.NewLogger("srtp").Warnf("unhandled ssrc %d", 1) // debug: not shown at info
	if n := strings.Count(logs.String(), "\n"); n != 2 {
		t.Fatalf("%d lines for 1000 repeats and one other error:\n%s", n, logs.String())
	}
	p.mu.Lock()
	for _, r := range p.seen {
		r.at = time.Now().Add(-2 * pionRepeatWindow) // the window is over
	}
	p.mu.Unlock()
	mux.Errorf("mux: failed to read from packetio.Buffer %s (%d)", "short buffer", 1000)
	if !strings.Contains(logs.String(), "repeats_not_logged=999") {
		t.Errorf("the count of hidden repeats is missing:\n%s", logs.String())
	}
}
