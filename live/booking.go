package live

import (
	"context"
	"errors"
	"fmt"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// OpenBooking opens the meeting booking id was filed for: its content is the title; its host
// unit, chair, kind and room's bridge point (the main one) are the meeting's; its sub bridge
// points are the sites expected (admitted without a knock). The booking must be confirmed and
// not yet opened, cancelled or closed (*BookingError otherwise); its "live" step is recorded.
func (m *Manager) OpenBooking(ctx context.Context, id int64, actor string) (*mcu.Conference, error) {
	s, err := m.bookedSpec(ctx, id)
	if err != nil {
		return nil, err
	}
	s.Booking, s.Actor = id, actor
	return m.Open(ctx, s)
}

// OpenTest opens booking id's test session (Article 10.2.b), the working day before or any time
// before the meeting: a conference of its own with the booked sites, titled as a test, which
// leaves the booking unlinked and is not counted as a meeting; its results are the booking's and
// the last one passing records "test session done".
func (m *Manager) OpenTest(ctx context.Context, id int64, actor string) (*mcu.Conference, error) {
	s, err := m.bookedSpec(ctx, id)
	if err != nil {
		return nil, err
	}
	s.Meeting.Title = text(m.lang, "testTitle") + s.Meeting.Title
	s.TestOf, s.Actor = id, actor
	return m.Open(ctx, s)
}

// bookedSpec describes the meeting booking id was filed for, which must be confirmed and not
// yet opened, cancelled or closed.
func (m *Manager) bookedSpec(ctx context.Context, id int64) (Spec, error) {
	b, err := m.st.Booking(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return Spec{}, &BookingError{Lang: m.lang, Booking: id, Reason: reasonNoBooking}
	}
	if err != nil {
		return Spec{}, err
	}
	switch meeting.State(b) {
	case meeting.StepRegistered:
		return Spec{}, &BookingError{Lang: m.lang, Booking: id, Reason: reasonNotConfirmed}
	case meeting.StepCancelled:
		return Spec{}, &BookingError{Lang: m.lang, Booking: id, Reason: reasonCancelled}
	case meeting.StepConfirmed, meeting.StepPowerNotified, meeting.StepTestDone, meeting.StepFinalCheckDone:
	default:
		return Spec{}, &BookingError{Lang: m.lang, Booking: id, Reason: reasonAlreadyOpened, Meeting: b.MeetingID}
	}
	bps, err := m.st.BridgePoints(ctx)
	if err != nil {
		return Spec{}, err
	}
	byID := make(map[string]store.BridgePoint, len(bps))
	for _, bp := range bps {
		byID[bp.ID] = bp
	}
	var members []store.BridgePoint
	for _, want := range b.BridgePoints() {
		bp, ok := byID[want]
		if !ok {
			return Spec{}, &BookingError{Lang: m.lang, Booking: id, Reason: reasonUnknownSite, Site: want}
		}
		members = append(members, bp)
	}
	return Spec{
		Meeting: store.Meeting{Title: b.Content, HostUnit: b.HostUnit, Chair: b.ChairName, Kind: b.Kind,
			MainBP: b.RoomBP},
		Members: members,
	}, nil
}

// createMeeting writes the new live meeting; one opened from a booking is linked to it and its
// "live" step recorded in the same transaction.
func (m *Manager) createMeeting(ctx context.Context, mt store.Meeting, ids []string, s Spec) (int64, error) {
	if s.Booking == 0 {
		return m.st.CreateMeeting(ctx, mt, ids)
	}
	return m.st.OpenBookingMeeting(ctx, mt, ids, s.Booking, string(meeting.StepConfirmed),
		store.BookingStep{Step: string(meeting.StepLive), At: mt.StartedAt, Actor: s.Actor},
		store.AuditEntry{At: mt.StartedAt, Actor: s.Actor, Action: string(BookingStepAction(meeting.StepLive))})
}

// bookingClosed records the "closed" step of the booking meeting meetingID was opened from, if any.
func (m *Manager) bookingClosed(ctx context.Context, meetingID int64, actor string) error {
	bs, err := m.st.Bookings(ctx)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if b.MeetingID != meetingID {
			continue
		}
		if _, done := b.Step(string(meeting.StepClosed)); done {
			return nil
		}
		now := m.now()
		return m.st.RecordBookingStep(ctx, b.ID, string(meeting.StepLive),
			store.BookingStep{Step: string(meeting.StepClosed), At: now, Actor: actor, Note: fmt.Sprintf("meeting %d", meetingID)},
			store.AuditEntry{At: now, Actor: actor, Action: string(BookingStepAction(meeting.StepClosed)),
				Detail: fmt.Sprintf("%s: meeting %d", meeting.StepClosed, meetingID)})
	}
	return nil
}
