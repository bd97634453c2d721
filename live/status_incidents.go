package live

import (
	"context"

	"diemcau/mcu"
)

// OpenIncidents lists the meeting's incidents that are not resolved, drafts and open ones, for
// the status API: the Manager is the MCU's incident lister.
func (m *Manager) OpenIncidents(ctx context.Context, meetingID int64) ([]mcu.OpenIncident, error) {
	all, err := m.st.Incidents(ctx, meetingID)
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
