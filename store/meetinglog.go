package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Appendix II values of a log entry's status and of each device.
const (
	LogNormal   = "normal"   // bình thường
	LogIncident = "incident" // sự cố (status only)
	LogDamaged  = "damaged"  // hư hỏng (devices only)
)

// MeetingLogEntry is one bridge point's row of the meeting log (Appendix II): its status, the
// incidents' descriptions, the state of each device and its interruption time.
type MeetingLogEntry struct {
	MeetingID    int64
	BridgePoint  string
	Position     int // order in the log: the main bridge point first
	Main         bool
	Name         string
	Status       string // LogNormal or LogIncident
	IncidentText string
	Camera       string // LogNormal or LogDamaged
	Codec        string
	Microphone   string
	Cables       string // adapter and cables
	Other        string
	OtherNote    string
	Interruption time.Duration
	ConfirmedBy  string
}

// CloseMeetingLog stores the meeting's log entries and ends the meeting at the given time, in
// one transaction. It fails with ErrMeetingClosed when the meeting is already closed.
func (s *Store) CloseMeetingLog(ctx context.Context, meetingID int64, entries []MeetingLogEntry, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return closeMeetingLog(ctx, tx, meetingID, entries, at) })
}

// CloseMeetingLogAudited is CloseMeetingLog that also appends audit (its meeting set to
// meetingID) in the same transaction: the close and its audit row are written together or not
// at all.
func (s *Store) CloseMeetingLogAudited(ctx context.Context, meetingID int64, entries []MeetingLogEntry, at time.Time, audit AuditEntry) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		audit.MeetingID = meetingID
		if err := insertAudit(ctx, tx, audit); err != nil {
			return fmt.Errorf("close log of meeting %d: %w", meetingID, err)
		}
		return closeMeetingLog(ctx, tx, meetingID, entries, at)
	})
}

// closeMeetingLog is CloseMeetingLog inside tx.
func closeMeetingLog(ctx context.Context, tx *sql.Tx, meetingID int64, entries []MeetingLogEntry, at time.Time) error {
	if meetingID == 0 {
		return fmt.Errorf("close log of meeting 0: %w", ErrNotFound)
	}
	if err := meetingLive(ctx, tx, meetingID); err != nil {
		return fmt.Errorf("close log: %w", err)
	}
	for _, e := range entries {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO meeting_log_entries (meeting_id, bridge_point, position, main, name, status,
				incident_text, camera, codec, microphone, cables, other, other_note, interruption_ms, confirmed_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			meetingID, e.BridgePoint, e.Position, e.Main, e.Name, e.Status, e.IncidentText, e.Camera,
			e.Codec, e.Microphone, e.Cables, e.Other, e.OtherNote, e.Interruption.Milliseconds(), e.ConfirmedBy); err != nil {
			return fmt.Errorf("close log of meeting %d: entry %q: %w", meetingID, e.BridgePoint, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET status = 'closed', ended_at = max(?, started_at) WHERE id = ?`,
		msOrNow(at), meetingID); err != nil {
		return fmt.Errorf("close log of meeting %d: %w", meetingID, err)
	}
	return nil
}

// MeetingLog returns the log entries of a meeting in log order; none while it is not closed.
func (s *Store) MeetingLog(ctx context.Context, meetingID int64) ([]MeetingLogEntry, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT meeting_id, bridge_point, position, main, name, status, incident_text, camera, codec,
			microphone, cables, other, other_note, interruption_ms, confirmed_by
		FROM meeting_log_entries WHERE meeting_id = ? ORDER BY position, bridge_point`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("read log of meeting %d: %w", meetingID, err)
	}
	defer rows.Close()
	var out []MeetingLogEntry
	for rows.Next() {
		var (
			e  MeetingLogEntry
			ms int64
		)
		if err := rows.Scan(&e.MeetingID, &e.BridgePoint, &e.Position, &e.Main, &e.Name, &e.Status,
			&e.IncidentText, &e.Camera, &e.Codec, &e.Microphone, &e.Cables, &e.Other, &e.OtherNote,
			&ms, &e.ConfirmedBy); err != nil {
			return nil, fmt.Errorf("read log of meeting %d: %w", meetingID, err)
		}
		e.Interruption = time.Duration(ms) * time.Millisecond
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read log of meeting %d: %w", meetingID, err)
	}
	return out, nil
}

// ErrLogSubmitted means the meeting's log has been submitted: its incidents are the record.
var ErrLogSubmitted = errors.New("meeting log already submitted")

// ErrMeetingLive means the meeting is still live: its log is not closed yet.
var ErrMeetingLive = errors.New("meeting still live")

// ErrDraftsPending means incident drafts wait for a technician to confirm or discard them.
var ErrDraftsPending = errors.New("incident drafts pending")

// SubmitMeetingLogAudited marks a closed meeting's log submitted and appends audit, in one
// transaction: from then on its incidents are the record and cannot be changed. It fails,
// writing nothing, with ErrMeetingLive while the meeting is live, ErrLogSubmitted when already
// submitted and ErrDraftsPending (the count in the message) while drafts wait.
func (s *Store) SubmitMeetingLogAudited(ctx context.Context, meetingID int64, at time.Time, audit AuditEntry) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var (
			status    string
			submitted sql.NullInt64
			drafts    int
		)
		err := tx.QueryRowContext(ctx, `SELECT status, log_submitted_at FROM meetings WHERE id = ?`, meetingID).
			Scan(&status, &submitted)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("submit log of meeting %d: %w", meetingID, ErrNotFound)
		case err != nil:
			return fmt.Errorf("submit log of meeting %d: %w", meetingID, err)
		case status == "live":
			return fmt.Errorf("submit log of meeting %d: %w", meetingID, ErrMeetingLive)
		case submitted.Valid:
			return fmt.Errorf("submit log of meeting %d: %w", meetingID, ErrLogSubmitted)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM incidents WHERE meeting_id = ? AND status = 'draft'`,
			meetingID).Scan(&drafts); err != nil {
			return fmt.Errorf("submit log of meeting %d: %w", meetingID, err)
		}
		if drafts > 0 {
			return fmt.Errorf("submit log of meeting %d: %d %w", meetingID, drafts, ErrDraftsPending)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET log_submitted_at = ? WHERE id = ?`,
			msOrNow(at), meetingID); err != nil {
			return fmt.Errorf("submit log of meeting %d: %w", meetingID, err)
		}
		audit.MeetingID = meetingID
		return insertAudit(ctx, tx, audit)
	})
}
