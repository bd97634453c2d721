package live

import (
	"context"
	"errors"
	"fmt"
	"time"

	"diemcau/mcu"
)

// Dialler places the calls of room systems (the sip package's Dialer; the root wires it):
// it calls a bridge point's terminal at its registered address, redials a call that drops, and
// keeps each site's call state (shown in the conference's snapshot as Participant.Call).
type Dialler interface {
	// CanDial reports whether bridgePoint has a terminal address to call.
	CanDial(ctx context.Context, bridgePoint string) bool
	// Dial starts calling bridgePoint's terminal; it returns once the call is placed.
	Dial(ctx context.Context, bridgePoint string) error
	// HangUp ends bridgePoint's call or stops its calling and redials; false when there was none.
	HangUp(bridgePoint string) bool
	// State is bridgePoint's call state.
	State(bridgePoint string) mcu.CallState
}

// SetDialler gives the manager the dialler of room systems (nil: SIP is off, dialling refused).
func (m *Manager) SetDialler(d Dialler) {
	if d == nil {
		m.dialler.Store(nil)
		return
	}
	m.dialler.Store(&d)
}

func (m *Manager) calls() Dialler {
	if p := m.dialler.Load(); p != nil {
		return *p
	}
	return nil
}

// Why a call cannot be placed or hung up.
const (
	callNoSIP     = "callNoSIP"
	callNoAddress = "callNoAddress"
	callConnected = "callConnected"
	callNothing   = "callNothing"
	callNotMember = "callNotMember"
)

var _ = catalog.Add(map[string]string{
	callNoSIP:     "không gọi được %s: máy chủ không chạy SIP (--sip off)",
	callNoAddress: "không gọi được %s: danh mục không có địa chỉ IP thiết bị (device_ip) của điểm cầu",
	callConnected: "%s đang được kết nối: gác máy trước khi gọi lại",
	callNothing:   "%s không có cuộc gọi nào để gác máy",
	callNotMember: "%s không thuộc cuộc họp này",
}, map[string]string{
	callNoSIP:     "cannot call %s: the server runs no SIP (--sip off)",
	callNoAddress: "cannot call %s: the registry has no device IP address (device_ip) for the bridge point",
	callConnected: "%s is connected: hang up before calling again",
	callNothing:   "%s has no call to hang up",
	callNotMember: "%s is not in this meeting",
})

// CallError says why a call could not be placed or hung up, in the user's language; it is
// ErrConflict (connected, nothing to hang up, SIP off) or ErrNotFound (no address, not a member).
type CallError struct {
	Lang        string
	BridgePoint string
	Reason      string
}

func (e *CallError) Error() string { return fmt.Sprintf(text(e.Lang, e.Reason), e.BridgePoint) }

// Is makes a CallError ErrNotFound or ErrConflict.
func (e *CallError) Is(target error) bool {
	switch e.Reason {
	case callNoAddress, callNotMember:
		return target == ErrNotFound
	}
	return target == ErrConflict
}

// busyCalling reports whether st is a call under way (placed, ringing, connected or redialling).
func busyCalling(st mcu.CallState) bool {
	switch st.State {
	case mcu.CallCalling, mcu.CallRinging, mcu.CallConnected, mcu.CallRedial:
		return true
	}
	return false
}

// callFail is a CallError of this room's language.
func (r *Room) callFail(bridgePoint, reason string) error {
	return &CallError{Lang: r.d.m.lang, BridgePoint: bridgePoint, Reason: reason}
}

// member finds bridgePoint among the conference's participants.
func (r *Room) member(bridgePoint string) (mcu.Participant, bool) {
	for _, p := range r.conf.Snapshot().Participants {
		if p.ID == bridgePoint {
			return p, true
		}
	}
	return mcu.Participant{}, false
}

// record writes a call's audit row in the conference's meeting.
func (r *Room) record(ctx context.Context, a Action, bridgePoint, detail string) error {
	_, err := r.d.m.st.RecordAction(ctx, r.conf.Snapshot().MeetingID, r.d.m.now(), r.actor(), string(a), bridgePoint, detail)
	return err
}

// Dial calls bridgePoint's room system (redialling by hand a call that failed): the attempt is
// audited before it is placed.
func (r *Room) Dial(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActDial, bridgePoint); err != nil {
		return err
	}
	dl := r.d.m.calls()
	switch {
	case dl == nil:
		return r.callFail(bridgePoint, callNoSIP)
	case !r.isMember(bridgePoint):
		return r.callFail(bridgePoint, callNotMember)
	case dl.State(bridgePoint).State == mcu.CallConnected:
		return r.callFail(bridgePoint, callConnected)
	case !dl.CanDial(ctx, bridgePoint):
		return r.callFail(bridgePoint, callNoAddress)
	}
	if err := r.record(ctx, ActionCallDial, bridgePoint, CallDetail{}.String()); err != nil {
		return fmt.Errorf("auditing the call to %s: %w", bridgePoint, err)
	}
	if err := dl.Dial(ctx, bridgePoint); err != nil {
		return fmt.Errorf("%w: %w", ErrConflict, err)
	}
	return nil
}

// isMember reports whether bridgePoint may be seated in the room: a member, or any bridge point
// when the meeting is open to all (ad hoc).
func (r *Room) isMember(bridgePoint string) bool {
	_, ok := r.member(bridgePoint)
	return ok || r.conf.OpenToAll()
}

// HangUp ends bridgePoint's call (or its calling and redials); it is not redialled.
func (r *Room) HangUp(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActDial, bridgePoint); err != nil {
		return err
	}
	dl := r.d.m.calls()
	if dl == nil {
		return r.callFail(bridgePoint, callNoSIP)
	}
	if !r.isMember(bridgePoint) {
		return r.callFail(bridgePoint, callNotMember)
	}
	st := dl.State(bridgePoint)
	if !dl.HangUp(bridgePoint) {
		return r.callFail(bridgePoint, callNothing)
	}
	if err := r.record(ctx, ActionCallHangUp, bridgePoint, CallDetail{Try: st.Try, Tries: st.Tries}.String()); err != nil {
		return fmt.Errorf("auditing the hang-up of %s: %w", bridgePoint, err)
	}
	return nil
}

// ConnectAll calls every expected bridge point of the meeting that is not connected, has a
// terminal address and no call under way (the meeting's start); it returns how many it called.
func (r *Room) ConnectAll(ctx context.Context) (int, error) {
	if err := r.check(ActDial, ""); err != nil {
		return 0, err
	}
	dl := r.d.m.calls()
	if dl == nil {
		return 0, r.callFail("", callNoSIP)
	}
	n := 0
	var errs []error
	for _, p := range r.conf.Snapshot().Participants {
		if p.Connected || busyCalling(dl.State(p.ID)) || !dl.CanDial(ctx, p.ID) {
			continue
		}
		if err := r.Dial(ctx, p.ID); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// CallEvent writes the audit row of what the dialler did on its own (the root passes the sip
// Dialer's events): "attempt" of a redial (a person's first call has its own row), "connected",
// "failed", "dropped"; a hang-up's row is the person's. It is written in the live meeting
// bridgePoint is a member of; none, nothing is written.
func (m *Manager) CallEvent(bridgePoint, kind string, st mcu.CallState) {
	var a Action
	switch {
	case kind == "attempt" && st.Try > 0:
		a = ActionCallRedial
	case kind == "connected":
		a = ActionCallConnected
	case kind == "failed":
		a = ActionCallFailed
	case kind == "dropped":
		a = ActionCallDrop
	default:
		return
	}
	meetingID, ok := m.meetingOf(bridgePoint)
	if !ok || m.st == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	d := CallDetail{Try: st.Try, Tries: st.Tries, Cause: st.Cause, Code: st.Code}
	if _, err := m.st.RecordAction(ctx, meetingID, m.now(), "system", string(a), bridgePoint, d.String()); err != nil {
		m.log.Error("auditing a SIP call failed", "bridge_point", bridgePoint, "action", string(a), "err", err)
	}
}

// meetingOf is the live meeting bridgePoint is a member of.
func (m *Manager) meetingOf(bridgePoint string) (int64, bool) {
	if m.mcu == nil {
		return 0, false
	}
	for _, c := range m.mcu.Conferences() {
		snap := c.Snapshot()
		for _, p := range snap.Participants {
			if p.ID == bridgePoint {
				return snap.MeetingID, true
			}
		}
	}
	return 0, false
}
