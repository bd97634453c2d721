package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Outage is one interruption of a bridge point's link in a meeting: it dropped, or sent no media.
type Outage struct {
	ID          int64
	MeetingID   int64
	BridgePoint string
	Cause       string // "disconnected" (or ICE/DTLS down) or "no_media" (nothing, not even STUN or RTCP, arrived)
	StartedAt   time.Time
	EndedAt     time.Time // zero while it lasts
	IncidentID  int64     // the incident draft opened for it; 0 once discarded
}

// Duration is how long the outage lasted, or has lasted by now while it is open.
func (o Outage) Duration(now time.Time) time.Duration {
	end := o.EndedAt
	if end.IsZero() {
		end = now
	}
	return max(0, end.Sub(o.StartedAt))
}

// OpenOutage records the start of an outage and returns its id.
func (s *Store) OpenOutage(ctx context.Context, o Outage) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO outages (meeting_id, bridge_point, cause, started_at, incident_id) VALUES (?, ?, ?, ?, ?)`,
		o.MeetingID, o.BridgePoint, o.Cause, msOrNow(o.StartedAt), idOrNull(o.IncidentID))
	if err != nil {
		return 0, fmt.Errorf("open outage of %q: %w", o.BridgePoint, err)
	}
	return lastID(res, "open outage")
}

// EndOutage records the end of an outage; ErrNotFound when there is no such open outage.
func (s *Store) EndOutage(ctx context.Context, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE outages SET ended_at = max(?, started_at) WHERE id = ? AND ended_at IS NULL`, msOrNow(at), id)
	if err != nil {
		return fmt.Errorf("end outage %d: %w", id, err)
	}
	return affectedOne(res, fmt.Sprintf("end outage %d", id))
}

// Outages returns the outages of a meeting in the order they started.
func (s *Store) Outages(ctx context.Context, meetingID int64) ([]Outage, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, meeting_id, bridge_point, cause, started_at, ended_at, coalesce(incident_id, 0)
		FROM outages WHERE meeting_id = ? ORDER BY started_at, id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("read outages of meeting %d: %w", meetingID, err)
	}
	defer rows.Close()
	var out []Outage
	for rows.Next() {
		var (
			o              Outage
			started, ended sql.NullInt64
		)
		if err := rows.Scan(&o.ID, &o.MeetingID, &o.BridgePoint, &o.Cause, &started, &ended, &o.IncidentID); err != nil {
			return nil, fmt.Errorf("read outages of meeting %d: %w", meetingID, err)
		}
		o.StartedAt, o.EndedAt = timeFromMs(started), timeFromMs(ended)
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read outages of meeting %d: %w", meetingID, err)
	}
	return out, nil
}

// DiscardDraftIncident deletes an incident that is still a draft; ErrNotFound when there is no
// such draft (it was confirmed, or never existed). Outages keep their times.
func (s *Store) DiscardDraftIncident(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM incidents WHERE id = ? AND status = 'draft'`, id)
	if err != nil {
		return fmt.Errorf("discard draft incident %d: %w", id, err)
	}
	return affectedOne(res, fmt.Sprintf("discard draft incident %d", id))
}
