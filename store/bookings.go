package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Booking is a registration of an online meeting (Appendix I, Đ8): every field of the form, the
// host's room (Đ9.3), the sub bridge points and the workflow steps reached so far.
type Booking struct {
	ID              int64
	Kind            string // Article 5.2: "a", "b", "c", "d"
	LegalNumber     string // the directing document: number …
	LegalDate       string // … date (YYYY-MM-DD) …
	LegalIssuer     string // … and issuer
	HostUnit        string // unit ID of the host (đơn vị chủ trì)
	RoomBP          string // bridge point whose room hosts the meeting (Đ9.3)
	Room            string // the room's name, as printed on the form
	Content         string
	ChairName       string
	ChairTitle      string
	StartsAt        time.Time
	EndsAt          time.Time
	TechName        string // the host's technician
	TechPhone       string
	Projector       bool // other needs: projector
	VideoPlayback   bool // video playback
	Speaking        bool // speaking from sub bridge points
	Recording       bool // storing video and pictures of the meeting
	DeptOpinion     string
	FormDate        string // YYYY-MM-DD, the date on the form
	HeadOfUnit      string
	Emergency       string // "" or "storm", "flood", "disaster", "fire", "other" (Đ8.2.c)
	EmergencyReason string
	OverrideReason  string // why a conflict was accepted; "" when there was none
	FiledAt         time.Time
	FiledBy         string
	MeetingID       int64     // the meeting opened from it; 0 until then
	Version         int64     // 1 when filed, one more at each edit; an edit must name the one it read
	UpdatedAt       time.Time // the last edit; zero when never edited
	UpdatedBy       string    // who made the last edit
	Points          []BookingPoint
	Steps           []BookingStep
}

// BookingPoint is one sub bridge point of a booking with its attendees and contact.
type BookingPoint struct {
	BridgePoint  string
	Attendees    int
	ContactName  string
	ContactPhone string
}

// BookingStep is one workflow step a booking has reached: who did it and when.
type BookingStep struct {
	Step  string // "confirmed", "power_notified", "test_done", "final_check_done", "live", "closed", "log_submitted", "recordings_delivered", "cancelled"
	At    time.Time
	Actor string
	Note  string
}

// Step returns the step named name, if the booking has reached it.
func (b Booking) Step(name string) (BookingStep, bool) {
	for _, s := range b.Steps {
		if s.Step == name {
			return s, true
		}
	}
	return BookingStep{}, false
}

// BridgePoints returns the room's bridge point followed by the sub bridge points.
func (b Booking) BridgePoints() []string {
	out := []string{b.RoomBP}
	for _, p := range b.Points {
		out = append(out, p.BridgePoint)
	}
	return out
}

// ConflictCheck looks at the other bookings (not cancelled) overlapping a booking's time,
// inside the writing transaction, and returns an error to refuse the write, or audit entries
// to write with it (an accepted override). It may set b.OverrideReason.
type ConflictCheck func(b *Booking, overlapping []Booking) ([]AuditEntry, error)

// AddBooking stores a new booking with its bridge points and the audit entry, in one
// transaction, after check has accepted the bookings that overlap it. It returns the id.
func (s *Store) AddBooking(ctx context.Context, b Booking, audit []AuditEntry, check ConflictCheck) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		extra, err := runCheck(ctx, tx, &b, 0, check)
		if err != nil {
			return err
		}
		audit = append(audit, extra...)
		res, err := tx.ExecContext(ctx, `INSERT INTO bookings (`+bookingWriteColumns+`,
			filed_at, filed_by) VALUES (`+placeholders(bookingWriteCount+2)+`)`,
			append(bookingArgs(b), msOrNow(b.FiledAt), b.FiledBy)...)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := insertPoints(ctx, tx, id, b.Points); err != nil {
			return err
		}
		return insertBookingAudit(ctx, tx, id, audit)
	})
	if err != nil {
		return 0, fmt.Errorf("add booking %q: %w", b.Content, err)
	}
	return id, nil
}

// ErrStale means a booking was edited by someone else since the copy being saved was read.
var ErrStale = errors.New("booking changed since it was read")

// UpdateBooking replaces the form of booking b.ID (its points too), keeping its filing and
// meeting; with resetSteps its workflow steps are removed and FiledAt becomes b.FiledAt. The
// audit entry is written in the same transaction, after check has accepted the overlaps.
// b.Version must be the stored version (it becomes one more, with b.UpdatedAt and
// b.UpdatedBy); another one fails with ErrStale and nothing is written.
func (s *Store) UpdateBooking(ctx context.Context, b Booking, resetSteps bool, audit []AuditEntry, check ConflictCheck) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		extra, err := runCheck(ctx, tx, &b, b.ID, check)
		if err != nil {
			return err
		}
		audit = append(audit, extra...)
		res, err := tx.ExecContext(ctx, `UPDATE bookings SET (`+bookingWriteColumns+`,
			version, updated_at, updated_by) = (`+placeholders(bookingWriteCount)+`, version + 1, ?, ?)
			WHERE id = ? AND version = ?`,
			append(bookingArgs(b), msOrNow(b.UpdatedAt), b.UpdatedBy, b.ID, b.Version)...)
		if err != nil {
			return err
		}
		if err := affectedOne(res, "update"); err != nil {
			return staleOrMissing(ctx, tx, b.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM booking_points WHERE booking_id = ?`, b.ID); err != nil {
			return err
		}
		if err := insertPoints(ctx, tx, b.ID, b.Points); err != nil {
			return err
		}
		if resetSteps {
			if _, err := tx.ExecContext(ctx, `DELETE FROM booking_steps WHERE booking_id = ?`, b.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE bookings SET filed_at = ? WHERE id = ?`, msOrNow(b.FiledAt), b.ID); err != nil {
				return err
			}
		}
		return insertBookingAudit(ctx, tx, b.ID, audit)
	})
	if err != nil {
		return fmt.Errorf("update booking %d: %w", b.ID, err)
	}
	return nil
}

// staleOrMissing tells an edit that matched no row apart: ErrStale when the booking exists
// (its version moved on), err (wrapping ErrNotFound) when it does not.
func staleOrMissing(ctx context.Context, tx *sql.Tx, id int64, err error) error {
	var n int
	if qerr := tx.QueryRowContext(ctx, `SELECT count(*) FROM bookings WHERE id = ?`, id).Scan(&n); qerr != nil {
		return qerr
	}
	if n > 0 {
		return ErrStale
	}
	return err
}

// runCheck hands check the bookings other than exclude that overlap b and are not cancelled.
func runCheck(ctx context.Context, tx *sql.Tx, b *Booking, exclude int64, check ConflictCheck) ([]AuditEntry, error) {
	if check == nil {
		return nil, nil
	}
	others, err := overlapping(ctx, tx, b.StartsAt, b.EndsAt, exclude)
	if err != nil {
		return nil, err
	}
	return check(b, others)
}

// bookingWriteColumns are the columns a form sets, in the order of bookingArgs.
const bookingWriteColumns = `kind, legal_number, legal_date, legal_issuer, host_unit, room_bp, room,
	content, chair_name, chair_title, starts_at, ends_at, tech_name, tech_phone, need_projector,
	need_video, need_speaking, need_recording, dept_opinion, form_date, head_of_unit, emergency,
	emergency_reason, override_reason`

// bookingWriteCount is the number of bookingWriteColumns.
const bookingWriteCount = 24

// placeholders returns n comma-separated "?".
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

func bookingArgs(b Booking) []any {
	return []any{b.Kind, b.LegalNumber, b.LegalDate, b.LegalIssuer, b.HostUnit, b.RoomBP, b.Room,
		b.Content, b.ChairName, b.ChairTitle, b.StartsAt.UnixMilli(), b.EndsAt.UnixMilli(), b.TechName,
		b.TechPhone, b.Projector, b.VideoPlayback, b.Speaking, b.Recording, b.DeptOpinion, b.FormDate,
		b.HeadOfUnit, b.Emergency, b.EmergencyReason, b.OverrideReason}
}

func insertPoints(ctx context.Context, tx *sql.Tx, id int64, ps []BookingPoint) error {
	for i, p := range ps {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO booking_points (booking_id, position, bridge_point, attendees, contact_name, contact_phone)
			VALUES (?, ?, ?, ?, ?, ?)`, id, i+1, p.BridgePoint, p.Attendees, p.ContactName, p.ContactPhone); err != nil {
			return fmt.Errorf("bridge point %q: %w", p.BridgePoint, err)
		}
	}
	return nil
}
