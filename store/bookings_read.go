package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// bookingReadColumns are the columns scanBooking reads, in its order.
const bookingReadColumns = `id, ` + bookingWriteColumns + `, filed_at, filed_by, coalesce(meeting_id, 0),
	version, updated_at, updated_by`

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func scanBooking(sc interface{ Scan(...any) error }) (Booking, error) {
	var (
		b                            Booking
		starts, ends, filed, updated int64
	)
	err := sc.Scan(&b.ID, &b.Kind, &b.LegalNumber, &b.LegalDate, &b.LegalIssuer, &b.HostUnit, &b.RoomBP,
		&b.Room, &b.Content, &b.ChairName, &b.ChairTitle, &starts, &ends, &b.TechName, &b.TechPhone,
		&b.Projector, &b.VideoPlayback, &b.Speaking, &b.Recording, &b.DeptOpinion, &b.FormDate,
		&b.HeadOfUnit, &b.Emergency, &b.EmergencyReason, &b.OverrideReason, &filed, &b.FiledBy, &b.MeetingID,
		&b.Version, &updated, &b.UpdatedBy)
	b.StartsAt = time.UnixMilli(starts).UTC()
	b.EndsAt = time.UnixMilli(ends).UTC()
	b.FiledAt = time.UnixMilli(filed).UTC()
	if updated != 0 {
		b.UpdatedAt = time.UnixMilli(updated).UTC()
	}
	return b, err
}

// Booking returns one booking with its bridge points and steps, or an error wrapping ErrNotFound.
func (s *Store) Booking(ctx context.Context, id int64) (Booking, error) {
	b, err := scanBooking(s.db.QueryRowContext(ctx, `SELECT `+bookingReadColumns+` FROM bookings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Booking{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Booking{}, fmt.Errorf("booking %d: %w", id, err)
	}
	list, err := fill(ctx, s.db, []Booking{b})
	if err != nil {
		return Booking{}, err
	}
	return list[0], nil
}

// Bookings returns every booking by start time, with bridge points and steps.
func (s *Store) Bookings(ctx context.Context) ([]Booking, error) {
	return bookingsWhere(ctx, s.db, `1 = 1`)
}

// BookingsBetween returns the bookings whose time overlaps [from, to), by start time.
func (s *Store) BookingsBetween(ctx context.Context, from, to time.Time) ([]Booking, error) {
	return bookingsWhere(ctx, s.db, `starts_at < ? AND ends_at > ?`, to.UnixMilli(), from.UnixMilli())
}

// overlapping returns the bookings other than exclude, not cancelled, overlapping [from, to).
func overlapping(ctx context.Context, q querier, from, to time.Time, exclude int64) ([]Booking, error) {
	return bookingsWhere(ctx, q, `starts_at < ? AND ends_at > ? AND id <> ?
		AND NOT EXISTS (SELECT 1 FROM booking_steps c WHERE c.booking_id = bookings.id AND c.step = 'cancelled')`,
		to.UnixMilli(), from.UnixMilli(), exclude)
}

func bookingsWhere(ctx context.Context, q querier, where string, args ...any) ([]Booking, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+bookingReadColumns+` FROM bookings WHERE `+where+
		` ORDER BY starts_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list bookings: %w", err)
	}
	var list []Booking
	for rows.Next() {
		b, err := scanBooking(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list bookings: %w", err)
		}
		list = append(list, b)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("list bookings: %w", err)
	}
	return fill(ctx, q, list)
}

// fill reads the bridge points and steps of each booking.
func fill(ctx context.Context, q querier, list []Booking) ([]Booking, error) {
	for i := range list {
		ps, err := bookingPoints(ctx, q, list[i].ID)
		if err != nil {
			return nil, err
		}
		st, err := bookingSteps(ctx, q, list[i].ID)
		if err != nil {
			return nil, err
		}
		list[i].Points, list[i].Steps = ps, st
	}
	return list, nil
}

func bookingPoints(ctx context.Context, q querier, id int64) ([]BookingPoint, error) {
	rows, err := q.QueryContext(ctx, `SELECT bridge_point, attendees, contact_name, contact_phone
		FROM booking_points WHERE booking_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("bridge points of booking %d: %w", id, err)
	}
	defer rows.Close()
	var out []BookingPoint
	for rows.Next() {
		var p BookingPoint
		if err := rows.Scan(&p.BridgePoint, &p.Attendees, &p.ContactName, &p.ContactPhone); err != nil {
			return nil, fmt.Errorf("bridge points of booking %d: %w", id, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("bridge points of booking %d: %w", id, err)
	}
	return out, nil
}

func bookingSteps(ctx context.Context, q querier, id int64) ([]BookingStep, error) {
	rows, err := q.QueryContext(ctx, `SELECT step, at, actor, note FROM booking_steps
		WHERE booking_id = ? ORDER BY at, rowid`, id)
	if err != nil {
		return nil, fmt.Errorf("steps of booking %d: %w", id, err)
	}
	defer rows.Close()
	var out []BookingStep
	for rows.Next() {
		var (
			st BookingStep
			at int64
		)
		if err := rows.Scan(&st.Step, &at, &st.Actor, &st.Note); err != nil {
			return nil, fmt.Errorf("steps of booking %d: %w", id, err)
		}
		st.At = time.UnixMilli(at).UTC()
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("steps of booking %d: %w", id, err)
	}
	return out, nil
}
