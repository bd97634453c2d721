package demo

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"diemcau/softep"
)

// demoStagger is the time over which the demo's endpoints join.
const demoStagger = 2 * time.Second

// BridgePoint is one bridge point the demo plays.
type BridgePoint struct {
	ID, Token string
	Main      bool // the main bridge point: it talks most of the time
}

// Demo plays a scripted meeting with soft endpoints: the main bridge point talking, speak
// requests, floor grants, a loss episode, a dropped link, unsolicited talk and an incident report.
type Demo struct {
	log   *slog.Logger
	main  *softep.Endpoint
	subs  []*softep.Endpoint
	all   []*softep.Endpoint
	byID  map[string]*softep.Endpoint
	seed  uint64
	scale float64 // script time multiplier; tests shrink it
	lang  string
}

// New prepares one soft endpoint per bridge point; the first with Main set (else the first)
// plays the main bridge point.
func New(url string, eps []BridgePoint, clips *softep.Clips, log *slog.Logger) *Demo {
	if log == nil {
		log = slog.Default()
	}
	d := &Demo{log: log, byID: make(map[string]*softep.Endpoint, len(eps)), seed: 1, scale: 1, lang: "vi"}
	mainIdx := 0
	for i, ep := range eps {
		if ep.Main {
			mainIdx = i
			break
		}
	}
	for i, ep := range eps {
		// Each demo site answers the roll call with a plausible room (a few sites leave it to the
		// technician, so that typing a count can be tried too).
		attendees := 0
		if i%7 != 3 {
			attendees = 8 + (i*13)%30
		}
		e := softep.New(softep.Config{URL: url, ID: ep.ID, Token: ep.Token, Clips: clips, Receive: true,
			Attendees: attendees, Log: log})
		d.all = append(d.all, e)
		d.byID[ep.ID] = e
		if i == mainIdx {
			d.main = e
		} else {
			d.subs = append(d.subs, e)
		}
	}
	return d
}

// SetSeed makes the script's choices repeatable; call before Run.
func (d *Demo) SetSeed(seed uint64) { d.seed = seed }

// Endpoint returns the soft endpoint playing bridge point id, or nil.
func (d *Demo) Endpoint(id string) *softep.Endpoint { return d.byID[id] }

// Run joins all endpoints (staggered over about two seconds), plays the script until ctx is
// done, and returns once every endpoint has left.
func (d *Demo) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for i, e := range d.all {
		delay := d.at(demoStagger.Seconds() * float64(i) / float64(max(1, len(d.all))))
		wg.Go(func() {
			if softep.Sleep(ctx, delay) {
				if err := e.Run(ctx); err != nil {
					d.log.Warn("demo endpoint stopped", "bridge_point", e.ID(), "err", err)
				}
			}
		})
	}
	if d.main != nil {
		script := newDemoScript(d, rand.New(rand.NewPCG(d.seed, d.seed^0x9e3779b97f4a7c15)))
		wg.Go(func() { script.play(ctx) })
	}
	wg.Wait()
	return nil
}

// at converts script seconds to wall time.
func (d *Demo) at(seconds float64) time.Duration {
	return time.Duration(seconds * d.scale * float64(time.Second))
}
