package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"time"

	"diemcau/softep"
	"diemcau/softsip"
)

// Bench timing.
const (
	benchJoinLimit = 30 * time.Second // all endpoints must be connected and receiving by then
	benchWarmUp    = 3 * time.Second  // after the joins, before measuring: slots settle, keyframes
	benchTalkers   = 3                // endpoints sending speech: the main one and two others
)

// Config describes one `diemcau bench` run.
type Config struct {
	Executable  string        // the diemcau binary, run again as the MCU child (`bench-mcu`)
	Endpoints   int           // soft endpoints joining at once, the main one included
	Duration    time.Duration // measuring window
	Bitrate     int           // requested video bitrate, bit/s: the clip is sent as recorded, see Result.InKbps
	MCUCPU      string        // CPU list for `taskset -c` of the MCU child; "" leaves it unpinned
	CPUProfile  string        // file for a CPU profile of the MCU under load (and FILE.heap, its heap at the end); "" for none
	LoadProfile string        // file for a CPU profile of this process (the soft endpoints) over the window; "" for none
	Clips       *softep.Clips
	SIP         int            // SIP room systems calling in beside the endpoints (0: a WebRTC-only bench)
	SIPClips    *softsip.Clips // what they send; needed when SIP > 0
	Log         *slog.Logger   // endpoint logs (warnings and errors only is best)
	Progress    io.Writer      // one line per phase; nil for silence
}

// Run starts the MCU child, joins every endpoint at once, measures for cfg.Duration with one
// talking endpoint hard-muted half way, and returns the results.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if cfg.Endpoints < 2 || cfg.Duration <= 0 || cfg.Clips == nil || cfg.Executable == "" {
		return Result{}, errors.New("bench: need an executable, clips, at least 2 endpoints and a duration")
	}
	if cfg.SIP < 0 || (cfg.SIP > 0 && cfg.SIPClips == nil) {
		return Result{}, errors.New("bench: SIP sites need a count ≥ 0 and their clips")
	}
	progress := func(format string, args ...any) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, format+"\n", args...)
		}
	}
	mcu, err := startBenchMCU(ctx, cfg.Executable, cfg.Endpoints+cfg.SIP, cfg.SIP, cfg.MCUCPU)
	if err != nil {
		return Result{}, err
	}
	defer mcu.stop()
	progress("MCU pid %d at %s", mcu.pid(), mcu.ready.URL)

	eps := benchEndpoints(cfg, mcu.ready)
	muted := eps[1]
	defer leaveAll(eps)
	progress("joining %d endpoints at once", len(eps))
	joins, failed := joinAll(ctx, eps)
	if ctx.Err() != nil {
		return Result{}, ctx.Err()
	}
	if len(failed) == len(eps) {
		return Result{}, fmt.Errorf("bench: no endpoint joined: %w", failed[0])
	}
	for _, err := range failed {
		progress("%v", err)
	}
	res := Result{Endpoints: cfg.Endpoints, Seconds: cfg.Duration.Seconds(), RequestedKbps: float64(cfg.Bitrate) / 1000,
		MCUCPUList: cfg.MCUCPU, Joined: len(eps) - len(failed), JoinFailed: len(failed)}
	res.JoinP50Ms, res.JoinP99Ms, res.JoinMaxMs = percentileMs(joins, 50), percentileMs(joins, 99), percentileMs(joins, 100)
	progress("joined %d of %d: p50 %.0f ms, p99 %.0f ms; warming up", res.Joined, len(eps), res.JoinP50Ms, res.JoinP99Ms)
	if !softep.Sleep(ctx, benchWarmUp) {
		return res, ctx.Err()
	}
	var sips *sipSites
	if cfg.SIP > 0 {
		if sips, err = dialSIP(ctx, cfg, mcu, &res, progress); err != nil {
			return res, err
		}
		defer sips.hangupAll()
		if !softep.Sleep(ctx, benchWarmUp) {
			return res, ctx.Err()
		}
		if err := sips.memory(mcu, &res); err != nil {
			return res, err
		}
		sips.probe.Reset()
	}
	m := &benchMeasure{mcu: mcu, eps: eps, muted: muted, sips: sips}
	if err := m.run(ctx, cfg, &res, progress); err != nil {
		return res, err
	}
	return res, nil
}

// benchEndpoints builds the soft endpoints: the first benchTalkers talk (one fewer with SIP
// sites, whose probe tone holds the third audio slot), the second one ignores mute orders (so
// that only the MCU can silence it), the others send room tone.
func benchEndpoints(cfg Config, ready Ready) []*softep.Endpoint {
	talkers := benchTalkers
	if cfg.SIP > 0 {
		talkers--
	}
	eps := make([]*softep.Endpoint, 0, cfg.Endpoints)
	for i, id := range ready.IDs[:cfg.Endpoints] {
		e := softep.New(softep.Config{URL: ready.URL, ID: id, Token: ready.Secrets[id], Clips: cfg.Clips,
			Receive: true, CountOnly: true, IgnoreMute: i == 1, Log: cfg.Log})
		e.SetTalking(i < talkers)
		eps = append(eps, e)
	}
	return eps
}

// joinAll joins every endpoint at the same moment and returns, for each, the time from the
// start of its join to its first received media packet; an endpoint that did not get there
// within benchJoinLimit counts as benchJoinLimit and its error is returned.
func joinAll(ctx context.Context, eps []*softep.Endpoint) ([]time.Duration, []error) {
	return allAtOnce(ctx, eps, (*softep.Endpoint).Join)
}

// site is a bench site joining: a WebRTC soft endpoint or a SIP room system.
type site interface {
	ID() string
	FirstPacket() time.Time
}

// allAtOnce runs join for every site at the same moment and returns, for each, the time from
// the start of its join to its first received media packet; a site that did not get there
// within benchJoinLimit counts as benchJoinLimit and its error is returned.
func allAtOnce[S site](ctx context.Context, sites []S, join func(S, context.Context) error) ([]time.Duration, []error) {
	ctx, cancel := context.WithTimeout(ctx, benchJoinLimit)
	defer cancel()
	out := make([]time.Duration, len(sites))
	errs := make([]error, len(sites))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, e := range sites {
		wg.Go(func() {
			<-start
			t0 := time.Now()
			out[i] = benchJoinLimit
			if err := join(e, ctx); err != nil {
				errs[i] = err
				return
			}
			for e.FirstPacket().IsZero() {
				if !softep.Sleep(ctx, 10*time.Millisecond) {
					errs[i] = fmt.Errorf("%s received no media: %w", e.ID(), ctx.Err())
					return
				}
			}
			out[i] = e.FirstPacket().Sub(t0)
		})
	}
	close(start)
	wg.Wait()
	var failed []error
	for _, err := range errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	return out, failed
}

// leaveAll ends every endpoint's session, all at once.
func leaveAll(eps []*softep.Endpoint) {
	var wg sync.WaitGroup
	for _, e := range eps {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), softep.LeaveLimit)
			defer cancel()
			_ = e.Leave(ctx)
		})
	}
	wg.Wait()
}

// percentileMs is the p-th percentile (nearest rank) of ds in milliseconds.
func percentileMs(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(p/100*float64(len(s))+0.999999) - 1
	rank = min(max(rank, 0), len(s)-1)
	return float64(s[rank]) / float64(time.Millisecond)
}
