package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"gopkg.in/natefinch/lumberjack.v2"
)

// Log file rotation: a file grows to logMaxMB, then is renamed with its date and compressed; the
// newest logMaxBackups old files are kept, none older than logMaxAgeDays.
const (
	logMaxBackups = 10
	logMaxAgeDays = 180
)

// logMaxMB is the size of a log file before it is rotated (a variable for the rotation test).
var logMaxMB = 50

// openLogger makes the process's logger: into path with rotation when a path is given; else on
// stderr, in journald's form (priority prefix, no time of its own) when stderr is the journal
// (systemd sets JOURNAL_STREAM), plain text otherwise. Refusal storms are logged one line per
// burst (burstHandler). The closer is nil for stderr.
func openLogger(path string) (*slog.Logger, io.Closer, error) {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600) // fail now, not at the first line
		if err != nil {
			return nil, nil, fmt.Errorf("open log file: %w", err)
		}
		f.Close()
		lj := &lumberjack.Logger{Filename: path, MaxSize: logMaxMB, MaxBackups: logMaxBackups, MaxAge: logMaxAgeDays,
			Compress: true, LocalTime: true}
		return slog.New(newBurstHandler(slog.NewTextHandler(lj, opts), time.Minute)), lj, nil
	}
	if stderrIsJournal() {
		return slog.New(newBurstHandler(newJournalHandler(os.Stderr, opts), time.Minute)), nil, nil
	}
	return slog.New(newBurstHandler(slog.NewTextHandler(os.Stderr, opts), time.Minute)), nil, nil
}

// stderrIsJournal reports whether stderr is the journal stream systemd named in JOURNAL_STREAM
// ("device:inode"), so that a pipe to something else is not mistaken for it.
func stderrIsJournal() bool {
	v := os.Getenv("JOURNAL_STREAM")
	if v == "" {
		return false
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(int(os.Stderr.Fd()), &st); err != nil {
		return false
	}
	return v == fmt.Sprintf("%d:%d", st.Dev, st.Ino)
}

// journalHandler writes each record as one line with the syslog priority prefix journald reads
// ("<4>level=WARN msg=…"), without a time of its own: the journal stamps each line.
type journalHandler struct {
	mu    *sync.Mutex
	out   io.Writer
	buf   *bytes.Buffer
	inner slog.Handler // a text handler writing into buf
}

func newJournalHandler(out io.Writer, opts *slog.HandlerOptions) *journalHandler {
	buf := &bytes.Buffer{}
	o := *opts
	o.ReplaceAttr = func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	return &journalHandler{mu: &sync.Mutex{}, out: out, buf: buf, inner: slog.NewTextHandler(buf, &o)}
}

// Enabled follows the text handler's level.
func (h *journalHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.inner.Enabled(ctx, l)
}

// Handle writes r with its priority.
func (h *journalHandler) Handle(ctx context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.buf.Reset()
	if err := h.inner.Handle(ctx, r); err != nil {
		return err
	}
	_, err := fmt.Fprintf(h.out, "<%d>%s", journalPriority(r.Level), h.buf.Bytes())
	return err
}

// WithAttrs keeps the shared buffer and lock.
func (h *journalHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &journalHandler{mu: h.mu, out: h.out, buf: h.buf, inner: h.inner.WithAttrs(attrs)}
}

// WithGroup keeps the shared buffer and lock.
func (h *journalHandler) WithGroup(name string) slog.Handler {
	return &journalHandler{mu: h.mu, out: h.out, buf: h.buf, inner: h.inner.WithGroup(name)}
}

// journalPriority is the syslog priority of a level: err, warning, info, debug.
func journalPriority(l slog.Level) int {
	switch {
	case l >= slog.LevelError:
		return 3
	case l >= slog.LevelWarn:
		return 4
	case l >= slog.LevelInfo:
		return 6
	}
	return 7
}

// burstMessages are the log messages of refusals that a storm repeats: the first of a window is
// logged in full, the rest of the window are counted and logged as one line when it ends.
var burstMessages = []string{"rejected join credential", "join attempts refused after repeated credential failures",
	"ssh login refused: unknown key"}

// burstHandler logs one line per burst of each refusal message instead of one per refusal.
type burstHandler struct {
	inner  slog.Handler
	window time.Duration
	state  *burstState
}

// burstState is the bursts in progress, shared by a handler and those derived from it.
type burstState struct {
	mu     sync.Mutex
	counts map[string]*burst
}

// burst is one message's refusals after the first in the current window.
type burst struct {
	more int
	last slog.Record
}

func newBurstHandler(inner slog.Handler, window time.Duration) *burstHandler {
	return &burstHandler{inner: inner, window: window, state: &burstState{counts: map[string]*burst{}}}
}

// Enabled follows the inner handler.
func (h *burstHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.inner.Enabled(ctx, l)
}

// Handle passes a record through, except the repeats of a refusal within its window.
func (h *burstHandler) Handle(ctx context.Context, r slog.Record) error {
	if !isBurstMessage(r.Message) {
		return h.inner.Handle(ctx, r)
	}
	s := h.state
	s.mu.Lock()
	if b, ok := s.counts[r.Message]; ok {
		b.more++
		b.last = r.Clone()
		s.mu.Unlock()
		return nil
	}
	s.counts[r.Message] = &burst{}
	s.mu.Unlock()
	time.AfterFunc(h.window, func() { h.flush(r.Message) })
	return h.inner.Handle(ctx, r)
}

// flush ends msg's window: one line for the refusals after the first, if any, with the last one's
// details.
func (h *burstHandler) flush(msg string) {
	s := h.state
	s.mu.Lock()
	b := s.counts[msg]
	delete(s.counts, msg)
	s.mu.Unlock()
	if b == nil || b.more == 0 {
		return
	}
	r := slog.NewRecord(time.Now(), b.last.Level, msg+" (burst)", 0)
	r.AddAttrs(slog.Int("more", b.more), slog.Duration("within", h.window))
	b.last.Attrs(func(a slog.Attr) bool { r.AddAttrs(slog.Attr{Key: "last_" + a.Key, Value: a.Value}); return true })
	_ = h.inner.Handle(context.Background(), r)
}

// WithAttrs keeps the shared bursts.
func (h *burstHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &burstHandler{inner: h.inner.WithAttrs(attrs), window: h.window, state: h.state}
}

// WithGroup keeps the shared bursts.
func (h *burstHandler) WithGroup(name string) slog.Handler {
	return &burstHandler{inner: h.inner.WithGroup(name), window: h.window, state: h.state}
}

// isBurstMessage reports whether msg is one of the refusal messages.
func isBurstMessage(msg string) bool {
	for _, m := range burstMessages {
		if strings.EqualFold(msg, m) {
			return true
		}
	}
	return false
}
