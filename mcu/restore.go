package mcu

import (
	"context"
	"fmt"
)

// Restored is the control state of a conference as it was before the server restarted: read
// back from the journal, it is applied before any bridge point can rejoin.
type Restored struct {
	Mute     map[string]MuteMode // bridge point → SoftMute or HardMute; absent means open
	Floor    string              // the bridge point holding the floor; "" when none
	Requests []SpeakRequest      // the speak-request queue, in order
	Attended map[string]Attended // bridge point → its attendance confirmed at the roll call
	Locked   bool                // the conference was locked
}

// Attended is a bridge point's confirmed attendance.
type Attended struct {
	Attendees int
	By        string // "endpoint" (the site) or the technician
}

// Reopen starts a conference like Open, with each member's mute mode, the floor and the speak
// requests of r in place before the first join: a bridge point muted before the restart is not
// heard for a single packet after it. Entries of r naming no member are an error.
func (m *MCU) Reopen(ctx context.Context, spec ConferenceSpec, r Restored) (*Conference, error) {
	members := map[string]bool{}
	for _, mem := range spec.Members {
		members[mem.ID] = true
	}
	for bp, mode := range r.Mute {
		if !members[bp] {
			return nil, fmt.Errorf("mcu: reopen conference %s: muted %w: %s", spec.ID, ErrUnknownBridgePoint, bp)
		}
		if mode != SoftMute && mode != HardMute {
			return nil, fmt.Errorf("mcu: reopen conference %s: %s: unknown mute mode %q", spec.ID, bp, mode)
		}
	}
	if r.Floor != "" && !members[r.Floor] {
		return nil, fmt.Errorf("mcu: reopen conference %s: floor %w: %s", spec.ID, ErrUnknownBridgePoint, r.Floor)
	}
	for _, req := range r.Requests {
		if !members[req.BridgePoint] {
			return nil, fmt.Errorf("mcu: reopen conference %s: speak request %d %w: %s", spec.ID, req.ID, ErrUnknownBridgePoint, req.BridgePoint)
		}
	}
	return m.open(ctx, spec, func(c *Conference) { c.restore(r) })
}

// restore applies r to a conference no one can reach yet.
func (c *Conference) restore(r Restored) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for bp, mode := range r.Mute {
		c.byID[bp].setMode(mode)
	}
	if f := c.byID[r.Floor]; f != nil {
		c.floor, f.floor = f, true
	}
	for _, req := range r.Requests {
		q := req
		c.requests = append(c.requests, &q)
	}
	for bp, a := range r.Attended {
		if m := c.byID[bp]; m != nil { // a site that answered but never became a member is left out
			m.attendees, m.attendedBy = a.Attendees, a.By
		}
	}
	c.door.locked = r.Locked
}
