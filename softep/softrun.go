package softep

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Rejoin backoff bounds; a link that lived stableLink resets the backoff.
const (
	backoffMin = 500 * time.Millisecond
	backoffMax = 10 * time.Second
	stableLink = 10 * time.Second
)

// LeaveLimit is how long a soft endpoint waits for its WHIP DELETE when it leaves.
const LeaveLimit = 5 * time.Second

// Run joins and keeps the endpoint joined, rejoining after any link failure with exponential
// backoff and jitter, until ctx is done; then it leaves. A refused credential ends Run at once with
// a *JoinRefusedError: retrying a wrong secret cannot help. Once the control center disconnects
// the endpoint, Run returns a *DisconnectedError without rejoining.
func (e *Endpoint) Run(ctx context.Context) error {
	failures := 0
	for ctx.Err() == nil {
		if !Sleep(ctx, e.awayFor()) {
			break
		}
		if err := e.Join(ctx); err != nil {
			if ctx.Err() != nil {
				break
			}
			if refused := (*JoinRefusedError)(nil); errors.As(err, &refused) && refused.Permanent() {
				return err
			}
			failures++
			wait := backoff(failures)
			e.log.Warn("join failed", "err", err, "retry_in", wait.Round(time.Millisecond))
			Sleep(ctx, wait)
			continue
		}
		s := e.session()
		if s == nil {
			continue
		}
		joinedAt := time.Now()
		select {
		case <-ctx.Done():
		case <-s.done:
			if err := e.disconnectedErr(); err != nil {
				e.mu.Lock()
				e.sess = nil
				e.connected.Store(false)
				e.mu.Unlock()
				return err
			}
			if time.Since(joinedAt) >= stableLink {
				failures = 0
			}
			failures++
			wait := backoff(failures)
			e.log.Info("link lost", "reason", s.endReason(), "retry_in", wait.Round(time.Millisecond))
			Sleep(ctx, wait)
		}
	}
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), LeaveLimit)
	defer cancel()
	return e.Leave(lctx)
}

// Drop pulls the cable: the link closes without a WHIP DELETE and Run does not rejoin before d
// has passed. Drop returns after d, or when ctx is done.
func (e *Endpoint) Drop(ctx context.Context, d time.Duration) {
	e.mu.Lock()
	e.awayUntil = time.Now().Add(d)
	s := e.sess
	e.mu.Unlock()
	if s != nil {
		e.log.Info("link dropped", "away", d)
		e.linkEnded(s, "dropped")
	}
	Sleep(ctx, d)
}

// awayFor returns how long a Drop still keeps the endpoint away.
func (e *Endpoint) awayFor() time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return time.Until(e.awayUntil)
}

// backoff returns the wait before rejoin attempt n (1, 2, …): doubling from backoffMin up to
// backoffMax, with ±25 % jitter, never outside those bounds.
func backoff(n int) time.Duration {
	d := backoffMin
	for i := 1; i < n && d < backoffMax; i++ {
		d *= 2
	}
	d = time.Duration(float64(d) * (0.75 + rand.Float64()/2))
	return min(max(d, backoffMin), backoffMax)
}

// Sleep waits d (the tooling's pacing: soft endpoints, the demo script, the bench); it reports false if ctx ended first.
func Sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
