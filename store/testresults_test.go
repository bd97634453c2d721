package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestTestResultsLatestPerBridgePoint saves a failed then a passed result of one bridge point
// and a failed one of another, and reads back only the latest of each, with items and audit.
func TestTestResultsLatestPerBridgePoint(t *testing.T) {
	ctx := context.Background()
	s := withRegistry(t)
	mid, err := s.CreateMeeting(ctx, Meeting{Title: "Kiểm duyệt", HostUnit: "UBND-TINH", MainBP: "UBND-TINH",
		StartedAt: at(0)}, []string{"UBND-TINH", "XA-IAGRAI", "XA-DAKDOA"})
	if err != nil {
		t.Fatal(err)
	}
	save := func(bp string, d time.Duration, passed bool, figure string) {
		t.Helper()
		_, err := s.SaveTestResult(ctx, TestResult{MeetingID: mid, BridgePoint: bp, TestedAt: at(d),
			TestedBy: "ssh:nguyen.van.an", Passed: passed, Items: []TestResultItem{
				{Item: "connected", Measured: true, Passed: true},
				{Item: "video", Measured: true, Passed: passed, Figure: figure},
				{Item: "power", Passed: true},
			}}, AuditEntry{At: at(d), Actor: "ssh:nguyen.van.an", Action: "test_result", Detail: figure})
		if err != nil {
			t.Fatal(err)
		}
	}
	save("XA-IAGRAI", time.Minute, false, "640×360")
	save("XA-DAKDOA", 2*time.Minute, false, "")
	save("XA-IAGRAI", 3*time.Minute, true, "1280×720")

	got, err := s.LatestTestResults(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].BridgePoint != "XA-DAKDOA" || got[1].BridgePoint != "XA-IAGRAI" {
		t.Fatalf("latest results = %+v", got)
	}
	if got[0].Passed || !got[1].Passed || !got[1].TestedAt.Equal(at(3*time.Minute)) || got[1].TestedBy != "ssh:nguyen.van.an" {
		t.Fatalf("latest results = %+v", got)
	}
	if len(got[1].Items) != 3 || got[1].Items[1].Figure != "1280×720" || !got[1].Items[1].Measured || got[1].Items[2].Measured {
		t.Fatalf("items = %+v", got[1].Items)
	}
	log, err := s.AuditLog(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range log {
		if e.Action == "test_result" && e.Actor == "ssh:nguyen.van.an" && e.BridgePoint != "" {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d test_result audit entries, want 3: %+v", n, log)
	}
}

// TestTestResultUnknownBridgePointWritesNothing refuses a result for a bridge point not in the
// registry and leaves neither a result nor an audit entry behind.
func TestTestResultUnknownBridgePointWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := withRegistry(t)
	mid, err := s.CreateMeeting(ctx, Meeting{Title: "Kiểm duyệt", HostUnit: "UBND-TINH", MainBP: "UBND-TINH",
		StartedAt: at(0)}, []string{"UBND-TINH"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveTestResult(ctx, TestResult{MeetingID: mid, BridgePoint: "XA-KHONGCO", TestedBy: "console:root",
		Items: []TestResultItem{{Item: "connected", Measured: true}}},
		AuditEntry{Actor: "console:root", Action: "test_result"})
	if err == nil {
		t.Fatal("saved a result for an unknown bridge point")
	}
	got, err2 := s.LatestTestResults(ctx, mid)
	log, err3 := s.AuditLog(ctx, mid)
	if err := errors.Join(err2, err3); err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 || len(log) != 0 {
		t.Fatalf("left behind: results %+v, audit %+v", got, log)
	}
}
