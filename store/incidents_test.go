package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestIncidentInsertUpdate(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)
	in := Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "line", Description: "mất kết nối",
		StartedAt: at(time.Minute), ReportedBy: "tran.thi.binh", Status: "open"}
	id, err := s.SaveIncident(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	in.ID = id
	got, err := s.Incident(ctx, id)
	if err != nil || got != in {
		t.Fatalf("Incident = %+v, %v; want %+v", got, err, in)
	}

	in.Status, in.EndedAt, in.ActionTaken = "resolved", at(4*time.Minute), "khởi động lại bộ kết nối"
	if id2, err := s.SaveIncident(ctx, in); err != nil || id2 != id {
		t.Fatalf("update: %d, %v", id2, err)
	}
	got, _ = s.Incident(ctx, id)
	if got != in {
		t.Fatalf("after update = %+v, want %+v", got, in)
	}

	// Outside any meeting, at no particular bridge point.
	if _, err := s.SaveIncident(ctx, Incident{Kind: "power", Status: "draft"}); err != nil {
		t.Fatal(err)
	}
	if list, err := s.Incidents(ctx, mid); err != nil || len(list) != 1 || list[0] != in {
		t.Fatalf("Incidents(meeting) = %+v, %v", list, err)
	}
	if list, err := s.Incidents(ctx, 0); err != nil || len(list) != 2 || list[1].MeetingID != 0 {
		t.Fatalf("Incidents(0) = %+v, %v", list, err)
	}
}

func TestIncidentValidation(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	ok := Incident{Kind: "audio", Status: "open", StartedAt: at(0)}
	cases := map[string]func(Incident) Incident{
		"kind":               func(i Incident) Incident { i.Kind = "noise"; return i },
		"status":             func(i Incident) Incident { i.Status = "closed"; return i },
		"open without start": func(i Incident) Incident { i.StartedAt = time.Time{}; return i },
		"resolved, no end":   func(i Incident) Incident { i.Status = "resolved"; return i },
		"ends before start":  func(i Incident) Incident { i.EndedAt = at(-time.Minute); return i },
		"unknown meeting":    func(i Incident) Incident { i.MeetingID = 9999; return i },
		"unknown bp":         func(i Incident) Incident { i.BridgePoint = "KHONG-CO"; return i },
	}
	for name, spoil := range cases {
		if _, err := s.SaveIncident(ctx, spoil(ok)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if n := countRows(t, s, "incidents"); n != 0 {
		t.Fatalf("%d invalid incidents stored", n)
	}
	missing := ok
	missing.ID = 9999
	if _, err := s.SaveIncident(ctx, missing); !errors.Is(err, ErrNotFound) {
		t.Fatalf("update unknown incident: %v", err)
	}
	if _, err := s.Incident(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Incident unknown: %v", err)
	}
}
