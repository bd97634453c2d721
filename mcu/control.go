package mcu

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrUnknownBridgePoint is returned for a bridge point that is not a member of the conference.
var ErrUnknownBridgePoint = errors.New("mcu: bridge point is not in the conference")

// ErrUnknownRequest is returned for a speak request that is not in the queue.
var ErrUnknownRequest = errors.New("mcu: no such speak request")

// record journals one control action; the action must not happen if this fails.
func (c *Conference) record(ctx context.Context, actor, action, bridgePoint, detail string) error {
	if _, err := c.mcu.journal.RecordAction(ctx, c.spec.MeetingID, time.Now(), actor, action, bridgePoint, detail); err != nil {
		return fmt.Errorf("mcu: journal %s %s: %w", action, bridgePoint, err)
	}
	return nil
}

// controlTarget takes the control lock and finds the member; the caller must unlock c.ctl.
func (c *Conference) controlTarget(bridgePoint string) (*member, error) {
	c.ctl.Lock()
	c.mu.Lock()
	closed := c.closed
	m, ok := c.byID[bridgePoint]
	c.mu.Unlock()
	switch {
	case closed:
		c.ctl.Unlock()
		return nil, ErrClosed
	case !ok:
		c.ctl.Unlock()
		return nil, fmt.Errorf("%w: %s", ErrUnknownBridgePoint, bridgePoint)
	}
	return m, nil
}

// Mute journals and applies a mute; from its return on, no audio of bridgePoint is forwarded.
func (c *Conference) Mute(ctx context.Context, actor, bridgePoint string, mode MuteMode) error {
	if mode == Unmuted {
		return c.Unmute(ctx, actor, bridgePoint)
	}
	if mode != SoftMute && mode != HardMute {
		return fmt.Errorf("mcu: mute %s: unknown mode %q", bridgePoint, mode)
	}
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return err
	}
	defer c.ctl.Unlock()
	if err := c.record(ctx, actor, "mute", bridgePoint, "mode="+string(mode)); err != nil {
		return err
	}
	c.applyMute(m, mode, actor)
	return nil
}

// Unmute journals and lifts any mute of bridgePoint.
func (c *Conference) Unmute(ctx context.Context, actor, bridgePoint string) error {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return err
	}
	defer c.ctl.Unlock()
	if err := c.record(ctx, actor, "unmute", bridgePoint, ""); err != nil {
		return err
	}
	c.applyMute(m, Unmuted, actor)
	return nil
}

// MuteAllFarEnds hard-mutes every member except the main bridge point and returns how many
// were not hard-muted before.
func (c *Conference) MuteAllFarEnds(ctx context.Context, actor string) (muted int, err error) {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return 0, ErrClosed
	}
	var targets []*member
	for _, m := range c.members {
		if !m.info.Main && m.muteMode() != HardMute {
			targets = append(targets, m)
		}
	}
	c.mu.Unlock()
	if err := c.record(ctx, actor, "mute_all", "", "count="+strconv.Itoa(len(targets))); err != nil {
		return 0, err
	}
	for _, m := range targets {
		c.applyMute(m, HardMute, actor)
	}
	return len(targets), nil
}

// applyMute sets the mode at the forwarder, tells the endpoint and emits the event.
func (c *Conference) applyMute(m *member, mode MuteMode, actor string) {
	m.setMode(mode)
	c.notify(m, newMuteMessage(mode))
	if mode == Unmuted {
		c.emit(EventUnmuted, m.info.ID, actor, 0, "")
	} else {
		c.emit(EventMuted, m.info.ID, actor, 0, string(mode))
	}
}

// notify sends msg on the member's control channel if it is connected.
func (c *Conference) notify(m *member, msg ControlMessage) {
	c.mu.Lock()
	s := m.sess
	c.mu.Unlock()
	if s != nil {
		s.send(msg)
	}
}

// GrantFloor journals and gives bridgePoint the floor: unmuted and pinned to the speaker slot.
// A previous floor holder loses it first.
func (c *Conference) GrantFloor(ctx context.Context, actor, bridgePoint string) error {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return err
	}
	defer c.ctl.Unlock()
	c.mu.Lock()
	prev := c.floor
	c.mu.Unlock()
	if prev != nil && prev != m {
		if err := c.revokeFloor(ctx, actor, prev); err != nil {
			return err
		}
	}
	if err := c.record(ctx, actor, "floor_grant", bridgePoint, ""); err != nil {
		return err
	}
	c.mu.Lock()
	c.floor, m.floor = m, true
	req := c.requestOf(m)
	c.mu.Unlock()
	c.applyMute(m, Unmuted, actor)
	c.notify(m, FloorMessage{Type: "floor", Granted: true})
	c.emit(EventFloor, bridgePoint, actor, 0, "granted")
	if req != nil {
		if err := c.setRequestState(ctx, actor, req, "granted"); err != nil {
			c.log.Error("grant floor: speak request state", "err", err)
		}
	}
	return nil
}

// RevokeFloor journals and takes the floor back: hard mute again, speaker slot unpinned.
func (c *Conference) RevokeFloor(ctx context.Context, actor, bridgePoint string) error {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return err
	}
	defer c.ctl.Unlock()
	c.mu.Lock()
	holds := m.floor
	c.mu.Unlock()
	if !holds {
		return fmt.Errorf("mcu: revoke floor: %s does not hold the floor", bridgePoint)
	}
	return c.revokeFloor(ctx, actor, m)
}

// revokeFloor does RevokeFloor with c.ctl held.
func (c *Conference) revokeFloor(ctx context.Context, actor string, m *member) error {
	if err := c.record(ctx, actor, "floor_revoke", m.info.ID, ""); err != nil {
		return err
	}
	c.mu.Lock()
	m.floor = false
	if c.floor == m {
		c.floor = nil
	}
	req := c.requestOf(m)
	c.mu.Unlock()
	c.applyMute(m, HardMute, actor)
	c.notify(m, FloorMessage{Type: "floor", Granted: false})
	c.emit(EventFloor, m.info.ID, actor, 0, "revoked")
	if req != nil && req.State == "granted" {
		if err := c.setRequestState(ctx, actor, req, "done"); err != nil {
			c.log.Error("revoke floor: speak request state", "err", err)
		}
	}
	return nil
}

// Close journals the end of the conference, closes every session and emits EventConferenceEnd.
func (c *Conference) Close(ctx context.Context, actor string) error {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed {
		return ErrClosed
	}
	if err := c.record(ctx, actor, "conference_close", "", c.spec.Title); err != nil {
		return err
	}
	c.tellEnded()
	c.shutdown("closed")
	c.emit(EventConferenceEnd, "", actor, 0, "")
	return nil
}
