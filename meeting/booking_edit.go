package meeting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"diemcau/store"
)

// EditResult says what an edit did.
type EditResult struct {
	Reset     bool // the booking went back to "registered"
	Conflicts []Conflict
}

// Edit replaces a booking's form. A change of time or bridge points re-files the booking
// and, if it had been confirmed, moves it back to "registered" (Article 9); every edit is
// audited. Bookings that are live, closed or cancelled cannot be edited.
func (d *Desk) Edit(ctx context.Context, id int64, f BookingForm, by Filing) (EditResult, error) {
	if strings.TrimSpace(by.Actor) == "" {
		return EditResult{}, errors.New("edit booking: no actor")
	}
	old, err := d.Store.Booking(ctx, id)
	if err != nil {
		return EditResult{}, err
	}
	if by.Base != nil && by.Base.Version != old.Version {
		return EditResult{}, staleError(by.Base, old)
	}
	switch st := State(old); st {
	case StepLive, StepClosed, StepCompleted, StepCancelled:
		return EditResult{}, &StepError{Booking: id, Step: st, Reason: "noEdit"}
	}
	reg, err := d.registry(ctx)
	if err != nil {
		return EditResult{}, fmt.Errorf("edit booking %d: %w", id, err)
	}
	now := d.now()
	cal, err := d.calendar(ctx)
	if err != nil {
		return EditResult{}, fmt.Errorf("edit booking %d: %w", id, err)
	}
	b, perr := cal.checkForm(f, reg, now, !sameTime(f, old))
	if perr != nil {
		return EditResult{}, perr
	}
	var risk []store.AuditEntry
	if !sameTime(f, old) {
		if risk, err = calendarRisk(cal, b, by, now); err != nil {
			return EditResult{}, err
		}
	}
	b.ID, b.FiledAt, b.FiledBy, b.MeetingID = id, old.FiledAt, old.FiledBy, old.MeetingID
	b.Version, b.UpdatedAt, b.UpdatedBy = old.Version, now, by.Actor
	changed := !b.StartsAt.Equal(old.StartsAt) || !b.EndsAt.Equal(old.EndsAt) || !samePoints(b, old)
	res := EditResult{Reset: changed && len(old.Steps) > 0}
	if changed {
		b.FiledAt = now
	}
	check := d.conflictCheck(by, now, reg, &res.Conflicts)
	detail := fmt.Sprintf("%s (%s)", formatSpan(b.StartsAt, b.EndsAt), b.Content)
	if changed {
		detail += "; time or bridge points changed"
	}
	if res.Reset {
		detail += "; back to registered"
	}
	audit := append([]store.AuditEntry{{At: now, Actor: by.Actor, Action: ActionBookingEdit, Detail: detail}}, risk...)
	if err := d.Store.UpdateBooking(ctx, b, changed, audit, check); err != nil {
		var ce *ConflictError
		if errors.As(err, &ce) {
			return EditResult{}, ce
		}
		if errors.Is(err, store.ErrStale) {
			return EditResult{}, d.staleSince(ctx, old)
		}
		return EditResult{}, err
	}
	return res, nil
}

// staleError is the refusal of an edit made from base when the store holds current.
func staleError(base *store.Booking, current store.Booking) *StaleError {
	return &StaleError{Booking: current.ID, By: current.UpdatedBy, At: current.UpdatedAt,
		Base: *base, Current: current}
}

// staleSince is the refusal of an edit that lost the race to another between reading the
// booking (read) and writing it: what the other one changed since read.
func (d *Desk) staleSince(ctx context.Context, read store.Booking) error {
	current, err := d.Store.Booking(ctx, read.ID)
	if err != nil {
		return fmt.Errorf("edit booking %d: %w", read.ID, err)
	}
	return staleError(&read, current)
}

// sameTime reports whether the form keeps the booking's start and end.
func sameTime(f BookingForm, old store.Booking) bool {
	s, ok1 := parseWhen(f.Start)
	e, ok2 := parseWhen(f.End)
	return ok1 && ok2 && s.Equal(old.StartsAt) && e.Equal(old.EndsAt)
}

// samePoints reports whether two bookings use the same room and set of bridge points.
func samePoints(a, b store.Booking) bool {
	x, y := a.BridgePoints(), b.BridgePoints()
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
