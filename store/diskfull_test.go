package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestFullDiskFailsLoudAndLosesNothing: when the database cannot grow (a full disk, simulated
// with SQLite's page limit) a write fails with an error the caller shows, and writes nothing;
// what was acknowledged before stays whole, and writes work again once there is room.
func TestFullDiskFailsLoudAndLosesNothing(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)
	s.db.SetMaxOpenConns(1) // the page limit is a connection's; keep one
	in := Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "audio", Description: "rè tiếng",
		StartedAt: at(time.Minute), ReportedBy: "an", Status: "open"}
	audit := AuditEntry{At: at(time.Minute), Actor: "an", Action: "incident_save", BridgePoint: "XA-IAGRAI"}
	if _, err := s.SaveIncidentAudited(ctx, in, audit); err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`PRAGMA max_page_count = ` + itoa(int64(pages))); err != nil {
		t.Fatal(err)
	}
	big := in
	big.Description = strings.Repeat("mất tín hiệu ", 20000) // needs pages the "disk" no longer has
	_, err := s.SaveIncidentAudited(ctx, big, audit)
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "full") {
		t.Fatalf("write on a full disk: %v, want a loud 'full' error", err)
	}
	if n, a := countRows(t, s, "incidents"), countRows(t, s, "audit_log"); n != 1 || a != 1 {
		t.Fatalf("after the refused write: %d incidents, %d audit rows; want 1, 1", n, a)
	}
	var check string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	if _, err := s.db.Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveIncidentAudited(ctx, big, audit); err != nil {
		t.Fatalf("write once there is room again: %v", err)
	}
}
