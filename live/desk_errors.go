package live

import (
	"errors"
	"fmt"

	"diemcau/mcu"
	"diemcau/store"
)

// The kinds of refusal the facade returns; match them with errors.Is. The engine's own error
// stays in the chain too (errors.Is(err, mcu.ErrHardMuted) still holds).
var (
	ErrNotPermitted  = errors.New("live: not permitted")
	ErrNotFound      = errors.New("live: not found")
	ErrConflict      = errors.New("live: changed meanwhile")
	ErrDraftsPending = errors.New("live: incident drafts pending")
	ErrLogClosed     = errors.New("live: the meeting's log is closed")
)

// RefusedError refuses an action the identity's role may not take; nothing was done or written.
type RefusedError struct {
	Lang        string
	Act         Act
	Role        Role
	BridgePoint string // the bridge point acted on, "" for the whole meeting
	Own         string // the identity's own bridge point
}

func (e *RefusedError) Error() string {
	if e.Own != "" && e.BridgePoint != "" && e.BridgePoint != e.Own {
		return fmt.Sprintf(text(e.Lang, "refusedOther"), e.Act, e.Own)
	}
	return fmt.Sprintf(text(e.Lang, "refused"), e.Role, e.Act)
}

// Is makes a refusal match ErrNotPermitted.
func (e *RefusedError) Is(target error) bool { return target == ErrNotPermitted }

// HostUnitError refuses a booking a host key files for a unit not its own: a host registers only
// the meetings of the unit of its bridge point (Own; "" when the registry gives it none).
type HostUnitError struct {
	Lang string
	Own  string
}

func (e *HostUnitError) Error() string {
	if e.Own == "" {
		return text(e.Lang, "hostNoUnit")
	}
	return fmt.Sprintf(text(e.Lang, "hostOwnUnit"), e.Own)
}

// Is makes the refusal match ErrNotPermitted.
func (e *HostUnitError) Is(target error) bool { return target == ErrNotPermitted }

// kindError is an engine's error with the kind of refusal it is.
type kindError struct {
	kind error
	err  error
}

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return []error{e.kind, e.err} }

// classify gives err the kind it is (ErrNotFound, ErrConflict, ErrDraftsPending, ErrLogClosed),
// keeping its text and chain; an error of no known kind is returned as it is.
func classify(err error) error {
	var kind error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrNotFound), errors.Is(err, mcu.ErrUnknownBridgePoint),
		errors.Is(err, mcu.ErrUnknownRequest), errors.Is(err, mcu.ErrNoKnock), errors.Is(err, mcu.ErrNotConnected):
		kind = ErrNotFound
	case errors.Is(err, store.ErrStale), errors.Is(err, store.ErrStepOrder), errors.Is(err, store.ErrExists),
		errors.Is(err, store.ErrDelivered), errors.Is(err, mcu.ErrRecording), errors.Is(err, mcu.ErrNotRecording),
		errors.Is(err, mcu.ErrHardMuted), errors.Is(err, mcu.ErrClosed), errors.Is(err, store.ErrMeetingClosed):
		kind = ErrConflict
	case errors.Is(err, store.ErrDraftsPending):
		kind = ErrDraftsPending
	case errors.Is(err, store.ErrLogSubmitted):
		kind = ErrLogClosed
	default:
		return err
	}
	return &kindError{kind: kind, err: err}
}
