package meeting

import (
	"context"
	"fmt"
	"strings"
	"time"

	"diemcau/store"
)

// Log is a closed meeting's log (Appendix II): the meeting, its host's name and one entry per
// bridge point, the main one first.
type Log struct {
	Meeting  store.Meeting
	HostName string
	Entries  []store.MeetingLogEntry
	Total    time.Duration // interruption of the whole meeting
	// Incomplete says the meeting ended without its log being closed (quit, SIGTERM, crash):
	// Entries are the proposal, not confirmed.
	Incomplete bool
	// Pending are the incidents not yet settled: drafts (not part of the log) and incidents
	// still in progress.
	Pending  []store.Incident
	Attended Attendance // who was in the room, from the roll call
}

// PrefillLog proposes the Appendix II entries of a meeting for the technician to confirm: every
// bridge point expected or seen (main first), status incident with the confirmed incidents'
// descriptions when it had any (drafts are not the record), devices normal, and its
// interruption time up to now.
func PrefillLog(ctx context.Context, st *store.Store, meetingID int64, now time.Time) ([]store.MeetingLogEntry, error) {
	m, err := st.Meeting(ctx, meetingID)
	if err != nil {
		return nil, fmt.Errorf("prefill log: %w", err)
	}
	ids, err := logBridgePoints(ctx, st, m)
	if err != nil {
		return nil, fmt.Errorf("prefill log: %w", err)
	}
	incidents, err := st.Incidents(ctx, meetingID)
	if err != nil {
		return nil, fmt.Errorf("prefill log: %w", err)
	}
	outages, err := st.Outages(ctx, meetingID)
	if err != nil {
		return nil, fmt.Errorf("prefill log: %w", err)
	}
	perBP, _ := Interruptions(outages, now)
	out := make([]store.MeetingLogEntry, 0, len(ids))
	for i, id := range ids {
		e := store.MeetingLogEntry{MeetingID: meetingID, BridgePoint: id, Position: i, Main: id == m.MainBP,
			Name: id, Status: store.LogNormal, Camera: store.LogNormal, Codec: store.LogNormal,
			Microphone: store.LogNormal, Cables: store.LogNormal, Other: store.LogNormal, Interruption: perBP[id]}
		if bp, err := st.BridgePoint(ctx, id); err == nil {
			e.Name = bp.Name
		}
		var texts []string
		for _, in := range incidents {
			if in.BridgePoint == id && in.Description != "" && in.Status != "draft" { // drafts are not the record
				texts = append(texts, in.Description)
			}
		}
		if len(texts) > 0 || perBP[id] > 0 {
			e.Status = store.LogIncident
		}
		e.IncidentText = strings.Join(texts, "; ")
		out = append(out, e)
	}
	return out, nil
}

// logBridgePoints lists the meeting's bridge points: the main one, the expected ones, then any
// that joined or had an incident without being expected (ad hoc meetings).
func logBridgePoints(ctx context.Context, st *store.Store, m store.Meeting) ([]string, error) {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	add(m.MainBP)
	parts, err := st.Participants(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	for _, id := range parts {
		add(id)
	}
	sessions, err := st.Sessions(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		add(s.BridgePoint)
	}
	return ids, nil
}

// CloseLog journals the close, stores the confirmed entries and ends the meeting, in one
// transaction; the meeting's incidents can still be settled until SubmitLog.
func CloseLog(ctx context.Context, st *store.Store, meetingID int64, entries []store.MeetingLogEntry, actor string, at time.Time) error {
	for i := range entries {
		entries[i].MeetingID, entries[i].ConfirmedBy = meetingID, actor
	}
	if err := st.CloseMeetingLogAudited(ctx, meetingID, entries, at, store.AuditEntry{At: at, Actor: actor,
		Action: ActionLogClose, Detail: fmt.Sprintf("entries=%d", len(entries))}); err != nil {
		return fmt.Errorf("close meeting log: %w", err)
	}
	return nil
}

// Editable reports whether the meeting's incidents may still be edited: its log is not
// submitted (live, or closed and not yet submitted).
func Editable(ctx context.Context, st *store.Store, meetingID int64) (bool, error) {
	m, err := st.Meeting(ctx, meetingID)
	if err != nil {
		return false, fmt.Errorf("meeting %d: %w", meetingID, err)
	}
	return m.LogSubmittedAt.IsZero(), nil
}

// SubmitLog submits a closed meeting's log, audited in the same transaction: its incidents are
// the record from then on. It fails with store.ErrDraftsPending while drafts wait.
func SubmitLog(ctx context.Context, st *store.Store, meetingID int64, actor string, at time.Time) error {
	return st.SubmitMeetingLogAudited(ctx, meetingID, at, store.AuditEntry{At: at, Actor: actor,
		Action: ActionLogSubmit})
}

// ConfirmDraft turns a draft into an open incident (resolved once it has ended), audited in the
// same transaction; after the close it reaches the bridge point's Appendix II entry too.
func ConfirmDraft(ctx context.Context, st *store.Store, in store.Incident, actor string, at time.Time) (store.Incident, error) {
	in.Status = "open"
	if !in.EndedAt.IsZero() {
		in.Status = "resolved"
	}
	err := st.ConfirmDraftIncidentAudited(ctx, in, store.AuditEntry{At: at, Actor: actor,
		Action: ActionIncidentConfirm, BridgePoint: in.BridgePoint, Detail: in.Status})
	return in, err
}

// Pending splits incidents into drafts and incidents still in progress (open), in order.
func Pending(incidents []store.Incident) (drafts, open []store.Incident) {
	for _, in := range incidents {
		switch in.Status {
		case "draft":
			drafts = append(drafts, in)
		case "open":
			open = append(open, in)
		}
	}
	return drafts, open
}

// LoadLog reads a closed meeting's log; it fails for a meeting whose log is not closed.
func LoadLog(ctx context.Context, st *store.Store, meetingID int64, lang string) (Log, error) {
	m, err := st.Meeting(ctx, meetingID)
	if err != nil {
		return Log{}, fmt.Errorf("meeting log: %w", err)
	}
	if m.Status != "closed" {
		return Log{}, fmt.Errorf("%s", floorText(lang, fkLogNotClosed, meetingID))
	}
	entries, err := st.MeetingLog(ctx, meetingID)
	if err != nil {
		return Log{}, err
	}
	incomplete := len(entries) == 0
	if incomplete {
		// Ended without the close view (quit, SIGTERM, crash): the prefilled, unconfirmed entries.
		if entries, err = PrefillLog(ctx, st, meetingID, m.EndedAt); err != nil {
			return Log{}, err
		}
	}
	incidents, err := st.Incidents(ctx, meetingID)
	if err != nil {
		return Log{}, err
	}
	drafts, open := Pending(incidents)
	l := Log{Meeting: m, HostName: m.HostUnit, Entries: entries, Incomplete: incomplete,
		Pending: append(drafts, open...)}
	if units, err := st.Units(ctx); err == nil {
		for _, u := range units {
			if u.ID == m.HostUnit {
				l.HostName = u.Name
			}
		}
	}
	for _, e := range entries {
		l.Total += e.Interruption
	}
	if l.Attended, err = LoadAttendance(ctx, st, meetingID); err != nil {
		return Log{}, err
	}
	return l, nil
}
