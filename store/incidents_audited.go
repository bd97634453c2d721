package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SaveIncidentAudited stores the incident (inserted when its ID is 0, else updated) and appends
// audit to the audit log, in one transaction, and returns the incident's id. The audit detail
// is prefixed with "#ID ". It fails with ErrLogSubmitted, writing nothing, when the incident
// belongs to a meeting whose log has been submitted (after the close, until the log is
// submitted, its incidents may still be resolved).
func (s *Store) SaveIncidentAudited(ctx context.Context, in Incident, audit AuditEntry) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := incidentsEditable(ctx, tx, in.MeetingID); err != nil {
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

// DiscardDraftIncidentAudited deletes a draft incident and appends audit to the audit log, in
// one transaction. ErrNotFound when there is no such draft, ErrLogSubmitted when its meeting's
// log has been submitted; nothing is written then.
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
		if err := incidentsEditable(ctx, tx, meetingID); err != nil {
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

// ConfirmDraftIncidentAudited turns draft in (stored as a draft) into a record with in's status
// ("open" or "resolved") and appends audit, in one transaction. When the meeting's log is
// already closed, the bridge point's Appendix II entry takes the incident too: status
// "incident", its description appended. ErrNotFound when in is not a stored draft,
// ErrLogSubmitted when the log has been submitted; nothing is written then.
func (s *Store) ConfirmDraftIncidentAudited(ctx context.Context, in Incident, audit AuditEntry) error {
	if in.Status == "draft" {
		return fmt.Errorf("confirm incident %d: the confirmed status is %q", in.ID, in.Status)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM incidents WHERE id = ? AND status = 'draft'`, in.ID).
			Scan(&n); err != nil {
			return fmt.Errorf("confirm incident %d: %w", in.ID, err)
		}
		if n == 0 {
			return fmt.Errorf("confirm incident %d: %w", in.ID, ErrNotFound)
		}
		if err := incidentsEditable(ctx, tx, in.MeetingID); err != nil {
			return fmt.Errorf("confirm incident %d: %w", in.ID, err)
		}
		if _, err := writeIncident(ctx, tx, in); err != nil {
			return err
		}
		if in.MeetingID != 0 && in.BridgePoint != "" {
			if _, err := tx.ExecContext(ctx, `
				UPDATE meeting_log_entries SET status = 'incident',
					incident_text = CASE WHEN incident_text = '' THEN ? ELSE incident_text || '; ' || ? END
				WHERE meeting_id = ? AND bridge_point = ?`,
				in.Description, in.Description, in.MeetingID, in.BridgePoint); err != nil {
				return fmt.Errorf("confirm incident %d: log entry: %w", in.ID, err)
			}
		}
		return insertIncidentAudit(ctx, tx, in.ID, in.MeetingID, audit)
	})
}

// incidentsEditable fails with ErrLogSubmitted when meetingID (0: none) names a meeting whose
// log has been submitted, and with ErrNotFound when there is no such meeting.
func incidentsEditable(ctx context.Context, tx *sql.Tx, meetingID int64) error {
	if meetingID == 0 {
		return nil
	}
	var submitted sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT log_submitted_at FROM meetings WHERE id = ?`, meetingID).Scan(&submitted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("meeting %d: %w", meetingID, ErrNotFound)
	case err != nil:
		return fmt.Errorf("meeting %d: %w", meetingID, err)
	case submitted.Valid:
		return fmt.Errorf("meeting %d: %w", meetingID, ErrLogSubmitted)
	}
	return nil
}

// insertIncidentAudit appends audit for incident id of the meeting, its detail prefixed "#ID ".
func insertIncidentAudit(ctx context.Context, tx *sql.Tx, id, meetingID int64, audit AuditEntry) error {
	audit.MeetingID = meetingID
	audit.Detail = fmt.Sprintf("#%d %s", id, audit.Detail)
	return insertAudit(ctx, tx, audit)
}
