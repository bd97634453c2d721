package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrDelivered means the recording was already marked delivered.
var ErrDelivered = errors.New("recording already delivered")

// ErrRecordingRunning means the recording has not stopped yet.
var ErrRecordingRunning = errors.New("recording still running")

// Recording is one recording of a meeting (Article 12.2): the files the MCU wrote from the
// speaker video slot and the audio slots, and their delivery to the host unit.
type Recording struct {
	ID          int64
	MeetingID   int64
	Dir         string   // the meeting's recordings folder
	Files       []string // the files written, known once stopped
	StartedAt   time.Time
	StartedBy   string
	StoppedAt   time.Time // zero while recording
	StoppedBy   string
	Bytes       int64
	Duration    time.Duration
	DeliveredAt time.Time // zero until delivered
	DeliveredBy string
	DeliveredTo string

	MeetingTitle string    // from the meeting, for lists
	HostUnit     string    // the meeting's host unit id, who receives the recording
	MeetingEnded time.Time // zero while the meeting is live; the delivery deadline runs from it
}

// RecordingStarted stores a recording that starts now in dir and returns its id. With
// RecordingStopped it makes *Store satisfy mcu.RecordingLog.
func (s *Store) RecordingStarted(ctx context.Context, meetingID int64, at time.Time, dir, actor string) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO recordings (meeting_id, dir, started_at, started_by) VALUES (?, ?, ?, ?)`,
		meetingID, dir, msOrNow(at), actor)
	if err != nil {
		return 0, fmt.Errorf("record recording start of meeting %d by %q: %w", meetingID, actor, err)
	}
	return lastID(res, "record recording start")
}

// RecordingStopped records the end of a recording: the files, their total size and who
// stopped it; the duration is from its start. ErrNotFound for an unknown recording; a second
// stop keeps the first.
func (s *Store) RecordingStopped(ctx context.Context, id int64, at time.Time, files []string, bytes int64, actor string) error {
	if files == nil {
		files = []string{}
	}
	list, err := json.Marshal(files)
	if err != nil {
		return fmt.Errorf("record recording stop %d: %w", id, err)
	}
	stop := msOrNow(at)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var started int64
		var stopped sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT started_at, stopped_at FROM recordings WHERE id = ?`, id).Scan(&started, &stopped)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("record recording stop %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("record recording stop %d: %w", id, err)
		}
		if stopped.Valid {
			return nil
		}
		stop = max(stop, started)
		_, err = tx.ExecContext(ctx, `
			UPDATE recordings SET stopped_at = ?, stopped_by = ?, files = ?, bytes = ?, duration_ms = ?
			WHERE id = ?`, stop, actor, string(list), max(bytes, 0), stop-started, id)
		if err != nil {
			return fmt.Errorf("record recording stop %d: %w", id, err)
		}
		return nil
	})
}

// MarkRecordingDelivered records that the recording went to the host unit (to), and appends
// the technician's action to the audit log in the same transaction. ErrNotFound for an unknown
// recording, ErrRecordingRunning before it stopped, ErrDelivered when already delivered.
func (s *Store) MarkRecordingDelivered(ctx context.Context, id int64, at time.Time, actor, to string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := markDelivered(ctx, tx, id, time.UnixMilli(msOrNow(at)), actor, to)
		return err
	})
}

// markDelivered is MarkRecordingDelivered inside tx; it returns the recording's meeting.
func markDelivered(ctx context.Context, tx *sql.Tx, id int64, at time.Time, actor, to string) (int64, error) {
	var meetingID int64
	var stopped, delivered sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT meeting_id, stopped_at, delivered_at FROM recordings WHERE id = ?`, id).
		Scan(&meetingID, &stopped, &delivered)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("mark recording %d delivered: %w", id, ErrNotFound)
	case err != nil:
		return 0, fmt.Errorf("mark recording %d delivered: %w", id, err)
	case !stopped.Valid:
		return 0, fmt.Errorf("mark recording %d delivered: %w", id, ErrRecordingRunning)
	case delivered.Valid:
		return 0, fmt.Errorf("mark recording %d delivered: %w", id, ErrDelivered)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE recordings SET delivered_at = ?, delivered_by = ?, delivered_to = ? WHERE id = ?`,
		at.UnixMilli(), actor, strings.TrimSpace(to), id); err != nil {
		return 0, fmt.Errorf("mark recording %d delivered: %w", id, err)
	}
	return meetingID, insertAudit(ctx, tx, AuditEntry{At: at, MeetingID: meetingID, Actor: actor, Action: "recording_delivered",
		Detail: fmt.Sprintf("recording %d: delivered to %s", id, strings.TrimSpace(to))})
}

// Recordings lists the recordings of a meeting, or of every meeting when meetingID is 0,
// newest first.
func (s *Store) Recordings(ctx context.Context, meetingID int64) ([]Recording, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT r.id, r.meeting_id, r.dir, r.files, r.started_at, r.started_by, r.stopped_at, r.stopped_by,
		       r.bytes, r.duration_ms, r.delivered_at, r.delivered_by, r.delivered_to,
		       m.title, COALESCE(m.host_unit, ''), m.ended_at
		FROM recordings r JOIN meetings m ON m.id = r.meeting_id
		WHERE ? = 0 OR r.meeting_id = ?
		ORDER BY r.started_at DESC, r.id DESC`, meetingID, meetingID)
	if err != nil {
		return nil, fmt.Errorf("list recordings: %w", err)
	}
	defer rows.Close()
	var out []Recording
	for rows.Next() {
		var r Recording
		var files string
		var started, durMs int64
		var stopped, delivered, ended sql.NullInt64
		if err := rows.Scan(&r.ID, &r.MeetingID, &r.Dir, &files, &started, &r.StartedBy, &stopped, &r.StoppedBy,
			&r.Bytes, &durMs, &delivered, &r.DeliveredBy, &r.DeliveredTo,
			&r.MeetingTitle, &r.HostUnit, &ended); err != nil {
			return nil, fmt.Errorf("list recordings: %w", err)
		}
		if err := json.Unmarshal([]byte(files), &r.Files); err != nil {
			return nil, fmt.Errorf("list recordings: recording %d files: %w", r.ID, err)
		}
		r.StartedAt = time.UnixMilli(started).UTC()
		r.StoppedAt, r.DeliveredAt, r.MeetingEnded = timeFromMs(stopped), timeFromMs(delivered), timeFromMs(ended)
		r.Duration = time.Duration(durMs) * time.Millisecond
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list recordings: %w", err)
	}
	return out, nil
}
