package live

import (
	"context"
	"errors"
	"fmt"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// Close ends meeting meetingID only: it stores its Appendix II log (entries; nil = the log
// prefilled from what the MCU recorded), ends the meeting in the store, records the "closed"
// step of its booking, then closes its conference, whose sites are told the meeting has ended.
// Other live meetings are untouched. A meeting not live here fails with *NotLiveError.
func (m *Manager) Close(ctx context.Context, meetingID int64, entries []store.MeetingLogEntry, actor string) error {
	conf, ok := m.Conference(meetingID)
	if !ok {
		return &NotLiveError{Lang: m.lang, Meeting: meetingID}
	}
	now := m.now()
	if entries == nil {
		var err error
		if entries, err = meeting.PrefillLog(ctx, m.st, meetingID, now); err != nil {
			return fmt.Errorf("close meeting %d: %w", meetingID, err)
		}
	}
	if err := meeting.CloseLog(ctx, m.st, meetingID, entries, actor, now); err != nil {
		return err
	}
	if err := m.bookingClosed(ctx, meetingID, actor); err != nil {
		m.log.Error("booking step closed", "meeting", meetingID, "err", err)
	}
	if err := conf.Close(ctx, actor); err != nil && !errors.Is(err, mcu.ErrClosed) {
		return fmt.Errorf("close conference: %w", err)
	}
	m.log.Info("meeting closed", "meeting", meetingID, "by", actor)
	return nil
}

// Leave ends the meeting a local console ran when the technician quits it (unless its log was
// closed from the console): the conference's close is journaled like any action.
func (m *Manager) Leave(ctx context.Context, conf *mcu.Conference, actor string) {
	if cerr := conf.Close(ctx, actor); cerr != nil && !errors.Is(cerr, mcu.ErrClosed) {
		m.log.Error("close conference", "err", cerr)
	}
	id := conf.Snapshot().MeetingID
	if cerr := m.st.EndMeeting(ctx, id, m.now()); cerr != nil && !errors.Is(cerr, store.ErrMeetingClosed) {
		m.log.Error("end meeting", "err", cerr)
		return
	}
	if err := m.bookingClosed(ctx, id, actor); err != nil {
		m.log.Error("booking step closed", "meeting", id, "err", err)
	}
}
