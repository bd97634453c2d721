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
	events, cancel := m.Subscribe(256)
	defer cancel()
	id, meetingID := conf.ID(), conf.Snapshot().MeetingID
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if ev.Conference != id {
				continue
			}
			switch ev.Kind {
			case mcu.EventConferenceEnd:
				return
			case mcu.EventIncident:
				if inc, err := RecordSiteReport(ctx, st, meetingID, ev.BridgePoint, ev.Detail, ev.At); err != nil {
					log.Error("site incident report", "bp", ev.BridgePoint, "incident", inc, "err", err)
				}
			}
		}
	}
}
