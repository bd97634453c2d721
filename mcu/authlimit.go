package mcu

import (
	"net"
	"sync"
	"time"
)

// Join-credential failures allowed from one address per window before it is refused with 429.
const (
	authFailureLimit  = 10
	authFailureWindow = time.Minute
	authTrackedMax    = 10000 // addresses remembered at most; the oldest windows are forgotten first
)

// authLimiter slows repeated join-credential failures from one address: after authFailureLimit
// failures within authFailureWindow, that address is refused until the window ends.
type authLimiter struct {
	mu    sync.Mutex
	addrs map[string]*authWindow
}

// authWindow counts one address's failures since start.
type authWindow struct {
	start    time.Time
	failures int
	logged   bool // the block was logged once for this window
}

func newAuthLimiter() *authLimiter { return &authLimiter{addrs: map[string]*authWindow{}} }

// blocked reports whether addr must wait, for how long, and whether this is the first refusal of
// the window (to log once, not per request).
func (l *authLimiter) blocked(addr string, now time.Time) (wait time.Duration, first bool, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.addrs[hostOf(addr)]
	if w == nil || now.Sub(w.start) >= authFailureWindow || w.failures < authFailureLimit {
		return 0, false, false
	}
	first = !w.logged
	w.logged = true
	return w.start.Add(authFailureWindow).Sub(now), first, true
}

// fail records a failure from addr.
func (l *authLimiter) fail(addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	host := hostOf(addr)
	w := l.addrs[host]
	if w == nil || now.Sub(w.start) >= authFailureWindow {
		if w == nil && len(l.addrs) >= authTrackedMax {
			l.forgetExpired(now)
		}
		w = &authWindow{start: now}
		l.addrs[host] = w
	}
	w.failures++
}

// forgetExpired drops finished windows; if none has finished, it drops the oldest one.
func (l *authLimiter) forgetExpired(now time.Time) {
	var oldest string
	for host, w := range l.addrs {
		if now.Sub(w.start) >= authFailureWindow {
			delete(l.addrs, host)
			continue
		}
		if oldest == "" || w.start.Before(l.addrs[oldest].start) {
			oldest = host
		}
	}
	if len(l.addrs) >= authTrackedMax && oldest != "" {
		delete(l.addrs, oldest)
	}
}

// hostOf is the IP of a host:port remote address (the address itself when it has no port).
func hostOf(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}
