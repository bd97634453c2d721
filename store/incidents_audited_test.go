package store

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"
)

func TestSaveIncidentAuditedOneTransaction(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)
	in := Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "audio", Description: "rè tiếng",
		StartedAt: at(time.Minute), ReportedBy: "tran.thi.binh", Status: "open"}
	audit := AuditEntry{At: at(2 * time.Minute), Actor: "tran.thi.binh", Action: "incident_save",
		BridgePoint: "XA-IAGRAI", Detail: "audio: rè tiếng"}

	// The audit row is refused (empty actor violates a CHECK): no incident row either.
	bad := audit
	bad.Actor = ""
	if _, err := s.SaveIncidentAudited(ctx, in, bad); err == nil {
		t.Fatal("save with a refused audit row succeeded")
	}
	if n, a := countRows(t, s, "incidents"), countRows(t, s, "audit_log"); n != 0 || a != 0 {
		t.Fatalf("after a refused audit row: %d incidents, %d audit rows; want 0, 0", n, a)
	}

	// Success writes both.
	id, err := s.SaveIncidentAudited(ctx, in, audit)
	if err != nil {
		t.Fatal(err)
	}
	in.ID = id
	if got, err := s.Incident(ctx, id); err != nil || got != in {
		t.Fatalf("Incident = %+v, %v; want %+v", got, err, in)
	}
	log, err := s.AuditLog(ctx, mid)
	if err != nil || len(log) != 1 || log[0].Action != "incident_save" || log[0].MeetingID != mid ||
		log[0].Detail != "#"+itoa(id)+" audio: rè tiếng" {
		t.Fatalf("audit = %+v, %v", log, err)
	}

	// An edit whose audit row is refused leaves the stored incident as it was.
	edited := in
	edited.Description = "mất tiếng"
	if _, err := s.SaveIncidentAudited(ctx, edited, bad); err == nil {
		t.Fatal("edit with a refused audit row succeeded")
	}
	if got, _ := s.Incident(ctx, id); got != in {
		t.Fatalf("after a refused edit = %+v, want %+v", got, in)
	}

	// Once the meeting is closed nothing is written.
	if err := s.EndMeeting(ctx, mid, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveIncidentAudited(ctx, edited, audit); !errors.Is(err, ErrMeetingClosed) {
		t.Fatalf("edit of a closed meeting's incident: %v, want ErrMeetingClosed", err)
	}
	in2 := in
	in2.ID = 0
	if _, err := s.SaveIncidentAudited(ctx, in2, audit); !errors.Is(err, ErrMeetingClosed) {
		t.Fatalf("new incident in a closed meeting: %v, want ErrMeetingClosed", err)
	}
	if n, a := countRows(t, s, "incidents"), countRows(t, s, "audit_log"); n != 1 || a != 1 {
		t.Fatalf("after refusals on a closed meeting: %d incidents, %d audit rows; want 1, 1", n, a)
	}
	if got, _ := s.Incident(ctx, id); got != in {
		t.Fatalf("closed meeting's incident changed: %+v", got)
	}
}

func TestDiscardDraftIncidentAudited(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)
	id, err := s.SaveIncident(ctx, Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "line", Status: "draft"})
	if err != nil {
		t.Fatal(err)
	}
	audit := AuditEntry{Actor: "tran.thi.binh", Action: "incident_discard", BridgePoint: "XA-IAGRAI"}
	bad := audit
	bad.Action = ""
	if err := s.DiscardDraftIncidentAudited(ctx, id, bad); err == nil {
		t.Fatal("discard with a refused audit row succeeded")
	}
	if _, err := s.Incident(ctx, id); err != nil {
		t.Fatalf("draft gone after a refused audit row: %v", err)
	}
	if err := s.DiscardDraftIncidentAudited(ctx, id, audit); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Incident(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("draft still there: %v", err)
	}
	if log, _ := s.AuditLog(ctx, mid); len(log) != 1 || log[0].Detail != "#"+itoa(id)+" " {
		t.Fatalf("audit = %+v", log)
	}
	if err := s.DiscardDraftIncidentAudited(ctx, id, audit); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second discard: %v, want ErrNotFound", err)
	}
	// A closed meeting's draft stays.
	id2, _ := s.SaveIncident(ctx, Incident{MeetingID: mid, Kind: "line", Status: "draft"})
	if err := s.EndMeeting(ctx, mid, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.DiscardDraftIncidentAudited(ctx, id2, audit); !errors.Is(err, ErrMeetingClosed) {
		t.Fatalf("discard in a closed meeting: %v, want ErrMeetingClosed", err)
	}
	if a := countRows(t, s, "audit_log"); a != 1 {
		t.Fatalf("%d audit rows, want 1", a)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestCloseMeetingLogAuditedOneTransaction(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)
	entries := []MeetingLogEntry{{BridgePoint: "UBND-TINH", Main: true, Name: "Phòng họp UBND tỉnh", Status: LogNormal,
		Camera: LogNormal, Codec: LogNormal, Microphone: LogNormal, Cables: LogNormal, Other: LogNormal, ConfirmedBy: "console:an"}}
	audit := AuditEntry{At: at(time.Hour), Actor: "console:an", Action: "meeting_log_close", Detail: "entries=1"}
	bad := audit
	bad.Actor = ""
	if err := s.CloseMeetingLogAudited(ctx, mid, entries, at(time.Hour), bad); err == nil {
		t.Fatal("close with a refused audit row succeeded")
	}
	if m, err := s.Meeting(ctx, mid); err != nil || m.Status != "live" {
		t.Fatalf("after a refused audit row the meeting is %q (%v), want live", m.Status, err)
	}
	if n := countRows(t, s, "meeting_log_entries"); n != 0 {
		t.Fatalf("%d log entries after a refused close, want 0", n)
	}
	if err := s.CloseMeetingLogAudited(ctx, mid, entries, at(time.Hour), audit); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Meeting(ctx, mid); m.Status != "closed" {
		t.Fatalf("meeting %q after close", m.Status)
	}
	if log, _ := s.AuditLog(ctx, mid); len(log) != 1 || log[0].Action != "meeting_log_close" || log[0].MeetingID != mid {
		t.Fatalf("audit %+v", log)
	}
	// A second close is refused with its audit row.
	if err := s.CloseMeetingLogAudited(ctx, mid, nil, at(2*time.Hour), audit); !errors.Is(err, ErrMeetingClosed) {
		t.Fatalf("second close: %v, want ErrMeetingClosed", err)
	}
	if a := countRows(t, s, "audit_log"); a != 1 {
		t.Fatalf("%d audit rows, want 1", a)
	}
}
