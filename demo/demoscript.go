package demo

import (
	"context"
	"math/rand/v2"
	"slices"
	"time"

	"diemcau/softep"
)

// Script timings in script seconds (one round; rounds repeat with other bridge points).
const (
	roundLength   = 60.0
	lossStart     = 15.0
	lossLength    = 20.0
	lossPct       = 8.0
	dropStart     = 35.0
	dropLength    = 10.0
	incidentAt    = 45.0
	directorTick  = 100 * time.Millisecond
	speakMinGap   = 8.0
	speakMaxGap   = 20.0
	cancelChance  = 0.35
	mainTalkMin   = 4.0
	mainTalkMax   = 12.0
	mainPauseMin  = 0.8
	mainPauseMax  = 2.5
	blurtMin      = 2.0
	blurtMax      = 4.0
	blurtAtFirst  = 25.0
	blurtAtSecond = 52.0
)

// cue is one scripted step due at a wall-clock time.
type cue struct {
	at   time.Time
	what string
	do   func()
}

// demoScript directs the meeting from one goroutine; its rng is used only there.
type demoScript struct {
	d         *Demo
	ctx       context.Context
	rng       *rand.Rand
	cues      []cue
	round     int
	mainTalks bool
	mainNext  time.Time                      // when the main bridge point next starts or stops talking
	blurting  map[*softep.Endpoint]time.Time // unsolicited talk until
	incidents int
}

// newDemoScript returns the script of d driven by rng.
func newDemoScript(d *Demo, rng *rand.Rand) *demoScript {
	return &demoScript{d: d, rng: rng, blurting: map[*softep.Endpoint]time.Time{}}
}

// play runs rounds until ctx is done.
func (s *demoScript) play(ctx context.Context) {
	s.ctx = ctx
	start := time.Now()
	s.mainTalks, s.mainNext = true, start.Add(s.span(mainTalkMin, mainTalkMax))
	s.startRound(start)
	s.scheduleSpeakRequest(start)
	ticker := time.NewTicker(directorTick)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-ticker.C:
			s.runDue(now)
			s.direct(now)
		}
	}
}

// span returns a random duration between lo and hi script seconds.
func (s *demoScript) span(lo, hi float64) time.Duration {
	return s.d.at(lo + s.rng.Float64()*(hi-lo))
}

// add schedules a cue after script seconds from base.
func (s *demoScript) add(base time.Time, after time.Duration, what string, do func()) {
	s.cues = append(s.cues, cue{at: base.Add(after), what: what, do: do})
}

// runDue runs the cues whose time has come, in time order.
func (s *demoScript) runDue(now time.Time) {
	slices.SortFunc(s.cues, func(a, b cue) int { return a.at.Compare(b.at) })
	n := 0
	for n < len(s.cues) && !s.cues[n].at.After(now) {
		n++
	}
	due := slices.Clone(s.cues[:n])
	s.cues = slices.Delete(s.cues, 0, n)
	for _, c := range due {
		s.d.log.Debug("demo: "+c.what, "round", s.round)
		c.do()
	}
}

// direct decides every tick who talks: a sub with the floor or blurting, and the main bridge
// point in its talk phases unless a sub holds the floor.
func (s *demoScript) direct(now time.Time) {
	floorHeld := false
	for _, e := range s.d.subs {
		floor := e.Floor()
		floorHeld = floorHeld || floor
		e.SetTalking(floor || now.Before(s.blurting[e]))
	}
	if !now.Before(s.mainNext) {
		s.mainTalks = !s.mainTalks
		if s.mainTalks {
			s.mainNext = now.Add(s.span(mainTalkMin, mainTalkMax))
		} else {
			s.mainNext = now.Add(s.span(mainPauseMin, mainPauseMax))
		}
	}
	s.d.main.SetTalking(s.mainTalks && !floorHeld)
}

// cast picks n distinct sub bridge points for this round's roles (repeating when there are fewer).
func (s *demoScript) cast(n int) []*softep.Endpoint {
	if len(s.d.subs) == 0 {
		return nil
	}
	order := s.rng.Perm(len(s.d.subs))
	cast := make([]*softep.Endpoint, n)
	for i := range cast {
		cast[i] = s.d.subs[order[i%len(order)]]
	}
	return cast
}

// startRound schedules one round of episodes from base, and the next round.
func (s *demoScript) startRound(base time.Time) {
	s.round++
	roles := s.cast(4)
	if roles != nil {
		lossy, dropper, blurter, reporter := roles[0], roles[1], roles[2], roles[3]
		s.add(base, s.d.at(lossStart), "loss episode starts at "+lossy.ID(), func() { lossy.SetLoss(lossPct) })
		s.add(base, s.d.at(lossStart+lossLength), "loss episode ends at "+lossy.ID(), func() { lossy.SetLoss(0) })
		s.add(base, s.d.at(dropStart), "link drop at "+dropper.ID(), func() {
			go dropper.Drop(s.ctx, s.d.at(dropLength))
		})
		for _, at := range []float64{blurtAtFirst, blurtAtSecond} {
			s.add(base, s.d.at(at), "unsolicited talk at "+blurter.ID(), func() {
				s.blurting[blurter] = time.Now().Add(s.span(blurtMin, blurtMax))
			})
		}
		s.add(base, s.d.at(incidentAt), "incident from "+reporter.ID(), func() {
			text := demoIncidentText(s.d.lang, s.incidents, reporter.ID())
			s.incidents++
			if err := reporter.ReportIncident(text); err != nil {
				s.d.log.Debug("demo: incident not sent", "err", err)
			}
		})
	}
	next := base.Add(s.d.at(roundLength))
	s.add(next, 0, "round starts", func() { s.startRound(next) })
}

// scheduleSpeakRequest schedules the next speak request 8–20 script seconds after base.
func (s *demoScript) scheduleSpeakRequest(base time.Time) {
	at := base.Add(s.span(speakMinGap, speakMaxGap))
	s.add(at, 0, "speak request due", func() {
		s.requestSpeak(at)
		s.scheduleSpeakRequest(at)
	})
}

// requestSpeak has a random connected sub without the floor ask to speak; some cancel later.
func (s *demoScript) requestSpeak(now time.Time) {
	var candidates []*softep.Endpoint
	for _, e := range s.d.subs {
		if e.Connected() && !e.Floor() {
			candidates = append(candidates, e)
		}
	}
	if len(candidates) == 0 {
		return
	}
	e := candidates[s.rng.IntN(len(candidates))]
	if err := e.RequestSpeak(); err != nil {
		s.d.log.Debug("demo: speak request not sent", "bridge_point", e.ID(), "err", err)
		return
	}
	s.d.log.Debug("demo: speak request", "bridge_point", e.ID())
	if s.rng.Float64() < cancelChance {
		s.add(now, s.span(6, 15), "speak cancel by "+e.ID(), func() {
			if !e.Floor() {
				_ = e.CancelSpeak()
			}
		})
	}
}
