package live

import (
	"context"
	"log/slog"

	"diemcau/mcu"
	"diemcau/store"
)

// RecordSiteReports turns every incident a site of conf reports over its control channel into an
// incident draft of conf's meeting, so that it reaches the incident list and the meeting's
// Appendix II log, console or not. It returns when ctx ends, the MCU closes or conf ends.
func RecordSiteReports(ctx context.Context, m *mcu.MCU, conf *mcu.Conference, st *store.Store, log *slog.Logger) {
	meetingID := conf.Snapshot().MeetingID
	watchConference(ctx, m, conf, nil, func(ev mcu.Event) bool {
		if ev.Kind != mcu.EventIncident {
			return false
		}
		if inc, err := RecordSiteReport(ctx, st, meetingID, ev.BridgePoint, ev.Detail, ev.At); err != nil {
			log.Error("site incident report", "bp", ev.BridgePoint, "incident", inc, "err", err)
		}
		return false
	})
}

// watchConference gives fn every event of conf until fn returns true, ctx ends, the MCU closes
// or conf ends. first, when set, is called once subscribed (so that nothing after it is missed);
// true from it ends the watch at once.
func watchConference(ctx context.Context, m *mcu.MCU, conf *mcu.Conference, first func() bool, fn func(mcu.Event) bool) {
	events, cancel := m.Subscribe(256)
	defer cancel()
	if first != nil && first() {
		return
	}
	id := conf.ID()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok || ev.Conference == id && ev.Kind == mcu.EventConferenceEnd {
				return
			}
			if ev.Conference == id && fn(ev) {
				return
			}
		}
	}
}
