package meeting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"diemcau/store"
)

// Desk is the registration desk of Articles 8–9: it checks booking forms against the
// registry, the calendar and the other bookings, and records each workflow step, audited.
type Desk struct {
	Store    *store.Store
	Calendar *Calendar
	Now      func() time.Time // the clock; nil means time.Now
}

// Filing says who files or changes a booking and, to accept a conflict, why.
type Filing struct {
	Actor    string // the technician ($USER or --actor)
	Override string // reason to accept conflicts; "" refuses them
}

func (d *Desk) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Desk) calendar() *Calendar {
	if d.Calendar != nil {
		return d.Calendar
	}
	return DefaultCalendar()
}

func (d *Desk) registry(ctx context.Context) (registry, error) {
	units, err := d.Store.Units(ctx)
	if err != nil {
		return registry{}, err
	}
	bps, err := d.Store.BridgePoints(ctx)
	if err != nil {
		return registry{}, err
	}
	return newRegistry(units, bps), nil
}

// Register checks and stores a new booking filed now. It returns the booking's id and the
// conflicts accepted by an override; a form that breaks a rule fails with *BookingError, a
// clash without an override with *ConflictError, and nothing is written.
func (d *Desk) Register(ctx context.Context, f BookingForm, by Filing) (int64, []Conflict, error) {
	if strings.TrimSpace(by.Actor) == "" {
		return 0, nil, errors.New("register booking: no actor")
	}
	reg, err := d.registry(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("register booking: %w", err)
	}
	now := d.now()
	b, perr := d.calendar().checkForm(f, reg, now, true)
	if perr != nil {
		return 0, nil, perr
	}
	b.FiledAt, b.FiledBy = now, by.Actor
	var found []Conflict
	check := d.conflictCheck(by, now, &found)
	audit := []store.AuditEntry{{At: now, Actor: by.Actor, Action: "booking_add",
		Detail: fmt.Sprintf("%s %s (%s)", b.HostUnit, formatSpan(b.StartsAt, b.EndsAt), b.Content)}}
	id, err := d.Store.AddBooking(ctx, b, audit, check)
	if err != nil {
		var ce *ConflictError
		if errors.As(err, &ce) {
			return 0, nil, ce
		}
		return 0, nil, err
	}
	return id, found, nil
}

// conflictCheck refuses clashes unless overridden; accepted ones are kept in *found, and the
// override is audited with the reason and the meetings it clashes with.
func (d *Desk) conflictCheck(by Filing, now time.Time, found *[]Conflict) store.ConflictCheck {
	return func(b *store.Booking, others []store.Booking) ([]store.AuditEntry, error) {
		*found = conflicts(*b, others)
		if len(*found) == 0 {
			return nil, nil
		}
		if by.Override == "" {
			return nil, &ConflictError{Conflicts: *found}
		}
		b.OverrideReason = by.Override
		var with []string
		for _, c := range *found {
			with = append(with, fmt.Sprintf("#%d [%s]", c.Other, strings.Join(c.BridgePoints, " ")))
		}
		return []store.AuditEntry{{At: now, Actor: by.Actor, Action: "booking_override",
			Detail: fmt.Sprintf("%s; conflicts with %s", by.Override, strings.Join(with, ", "))}}, nil
	}
}

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
	switch st := State(old); st {
	case StepLive, StepClosed, StepCompleted, StepCancelled:
		return EditResult{}, &StepError{Booking: id, Step: st, Reason: "noEdit"}
	}
	reg, err := d.registry(ctx)
	if err != nil {
		return EditResult{}, fmt.Errorf("edit booking %d: %w", id, err)
	}
	now := d.now()
	b, perr := d.calendar().checkForm(f, reg, now, !sameTime(f, old))
	if perr != nil {
		return EditResult{}, perr
	}
	b.ID, b.FiledAt, b.FiledBy, b.MeetingID = id, old.FiledAt, old.FiledBy, old.MeetingID
	changed := !b.StartsAt.Equal(old.StartsAt) || !b.EndsAt.Equal(old.EndsAt) || !samePoints(b, old)
	res := EditResult{Reset: changed && len(old.Steps) > 0}
	if changed {
		b.FiledAt = now
	}
	check := d.conflictCheck(by, now, &res.Conflicts)
	detail := fmt.Sprintf("%s (%s)", formatSpan(b.StartsAt, b.EndsAt), b.Content)
	if changed {
		detail += "; time or bridge points changed"
	}
	if res.Reset {
		detail += "; back to registered"
	}
	audit := []store.AuditEntry{{At: now, Actor: by.Actor, Action: "booking_edit", Detail: detail}}
	if err := d.Store.UpdateBooking(ctx, b, changed, audit, check); err != nil {
		var ce *ConflictError
		if errors.As(err, &ce) {
			return EditResult{}, ce
		}
		return EditResult{}, err
	}
	return res, nil
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

// Advance records that booking id reached step, by actor, now, with an optional note; it
// fails with *StepError when step is not the next one.
func (d *Desk) Advance(ctx context.Context, id int64, step Step, actor, note string) error {
	if strings.TrimSpace(actor) == "" {
		return errors.New("booking step: no actor")
	}
	b, err := d.Store.Booking(ctx, id)
	if err != nil {
		return err
	}
	after, ok := previous(step)
	state := State(b)
	switch {
	case step == StepCancelled:
		if state != StepRegistered && slices.Index(stepOrder, state) >= slices.Index(stepOrder, StepLive) || state == StepCompleted {
			return &StepError{Booking: id, Step: step, Reason: "noCancel"}
		}
		after = ""
	case !ok:
		return fmt.Errorf("booking %d: unknown step %q", id, step)
	case state == StepCancelled:
		return &StepError{Booking: id, Step: step, Reason: "isCancelled"}
	}
	now := d.now()
	detail := string(step)
	if note != "" {
		detail += ": " + note
	}
	err = d.Store.RecordBookingStep(ctx, id, string(after),
		store.BookingStep{Step: string(step), At: now, Actor: actor, Note: note},
		store.AuditEntry{At: now, Actor: actor, Action: "booking_" + string(step), Detail: detail})
	if errors.Is(err, store.ErrStepOrder) {
		if _, done := b.Step(string(step)); done {
			return &StepError{Booking: id, Step: step, Reason: "alreadyDone"}
		}
		return &StepError{Booking: id, Step: step, Want: after}
	}
	return err
}

// Status returns booking id's state and deadlines now.
func (d *Desk) Status(ctx context.Context, id int64) (BookingStatus, error) {
	b, err := d.Store.Booking(ctx, id)
	if err != nil {
		return BookingStatus{}, err
	}
	return d.calendar().Status(b, d.now()), nil
}

// List returns every booking's status now, by start time.
func (d *Desk) List(ctx context.Context) ([]BookingStatus, error) {
	bs, err := d.Store.Bookings(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]BookingStatus, len(bs))
	for i, b := range bs {
		out[i] = d.calendar().Status(b, d.now())
	}
	return out, nil
}

// Due lists the steps overdue or due today, most urgent first.
func (d *Desk) Due(ctx context.Context) ([]DueItem, error) {
	bs, err := d.Store.Bookings(ctx)
	if err != nil {
		return nil, err
	}
	return d.calendar().Due(bs, d.now()), nil
}
