package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DeliveryStep is the booking step a delivery records once every recording of the meeting is
// delivered; the meeting package names it (meeting.StepRecordingsDelivered after StepClosed).
type DeliveryStep struct {
	Step  string // the step to record
	After string // the step the booking must have reached first
}

// DeliveryResult says what a delivery did to the booking of the recording's meeting.
type DeliveryResult struct {
	BookingID    int64 // the booking linked to the meeting; 0 when there is none
	Remaining    int   // the meeting's recordings still not delivered
	StepRecorded bool  // the booking step was recorded with this delivery
	Blocked      bool  // every recording is delivered, but the booking has not reached After or is cancelled
}

// DeliverRecording is MarkRecordingDelivered that, in the same transaction, records step on the
// booking linked to the recording's meeting once all that meeting's recordings are delivered,
// audited with the same technician. A booking that has not reached step.After, or was cancelled,
// leaves the step unrecorded (Blocked) without refusing the delivery; a step already recorded
// is kept.
func (s *Store) DeliverRecording(ctx context.Context, id int64, at time.Time, actor, to string, step DeliveryStep) (DeliveryResult, error) {
	at = time.UnixMilli(msOrNow(at))
	var res DeliveryResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res = DeliveryResult{}
		meetingID, err := markDelivered(ctx, tx, id, at, actor, to)
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT id FROM bookings WHERE meeting_id = ? ORDER BY id LIMIT 1`, meetingID).
			Scan(&res.BookingID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("booking of meeting %d: %w", meetingID, err)
		}
		var recorded, cancelled int
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM recordings WHERE meeting_id = ?1 AND delivered_at IS NULL),
			(SELECT count(*) FROM booking_steps WHERE booking_id = ?2 AND step = ?3),
			(SELECT count(*) FROM booking_steps WHERE booking_id = ?2 AND step = 'cancelled')`,
			meetingID, res.BookingID, step.Step).Scan(&res.Remaining, &recorded, &cancelled); err != nil {
			return fmt.Errorf("booking %d: %w", res.BookingID, err)
		}
		if res.Remaining > 0 || recorded > 0 {
			return nil
		}
		if cancelled > 0 {
			res.Blocked = true
			return nil
		}
		err = recordBookingStep(ctx, tx, res.BookingID, step.After,
			BookingStep{Step: step.Step, At: at, Actor: actor, Note: fmt.Sprintf("recording %d", id)},
			AuditEntry{At: at, MeetingID: meetingID, Actor: actor, Action: "booking_" + step.Step,
				Detail: fmt.Sprintf("%s: recording %d delivered to %s", step.Step, id, to)})
		switch {
		case errors.Is(err, ErrStepOrder): // the booking has not reached step.After: nothing was written
			res.Blocked = true
			return nil
		case err != nil:
			return fmt.Errorf("booking %d step %s: %w", res.BookingID, step.Step, err)
		}
		res.StepRecorded = true
		return nil
	})
	if err != nil {
		return DeliveryResult{}, err
	}
	return res, nil
}
