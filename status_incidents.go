package main

import (
	"context"

	"diemcau/mcu"
	"diemcau/store"
)

// storeIncidents gives the status API the open incidents of a meeting from the store.
type storeIncidents struct{ st *store.Store }

// OpenIncidents lists the meeting's incidents that are not resolved: drafts and open ones.
func (s storeIncidents) OpenIncidents(ctx context.Context, meetingID int64) ([]mcu.OpenIncident, error) {
	all, err := s.st.Incidents(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	var out []mcu.OpenIncident
	for _, in := range all {
		if in.Status == "resolved" {
			continue
		}
		out = append(out, mcu.OpenIncident{ID: in.ID, BridgePoint: in.BridgePoint, Kind: in.Kind,
			Status: in.Status, Description: in.Description, StartedAt: in.StartedAt})
	}
	return out, nil
}
