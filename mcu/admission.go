package mcu

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Refusal says why a registered bridge point with a valid credential may not join a conference now.
type Refusal string

const (
	// RefusedNotExpected: the bridge point is not among the conference's expected members.
	RefusedNotExpected Refusal = "not_expected"
	// RefusedLocked: the conference is locked and the bridge point is not connected.
	RefusedLocked Refusal = "locked"
	// RefusedDisconnected: a technician disconnected the bridge point; it waits to be admitted again.
	RefusedDisconnected Refusal = "disconnected"
	// refusedClosed: the conference ended while the offer was read; not a door matter (404).
	refusedClosed Refusal = "closed"
)

// Knock is a bridge point refused at the door and waiting for a technician to admit it.
type Knock struct {
	BridgePoint string
	Name        string
	At          time.Time // the last refused attempt
	Reason      Refusal
}

// ErrNoKnock is returned when admitting a bridge point that is not waiting at the door.
var ErrNoKnock = errors.New("mcu: bridge point is not asking to join")

// ErrNotConnected is returned when disconnecting a bridge point that is not connected.
var ErrNotConnected = errors.New("mcu: bridge point is not connected")

// DeliberateLeave reports whether a session that ended for reason was ended on purpose (the site
// left, or a technician disconnected it) rather than lost: not an outage.
func DeliberateLeave(reason string) bool {
	return reason == "left" || reason == string(RefusedDisconnected)
}

// door is who may come in: the lock, the bridge points waiting, the passes given and the
// bridge points disconnected by a technician. Guarded by Conference.mu.
type door struct {
	locked bool
	knocks []Knock
	passes map[string]bool // admitted: the next join passes the lock and the member list
	kicked map[string]bool // disconnected: refused until admitted again
}

// memberForJoin returns the member bridgePoint joins as, adding it first when the conference is
// open to all or it was admitted (added reports that); otherwise it says why it is refused and
// puts the bridge point at the door (knocked reports a new knock).
func (c *Conference) memberForJoin(bridgePoint, name string) (m *member, added bool, refusal Refusal) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, false, refusedClosed
	}
	m, member := c.byID[bridgePoint]
	pass := c.door.passes[bridgePoint]
	switch {
	case pass:
	case c.door.kicked[bridgePoint]:
		refusal = RefusedDisconnected
	case c.door.locked && (!member || m.sess == nil):
		refusal = RefusedLocked
	case !member && !c.spec.OpenToAll:
		refusal = RefusedNotExpected
	}
	if refusal != "" {
		c.knockLocked(bridgePoint, name, refusal)
		return nil, false, refusal
	}
	delete(c.door.passes, bridgePoint)
	if member {
		return m, false, ""
	}
	return c.addMemberLocked(Member{ID: bridgePoint, Name: name}), true, ""
}

// knock puts a registered bridge point that belongs to no conference at this one's door.
func (c *Conference) knock(bridgePoint, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.knockLocked(bridgePoint, name, RefusedNotExpected)
	}
}

// knockLocked records a refused attempt (c.mu held) and emits EventKnock for a new one.
func (c *Conference) knockLocked(bridgePoint, name string, why Refusal) {
	now := time.Now()
	for i := range c.door.knocks {
		if k := &c.door.knocks[i]; k.BridgePoint == bridgePoint {
			k.At, k.Reason = now, why
			return
		}
	}
	c.door.knocks = append(c.door.knocks, Knock{BridgePoint: bridgePoint, Name: name, At: now, Reason: why})
	c.emit(EventKnock, bridgePoint, "endpoint", 0, string(why)) // emit never blocks nor takes c.mu
}

// Admit journals and lets a bridge point waiting at the door in: its next join passes the lock
// and, when it was not expected, makes it a member.
func (c *Conference) Admit(ctx context.Context, actor, bridgePoint string) error {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	closed, k, ok := c.closed, Knock{}, false
	for _, x := range c.door.knocks {
		if x.BridgePoint == bridgePoint {
			k, ok = x, true
		}
	}
	c.mu.Unlock()
	switch {
	case closed:
		return ErrClosed
	case !ok:
		return fmt.Errorf("%w: %s", ErrNoKnock, bridgePoint)
	}
	if err := c.record(ctx, actor, "admit", bridgePoint, string(k.Reason)); err != nil {
		return err
	}
	c.mu.Lock()
	c.door.knocks = removeKnock(c.door.knocks, bridgePoint)
	if c.door.passes == nil {
		c.door.passes = map[string]bool{}
	}
	c.door.passes[bridgePoint] = true
	delete(c.door.kicked, bridgePoint)
	c.addMemberLocked(Member{ID: bridgePoint, Name: k.Name})
	c.mu.Unlock()
	c.emit(EventAdmitted, bridgePoint, actor, 0, string(k.Reason))
	return nil
}

func removeKnock(knocks []Knock, bridgePoint string) []Knock {
	out := knocks[:0]
	for _, k := range knocks {
		if k.BridgePoint != bridgePoint {
			out = append(out, k)
		}
	}
	return out
}

// Lock journals and locks (locked true) or unlocks the conference: while locked, no bridge point
// that is not connected may join — expected or not — unless a technician admits it.
func (c *Conference) Lock(ctx context.Context, actor string, locked bool) error {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	closed, was := c.closed, c.door.locked
	c.mu.Unlock()
	switch {
	case closed:
		return ErrClosed
	case was == locked:
		return nil
	}
	action := "unlock"
	if locked {
		action = "lock"
	}
	if err := c.record(ctx, actor, action, "", ""); err != nil {
		return err
	}
	c.mu.Lock()
	c.door.locked = locked
	c.mu.Unlock()
	c.emit(EventLock, "", actor, 0, strconv.FormatBool(locked))
	return nil
}

// Locked reports whether the conference is locked.
func (c *Conference) Locked() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.door.locked
}

// DisconnectedMessage tells the endpoint that a technician ended its session; it must not rejoin
// by itself.
type DisconnectedMessage struct {
	Type   string `json:"type"`
	Reason string `json:"reason"`
}

// disconnectGrace is how long the disconnected message gets to reach the endpoint before the
// link closes.
const disconnectGrace = 300 * time.Millisecond

// Disconnect journals and ends bridgePoint's session: the endpoint is told why over control,
// the session ends as "disconnected" (a deliberate leave, not an outage) and the bridge point is
// refused until a technician admits it again.
func (c *Conference) Disconnect(ctx context.Context, actor, bridgePoint, reason string) error {
	s, err := c.kick(ctx, actor, bridgePoint, reason)
	if err != nil {
		return err
	}
	// c.ctl is released first: closing the link waits for the control channel's reader, which
	// may itself wait for c.ctl.
	if s.send(DisconnectedMessage{Type: "disconnected", Reason: reason}) {
		s.tr.Flush(disconnectGrace)
	}
	s.close(string(RefusedDisconnected))
	return nil
}

// kick journals the disconnect and bars the bridge point (under c.ctl); it returns the session.
func (c *Conference) kick(ctx context.Context, actor, bridgePoint, reason string) (*session, error) {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return nil, err
	}
	defer c.ctl.Unlock()
	c.mu.Lock()
	s := m.sess
	c.mu.Unlock()
	if s == nil {
		return nil, fmt.Errorf("%w: %s", ErrNotConnected, bridgePoint)
	}
	if err := c.record(ctx, actor, "disconnect", bridgePoint, reason); err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.door.kicked == nil {
		c.door.kicked = map[string]bool{}
	}
	c.door.kicked[bridgePoint] = true
	delete(c.door.passes, bridgePoint)
	c.mu.Unlock()
	s.disconnected.Store(true)
	return s, nil
}

// Knocks returns the bridge points waiting at the door, first asker first; cheaper than a Snapshot.
func (c *Conference) Knocks() []Knock {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.knocksLocked()
}

// knocksLocked returns the bridge points waiting at the door (c.mu held).
func (c *Conference) knocksLocked() []Knock {
	return append([]Knock(nil), c.door.knocks...)
}

// MeetingEndedMessage tells every endpoint of a closed conference that the meeting has ended:
// it must not rejoin by itself.
type MeetingEndedMessage struct {
	Type string `json:"type"`
}

// tellEnded sends the meeting-ended message to every connected session and gives it
// disconnectGrace to leave before the links close.
func (c *Conference) tellEnded() {
	c.mu.Lock()
	sessions := make([]*session, 0, len(c.sessions))
	for _, s := range c.sessions {
		sessions = append(sessions, s)
	}
	c.mu.Unlock()
	var sent []*session
	for _, s := range sessions {
		if s.send(MeetingEndedMessage{Type: "meeting_ended"}) {
			sent = append(sent, s)
		}
	}
	if len(sent) > 0 {
		sent[0].tr.Flush(disconnectGrace)
	}
	for _, s := range sent[min(1, len(sent)):] {
		s.tr.Flush(0)
	}
}
