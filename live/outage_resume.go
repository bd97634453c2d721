package live

import (
	"context"
	"fmt"
	"time"
)

// Down is a bridge point cut off by the server stopping: interrupted since Since, until it
// rejoins. OutageID and IncidentID name an outage still open from before the stop, to continue.
type Down struct {
	BridgePoint string
	Since       time.Time
	OutageID    int64
	IncidentID  int64
}

// Resume makes the tracker treat each bridge point in downs as interrupted: an outage and its
// incident draft opened at Since (or the outage still open continued), ended when the bridge
// point is back with media. Call it before Run.
func (t *OutageTracker) Resume(ctx context.Context, meetingID int64, downs []Down) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, d := range downs {
		k := linkKey{meetingID, d.BridgePoint}
		s := &linkState{seen: true}
		t.links[k] = s
		if d.OutageID != 0 {
			s.outageID, s.outageInc, s.outageStart = d.OutageID, d.IncidentID, d.Since
			continue
		}
		if err := t.openOutage(ctx, k, s, "disconnected", d.Since, draftText(t.lang, draftRestart)); err != nil {
			return fmt.Errorf("resume: %w", err)
		}
	}
	return nil
}
