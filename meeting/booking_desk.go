package meeting

import (
	"context"
	"errors"
	"fmt"
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
	// Base is the booking as the editor read it before changing it; when set, an edit of a
	// booking edited since then is refused with *StaleError. Nil edits the stored version.
	Base *store.Booking
}

func (d *Desk) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// calendar is the Desk's calendar (the built-in one when nil) with the days imported into the
// store on top, read at each use so that an import is seen at once by a running server.
func (d *Desk) calendar(ctx context.Context) (*Calendar, error) {
	return StoredCalendar(ctx, d.Store, d.Calendar)
}

// calendarRisk refuses a booking whose deadlines, from now to the recordings' delivery, fall
// in a year the calendar does not cover or on days it only estimates, unless overridden; an
// accepted risk is audited with the reason.
func calendarRisk(cal *Calendar, b store.Booking, by Filing, now time.Time) ([]store.AuditEntry, error) {
	from := cal.BookingDeadline(b.StartsAt)
	if from.Before(now) {
		from = now
	}
	risks := cal.Risks(from, cal.RecordingsDue(b.EndsAt))
	if len(risks) == 0 {
		return nil, nil
	}
	if by.Override == "" {
		return nil, &CalendarRiskError{Risks: risks}
	}
	var why []string
	for _, r := range risks {
		why = append(why, r.Text("en"))
	}
	return []store.AuditEntry{{At: now, Actor: by.Actor, Action: ActionBookingCalendarOverride,
		Detail: fmt.Sprintf("%s; %s", by.Override, strings.Join(why, "; "))}}, nil
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
	stored, err := d.Store.SiteGroups(ctx)
	if err != nil {
		return registry{}, err
	}
	reg := newRegistry(units, bps)
	reg.groups = groupsOf(units, bps, stored, "vi")
	return reg, nil
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
	cal, err := d.calendar(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("register booking: %w", err)
	}
	b, perr := cal.checkForm(f, reg, now, true)
	if perr != nil {
		return 0, nil, perr
	}
	risk, err := calendarRisk(cal, b, by, now)
	if err != nil {
		return 0, nil, err
	}
	b.FiledAt, b.FiledBy = now, by.Actor
	var found []Conflict
	check := d.conflictCheck(by, now, reg, &found)
	audit := append([]store.AuditEntry{{At: now, Actor: by.Actor, Action: ActionBookingAdd,
		Detail: fmt.Sprintf("%s %s (%s)", b.HostUnit, formatSpan(b.StartsAt, b.EndsAt), b.Content)}}, risk...)
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

// siteNames writes each bridge point as "ID (name)".
func (r registry) siteNames(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if bp, ok := r.bps[id]; ok && bp.Name != "" {
			out[i] = id + " (" + bp.Name + ")"
		}
	}
	return out
}

// conflictCheck refuses clashes unless overridden; accepted ones are kept in *found, and the
// override is audited with the reason and the meetings it clashes with.
func (d *Desk) conflictCheck(by Filing, now time.Time, reg registry, found *[]Conflict) store.ConflictCheck {
	return func(b *store.Booking, others []store.Booking) ([]store.AuditEntry, error) {
		*found = conflicts(*b, others)
		for i := range *found {
			(*found)[i].Sites = reg.siteNames((*found)[i].BridgePoints)
		}
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
		return []store.AuditEntry{{At: now, Actor: by.Actor, Action: ActionBookingOverride,
			Detail: fmt.Sprintf("%s; conflicts with %s", by.Override, strings.Join(with, ", "))}}, nil
	}
}

// Status returns booking id's state and deadlines now.
func (d *Desk) Status(ctx context.Context, id int64) (BookingStatus, error) {
	b, err := d.Store.Booking(ctx, id)
	if err != nil {
		return BookingStatus{}, err
	}
	cal, err := d.calendar(ctx)
	if err != nil {
		return BookingStatus{}, err
	}
	return cal.Status(b, d.now()), nil
}

// List returns every booking's status now, by start time.
func (d *Desk) List(ctx context.Context) ([]BookingStatus, error) {
	bs, err := d.Store.Bookings(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := d.calendar(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]BookingStatus, len(bs))
	for i, b := range bs {
		out[i] = cal.Status(b, d.now())
	}
	return out, nil
}

// Due lists the steps overdue or due today, most urgent first.
func (d *Desk) Due(ctx context.Context) ([]DueItem, error) {
	bs, err := d.Store.Bookings(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := d.calendar(ctx)
	if err != nil {
		return nil, err
	}
	return cal.Due(bs, d.now()), nil
}
