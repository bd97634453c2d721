package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The journal: what happens in a conference. These methods make *Store satisfy mcu.Journal.
// A zero time means now.

// speakStates are the states a speak request may take.
var speakStates = map[string]bool{
	"waiting": true, "forwarded": true, "granted": true, "done": true, "dismissed": true, "cancelled": true,
}

// RecordAction appends a technician's or the system's action to the audit log and returns its
// id. meetingID 0 means the action belongs to no meeting; bridgePoint may be empty.
func (s *Store) RecordAction(ctx context.Context, meetingID int64, at time.Time, actor, action, bridgePoint, detail string) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO audit_log (at, meeting_id, actor, action, bridge_point, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		msOrNow(at), idOrNull(meetingID), actor, action, textOrNull(bridgePoint), detail)
	if err != nil {
		return 0, fmt.Errorf("record action %q by %q: %w", action, actor, err)
	}
	return lastID(res, "record action")
}

// RecordJoin opens a session of a bridge point in a meeting and returns the session id.
func (s *Store) RecordJoin(ctx context.Context, meetingID int64, at time.Time, bridgePoint string) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO sessions (meeting_id, bridge_point, joined_at) VALUES (?, ?, ?)`,
		meetingID, bridgePoint, msOrNow(at))
	if err != nil {
		return 0, fmt.Errorf("record join of %q to meeting %d: %w", bridgePoint, meetingID, err)
	}
	return lastID(res, "record join")
}

// RecordLeave closes a session with the reason it ended. ErrNotFound for an unknown session;
// a second leave of the same session keeps the first one and returns nil.
func (s *Store) RecordLeave(ctx context.Context, sessionID int64, at time.Time, reason string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var left sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT left_at FROM sessions WHERE id = ?`, sessionID).Scan(&left)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("record leave of session %d: %w", sessionID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("record leave of session %d: %w", sessionID, err)
		}
		if left.Valid {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE sessions SET left_at = ?, leave_reason = ? WHERE id = ?`,
			msOrNow(at), reason, sessionID)
		if err != nil {
			return fmt.Errorf("record leave of session %d: %w", sessionID, err)
		}
		return nil
	})
}

// RecordSpeakRequest records a bridge point's request to speak, state "waiting", and returns its id.
func (s *Store) RecordSpeakRequest(ctx context.Context, meetingID int64, at time.Time, bridgePoint string) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO speak_requests (meeting_id, bridge_point, state, requested_at) VALUES (?, ?, 'waiting', ?)`,
		meetingID, bridgePoint, msOrNow(at))
	if err != nil {
		return 0, fmt.Errorf("record speak request of %q in meeting %d: %w", bridgePoint, meetingID, err)
	}
	return lastID(res, "record speak request")
}

// UpdateSpeakRequest moves a speak request to a new state (waiting, forwarded, granted, done,
// dismissed, cancelled), recording who did it and when. ErrNotFound for an unknown request.
func (s *Store) UpdateSpeakRequest(ctx context.Context, requestID int64, at time.Time, state, actor string) error {
	if !speakStates[state] {
		return fmt.Errorf("update speak request %d: unknown state %q", requestID, state)
	}
	res, err := s.db.ExecContext(ctx, `
		UPDATE speak_requests SET state = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
		state, msOrNow(at), actor, requestID)
	if err != nil {
		return fmt.Errorf("update speak request %d: %w", requestID, err)
	}
	return affectedOne(res, fmt.Sprintf("update speak request %d", requestID))
}

func lastID(res sql.Result, what string) (int64, error) {
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return id, nil
}
