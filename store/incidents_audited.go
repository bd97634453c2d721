package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SaveIncidentAudited stores the incident (inserted when its ID is 0, else updated) and appends
// audit to the audit log, in one transaction, and returns the incident's id. The audit detail
// is prefixed with "#ID ". It fails with ErrMeetingClosed, writing nothing, when the incident
// belongs to a meeting that is no longer live (its log is closed).
func (s *Store) SaveIncidentAudited(ctx context.Context, in Incident, audit AuditEntry) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := meetingLive(ctx, tx, in.MeetingID); err != nil {
			return fmt.Errorf("save incident: %w", err)
		}
		var err error
		if id, err = writeIncident(ctx, tx, in); err != nil {
			return err
		}
		return insertIncidentAudit(ctx, tx, id, in.MeetingID, audit)
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// DiscardDraftIncidentAudited deletes a draft incident of a live meeting and appends audit to
// the audit log, in one transaction. ErrNotFound when there is no such draft, ErrMeetingClosed
// when its meeting is no longer live; nothing is written then.
func (s *Store) DiscardDraftIncidentAudited(ctx context.Context, id int64, audit AuditEntry) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var meetingID int64
		err := tx.QueryRowContext(ctx, `SELECT coalesce(meeting_id, 0) FROM incidents WHERE id = ? AND status = 'draft'`, id).
			Scan(&meetingID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("discard draft incident %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("discard draft incident %d: %w", id, err)
		}
		if err := meetingLive(ctx, tx, meetingID); err != nil {
			return fmt.Errorf("discard draft incident %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM incidents WHERE id = ?`, id); err != nil {
			return fmt.Errorf("discard draft incident %d: %w", id, err)
		}
		return insertIncidentAudit(ctx, tx, id, meetingID, audit)
	})
}

// meetingLive fails with ErrMeetingClosed when meetingID (0: none) names a meeting that ended,
// and with ErrNotFound when there is no such meeting.
func meetingLive(ctx context.Context, tx *sql.Tx, meetingID int64) error {
	if meetingID == 0 {
		return nil
	}
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM meetings WHERE id = ?`, meetingID).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("meeting %d: %w", meetingID, ErrNotFound)
	case err != nil:
		return fmt.Errorf("meeting %d: %w", meetingID, err)
	case status != "live":
		return fmt.Errorf("meeting %d: %w", meetingID, ErrMeetingClosed)
	}
	return nil
}

// insertIncidentAudit appends audit for incident id of the meeting, its detail prefixed "#ID ".
func insertIncidentAudit(ctx context.Context, tx *sql.Tx, id, meetingID int64, audit AuditEntry) error {
	audit.MeetingID = meetingID
	audit.Detail = fmt.Sprintf("#%d %s", id, audit.Detail)
	return insertAudit(ctx, tx, audit)
}
