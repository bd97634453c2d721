package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrMeetingClosed means the meeting has already ended.
var ErrMeetingClosed = errors.New("meeting already closed")

// CreateMeeting opens a meeting with status "live" and its expected participants, in one
// transaction, and returns its id. A zero StartedAt means now; the main bridge point, when
// set, is always a participant.
func (s *Store) CreateMeeting(ctx context.Context, m Meeting, participants []string) (int64, error) {
	return s.CreateMeetingThen(ctx, m, participants, nil)
}

// CreateMeetingThen is CreateMeeting that runs then, when set, with the new meeting's id inside
// the same transaction: the meeting and what goes with it (its booking's link and step) are
// written together or not at all.
func (s *Store) CreateMeetingThen(ctx context.Context, m Meeting, participants []string, then func(tx *sql.Tx, id int64) error) (int64, error) {
	if m.StartedAt.IsZero() {
		m.StartedAt = time.Now()
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO meetings (title, host_unit, chair, kind, main_bp, status, started_at)
			VALUES (?, ?, ?, ?, ?, 'live', ?)`,
			m.Title, textOrNull(m.HostUnit), m.Chair, m.Kind, textOrNull(m.MainBP), m.StartedAt.UnixMilli())
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if m.MainBP != "" {
			if err := addParticipant(ctx, tx, id, m.MainBP); err != nil {
				return err
			}
		}
		for _, bp := range participants {
			if err := addParticipant(ctx, tx, id, bp); err != nil {
				return err
			}
		}
		if then != nil {
			return then(tx, id)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("create meeting %q: %w", m.Title, err)
	}
	return id, nil
}

func addParticipant(ctx context.Context, ex interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, meetingID int64, bp string) error {
	_, err := ex.ExecContext(ctx, `
		INSERT INTO meeting_participants (meeting_id, bridge_point) VALUES (?, ?)
		ON CONFLICT (meeting_id, bridge_point) DO NOTHING`, meetingID, bp)
	if err != nil {
		return fmt.Errorf("participant %q: %w", bp, err)
	}
	return nil
}

// Meeting returns one meeting, or an error wrapping ErrNotFound.
func (s *Store) Meeting(ctx context.Context, id int64) (Meeting, error) {
	var (
		m              Meeting
		host, mainBP   sql.NullString
		started, ended sql.NullInt64
		submitted      sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, `
		SELECT id, title, host_unit, chair, kind, main_bp, status, started_at, ended_at, log_submitted_at
		FROM meetings WHERE id = ?`, id).
		Scan(&m.ID, &m.Title, &host, &m.Chair, &m.Kind, &mainBP, &m.Status, &started, &ended, &submitted)
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, fmt.Errorf("meeting %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("meeting %d: %w", id, err)
	}
	m.HostUnit, m.MainBP = host.String, mainBP.String
	m.StartedAt, m.EndedAt = timeFromMs(started), timeFromMs(ended)
	m.LogSubmittedAt = timeFromMs(submitted)
	return m, nil
}

// Participants returns the bridge points expected in a meeting, in the order they were added.
func (s *Store) Participants(ctx context.Context, meetingID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT bridge_point FROM meeting_participants WHERE meeting_id = ? ORDER BY rowid`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("participants of meeting %d: %w", meetingID, err)
	}
	defer rows.Close()
	var bps []string
	for rows.Next() {
		var bp string
		if err := rows.Scan(&bp); err != nil {
			return nil, fmt.Errorf("participants of meeting %d: %w", meetingID, err)
		}
		bps = append(bps, bp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("participants of meeting %d: %w", meetingID, err)
	}
	return bps, nil
}

// AddParticipant adds a bridge point to a meeting; adding it twice is not an error.
func (s *Store) AddParticipant(ctx context.Context, meetingID int64, bp string) error {
	if err := addParticipant(ctx, s.db, meetingID, bp); err != nil {
		return fmt.Errorf("add to meeting %d: %w", meetingID, err)
	}
	return nil
}

// EndMeeting closes a live meeting at the given time. It fails with ErrNotFound for an
// unknown meeting and ErrMeetingClosed for one already closed. A zero time means now.
func (s *Store) EndMeeting(ctx context.Context, id int64, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM meetings WHERE id = ?`, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("end meeting %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("end meeting %d: %w", id, err)
		}
		if status == "closed" {
			return fmt.Errorf("end meeting %d: %w", id, ErrMeetingClosed)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET status = 'closed', ended_at = ? WHERE id = ?`,
			msOrNow(at), id); err != nil {
			return fmt.Errorf("end meeting %d: %w", id, err)
		}
		return nil
	})
}
