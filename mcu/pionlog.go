package mcu

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/pion/logging"
)

// pionRepeatWindow is how long a repeated Pion warning or error stays quiet after it is logged;
// pionKeysMax bounds the messages remembered.
const (
	pionRepeatWindow = time.Minute
	pionKeysMax      = 1024
)

// pionLogs routes Pion's own logs into the MCU's log: errors as warnings and warnings at debug,
// each message once per pionRepeatWindow with the count of its repeats; debug and info at debug.
// A peer that makes Pion fail on every packet (oversized datagrams, undecodable SRTP, RTCP for
// unknown SSRCs) therefore cannot flood the log, which Pion's default logger would let it do.
type pionLogs struct {
	log *slog.Logger

	mu   sync.Mutex
	seen map[string]*pionRepeat // scope and message format → its current window
}

// pionRepeat is one message's window: when it was last logged and how often it came since.
type pionRepeat struct {
	at   time.Time
	more int
}

func newPionLogs(log *slog.Logger) *pionLogs {
	return &pionLogs{log: log.With("pion", true), seen: map[string]*pionRepeat{}}
}

// NewLogger implements logging.LoggerFactory.
func (p *pionLogs) NewLogger(scope string) logging.LeveledLogger {
	return pionLogger{p: p, scope: scope}
}

// limited logs msg at level unless a message of the same scope and key (its format) was logged
// within the window; the first message after a quiet window carries the number of repeats it hid.
func (p *pionLogs) limited(level slog.Level, scope, key, msg string) {
	ctx := context.Background()
	if !p.log.Enabled(ctx, level) {
		return
	}
	key = scope + "\x00" + key
	now := time.Now()
	p.mu.Lock()
	r := p.seen[key]
	if r != nil && now.Sub(r.at) < pionRepeatWindow {
		r.more++
		p.mu.Unlock()
		return
	}
	if r == nil {
		if len(p.seen) >= pionKeysMax { // messages with variable text: forget, do not grow
			clear(p.seen)
		}
		r = &pionRepeat{}
		p.seen[key] = r
	}
	hidden := r.more
	r.at, r.more = now, 0
	p.mu.Unlock()
	attrs := []any{"scope", scope, "next_repeats_logged_after", pionRepeatWindow}
	if hidden > 0 {
		attrs = append(attrs, "repeats_not_logged", hidden)
	}
	p.log.Log(ctx, level, msg, attrs...)
}

// pionLogger is one Pion scope; trace output is dropped.
type pionLogger struct {
	p     *pionLogs
	scope string
	watch *pcWatch // the PeerConnection's, for its "pc" logger
}

func (l pionLogger) debugf(format string, args ...any) {
	if l.p.log.Enabled(context.Background(), slog.LevelDebug) {
		l.p.log.Debug(fmt.Sprintf(format, args...), "scope", l.scope)
	}
}

func (l pionLogger) Trace(string)                 {}
func (l pionLogger) Tracef(string, ...any)        {}
func (l pionLogger) Debug(msg string)             { l.debugf("%s", msg) }
func (l pionLogger) Debugf(f string, args ...any) { l.debugf(f, args...) }
func (l pionLogger) Info(msg string)              { l.debugf("%s", msg) }
func (l pionLogger) Infof(f string, args ...any)  { l.debugf(f, args...) }
func (l pionLogger) Warn(msg string)              { l.p.limited(slog.LevelDebug, l.scope, msg, msg) }
func (l pionLogger) Warnf(f string, args ...any) {
	if l.watch != nil {
		l.watch.pionWarning(f)
	}
	l.p.limited(slog.LevelDebug, l.scope, f, fmt.Sprintf(f, args...))
}
func (l pionLogger) Error(msg string) { l.p.limited(slog.LevelWarn, l.scope, msg, msg) }
func (l pionLogger) Errorf(f string, args ...any) {
	l.p.limited(slog.LevelWarn, l.scope, f, fmt.Sprintf(f, args...))
}
