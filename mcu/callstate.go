package mcu

import "time"

// The states of a call the server places to a bridge point (a room system dialled out).
const (
	CallCalling   = "calling"   // INVITE sent, no answer yet
	CallRinging   = "ringing"   // the terminal rings (180/183)
	CallConnected = "connected" // answered and seated
	CallBusy      = "busy"      // 486/600: the terminal is in another call
	CallNoAnswer  = "no_answer" // 480/408, or nobody answered before the ring timeout (CANCEL sent)
	CallRedial    = "redial"    // the call dropped; waiting for try Try of Tries
	CallFailed    = "failed"    // given up; Cause (and Code) say why
	CallEnded     = "ended"     // hung up by a technician (not redialled)
)

// CallState is the state of the call the server places to a bridge point, as its dialler
// reports it (the sip package's); the zero value is a bridge point never dialled.
type CallState struct {
	State string    // one of the Call* constants; "" when never dialled
	Try   int       // the redial try under way or waited for (1-based); 0 on a first call
	Tries int       // how many redials a dropped call gets
	Code  int       // the SIP status of the last failure; 0 when none (timeout, network error)
	Cause string    // why the last attempt failed: "busy", "no_answer", "not_found", "refused", "codecs", "unavailable", "timeout", "network", "no_meeting", "error"; "" when none
	Since time.Time // when it entered State
}

// SetCall records bridgePoint's call state in its conference (shown in the snapshot and the
// status API); false when bridgePoint is a member of no live conference.
func (m *MCU) SetCall(bridgePoint string, st CallState) bool {
	conf := m.conferenceFor(bridgePoint)
	if conf == nil {
		return false
	}
	conf.mu.Lock()
	defer conf.mu.Unlock()
	mem, ok := conf.byID[bridgePoint]
	if !ok {
		return false
	}
	mem.call = st
	return true
}

// callJSON is a bridge point's call state in the status reply.
type callJSON struct {
	State string    `json:"state"`
	Try   int       `json:"try,omitempty"`
	Tries int       `json:"tries,omitempty"`
	Code  int       `json:"code,omitempty"`
	Cause string    `json:"cause,omitempty"`
	Since time.Time `json:"since"`
}

// callStatusOf is st for the status reply; nil for a bridge point never dialled.
func callStatusOf(st CallState) *callJSON {
	if st.State == "" {
		return nil
	}
	return &callJSON{State: st.State, Try: st.Try, Tries: st.Tries, Code: st.Code, Cause: st.Cause, Since: st.Since}
}

// OpenToAll reports whether any registered bridge point may join c (an ad hoc meeting).
func (c *Conference) OpenToAll() bool { return c.spec.OpenToAll }
