package live

import (
	"context"
	"time"
)

// ObserveEvery is how often Run samples the conference.
const ObserveEvery = time.Second

// Feed samples a live conference: its meeting id and one observation per member; ok is false
// once the conference has ended.
type Feed func() (meetingID int64, obs []Observation, ok bool)

// Run samples feed every ObserveEvery and applies the observations, until ctx ends or the
// conference does; then it ends the meeting's open outages. It runs with or without a console.
func (t *OutageTracker) Run(ctx context.Context, feed Feed) {
	tick := time.NewTicker(ObserveEvery)
	defer tick.Stop()
	var meetingID int64
	for {
		select {
		case <-ctx.Done():
			t.finishRun(meetingID)
			return
		case at := <-tick.C:
			id, obs, ok := feed()
			if !ok {
				t.finishRun(meetingID)
				return
			}
			meetingID = id
			for _, o := range obs {
				if err := t.Observe(ctx, id, o, at); err != nil {
					t.log.Error("outage tracker", "bp", o.BridgePoint, "err", err)
				}
			}
		}
	}
}

// finishRun ends the open outages of the meeting Run watched.
func (t *OutageTracker) finishRun(meetingID int64) {
	if meetingID == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := t.Finish(ctx, meetingID, time.Now()); err != nil {
		t.log.Error("outage tracker: finish", "err", err)
	}
}
