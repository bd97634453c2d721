package sip

import (
	"sync"
	"time"
)

// The guard's limits per source address and window: beyond them the source's requests are
// dropped unanswered until the window ends (answers would feed a flood or a reflection).
const (
	guardPeriod       = time.Minute
	guardRequestLimit = 600 // requests of any kind
	guardFailureLimit = 10  // refused INVITEs (wrong credential, unknown bridge point, bad offer)
	guardTrackedMax   = 10000
)

// guard counts what each source address sends, to drop floods and to log a refusal once per
// source and window rather than per request.
type guard struct {
	mu      sync.Mutex
	sources map[string]*guardWindow
}

type guardWindow struct {
	start     time.Time
	requests  int
	failures  int
	logged    bool // a refusal was logged in this window
	dropped   int  // requests dropped in this window
	dropNoted bool // the drop was logged in this window
}

func newGuard() *guard { return &guard{sources: map[string]*guardWindow{}} }

// window returns ip's current window, starting a new one when the last has ended. g.mu is held.
func (g *guard) window(ip string, now time.Time) *guardWindow {
	w := g.sources[ip]
	if w != nil && now.Sub(w.start) < guardPeriod {
		return w
	}
	if w == nil && len(g.sources) >= guardTrackedMax {
		for k, v := range g.sources {
			if now.Sub(v.start) >= guardPeriod {
				delete(g.sources, k)
			}
		}
		if len(g.sources) >= guardTrackedMax {
			return &guardWindow{start: now} // counted nowhere: the table is full of live floods
		}
	}
	w = &guardWindow{start: now}
	g.sources[ip] = w
	return w
}

// admit counts a request from ip and reports whether to handle it; firstDrop is true on the
// first request dropped in the window (to log once).
func (g *guard) admit(ip string, now time.Time) (ok, firstDrop bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	w := g.window(ip, now)
	w.requests++
	if w.requests <= guardRequestLimit && w.failures < guardFailureLimit {
		return true, false
	}
	w.dropped++
	first := !w.dropNoted
	w.dropNoted = true
	return false, first
}

// refused counts a refusal of ip and reports whether it is the first of the window (to log).
func (g *guard) refused(ip string, now time.Time) (first bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	w := g.window(ip, now)
	w.failures++
	first = !w.logged
	w.logged = true
	return first
}
