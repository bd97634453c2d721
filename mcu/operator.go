package mcu

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrHardMuted is returned when a bridge point's own operator tries to lift a hard mute, which
// only the control center may lift.
var ErrHardMuted = errors.New("mcu: hard mute: only the control center may unmute")

// RaiseRequest journals, then queues, a request to speak for bridgePoint made by its operator
// from the console; a bridge point already in the queue keeps its request, whose ID is returned.
func (c *Conference) RaiseRequest(ctx context.Context, actor, bridgePoint string) (int64, error) {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return 0, err
	}
	defer c.ctl.Unlock()
	c.mu.Lock()
	req := c.requestOf(m)
	c.mu.Unlock()
	if req != nil {
		return req.ID, nil
	}
	if err := c.record(ctx, actor, JournalSpeakRequest, bridgePoint, ""); err != nil {
		return 0, err
	}
	req, err = c.queueRequest(ctx, m, actor)
	if err != nil {
		return 0, err
	}
	return req.ID, nil
}

// CancelRequest journals, then withdraws, bridgePoint's request to speak on its operator's behalf.
func (c *Conference) CancelRequest(ctx context.Context, actor, bridgePoint string) error {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return err
	}
	defer c.ctl.Unlock()
	c.mu.Lock()
	req := c.requestOf(m)
	c.mu.Unlock()
	if req == nil {
		return fmt.Errorf("%w: %s has none", ErrUnknownRequest, bridgePoint)
	}
	if err := c.record(ctx, actor, JournalSpeakCancel, bridgePoint, RequestDetail(req.ID)); err != nil {
		return err
	}
	return c.withdrawRequest(ctx, req, actor, actor)
}

// SelfUnmute journals, then lifts, a soft mute of bridgePoint at its operator's request; a hard
// mute is refused with ErrHardMuted, and an open microphone is left as it is.
func (c *Conference) SelfUnmute(ctx context.Context, actor, bridgePoint string) error {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return err
	}
	defer c.ctl.Unlock()
	switch m.muteMode() {
	case Unmuted:
		return nil
	case HardMute:
		return fmt.Errorf("%w: %s", ErrHardMuted, bridgePoint)
	}
	if err := c.record(ctx, actor, JournalSelfUnmute, bridgePoint, ""); err != nil {
		return err
	}
	c.applyMute(m, Unmuted, actor)
	return nil
}

// queueRequest stores a new speak request of m and appends it to the queue (c.ctl held); event
// actor is who raised it.
func (c *Conference) queueRequest(ctx context.Context, m *member, actor string) (*SpeakRequest, error) {
	now := time.Now()
	id, err := c.mcu.journal.RecordSpeakRequest(ctx, c.spec.MeetingID, now, m.info.ID)
	if err != nil {
		return nil, fmt.Errorf("journal speak request: %w", err)
	}
	req := &SpeakRequest{ID: id, BridgePoint: m.info.ID, State: "waiting", RequestedAt: now}
	c.mu.Lock()
	c.requests = append(c.requests, req)
	c.mu.Unlock()
	c.emit(EventSpeakRequest, m.info.ID, actor, id, "")
	return req, nil
}

// withdrawRequest marks req cancelled by journalActor and drops it from the queue (c.ctl held);
// eventActor goes into the event.
func (c *Conference) withdrawRequest(ctx context.Context, req *SpeakRequest, journalActor, eventActor string) error {
	if err := c.mcu.journal.UpdateSpeakRequest(ctx, req.ID, time.Now(), "cancelled", journalActor); err != nil {
		return fmt.Errorf("journal speak cancel: %w", err)
	}
	c.removeRequest(req)
	c.emit(EventSpeakCancel, req.BridgePoint, eventActor, req.ID, "")
	return nil
}

// SelfMute journals, then applies, a soft mute of bridgePoint at its operator's request; a
// bridge point already muted, softly or hard, is left as it is.
func (c *Conference) SelfMute(ctx context.Context, actor, bridgePoint string) error {
	m, err := c.controlTarget(bridgePoint)
	if err != nil {
		return err
	}
	defer c.ctl.Unlock()
	if m.muteMode() != Unmuted {
		return nil
	}
	if err := c.record(ctx, actor, JournalSelfMute, bridgePoint, MuteDetail(SoftMute)); err != nil {
		return err
	}
	c.applyMute(m, SoftMute, actor)
	return nil
}
