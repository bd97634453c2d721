package softep

import (
	"fmt"
	"sync/atomic"
)

// DisconnectedError ends Run when the control center disconnected the bridge point: it does not
// rejoin by itself.
type DisconnectedError struct {
	ID     string
	Reason string // the technician's reason, as the MCU sent it
}

func (e *DisconnectedError) Error() string {
	return fmt.Sprintf("%s: disconnected by the control center: %s", e.ID, e.Reason)
}

// MeetingEndedError ends Run when the control center closed the meeting: the endpoint does not
// rejoin by itself (the next meeting is joined anew).
type MeetingEndedError struct{ ID string }

func (e *MeetingEndedError) Error() string { return e.ID + ": the meeting has ended" }

// door is what the MCU said about this endpoint's place in the meeting.
type door struct {
	disconnected atomic.Pointer[string] // the reason, once disconnected
	ended        atomic.Bool            // the meeting was closed
}

// onRollCall answers the MCU's roll call with the configured number of attendees.
func (e *Endpoint) onRollCall() {
	if e.cfg.Attendees <= 0 {
		e.log.Debug("roll call not answered: no attendees configured")
		return
	}
	n := e.cfg.Attendees
	go func() { // never send from inside a Pion callback
		if err := e.sendControl(controlMessage{Type: "attendance", Attendees: &n}); err != nil {
			e.log.Warn("answer roll call", "err", err)
		}
	}()
}

// onDisconnected ends the link for good: the control center disconnected this bridge point.
func (e *Endpoint) onDisconnected(s *softSession, reason string) {
	e.door.disconnected.Store(&reason)
	e.log.Info("disconnected by the control center", "reason", reason)
	s.end("disconnected")
}

// onMeetingEnded ends the link for good: the control center closed the meeting.
func (e *Endpoint) onMeetingEnded(s *softSession) {
	e.door.ended.Store(true)
	e.log.Info("the meeting has ended")
	s.end("meeting ended")
}

// disconnectedErr is the DisconnectedError once the MCU disconnected the endpoint, the
// MeetingEndedError once the meeting was closed, else nil.
func (e *Endpoint) disconnectedErr() error {
	if r := e.door.disconnected.Load(); r != nil {
		return &DisconnectedError{ID: e.cfg.ID, Reason: *r}
	}
	if e.door.ended.Load() {
		return &MeetingEndedError{ID: e.cfg.ID}
	}
	return nil
}
