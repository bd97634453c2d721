package mcu

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// MaxAttendees bounds the number of attendees one bridge point may report.
const MaxAttendees = 10000

// ErrBadAttendees is returned for a number of attendees below 0 or above MaxAttendees.
var ErrBadAttendees = errors.New("mcu: number of attendees out of range")

// AttendanceJournal stores a bridge point's confirmed attendance with its audit row. When the
// Journal also implements it (*store.Store does), attendance goes there; otherwise it is only
// journaled as an action.
type AttendanceJournal interface {
	RecordAttendance(ctx context.Context, meetingID int64, at time.Time, actor, bridgePoint string, attendees int, bySite bool) error
}

// RollCallMessage asks the endpoint to confirm how many people attend at its site.
type RollCallMessage struct {
	Type string `json:"type"`
}

// RollCall journals a roll call and asks every connected bridge point for its attendance over
// control; it returns how many were asked. A member not connected yet, or whose control channel
// is not open yet, is asked when its channel opens. The answers arrive as EventAttendance.
func (c *Conference) RollCall(ctx context.Context, actor string) (int, error) {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return 0, ErrClosed
	}
	var asked []*session
	for _, m := range c.members {
		if m.sess != nil && m.sess.connected {
			asked = append(asked, m.sess)
		}
	}
	c.mu.Unlock()
	if err := c.record(ctx, actor, "roll_call", "", "asked="+strconv.Itoa(len(asked))); err != nil {
		return 0, err
	}
	c.mu.Lock()
	for _, m := range c.members {
		m.rollCall = true
	}
	c.mu.Unlock()
	for _, s := range asked {
		s.send(RollCallMessage{Type: "roll_call"})
	}
	c.emit(EventRollCall, "", actor, 0, strconv.Itoa(len(asked)))
	return len(asked), nil
}

// askedRollCall reports whether m was asked for its attendance and has not answered.
func (c *Conference) askedRollCall(m *member) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return m.rollCall
}

// ConfirmAttendance journals and stores the number of attendees at bridgePoint as a technician
// counted them (a member, connected or not).
func (c *Conference) ConfirmAttendance(ctx context.Context, actor, bridgePoint string, attendees int) error {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return err
	}
	defer c.ctl.Unlock()
	return c.attend(ctx, actor, m, attendees, false)
}

// endpointAttendance is a site's answer to the roll call.
func (c *Conference) endpointAttendance(ctx context.Context, m *member, attendees *int) error {
	if attendees == nil {
		return fmt.Errorf("attendance of %s: %w: missing", m.info.ID, ErrBadAttendees)
	}
	c.ctl.Lock()
	defer c.ctl.Unlock()
	return c.attend(ctx, m.info.ID, m, *attendees, true)
}

// attend stores attendance (c.ctl held): journal first, then the member's state and the event.
func (c *Conference) attend(ctx context.Context, actor string, m *member, attendees int, bySite bool) error {
	if attendees < 0 || attendees > MaxAttendees {
		return fmt.Errorf("attendance of %s: %w: %d", m.info.ID, ErrBadAttendees, attendees)
	}
	if aj, ok := c.mcu.journal.(AttendanceJournal); ok {
		if err := aj.RecordAttendance(ctx, c.spec.MeetingID, time.Now(), actor, m.info.ID, attendees, bySite); err != nil {
			return fmt.Errorf("mcu: journal attendance %s: %w", m.info.ID, err)
		}
	} else if err := c.record(ctx, actor, "attendance", m.info.ID, strconv.Itoa(attendees)); err != nil {
		return err
	}
	by, evActor := actor, actor
	if bySite {
		by, evActor = "endpoint", "endpoint"
	}
	c.mu.Lock()
	m.attendees, m.attendedBy, m.rollCall = attendees, by, false
	c.mu.Unlock()
	c.emit(EventAttendance, m.info.ID, evActor, 0, strconv.Itoa(attendees))
	return nil
}
