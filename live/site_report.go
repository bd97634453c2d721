package live

import (
	"context"
	"fmt"
	"strings"
	"time"

	"diemcau/store"
)

// SiteReporter is the ReportedBy of an incident a site reported itself over its control channel.
func SiteReporter(bridgePoint string) string { return "site:" + bridgePoint }

// RecordSiteReport stores an incident a site reported over its control channel (the MCU has
// journaled the report itself) as a draft of kind "other" of meetingID, for a technician to
// classify and confirm or discard like any draft, and journals the draft in the same
// transaction. It returns the incident id.
func RecordSiteReport(ctx context.Context, st *store.Store, meetingID int64, bridgePoint, text string, at time.Time) (int64, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, fmt.Errorf("site report of %s: empty text", bridgePoint)
	}
	id, err := st.SaveIncidentAudited(ctx, store.Incident{MeetingID: meetingID, BridgePoint: bridgePoint, Kind: "other",
		Description: text, StartedAt: at, ReportedBy: SiteReporter(bridgePoint), Status: "draft"},
		store.AuditEntry{At: at, Actor: systemActor, Action: string(ActionIncidentDraft), BridgePoint: bridgePoint, Detail: "other: " + text})
	if err != nil {
		return 0, fmt.Errorf("site report of %s: %w", bridgePoint, err)
	}
	return id, nil
}
