package endpoints

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

// door is what the MCU said about this endpoint's place in the meeting.
type door struct {
	disconnected atomic.Pointer[string] // the reason, once disconnected
}

// onRollCall answers the MCU's roll call with the configured number of attendees.
func (e *SoftEndpoint) onRollCall() {
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
func (e *SoftEndpoint) onDisconnected(s *softSession, reason string) {
	e.door.disconnected.Store(&reason)
	e.log.Info("disconnected by the control center", "reason", reason)
	s.end("disconnected")
}

// disconnectedErr is the DisconnectedError once the MCU disconnected the endpoint, else nil.
func (e *SoftEndpoint) disconnectedErr() error {
	if r := e.door.disconnected.Load(); r != nil {
		return &DisconnectedError{ID: e.cfg.ID, Reason: *r}
	}
	return nil
}
