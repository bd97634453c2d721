package sip

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"diemcau/mcu"
)

// Defaults of a Dialer.
const (
	DefaultRedial      = 3                // redials of a dropped call
	DefaultRedialEvery = 10 * time.Second // the wait before each
	DefaultRingFor     = 30 * time.Second // how long a terminal may ring before the call is CANCELled
)

// ErrNoTerminal is a bridge point whose registry entry gives no address to call (device_ip).
var ErrNoTerminal = errors.New("the bridge point has no terminal address (device_ip) to call")

// ErrConnected is a dial of a bridge point whose call is connected.
var ErrConnected = errors.New("the bridge point's call is connected")

// TargetFunc is the address of bridgePoint's terminal (IP or IP:port); "" when it has none.
type TargetFunc func(ctx context.Context, bridgePoint string) (string, error)

// Event is one thing that happened to a dialled call, for the audit log.
type Event struct {
	Kind  string // "attempt" (an INVITE sent), "connected", "failed", "dropped", "hangup"
	State mcu.CallState
}

// DialerConfig is what a Dialer works with.
type DialerConfig struct {
	Server      *Server
	MCU         *mcu.MCU // where each site's call state is shown (MCU.SetCall); nil = nowhere
	Target      TargetFunc
	Redial      int                                // redials of a dropped call (0 = none)
	RedialEvery time.Duration                      // the wait before each (0 = DefaultRedialEvery)
	RingFor     time.Duration                      // 0 = DefaultRingFor
	OnEvent     func(bridgePoint string, ev Event) // nil = none; called outside the dialler's lock
}

// Dialer places calls to the terminals of bridge points and redials a call that drops (a BYE
// from the far end, its media gone silent, an error) — not one a technician hung up or
// disconnected. It keeps each site's call state.
type Dialer struct {
	cfg DialerConfig

	mu     sync.Mutex
	sites  map[string]*dialSite
	closed bool
	wg     sync.WaitGroup
}

// dialSite is one bridge point's calls: its state and the work under way.
type dialSite struct {
	st     mcu.CallState
	c      *call              // the connected call; nil when none
	gen    int                // bumped by every Dial and HangUp: older work stops
	cancel context.CancelFunc // stops the calling or the wait under way
}

// NewDialer is a dialler placing calls through cfg.Server.
func NewDialer(cfg DialerConfig) *Dialer {
	if cfg.RedialEvery <= 0 {
		cfg.RedialEvery = DefaultRedialEvery
	}
	if cfg.RingFor <= 0 {
		cfg.RingFor = DefaultRingFor
	}
	return &Dialer{cfg: cfg, sites: map[string]*dialSite{}}
}

// CanDial reports whether bridgePoint has a terminal address to call.
func (d *Dialer) CanDial(ctx context.Context, bridgePoint string) bool {
	t, err := d.cfg.Target(ctx, bridgePoint)
	return err == nil && t != ""
}

// State is bridgePoint's call state (the zero value when never dialled).
func (d *Dialer) State(bridgePoint string) mcu.CallState {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s := d.sites[bridgePoint]; s != nil {
		return s.st
	}
	return mcu.CallState{}
}

// Dial starts calling bridgePoint's terminal (a call under way or a redial waited for starts
// again); it returns once the call is placed, not answered: State follows it.
func (d *Dialer) Dial(ctx context.Context, bridgePoint string) error {
	target, err := d.cfg.Target(ctx, bridgePoint)
	if err != nil {
		return fmt.Errorf("the terminal address of %s: %w", bridgePoint, err)
	}
	if target == "" {
		return fmt.Errorf("%s: %w", bridgePoint, ErrNoTerminal)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return errors.New("the dialler is stopped")
	}
	s := d.site(bridgePoint)
	if s.c != nil {
		return fmt.Errorf("%s: %w", bridgePoint, ErrConnected)
	}
	d.startLocked(bridgePoint, s, target, 0, 0)
	return nil
}

// HangUp ends bridgePoint's call, or stops its calling or redials; it is not redialled. False
// when there was nothing to end.
func (d *Dialer) HangUp(bridgePoint string) bool {
	d.mu.Lock()
	s := d.sites[bridgePoint]
	if s == nil || s.st.State == "" || s.st.State == mcu.CallEnded {
		d.mu.Unlock()
		return false
	}
	s.gen++
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	c := s.c
	s.c = nil
	st := d.setLocked(bridgePoint, s, mcu.CallState{State: mcu.CallEnded})
	d.mu.Unlock()
	if c != nil {
		c.end(hungUp, true, true)
	}
	d.event(bridgePoint, Event{Kind: "hangup", State: st})
	return true
}

// Close stops every calling and redial (the calls themselves end with the server).
func (d *Dialer) Close() {
	d.mu.Lock()
	d.closed = true
	for _, s := range d.sites {
		s.gen++
		if s.cancel != nil {
			s.cancel()
		}
	}
	d.mu.Unlock()
	d.wg.Wait()
}

func (d *Dialer) site(bp string) *dialSite {
	s := d.sites[bp]
	if s == nil {
		s = &dialSite{}
		d.sites[bp] = s
	}
	return s
}

// setLocked records bridgePoint's state, in the dialler and in the MCU's snapshot.
func (d *Dialer) setLocked(bp string, s *dialSite, st mcu.CallState) mcu.CallState {
	st.Since = time.Now()
	if st.Tries == 0 && st.Try > 0 {
		st.Tries = d.cfg.Redial
	}
	s.st = st
	if d.cfg.MCU != nil {
		d.cfg.MCU.SetCall(bp, st)
	}
	return st
}

func (d *Dialer) event(bp string, ev Event) {
	if d.cfg.OnEvent != nil {
		d.cfg.OnEvent(bp, ev)
	}
}

// startLocked starts the calls of bridgePoint from try (0: a first call), after wait.
func (d *Dialer) startLocked(bp string, s *dialSite, target string, try int, wait time.Duration) {
	s.gen++
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	gen := s.gen
	if try > 0 {
		d.setLocked(bp, s, mcu.CallState{State: mcu.CallRedial, Try: try})
	} else {
		d.setLocked(bp, s, mcu.CallState{State: mcu.CallCalling})
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.run(ctx, bp, target, gen, try, wait)
	}()
}

// current runs f under the lock when gen is still bridgePoint's work; false when it is not.
func (d *Dialer) current(bp string, gen int, f func(s *dialSite)) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.sites[bp]
	if s == nil || s.gen != gen || d.closed {
		return false
	}
	f(s)
	return true
}

// run places the call (try 0) or the redials from try until one connects or they run out.
func (d *Dialer) run(ctx context.Context, bp, target string, gen, try int, wait time.Duration) {
	for {
		if wait > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
		var st mcu.CallState
		if !d.current(bp, gen, func(s *dialSite) {
			st = d.setLocked(bp, s, mcu.CallState{State: mcu.CallCalling, Try: try})
		}) {
			return
		}
		d.event(bp, Event{Kind: "attempt", State: st})
		ringing := func() {
			d.current(bp, gen, func(s *dialSite) { d.setLocked(bp, s, mcu.CallState{State: mcu.CallRinging, Try: try}) })
		}
		c, err := d.cfg.Server.dial(ctx, bp, target, d.cfg.RingFor, ringing, d.onEnd(bp, gen))
		if err == nil {
			if !d.current(bp, gen, func(s *dialSite) {
				s.c = c
				s.cancel = nil
				st = d.setLocked(bp, s, mcu.CallState{State: mcu.CallConnected, Try: try})
			}) {
				c.end(hungUp, true, true)
				return
			}
			d.event(bp, Event{Kind: "connected", State: st})
			return
		}
		var de *DialError
		if !errors.As(err, &de) {
			de = &DialError{Cause: "error", Err: err}
		}
		if de.Cause == "cancelled" {
			return
		}
		next := try > 0 && try < d.cfg.Redial
		if !d.current(bp, gen, func(s *dialSite) {
			fail := mcu.CallState{State: stateOf(de), Try: try, Code: de.Code, Cause: de.Cause}
			if try > 0 && !next {
				fail.State = mcu.CallFailed
			}
			st = d.setLocked(bp, s, fail)
			if next {
				s.st.State = mcu.CallRedial
				s.st.Try = try + 1
				st2 := s.st
				if d.cfg.MCU != nil {
					d.cfg.MCU.SetCall(bp, st2)
				}
			}
		}) {
			return
		}
		d.event(bp, Event{Kind: "failed", State: st})
		if !next {
			return
		}
		try++
		wait = d.cfg.RedialEvery
	}
}

// hungUp is the end reason of a dial-out the technician hung up.
const hungUp = "hung up"

// dialOutReason is why a dial-out's member left the conference, from why its call ended: the
// terminal hanging up is a drop ("dropped": an outage, redialled), the technician's hang-up a
// deliberate leave ("left"); anything else as it is (a silent media's "timeout").
func dialOutReason(reason string) string {
	switch reason {
	case "left":
		return "dropped"
	case hungUp:
		return "left"
	}
	return reason
}

// onEnd is what a connected call of generation gen does when it ends: a drop from the SIP
// side (tell) is redialled; an end the server chose (a hang-up, a technician's disconnect) is not.
func (d *Dialer) onEnd(bp string, gen int) func(reason string, tell bool) {
	return func(reason string, tell bool) {
		cause := "dropped"
		if reason == "timeout" {
			cause = "timeout"
		}
		var target string
		if tell && d.cfg.Redial > 0 {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			target, _ = d.cfg.Target(ctx, bp)
			cancel()
		}
		var st mcu.CallState
		ok := d.current(bp, gen, func(s *dialSite) {
			s.c = nil
			if !tell || target == "" {
				state := mcu.CallEnded
				if tell {
					state = mcu.CallFailed
				}
				st = d.setLocked(bp, s, mcu.CallState{State: state, Cause: cause})
				return
			}
			st = mcu.CallState{State: mcu.CallFailed, Cause: cause, Since: time.Now()}
			d.startLocked(bp, s, target, 1, d.cfg.RedialEvery)
		})
		if ok {
			d.event(bp, Event{Kind: "dropped", State: st})
		}
	}
}
