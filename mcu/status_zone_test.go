package mcu

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// incidentsOf is an IncidentLister over a fixed list.
type incidentsOf []OpenIncident

func (l incidentsOf) OpenIncidents(context.Context, int64) ([]OpenIncident, error) { return l, nil }

// TestStatusIncidentTimesInTheServersZone: an incident time read from the store (UTC) reaches
// the status API in the server's zone, as every other time of the reply (+07:00 in the
// province), not as UTC.
func TestStatusIncidentTimesInTheServersZone(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("ICT", 7*60*60)
	defer func() { time.Local = saved }()
	reply := statusReply{Conferences: []conferenceStatus{{MeetingID: 1}}}
	at := time.Date(2026, 12, 6, 1, 30, 0, 0, time.UTC)
	if err := addOpenIncidents(context.Background(), &reply, incidentsOf{{ID: 1, Kind: "line", Status: "draft", StartedAt: at}}); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(reply.Conferences[0].OpenIncidents)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"started_at":"2026-12-06T08:30:00+07:00"`) {
		t.Fatalf("incident time not in the server's zone: %s", b)
	}
}
