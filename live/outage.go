package live

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"diemcau/meeting"
	"diemcau/store"
)

// Rules of automatic incidents (Article 11: faults reported, interruption kept short). A site is
// down only when its link is: media are not liveness. A muted site (soft or hard), a camera the
// MCU paused, DTX silence or an audio-only site sends little or no RTP and is up; a live peer
// keeps its link busy with STUN consent checks (RFC 7675) and RTCP whatever it sends.
const (
	LinkSilentAfter = 5 * time.Second  // a link that carries nothing (STUN, RTCP, data channel) this long is down
	NoMediaAfter    = 10 * time.Second // an open microphone or a camera on a slot sending no RTP this long opens an audio or video draft
	PoorFor         = 10 * time.Second // poor quality this long opens a draft
	PoorLossPct     = 3.0              // loss from which a link counts as poor when it has no grade
	systemActor     = "system"
)

// Observation is what the MCU saw of one bridge point at one instant.
type Observation struct {
	BridgePoint string
	Connected   bool
	Left        bool // not connected because it left on purpose: absent, not interrupted

	// The link, apart from media.
	LinkDown bool      // ICE consent failed or disconnected, or DTLS failed or closed, while connected
	LinkAt   time.Time // last time anything arrived on the link (STUN, RTCP, data channel, RTP); zero when unknown

	// The media, each its own signal: never a line outage, never interruption time.
	MicOpen      bool   // unmuted, and the site sends a microphone
	AudioIn      uint64 // microphone RTP packets received (grows while audio flows; Opus DTX still sends)
	CameraWanted bool   // its camera is on a video slot and not paused by the MCU
	VideoIn      uint64 // camera RTP packets received

	LossPct  float64
	JitterMs float64
	RTTMs    float64
	Grade    string // "good", "fair", "poor", "bad"; "" when unknown
}

// poor reports whether the observed link is poor or worse.
func (o Observation) poor() bool {
	if o.Grade != "" {
		return o.Grade == "poor" || o.Grade == "bad"
	}
	return o.LossPct >= PoorLossPct
}

// OutageTracker turns observations of bridge points into outages and incident drafts: a drop, a
// failed or closed link, or LinkSilentAfter without any traffic opens one outage and one line
// draft until the link is back; NoMediaAfter without RTP on an open microphone or a camera on a
// slot opens one audio or video draft (no outage) until media flow again; PoorFor of poor
// quality opens one draft until the link is good again for PoorFor.
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
	heardAt     time.Time // last arrival on the link the MCU reported

	outageID    int64
	outageInc   int64
	outageStart time.Time

	audio, video mediaWatch

	poorSince time.Time
	goodSince time.Time
	poorInc   int64
}

// mediaWatch follows one media of a bridge point: microphone or camera.
type mediaWatch struct {
	packets uint64    // RTP packets counted at the last observation
	wanted  bool      // the microphone was open, or the camera on a slot, at the last observation
	since   time.Time // since when it is wanted and nothing came
	inc     int64     // its open draft, 0 when none
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
	if o.Connected && !s.connected {
		s.connectedAt = at
	}
	s.connected = o.Connected
	if o.LinkAt.After(s.heardAt) {
		s.heardAt = o.LinkAt
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
		if !s.linkUp(o, at) {
			return nil
		}
		if err := t.endOutage(ctx, k, s, at, true); err != nil {
			return err
		}
	}
	if err := t.checkDrop(ctx, k, s, o, at); err != nil || s.outageID != 0 {
		return err
	}
	if err := t.checkMedia(ctx, k, &s.audio, o.MicOpen, o.AudioIn, "audio", draftNoAudio, at); err != nil {
		return err
	}
	if err := t.checkMedia(ctx, k, &s.video, o.CameraWanted, o.VideoIn, "video", draftNoVideo, at); err != nil {
		return err
	}
	return t.checkQuality(ctx, k, s, o, at)
}

// lastHeard is when the link last carried anything, or came up, as far as the tracker knows.
func (s *linkState) lastHeard() time.Time {
	if s.heardAt.After(s.connectedAt) {
		return s.heardAt
	}
	return s.connectedAt
}

// linkUp reports whether o shows the link up at at: connected, ICE and DTLS up, and traffic
// within LinkSilentAfter.
func (s *linkState) linkUp(o Observation, at time.Time) bool {
	return o.Connected && !o.LinkDown && at.Sub(s.lastHeard()) < LinkSilentAfter
}

// leave forgets a bridge point that left on purpose; an outage it was in, and its media
// drafts, end when it left.
func (t *OutageTracker) leave(ctx context.Context, k linkKey, s *linkState, at time.Time) error {
	s.seen = false
	err := t.endMedia(ctx, s, at)
	if s.outageID == 0 {
		return err
	}
	return errors.Join(err, t.endOutage(ctx, k, s, at, false))
}

// checkDrop opens an outage when the bridge point's link is down: disconnected, ICE or DTLS
// failed or closed, or silent for LinkSilentAfter. The outage starts when the link last carried
// anything.
func (t *OutageTracker) checkDrop(ctx context.Context, k linkKey, s *linkState, o Observation, at time.Time) error {
	since := s.lastHeard()
	switch {
	case !o.Connected:
		return t.openOutage(ctx, k, s, "disconnected", since, draftText(t.lang, draftDrop))
	case o.LinkDown:
		return t.openOutage(ctx, k, s, "disconnected", since, draftText(t.lang, draftDrop))
	case at.Sub(since) >= LinkSilentAfter: // stored as "no_media": nothing at all arrived
		return t.openOutage(ctx, k, s, "no_media", since, draftText(t.lang, draftSilentLink, int(LinkSilentAfter/time.Second)))
	}
	return nil
}

// checkMedia opens a draft of kind when a wanted medium (an open microphone, a camera on a slot)
// has sent no RTP for NoMediaAfter, and ends it when packets flow again or it is no longer
// wanted (muted, camera off the slots). It is never an outage.
func (t *OutageTracker) checkMedia(ctx context.Context, k linkKey, w *mediaWatch, wanted bool, packets uint64,
	kind string, text string, at time.Time) error {
	grew := packets != w.packets
	w.packets = packets
	if grew || !wanted || !w.wanted {
		w.since = at
	}
	w.wanted = wanted
	if w.inc != 0 {
		if !grew && wanted {
			return nil
		}
		id := w.inc
		w.inc = 0
		return t.finishIncident(ctx, id, at, "")
	}
	if !wanted || at.Sub(w.since) < NoMediaAfter {
		return nil
	}
	id, err := t.draft(ctx, k, kind, w.since, draftText(t.lang, text, int(NoMediaAfter/time.Second)))
	if err != nil {
		return err
	}
	w.inc = id
	return nil
}

// endMedia ends the open media drafts of s at at and restarts their counting: a line outage or
// a leave explains what follows.
func (t *OutageTracker) endMedia(ctx context.Context, s *linkState, at time.Time) error {
	var errs []error
	for _, w := range []*mediaWatch{&s.audio, &s.video} {
		w.since, w.wanted = at, false
		if w.inc != 0 {
			errs = append(errs, t.finishIncident(ctx, w.inc, at, ""))
			w.inc = 0
		}
	}
	return errors.Join(errs...)
}

// openOutage records the outage and its line draft, started when the link last carried anything.
func (t *OutageTracker) openOutage(ctx context.Context, k linkKey, s *linkState, cause string, start time.Time, text string) error {
	if err := t.endMedia(ctx, s, start); err != nil {
		return err
	}
	inc, err := t.draft(ctx, k, "line", start, text)
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
	// Clock jumps must not corrupt the interruption: the duration is taken on the monotonic
	// clock (both instants come from this process's ticker), and the recorded end is the
	// start plus that duration, never before the start.
	lasted := max(0, at.Sub(s.outageStart))
	at = s.outageStart.Add(lasted)
	if err := t.st.EndOutage(ctx, s.outageID, at); err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("end outage of %s: %w", k.bp, err)
	}
	note := ""
	if back {
		note = draftText(t.lang, draftBackAfter, meeting.FormatDuration(lasted, t.lang))
	}
	if err := t.finishIncident(ctx, s.outageInc, at, note); err != nil {
		return err
	}
	if _, err := t.st.RecordAction(ctx, k.meetingID, at, systemActor, string(ActionOutageEnd), k.bp,
		fmt.Sprintf("#%d %dms", s.outageID, lasted.Milliseconds())); err != nil {
		return fmt.Errorf("journal outage end of %s: %w", k.bp, err)
	}
	s.outageID, s.outageInc = 0, 0
	s.audio.since, s.video.since = at, at
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
		text := draftText(t.lang, draftPoor, int(PoorFor/time.Second), o.LossPct, o.JitterMs, o.RTTMs, grade)
		id, err := t.draft(ctx, k, "line", s.poorSince, text)
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

// draft stores an incident draft of kind ("line", "audio", "video") and journals it, in one
// transaction; it returns the incident id.
func (t *OutageTracker) draft(ctx context.Context, k linkKey, kind string, start time.Time, text string) (int64, error) {
	id, err := t.st.SaveIncidentAudited(ctx, store.Incident{MeetingID: k.meetingID, BridgePoint: k.bp, Kind: kind,
		Description: text, StartedAt: start, ReportedBy: systemActor, Status: "draft"},
		store.AuditEntry{At: start, Actor: systemActor, Action: string(ActionIncidentDraft), BridgePoint: k.bp, Detail: kind + ": " + text})
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
	if at.Before(inc.StartedAt) { // the wall clock was set back meanwhile
		at = inc.StartedAt
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

// Finish ends every open outage and media draft of meetingID at at (the meeting is over),
// filling its incident.
func (t *OutageTracker) Finish(ctx context.Context, meetingID int64, at time.Time) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	var errs []error
	for k, s := range t.links {
		if k.meetingID != meetingID {
			continue
		}
		errs = append(errs, t.endMedia(ctx, s, at))
		if s.outageID != 0 {
			errs = append(errs, t.endOutage(ctx, k, s, at, false))
		}
		delete(t.links, k)
	}
	return errors.Join(errs...)
}
