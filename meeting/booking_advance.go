package meeting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"diemcau/store"
)

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
		if slices.Contains([]Step{StepLive, StepClosed, StepCompleted}, state) {
			return &StepError{Booking: id, Step: step, Reason: "noCancel"}
		}
		after = ""
	case !ok:
		return fmt.Errorf("booking %d: unknown step %q", id, step)
	case state == StepCancelled:
		return &StepError{Booking: id, Step: step, Reason: "isCancelled"}
	}
	now := d.now()
	// Live and closed are the meeting's own: not before its final check (opening it records
	// live), not before it starts (closing it records closed).
	if step == StepLive && now.Before(FinalCheckAt(b.StartsAt)) || step == StepClosed && now.Before(b.StartsAt) {
		return &StepError{Booking: id, Step: step, Reason: "tooEarly"}
	}
	detail := string(step)
	if note != "" {
		detail += ": " + note
	}
	err = d.Store.RecordBookingStep(ctx, id, string(after),
		store.BookingStep{Step: string(step), At: now, Actor: actor, Note: note},
		store.AuditEntry{At: now, Actor: actor, Action: BookingStepAction(step), Detail: detail})
	if errors.Is(err, store.ErrStepOrder) {
		if _, done := b.Step(string(step)); done {
			return &StepError{Booking: id, Step: step, Reason: "alreadyDone"}
		}
		return &StepError{Booking: id, Step: step, Want: after}
	}
	return err
}

// Link records that booking id is held as meeting meetingID on the MCU, audited; the annual
// report then counts the meeting once, with the booking's kind.
func (d *Desk) Link(ctx context.Context, id, meetingID int64, actor string) error {
	if _, err := d.Store.Meeting(ctx, meetingID); err != nil {
		return err
	}
	return d.Store.LinkBookingMeetingAudited(ctx, id, meetingID, store.AuditEntry{At: d.now(), MeetingID: meetingID,
		Actor: actor, Action: ActionBookingLink, Detail: fmt.Sprintf("booking %d: meeting %d", id, meetingID)})
}
