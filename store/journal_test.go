package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func liveMeeting(t *testing.T, s *Store) int64 {
	t.Helper()
	id, err := s.CreateMeeting(context.Background(),
		Meeting{Title: "Họp", MainBP: "UBND-TINH", StartedAt: at(0)}, []string{"XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestJournalRoundTrip(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)

	sid, err := s.RecordJoin(ctx, mid, at(time.Second), "XA-IAGRAI")
	if err != nil {
		t.Fatal(err)
	}
	a1, err := s.RecordAction(ctx, mid, at(2*time.Second), "nguyen.van.an", "mute", "XA-IAGRAI", "hard")
	if err != nil {
		t.Fatal(err)
	}
	a0, err := s.RecordAction(ctx, 0, at(3*time.Second), "system", "startup", "", "")
	if err != nil {
		t.Fatal(err)
	}
	rid, err := s.RecordSpeakRequest(ctx, mid, at(4*time.Second), "XA-IAGRAI")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateSpeakRequest(ctx, rid, at(5*time.Second), "forwarded", "nguyen.van.an"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordLeave(ctx, sid, at(6*time.Second), "link_failed"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordLeave(ctx, sid, at(7*time.Second), "again"); err != nil {
		t.Fatalf("second leave: %v", err)
	}

	sessions, err := s.Sessions(ctx, mid)
	if err != nil || len(sessions) != 1 {
		t.Fatalf("Sessions = %+v, %v", sessions, err)
	}
	wantSession := Session{ID: sid, MeetingID: mid, BridgePoint: "XA-IAGRAI", JoinedAt: at(time.Second),
		LeftAt: at(6 * time.Second), LeaveReason: "link_failed"}
	if sessions[0] != wantSession {
		t.Fatalf("session = %+v, want %+v", sessions[0], wantSession)
	}

	log, err := s.AuditLog(ctx, mid)
	if err != nil || len(log) != 1 {
		t.Fatalf("AuditLog(meeting) = %+v, %v", log, err)
	}
	wantEntry := AuditEntry{ID: a1, At: at(2 * time.Second), MeetingID: mid, Actor: "nguyen.van.an",
		Action: "mute", BridgePoint: "XA-IAGRAI", Detail: "hard"}
	if log[0] != wantEntry {
		t.Fatalf("audit entry = %+v, want %+v", log[0], wantEntry)
	}
	all, err := s.AuditLog(ctx, 0)
	if err != nil || len(all) != 2 || all[1].ID != a0 || all[1].MeetingID != 0 || all[1].BridgePoint != "" {
		t.Fatalf("AuditLog(0) = %+v, %v", all, err)
	}

	reqs, err := s.SpeakRequests(ctx, mid)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("SpeakRequests = %+v, %v", reqs, err)
	}
	wantReq := SpeakRequest{ID: rid, MeetingID: mid, BridgePoint: "XA-IAGRAI", State: "forwarded",
		RequestedAt: at(4 * time.Second), UpdatedAt: at(5 * time.Second), UpdatedBy: "nguyen.van.an"}
	if reqs[0] != wantReq {
		t.Fatalf("speak request = %+v, want %+v", reqs[0], wantReq)
	}
}

func TestJournalRejectsBadReferences(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)
	const missing = 9999

	checks := map[string]error{}
	_, checks["join unknown meeting"] = s.RecordJoin(ctx, missing, at(0), "XA-IAGRAI")
	_, checks["join unknown bridge point"] = s.RecordJoin(ctx, mid, at(0), "KHONG-CO")
	_, checks["action unknown meeting"] = s.RecordAction(ctx, missing, at(0), "an", "mute", "", "")
	_, checks["action unknown bridge point"] = s.RecordAction(ctx, mid, at(0), "an", "mute", "KHONG-CO", "")
	_, checks["action without actor"] = s.RecordAction(ctx, mid, at(0), "", "mute", "", "")
	_, checks["speak unknown meeting"] = s.RecordSpeakRequest(ctx, missing, at(0), "XA-IAGRAI")
	checks["speak bad state"] = s.UpdateSpeakRequest(ctx, 1, at(0), "shouting", "an")
	for name, err := range checks {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := s.RecordLeave(ctx, missing, at(0), "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("leave unknown session: %v", err)
	}
	if err := s.UpdateSpeakRequest(ctx, missing, at(0), "done", "an"); !errors.Is(err, ErrNotFound) {
		t.Errorf("update unknown speak request: %v", err)
	}
	if n := countRows(t, s, "sessions") + countRows(t, s, "audit_log") + countRows(t, s, "speak_requests"); n != 0 {
		t.Fatalf("%d journal rows written by rejected calls", n)
	}
}

// The log book (Đ6.5) cannot be rewritten.
func TestAuditLogIsAppendOnly(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	if _, err := s.RecordAction(ctx, 0, at(0), "an", "mute_all", "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE audit_log SET actor = 'someone else'`); err == nil {
		t.Error("audit_log row updated")
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM audit_log`); err == nil {
		t.Error("audit_log row deleted")
	}
	if n := countRows(t, s, "audit_log"); n != 1 {
		t.Fatalf("audit_log has %d rows", n)
	}
}
