package live

import (
	"context"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
)

// ActorAuto is the audit actor of a meeting opened by itself at its start time.
const ActorAuto = "system:auto-open"

// OpenDue opens, as ActorAuto, every booking whose final check (Article 10) is done and whose
// time has come (started, not yet ended) and that has no meeting yet. A booking that cannot be
// opened (a site still in another meeting) is logged and tried again on the next pass.
func (m *Manager) OpenDue(ctx context.Context) ([]*mcu.Conference, error) {
	now := m.now()
	bs, err := m.st.BookingsBetween(ctx, now.Add(-24*time.Hour), now.Add(time.Minute))
	if err != nil {
		return nil, err
	}
	var out []*mcu.Conference
	for _, b := range bs {
		if b.MeetingID != 0 || meeting.State(b) != meeting.StepFinalCheckDone || now.Before(b.StartsAt) || !now.Before(b.EndsAt) {
			continue
		}
		conf, err := m.OpenBooking(ctx, b.ID, ActorAuto)
		if err != nil {
			m.log.Warn("automatic opening", "booking", b.ID, "err", err)
			continue
		}
		out = append(out, conf)
	}
	return out, nil
}

// AutoOpen runs OpenDue every interval until Stop (the site chose automatic opening).
func (m *Manager) AutoOpen(ctx context.Context, every time.Duration) {
	m.track(context.WithoutCancel(ctx), func(tctx context.Context) {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if _, err := m.OpenDue(tctx); err != nil && tctx.Err() == nil {
				m.log.Error("automatic opening", "err", err)
			}
			select {
			case <-tctx.Done():
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
}
