package meeting

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"diemcau/store"
)

// Rules of automatic incidents (Article 11: faults reported, interruption kept short).
const (
	NoMediaAfter = 5 * time.Second  // a connected bridge point that sends nothing this long is down
	PoorFor      = 10 * time.Second // poor quality this long opens a draft
	PoorLossPct  = 3.0              // loss from which a link counts as poor when it has no grade
	systemActor  = "system"
)

// Observation is what the MCU saw of one bridge point at one instant.
type Observation struct {
	BridgePoint string
	Connected   bool
	Left        bool   // not connected because it left on purpose: absent, not interrupted
	PacketsIn   uint64 // RTP packets received from it, ever (grows while media flows)
	LossPct     float64
	JitterMs    float64
	RTTMs       float64
	Grade       string // "good", "fair", "poor", "bad"; "" when unknown
}

// poor reports whether the observed link is poor or worse.
func (o Observation) poor() bool {
	if o.Grade != "" {
		return o.Grade == "poor" || o.Grade == "bad"
	}
	return o.LossPct >= PoorLossPct
}

// OutageTracker turns observations of bridge points into outages and incident drafts: a drop or
// NoMediaAfter without media opens one outage and one draft until the link is back; PoorFor of
// poor quality opens one draft until the link is good again for PoorFor.
type OutageTracker struct {
	st   *store.Store
	lang string
	log  *slog.Logger

	mu    sync.Mutex
	links map[linkKey]*linkState
}

// linkKey names a bridge point in a meeting.
type linkKey struct {
	meetingID int64
	bp        string
}

// linkState is what the tracker remembers of one bridge point.
type linkState struct {
	seen        bool
	connected   bool
	connectedAt time.Time
	packets     uint64
	lastMedia   time.Time

	outageID    int64
	outageInc   int64
	outageStart time.Time

	poorSince time.Time
	goodSince time.Time
	poorInc   int64
}

// NewOutageTracker returns a tracker writing to st, with draft texts in lang; log may be nil.
func NewOutageTracker(st *store.Store, lang string, log *slog.Logger) *OutageTracker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &OutageTracker{st: st, lang: lang, log: log, links: map[linkKey]*linkState{}}
}

// Observe applies one observation of a bridge point of meetingID made at at.
func (t *OutageTracker) Observe(ctx context.Context, meetingID int64, o Observation, at time.Time) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	k := linkKey{meetingID, o.BridgePoint}
	s := t.links[k]
	if s == nil {
		s = &linkState{}
		t.links[k] = s
	}
	grew := o.PacketsIn != s.packets
	s.packets = o.PacketsIn
	if o.Connected && !s.connected {
		s.connectedAt = at
	}
	s.connected = o.Connected
	if grew {
		s.lastMedia = at
	}
	if !o.Connected && o.Left {
		return t.leave(ctx, k, s, at)
	}
	if !s.seen {
		if !o.Connected {
			return nil // never joined: absent, not interrupted
		}
		s.seen = true
	}
	if s.outageID != 0 {
		if o.Connected && grew {
			return t.endOutage(ctx, k, s, at, true)
		}
		return nil
	}
	if err := t.checkDrop(ctx, k, s, o, at); err != nil || s.outageID != 0 {
		return err
	}
	return t.checkQuality(ctx, k, s, o, at)
}

// leave forgets a bridge point that left on purpose; an outage it was in ends when it left.
func (t *OutageTracker) leave(ctx context.Context, k linkKey, s *linkState, at time.Time) error {
	s.seen = false
	if s.outageID == 0 {
		return nil
	}
	return t.endOutage(ctx, k, s, at, false)
}

// checkDrop opens an outage when the bridge point is disconnected or silent too long.
func (t *OutageTracker) checkDrop(ctx context.Context, k linkKey, s *linkState, o Observation, at time.Time) error {
	since := s.connectedAt
	if s.lastMedia.After(since) {
		since = s.lastMedia
	}
	switch {
	case !o.Connected:
		return t.openOutage(ctx, k, s, "disconnected", since, floorText(t.lang, fkDropDraft))
	case at.Sub(since) >= NoMediaAfter:
		return t.openOutage(ctx, k, s, "no_media", since, floorText(t.lang, fkNoMediaDraft, int(NoMediaAfter/time.Second)))
	}
	return nil
}

// openOutage records the outage and its incident draft, started when media was last seen.
func (t *OutageTracker) openOutage(ctx context.Context, k linkKey, s *linkState, cause string, start time.Time, text string) error {
	inc, err := t.draft(ctx, k, start, text)
	if err != nil {
		return err
	}
	id, err := t.st.OpenOutage(ctx, store.Outage{MeetingID: k.meetingID, BridgePoint: k.bp, Cause: cause, StartedAt: start, IncidentID: inc})
	if err != nil {
		return fmt.Errorf("outage of %s: %w", k.bp, err)
	}
	s.outageID, s.outageInc, s.outageStart = id, inc, start
	s.poorSince = time.Time{}
	t.log.Info("bridge point interrupted", "bp", k.bp, "cause", cause, "incident", inc)
	return nil
}

// endOutage closes the outage and fills the end time of its incident, if not discarded; back
// says the link came back (the incident then says how long it was interrupted).
func (t *OutageTracker) endOutage(ctx context.Context, k linkKey, s *linkState, at time.Time, back bool) error {
	if err := t.st.EndOutage(ctx, s.outageID, at); err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("end outage of %s: %w", k.bp, err)
	}
	lasted := at.Sub(s.outageStart)
	note := ""
	if back {
		note = floorText(t.lang, fkBackAfter, FormatDuration(lasted, t.lang))
	}
	if err := t.finishIncident(ctx, s.outageInc, at, note); err != nil {
		return err
	}
	if _, err := t.st.RecordAction(ctx, k.meetingID, at, systemActor, "outage_end", k.bp,
		fmt.Sprintf("#%d %dms", s.outageID, lasted.Milliseconds())); err != nil {
		return fmt.Errorf("journal outage end of %s: %w", k.bp, err)
	}
	s.outageID, s.outageInc = 0, 0
	s.lastMedia, s.connectedAt = at, at
	t.log.Info("bridge point back", "bp", k.bp, "interruption", lasted)
	return nil
}

// checkQuality opens a draft after PoorFor of poor quality, and ends it after PoorFor of better.
func (t *OutageTracker) checkQuality(ctx context.Context, k linkKey, s *linkState, o Observation, at time.Time) error {
	if o.poor() {
		s.goodSince = time.Time{}
		if s.poorSince.IsZero() {
			s.poorSince = at
		}
		if s.poorInc != 0 || at.Sub(s.poorSince) < PoorFor {
			return nil
		}
		grade := o.Grade
		if grade == "" {
			grade = "poor"
		}
		text := floorText(t.lang, fkPoorDraft, int(PoorFor/time.Second), o.LossPct, o.JitterMs, o.RTTMs, grade)
		id, err := t.draft(ctx, k, s.poorSince, text)
		if err != nil {
			return err
		}
		s.poorInc = id
		return nil
	}
	s.poorSince = time.Time{}
	if s.poorInc == 0 {
		return nil
	}
	if s.goodSince.IsZero() {
		s.goodSince = at
	}
	if at.Sub(s.goodSince) < PoorFor {
		return nil
	}
	id := s.poorInc
	s.poorInc, s.goodSince = 0, time.Time{}
	return t.finishIncident(ctx, id, at, "")
}

// draft stores an incident draft of kind line and journals it, in one transaction; it returns
// the incident id.
func (t *OutageTracker) draft(ctx context.Context, k linkKey, start time.Time, text string) (int64, error) {
	id, err := t.st.SaveIncidentAudited(ctx, store.Incident{MeetingID: k.meetingID, BridgePoint: k.bp, Kind: "line",
		Description: text, StartedAt: start, ReportedBy: systemActor, Status: "draft"},
		store.AuditEntry{At: start, Actor: systemActor, Action: "incident_draft", BridgePoint: k.bp, Detail: "line: " + text})
	if err != nil {
		return 0, fmt.Errorf("incident draft for %s: %w", k.bp, err)
	}
	return id, nil
}

// finishIncident fills the end time of an incident (and appends note), unless it was discarded
// or already has an end.
func (t *OutageTracker) finishIncident(ctx context.Context, id int64, at time.Time, note string) error {
	if id == 0 {
		return nil
	}
	inc, err := t.st.Incident(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("finish incident %d: %w", id, err)
	}
	if !inc.EndedAt.IsZero() {
		return nil
	}
	inc.EndedAt = at
	if note != "" {
		inc.Description += ". " + note
	}
	if _, err := t.st.SaveIncident(ctx, inc); err != nil {
		return fmt.Errorf("finish incident %d: %w", id, err)
	}
	return nil
}

// Finish ends every open outage of meetingID at at (the meeting is over), filling its incident.
func (t *OutageTracker) Finish(ctx context.Context, meetingID int64, at time.Time) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	var errs []error
	for k, s := range t.links {
		if k.meetingID != meetingID {
			continue
		}
		if s.outageID != 0 {
			errs = append(errs, t.endOutage(ctx, k, s, at, false))
		}
		delete(t.links, k)
	}
	return errors.Join(errs...)
}
