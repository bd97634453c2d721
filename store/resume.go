package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// What a restarted server reads to resume the meeting it was running.

// LatestLiveMeeting returns the most recently started meeting that is still live, or an error
// wrapping ErrNotFound when every meeting is closed.
func (s *Store) LatestLiveMeeting(ctx context.Context) (Meeting, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `
		SELECT id FROM meetings WHERE status = 'live' ORDER BY started_at DESC, id DESC LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, fmt.Errorf("live meeting: %w", ErrNotFound)
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("live meeting: %w", err)
	}
	return s.Meeting(ctx, id)
}

// LastRecorded returns the latest moment anything of the meeting was written: an action, a
// join or leave, a speak request, an outage or an incident. It is the last moment the server
// is known to have been running the meeting; the zero time when nothing was written.
func (s *Store) LastRecorded(ctx context.Context, meetingID int64) (time.Time, error) {
	var last sql.NullInt64
	err := s.db.QueryRowContext(ctx, `
		SELECT max(
			coalesce((SELECT max(at) FROM audit_log WHERE meeting_id = ?1), 0),
			coalesce((SELECT max(max(joined_at, coalesce(left_at, 0))) FROM sessions WHERE meeting_id = ?1), 0),
			coalesce((SELECT max(max(requested_at, coalesce(updated_at, 0))) FROM speak_requests WHERE meeting_id = ?1), 0),
			coalesce((SELECT max(max(started_at, coalesce(ended_at, 0))) FROM outages WHERE meeting_id = ?1), 0),
			coalesce((SELECT max(max(coalesce(started_at, 0), coalesce(ended_at, 0))) FROM incidents WHERE meeting_id = ?1), 0))`,
		meetingID).Scan(&last)
	if err != nil {
		return time.Time{}, fmt.Errorf("last record of meeting %d: %w", meetingID, err)
	}
	if !last.Valid || last.Int64 == 0 {
		return time.Time{}, nil
	}
	return timeFromMs(last), nil
}

// EndOpenSessions closes, in one transaction, every session of the meeting that has no leave
// (the server stopped without recording it), at at (never before the join) with reason, and
// returns them as they were.
func (s *Store) EndOpenSessions(ctx context.Context, meetingID int64, at time.Time, reason string) ([]Session, error) {
	var open []Session
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT id, meeting_id, bridge_point, joined_at FROM sessions
			WHERE meeting_id = ? AND left_at IS NULL ORDER BY joined_at, id`, meetingID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var (
				ss     Session
				joined sql.NullInt64
			)
			if err := rows.Scan(&ss.ID, &ss.MeetingID, &ss.BridgePoint, &joined); err != nil {
				rows.Close()
				return err
			}
			ss.JoinedAt = timeFromMs(joined)
			open = append(open, ss)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE sessions SET left_at = max(?, joined_at), leave_reason = ?
			WHERE meeting_id = ? AND left_at IS NULL`, msOrNow(at), reason, meetingID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("end open sessions of meeting %d: %w", meetingID, err)
	}
	return open, nil
}

// LiveMeetings returns every meeting still live, oldest first.
func (s *Store) LiveMeetings(ctx context.Context) ([]Meeting, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM meetings WHERE status = 'live' ORDER BY started_at, id`)
	if err != nil {
		return nil, fmt.Errorf("live meetings: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("live meetings: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("live meetings: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("live meetings: %w", err)
	}
	out := make([]Meeting, 0, len(ids))
	for _, id := range ids {
		m, err := s.Meeting(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
