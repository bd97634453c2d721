package mcu

import (
	"context"
	"fmt"
	"time"
)

// requestOf returns the queued request of m (c.mu held).
func (c *Conference) requestOf(m *member) *SpeakRequest {
	for _, r := range c.requests {
		if r.BridgePoint == m.info.ID {
			return r
		}
	}
	return nil
}

// requestByID returns a queued request by ID.
func (c *Conference) requestByID(id int64) (*SpeakRequest, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.requests {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// removeRequest drops a request from the queue.
func (c *Conference) removeRequest(req *SpeakRequest) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, r := range c.requests {
		if r == req {
			c.requests = append(c.requests[:i], c.requests[i+1:]...)
			return
		}
	}
}

// setRequestState journals a request's new state, applies it and emits EventSpeakUpdate. States
// "done" and "dismissed" leave the queue.
func (c *Conference) setRequestState(ctx context.Context, actor string, req *SpeakRequest, state string) error {
	now := time.Now()
	if err := c.mcu.journal.UpdateSpeakRequest(ctx, req.ID, now, state, actor); err != nil {
		return fmt.Errorf("mcu: journal speak request %d %s: %w", req.ID, state, err)
	}
	c.mu.Lock()
	req.State = state
	if state == "forwarded" {
		req.ForwardedAt = now
	}
	c.mu.Unlock()
	if state == "done" || state == "dismissed" {
		c.removeRequest(req)
	}
	c.emit(EventSpeakUpdate, req.BridgePoint, actor, req.ID, state)
	return nil
}

// ForwardRequest journals and forwards a waiting speak request to the chair.
func (c *Conference) ForwardRequest(ctx context.Context, actor string, requestID int64) error {
	return c.decideRequest(ctx, actor, requestID, JournalSpeakForward, "forwarded")
}

// DismissRequest journals and removes a speak request from the queue.
func (c *Conference) DismissRequest(ctx context.Context, actor string, requestID int64) error {
	return c.decideRequest(ctx, actor, requestID, JournalSpeakDismiss, "dismissed")
}

// decideRequest journals action on a request, then moves it to state.
func (c *Conference) decideRequest(ctx context.Context, actor string, requestID int64, action, state string) error {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	req, ok := c.requestByID(requestID)
	if !ok {
		return fmt.Errorf("%w: %d", ErrUnknownRequest, requestID)
	}
	if err := c.record(ctx, actor, action, req.BridgePoint, RequestDetail(requestID)); err != nil {
		return err
	}
	return c.setRequestState(ctx, actor, req, state)
}

// endpointSpeakRequest queues a request to speak from the site; a duplicate is ignored.
func (c *Conference) endpointSpeakRequest(ctx context.Context, m *member) error {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	dup := c.requestOf(m) != nil
	c.mu.Unlock()
	if dup {
		return nil
	}
	_, err := c.queueRequest(ctx, m, "endpoint")
	return err
}

// endpointSpeakCancel withdraws the site's request to speak.
func (c *Conference) endpointSpeakCancel(ctx context.Context, m *member) error {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	req := c.requestOf(m)
	c.mu.Unlock()
	if req == nil {
		return nil
	}
	return c.withdrawRequest(ctx, req, m.info.ID, "endpoint")
}

// endpointUnmute lets the site lift a soft mute; a hard mute is restated instead.
func (c *Conference) endpointUnmute(ctx context.Context, s *session) error {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	m := s.m
	switch m.muteMode() {
	case Unmuted:
		s.send(newMuteMessage(Unmuted))
		return nil
	case HardMute:
		s.send(newMuteMessage(HardMute))
		return nil
	}
	if err := c.record(ctx, m.info.ID, JournalSelfUnmute, m.info.ID, ""); err != nil {
		s.send(newMuteMessage(m.muteMode()))
		return err
	}
	m.setMode(Unmuted)
	s.send(newMuteMessage(Unmuted))
	c.emit(EventUnmuted, m.info.ID, "endpoint", 0, "")
	return nil
}

// endpointIncident journals an operator's report from the site and announces it.
func (c *Conference) endpointIncident(ctx context.Context, m *member, text string) error {
	if text == "" {
		return nil
	}
	if err := c.record(ctx, m.info.ID, JournalIncidentReport, m.info.ID, text); err != nil {
		return err
	}
	c.emit(EventIncident, m.info.ID, "endpoint", 0, text)
	return nil
}
