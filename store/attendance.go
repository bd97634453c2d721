package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// Attendance is one bridge point's confirmed number of attendees in a meeting.
type Attendance struct {
	MeetingID   int64
	BridgePoint string
	Attendees   int
	BySite      bool // the site answered the roll call; false: a technician counted
	Actor       string
	At          time.Time
}

// RecordAttendance stores a bridge point's attendees in a meeting (the last confirmation
// counts), copies them to the booking linked to the meeting when the bridge point is one of
// its points (Appendix I), and journals "attendance", all in one transaction. It makes *Store
// satisfy mcu.AttendanceJournal.
func (s *Store) RecordAttendance(ctx context.Context, meetingID int64, at time.Time, actor, bridgePoint string, attendees int, bySite bool) error {
	source := "technician"
	if bySite {
		source = "site"
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO attendance (meeting_id, bridge_point, attendees, by_site, actor, at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (meeting_id, bridge_point) DO UPDATE SET
				attendees = excluded.attendees, by_site = excluded.by_site, actor = excluded.actor, at = excluded.at`,
			meetingID, bridgePoint, attendees, boolInt(bySite), actor, msOrNow(at)); err != nil {
			return fmt.Errorf("record attendance of %q in meeting %d: %w", bridgePoint, meetingID, err)
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE booking_points SET attendees = ?
			WHERE bridge_point = ? AND booking_id IN (SELECT id FROM bookings WHERE meeting_id = ?)`,
			attendees, bridgePoint, meetingID); err != nil {
			return fmt.Errorf("copy attendance of %q to the booking of meeting %d: %w", bridgePoint, meetingID, err)
		}
		return insertAudit(ctx, tx, AuditEntry{At: at, MeetingID: meetingID, Actor: actor, Action: "attendance",
			BridgePoint: bridgePoint, Detail: strconv.Itoa(attendees) + " " + source})
	})
}

// MeetingAttendance returns the confirmed attendance of a meeting, in bridge point order.
func (s *Store) MeetingAttendance(ctx context.Context, meetingID int64) ([]Attendance, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT bridge_point, attendees, by_site, actor, at FROM attendance WHERE meeting_id = ? ORDER BY bridge_point`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("attendance of meeting %d: %w", meetingID, err)
	}
	defer rows.Close()
	var out []Attendance
	for rows.Next() {
		a := Attendance{MeetingID: meetingID}
		var bySite, at int64
		if err := rows.Scan(&a.BridgePoint, &a.Attendees, &bySite, &a.Actor, &at); err != nil {
			return nil, fmt.Errorf("attendance of meeting %d: %w", meetingID, err)
		}
		a.BySite, a.At = bySite == 1, time.UnixMilli(at).UTC()
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("attendance of meeting %d: %w", meetingID, err)
	}
	return out, nil
}

// boolInt stores a bool in an INTEGER column.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
