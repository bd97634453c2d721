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

	// A closed meeting's incidents may still be edited until its log is submitted; then
	// nothing is written.
	if err := s.EndMeeting(ctx, mid, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveIncidentAudited(ctx, edited, audit); err != nil {
		t.Fatalf("edit after the close, before the log is submitted: %v", err)
	}
	if err := s.SubmitMeetingLogAudited(ctx, mid, at(2*time.Hour), AuditEntry{Actor: "tran.thi.binh",
		Action: "meeting_log_submit"}); err != nil {
		t.Fatal(err)
	}
	edited2 := edited
	edited2.Description = "mất hình"
	if _, err := s.SaveIncidentAudited(ctx, edited2, audit); !errors.Is(err, ErrLogSubmitted) {
		t.Fatalf("edit of a submitted log's incident: %v, want ErrLogSubmitted", err)
	}
	in2 := in
	in2.ID = 0
	if _, err := s.SaveIncidentAudited(ctx, in2, audit); !errors.Is(err, ErrLogSubmitted) {
		t.Fatalf("new incident in a submitted log: %v, want ErrLogSubmitted", err)
	}
	if n, a := countRows(t, s, "incidents"), countRows(t, s, "audit_log"); n != 1 || a != 3 {
		t.Fatalf("after refusals on a submitted log: %d incidents, %d audit rows; want 1, 3", n, a)
	}
	if got, _ := s.Incident(ctx, id); got != edited {
		t.Fatalf("submitted log's incident changed: %+v, want %+v", got, edited)
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
	// After the close a draft may still be discarded; once the log is submitted it stays.
	id2, _ := s.SaveIncident(ctx, Incident{MeetingID: mid, Kind: "line", Status: "draft"})
	id3, _ := s.SaveIncident(ctx, Incident{MeetingID: mid, Kind: "line", Status: "draft"})
	if err := s.EndMeeting(ctx, mid, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.DiscardDraftIncidentAudited(ctx, id2, audit); err != nil {
		t.Fatalf("discard after the close: %v", err)
	}
	submit := AuditEntry{Actor: "tran.thi.binh", Action: "meeting_log_submit"}
	if err := s.SubmitMeetingLogAudited(ctx, mid, at(2*time.Hour), submit); !errors.Is(err, ErrDraftsPending) {
		t.Fatalf("submit with a draft pending: %v, want ErrDraftsPending", err)
	}
	if err := s.DiscardDraftIncidentAudited(ctx, id3, audit); err != nil {
		t.Fatal(err)
	}
	if err := s.SubmitMeetingLogAudited(ctx, mid, at(2*time.Hour), submit); err != nil {
		t.Fatal(err)
	}
	if err := s.SubmitMeetingLogAudited(ctx, mid, at(3*time.Hour), submit); !errors.Is(err, ErrLogSubmitted) {
		t.Fatalf("second submit: %v, want ErrLogSubmitted", err)
	}
	id4, _ := s.SaveIncident(ctx, Incident{MeetingID: mid, Kind: "line", Status: "draft"})
	if err := s.DiscardDraftIncidentAudited(ctx, id4, audit); !errors.Is(err, ErrLogSubmitted) {
		t.Fatalf("discard in a submitted log: %v, want ErrLogSubmitted", err)
	}
	if a := countRows(t, s, "audit_log"); a != 4 {
		t.Fatalf("%d audit rows, want 4", a)
	}
}

// TestConfirmDraftAfterTheClose: a draft confirmed after the close reaches the bridge point's
// Appendix II entry in the same transaction; a live meeting has no entry to change.
func TestConfirmDraftAfterTheClose(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)
	draft := Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "line", Description: "mất kết nối",
		StartedAt: at(time.Minute), ReportedBy: "system", Status: "draft"}
	id, err := s.SaveIncident(ctx, draft)
	if err != nil {
		t.Fatal(err)
	}
	draft.ID = id
	entries := []MeetingLogEntry{{BridgePoint: "XA-IAGRAI", Name: "UBND xã Ia Grai", Status: LogNormal,
		Camera: LogNormal, Codec: LogNormal, Microphone: LogNormal, Cables: LogNormal, Other: LogNormal}}
	if err := s.CloseMeetingLog(ctx, mid, entries, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
	confirmed := draft
	confirmed.Status = "open"
	audit := AuditEntry{Actor: "tran.thi.binh", Action: "incident_confirm", BridgePoint: "XA-IAGRAI"}
	if err := s.ConfirmDraftIncidentAudited(ctx, confirmed, audit); err != nil {
		t.Fatal(err)
	}
	if err := s.ConfirmDraftIncidentAudited(ctx, confirmed, audit); !errors.Is(err, ErrNotFound) {
		t.Fatalf("confirming a record again: %v, want ErrNotFound", err)
	}
	log, err := s.MeetingLog(ctx, mid)
	if err != nil || len(log) != 1 || log[0].Status != LogIncident || log[0].IncidentText != "mất kết nối" {
		t.Fatalf("log after the confirmation: %+v, %v", log, err)
	}
	if got, _ := s.Incident(ctx, id); got.Status != "open" {
		t.Fatalf("incident status %q, want open", got.Status)
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
