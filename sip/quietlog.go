package sip

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// The SIP stack logs each datagram it cannot parse; a flood of garbage must not become a flood
// of log lines. quietHandler passes at most quietBurst records per quietPeriod, then one line
// saying that more were suppressed.
const (
	quietBurst  = 20
	quietPeriod = time.Minute
	// quietAttrMax bounds a logged string (the stack logs a datagram it cannot parse whole).
	quietAttrMax = 120
)

type quietHandler struct {
	next  slog.Handler
	state *quietState
}

type quietState struct {
	mu     sync.Mutex
	start  time.Time
	count  int
	warned bool
}

func newQuietHandler(next slog.Handler) *quietHandler {
	return &quietHandler{next: next, state: &quietState{}}
}

// Enabled passes only warnings and errors of the SIP stack.
func (h *quietHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.next.Enabled(ctx, l)
}

// Handle passes the record unless the period's burst is spent.
func (h *quietHandler) Handle(ctx context.Context, r slog.Record) error {
	st := h.state
	st.mu.Lock()
	if r.Time.Sub(st.start) >= quietPeriod {
		st.start, st.count, st.warned = r.Time, 0, false
	}
	st.count++
	pass, warn := st.count <= quietBurst, false
	if !pass && !st.warned {
		st.warned, warn = true, true
	}
	st.mu.Unlock()
	if warn {
		w := slog.NewRecord(r.Time, slog.LevelWarn, "SIP stack: further messages suppressed until the minute ends", 0)
		return h.next.Handle(ctx, w)
	}
	if !pass {
		return nil
	}
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		if v := a.Value.String(); a.Value.Kind() == slog.KindString && len(v) > quietAttrMax {
			a = slog.String(a.Key, fmt.Sprintf("%q… (%d bytes)", v[:quietAttrMax], len(v)))
		}
		out.AddAttrs(a)
		return true
	})
	return h.next.Handle(ctx, out)
}

// WithAttrs implements slog.Handler.
func (h *quietHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &quietHandler{next: h.next.WithAttrs(as), state: h.state}
}

// WithGroup implements slog.Handler.
func (h *quietHandler) WithGroup(name string) slog.Handler {
	return &quietHandler{next: h.next.WithGroup(name), state: h.state}
}
