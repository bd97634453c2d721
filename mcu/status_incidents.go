package mcu

import (
	"context"
	"net/http"
	"time"
)

// OpenIncident is an incident of a meeting that is not resolved yet (a draft or an open one),
// as GET /api/v1/status shows it.
type OpenIncident struct {
	ID          int64
	BridgePoint string
	Kind        string // line, audio, video, power, device, other
	Status      string // draft or open
	Description string
	StartedAt   time.Time // zero when a draft has no start time yet
}

// IncidentLister lists the open incidents of a meeting for the status API; the root package
// adapts the store to it, so that the MCU needs no store.
type IncidentLister interface {
	OpenIncidents(ctx context.Context, meetingID int64) ([]OpenIncident, error)
}

// incidentJSON is one open incident in the status reply.
type incidentJSON struct {
	ID          int64      `json:"id"`
	BridgePoint string     `json:"bridge_point"`
	Kind        string     `json:"kind"`
	Status      string     `json:"status"`
	Description string     `json:"description"`
	StartedAt   *time.Time `json:"started_at,omitempty"`
}

// StatusHandlerWithIncidents is StatusHandler whose reply also lists each conference's open
// incidents, read from inc at each request.
func (m *MCU) StatusHandlerWithIncidents(token string, inc IncidentLister) http.Handler {
	return m.statusHandler(token, inc)
}

// addOpenIncidents fills the open incidents of every conference of reply from inc (nil: none).
func addOpenIncidents(ctx context.Context, reply *statusReply, inc IncidentLister) error {
	for i := range reply.Conferences {
		cs := &reply.Conferences[i]
		cs.OpenIncidents = []incidentJSON{}
		if inc == nil || cs.MeetingID == 0 {
			continue
		}
		list, err := inc.OpenIncidents(ctx, cs.MeetingID)
		if err != nil {
			return err
		}
		for _, in := range list {
			j := incidentJSON{ID: in.ID, BridgePoint: in.BridgePoint, Kind: in.Kind, Status: in.Status,
				Description: in.Description}
			if !in.StartedAt.IsZero() {
				at := in.StartedAt.Local() // as every other time of the API: the server's (the province's) zone
				j.StartedAt = &at
			}
			cs.OpenIncidents = append(cs.OpenIncidents, j)
		}
	}
	return nil
}
