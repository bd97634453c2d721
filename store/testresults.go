package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TestResult is the checklist of one bridge point saved during a test session (Đ10.2.b): who
// saved it and when, and each item measured by the MCU or ticked by the technician.
type TestResult struct {
	ID          int64
	MeetingID   int64 // the conference the test session ran in
	BookingID   int64 // the booking that meeting was opened from; 0 when none
	BridgePoint string
	TestedAt    time.Time
	TestedBy    string
	Passed      bool
	Items       []TestResultItem
}

// TestResultItem is one line of a saved checklist.
type TestResultItem struct {
	Item     string // "connected", "audio", "video", …
	Measured bool   // measured by the MCU (false: ticked by the technician)
	Passed   bool
	Figure   string // the measured figure, e.g. "1280×720"; "" for manual items
}

// SaveTestResult stores r with its items and the audit entry in one transaction and returns its
// id. When r.BookingID is 0, the booking linked to r.MeetingID (if any) is recorded with it.
func (s *Store) SaveTestResult(ctx context.Context, r TestResult, audit AuditEntry) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if r.BookingID == 0 {
			err := tx.QueryRowContext(ctx, `SELECT id FROM bookings WHERE meeting_id = ? ORDER BY id DESC LIMIT 1`,
				r.MeetingID).Scan(&r.BookingID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO test_results (meeting_id, booking_id, bridge_point,
			tested_at, tested_by, passed) VALUES (?, ?, ?, ?, ?, ?)`,
			r.MeetingID, idOrNull(r.BookingID), r.BridgePoint, msOrNow(r.TestedAt), r.TestedBy, r.Passed)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		for i, it := range r.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO test_result_items (result_id, position, item, measured,
				passed, figure) VALUES (?, ?, ?, ?, ?, ?)`,
				id, i, it.Item, it.Measured, it.Passed, it.Figure); err != nil {
				return err
			}
		}
		audit.MeetingID, audit.BridgePoint = r.MeetingID, r.BridgePoint
		return insertAudit(ctx, tx, audit)
	})
	if err != nil {
		return 0, fmt.Errorf("save test result of %q in meeting %d: %w", r.BridgePoint, r.MeetingID, err)
	}
	return id, nil
}

// LatestTestResults returns, per bridge point, the latest result saved in meeting meetingID or
// for the booking linked to it, ordered by bridge point.
func (s *Store) LatestTestResults(ctx context.Context, meetingID int64) ([]TestResult, error) {
	rows, err := s.db.QueryContext(ctx, `
		WITH scope AS (
			SELECT id, bridge_point FROM test_results
			WHERE meeting_id = ?1
			   OR booking_id IN (SELECT id FROM bookings WHERE meeting_id = ?1)
		), latest AS (
			SELECT max(id) AS id FROM scope GROUP BY bridge_point
		)
		SELECT r.id, r.meeting_id, r.booking_id, r.bridge_point, r.tested_at, r.tested_by, r.passed
		FROM test_results r JOIN latest USING (id) ORDER BY r.bridge_point`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("test results of meeting %d: %w", meetingID, err)
	}
	var out []TestResult
	for rows.Next() {
		var r TestResult
		var booking sql.NullInt64
		var at int64
		if err := rows.Scan(&r.ID, &r.MeetingID, &booking, &r.BridgePoint, &at, &r.TestedBy, &r.Passed); err != nil {
			rows.Close()
			return nil, fmt.Errorf("test results of meeting %d: %w", meetingID, err)
		}
		r.BookingID, r.TestedAt = booking.Int64, time.UnixMilli(at).UTC()
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("test results of meeting %d: %w", meetingID, err)
	}
	for i := range out {
		if out[i].Items, err = s.testResultItems(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// testResultItems reads the checklist of result id, in order.
func (s *Store) testResultItems(ctx context.Context, id int64) ([]TestResultItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT item, measured, passed, figure FROM test_result_items
		WHERE result_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("items of test result %d: %w", id, err)
	}
	defer rows.Close()
	var out []TestResultItem
	for rows.Next() {
		var it TestResultItem
		if err := rows.Scan(&it.Item, &it.Measured, &it.Passed, &it.Figure); err != nil {
			return nil, fmt.Errorf("items of test result %d: %w", id, err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}
