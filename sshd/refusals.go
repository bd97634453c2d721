package sshd

import (
	"log/slog"
	"net"
	"sync"
	"time"
)

// Refused SSH logins are logged once per address per window, not once per attempt: the first
// refusal in full, the others of the window counted and logged as one line when it ends.
const (
	sshRefusalWindow  = time.Minute
	sshRefusalTracked = 1024 // addresses with an open window at most; the rest share one count
	sshRefusalOthers  = "*"  // the shared entry of addresses beyond sshRefusalTracked
)

// refusalLog logs refused SSH logins with a bound on the lines per address and window.
type refusalLog struct {
	log    *slog.Logger
	window time.Duration

	mu      sync.Mutex
	addrs   map[string]*refusalWindow
	stopped bool
}

// refusalWindow is one address's refusals since its first refusal of the window.
type refusalWindow struct {
	more  int // refusals after the first, not logged one by one
	last  string
	timer *time.Timer
}

func newRefusalLog(log *slog.Logger) *refusalLog {
	return &refusalLog{log: log, window: sshRefusalWindow, addrs: map[string]*refusalWindow{}}
}

// refused records one refused key of fingerprint for user from addr, and logs it when it is the
// first refusal of addr's window.
func (r *refusalLog) refused(addr, user, fingerprint string) {
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if w, ok := r.addrs[host]; ok {
		w.more++
		w.last = fingerprint
		return
	}
	if len(r.addrs) >= sshRefusalTracked {
		host = sshRefusalOthers
		if w, ok := r.addrs[host]; ok {
			w.more++
			w.last = fingerprint
			return
		}
	}
	w := &refusalWindow{}
	r.addrs[host] = w
	if !r.stopped {
		w.timer = time.AfterFunc(r.window, func() { r.flush(host) })
	}
	r.log.Warn("ssh login refused: unknown key", "fingerprint", fingerprint, "user", user, "addr", addr,
		"at", time.Now().Format(time.RFC3339), "next_refusals_logged_after", r.window)
}

// flush ends host's window and logs how many more refusals it had.
func (r *refusalLog) flush(host string) {
	r.mu.Lock()
	w, ok := r.addrs[host]
	delete(r.addrs, host)
	r.mu.Unlock()
	if ok && w.more > 0 {
		r.log.Warn("ssh logins refused: unknown keys", "addr", host, "count", w.more, "within", r.window,
			"last_fingerprint", w.last)
	}
}

// stop ends every window now, logging their counts, and starts no more timers.
func (r *refusalLog) stop() {
	r.mu.Lock()
	r.stopped = true
	hosts := make([]string, 0, len(r.addrs))
	for host, w := range r.addrs {
		if w.timer != nil {
			w.timer.Stop()
		}
		hosts = append(hosts, host)
	}
	r.mu.Unlock()
	for _, host := range hosts {
		r.flush(host)
	}
}
