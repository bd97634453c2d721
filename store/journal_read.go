package store

import (
	"context"
	"database/sql"
	"fmt"
)

// AuditLog returns the audit log of a meeting, oldest first; meetingID 0 returns all of it.
func (s *Store) AuditLog(ctx context.Context, meetingID int64) ([]AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, at, coalesce(meeting_id, 0), actor, action, coalesce(bridge_point, ''), detail
		FROM audit_log WHERE ?1 = 0 OR meeting_id = ?1 ORDER BY at, id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("read audit log of meeting %d: %w", meetingID, err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var (
			e  AuditEntry
			at sql.NullInt64
		)
		if err := rows.Scan(&e.ID, &at, &e.MeetingID, &e.Actor, &e.Action, &e.BridgePoint, &e.Detail); err != nil {
			return nil, fmt.Errorf("read audit log of meeting %d: %w", meetingID, err)
		}
		e.At = timeFromMs(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit log of meeting %d: %w", meetingID, err)
	}
	return out, nil
}

// Sessions returns the sessions of a meeting by join time; meetingID 0 returns all.
func (s *Store) Sessions(ctx context.Context, meetingID int64) ([]Session, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, meeting_id, bridge_point, joined_at, left_at, leave_reason
		FROM sessions WHERE ?1 = 0 OR meeting_id = ?1 ORDER BY joined_at, id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("read sessions of meeting %d: %w", meetingID, err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var (
			ss           Session
			joined, left sql.NullInt64
		)
		if err := rows.Scan(&ss.ID, &ss.MeetingID, &ss.BridgePoint, &joined, &left, &ss.LeaveReason); err != nil {
			return nil, fmt.Errorf("read sessions of meeting %d: %w", meetingID, err)
		}
		ss.JoinedAt, ss.LeftAt = timeFromMs(joined), timeFromMs(left)
		out = append(out, ss)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read sessions of meeting %d: %w", meetingID, err)
	}
	return out, nil
}

// SpeakRequests returns the speak requests of a meeting in the order they came; meetingID 0 returns all.
func (s *Store) SpeakRequests(ctx context.Context, meetingID int64) ([]SpeakRequest, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, meeting_id, bridge_point, state, requested_at, updated_at, updated_by
		FROM speak_requests WHERE ?1 = 0 OR meeting_id = ?1 ORDER BY requested_at, id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("read speak requests of meeting %d: %w", meetingID, err)
	}
	defer rows.Close()
	var out []SpeakRequest
	for rows.Next() {
		var (
			r                  SpeakRequest
			requested, updated sql.NullInt64
		)
		if err := rows.Scan(&r.ID, &r.MeetingID, &r.BridgePoint, &r.State, &requested, &updated, &r.UpdatedBy); err != nil {
			return nil, fmt.Errorf("read speak requests of meeting %d: %w", meetingID, err)
		}
		r.RequestedAt, r.UpdatedAt = timeFromMs(requested), timeFromMs(updated)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read speak requests of meeting %d: %w", meetingID, err)
	}
	return out, nil
}
