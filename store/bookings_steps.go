package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrStepOrder means a workflow step was recorded before the step it follows, or twice.
var ErrStepOrder = errors.New("step out of order")

// RecordBookingStep records that booking id reached step st, with the audit entry, in one
// transaction. after names a step that must already be recorded ("" for none); a step already
// recorded, or a missing after, fails with ErrStepOrder. ErrNotFound for an unknown booking.
func (s *Store) RecordBookingStep(ctx context.Context, id int64, after string, st BookingStep, audit AuditEntry) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return recordBookingStep(ctx, tx, id, after, st, audit) })
	if err != nil {
		return fmt.Errorf("booking %d step %s: %w", id, st.Step, err)
	}
	return nil
}

// recordBookingStep is RecordBookingStep inside tx, its errors not yet wrapped.
func recordBookingStep(ctx context.Context, tx *sql.Tx, id int64, after string, st BookingStep, audit AuditEntry) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM bookings WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	if err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM booking_steps WHERE booking_id = ?1 AND step = ?2) +
		(CASE WHEN ?3 = '' THEN 0 ELSE 1 - (SELECT count(*) FROM booking_steps WHERE booking_id = ?1 AND step = ?3) END)`,
		id, st.Step, after).Scan(&n); err != nil {
		return err
	}
	if n != 0 {
		return ErrStepOrder
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO booking_steps (booking_id, step, at, actor, note) VALUES (?, ?, ?, ?, ?)`,
		id, st.Step, msOrNow(st.At), st.Actor, st.Note); err != nil {
		return err
	}
	return insertBookingAudit(ctx, tx, id, []AuditEntry{audit})
}

// LinkBookingMeeting records the meeting opened from a booking.
func (s *Store) LinkBookingMeeting(ctx context.Context, id, meetingID int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE bookings SET meeting_id = ? WHERE id = ?`, idOrNull(meetingID), id)
	if err != nil {
		return fmt.Errorf("link booking %d to meeting %d: %w", id, meetingID, err)
	}
	return affectedOne(res, fmt.Sprintf("link booking %d", id))
}

// LinkBookingMeetingAudited links booking id to meeting meetingID and writes audit in the same
// transaction: both or neither. ErrNotFound for an unknown booking.
func (s *Store) LinkBookingMeetingAudited(ctx context.Context, id, meetingID int64, audit AuditEntry) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE bookings SET meeting_id = ? WHERE id = ?`, idOrNull(meetingID), id)
		if err != nil {
			return fmt.Errorf("link booking %d to meeting %d: %w", id, meetingID, err)
		}
		if err := affectedOne(res, fmt.Sprintf("link booking %d", id)); err != nil {
			return err
		}
		return insertAudit(ctx, tx, audit)
	})
}

// OpenBookingMeeting creates the live meeting opened from booking id, links the booking to it and
// records its step st (after the step named after), with the audit entry, in one transaction; it
// returns the meeting's id. Errors as RecordBookingStep's.
func (s *Store) OpenBookingMeeting(ctx context.Context, m Meeting, participants []string, id int64, after string, st BookingStep, audit AuditEntry) (int64, error) {
	return s.CreateMeetingThen(ctx, m, participants, func(tx *sql.Tx, meetingID int64) error {
		res, err := tx.ExecContext(ctx, `UPDATE bookings SET meeting_id = ? WHERE id = ?`, meetingID, id)
		if err != nil {
			return err
		}
		if err := affectedOne(res, fmt.Sprintf("link booking %d", id)); err != nil {
			return err
		}
		st.Note = fmt.Sprintf("meeting %d", meetingID)
		audit.Detail = fmt.Sprintf("%s: meeting %d", st.Step, meetingID)
		if err := recordBookingStep(ctx, tx, id, after, st, audit); err != nil {
			return fmt.Errorf("booking %d step %s: %w", id, st.Step, err)
		}
		return nil
	})
}
