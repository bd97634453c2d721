package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestOutagesAndDraftDiscard(t *testing.T) {
	ctx := context.Background()
	s := withRegistry(t)
	mid, err := s.CreateMeeting(ctx, Meeting{Title: "Họp", MainBP: "UBND-TINH", StartedAt: at(0)}, []string{"XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	inc, err := s.SaveIncident(ctx, Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "line", Status: "draft", StartedAt: at(time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	oid, err := s.OpenOutage(ctx, Outage{MeetingID: mid, BridgePoint: "XA-IAGRAI", Cause: "disconnected", StartedAt: at(time.Minute), IncidentID: inc})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EndOutage(ctx, oid, at(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.EndOutage(ctx, oid, at(4*time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Errorf("ending an ended outage: %v, want ErrNotFound", err)
	}
	if err := s.DiscardDraftIncident(ctx, inc); err != nil {
		t.Fatal(err)
	}
	if err := s.DiscardDraftIncident(ctx, inc); !errors.Is(err, ErrNotFound) {
		t.Errorf("discarding twice: %v, want ErrNotFound", err)
	}
	os, err := s.Outages(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(os) != 1 || os[0].IncidentID != 0 || os[0].Duration(at(time.Hour)) != 2*time.Minute {
		t.Errorf("outages = %+v, want one of 2 min with its discarded draft unlinked", os)
	}
	// A confirmed incident cannot be discarded.
	open, err := s.SaveIncident(ctx, Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "audio", Status: "open", StartedAt: at(time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DiscardDraftIncident(ctx, open); !errors.Is(err, ErrNotFound) {
		t.Errorf("discarding an open incident: %v, want ErrNotFound", err)
	}
}

func TestCloseMeetingLog(t *testing.T) {
	ctx := context.Background()
	s := withRegistry(t)
	mid, err := s.CreateMeeting(ctx, Meeting{Title: "Họp", MainBP: "UBND-TINH", StartedAt: at(0)}, []string{"XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	entries := []MeetingLogEntry{
		{BridgePoint: "UBND-TINH", Position: 0, Main: true, Name: "Phòng họp UBND tỉnh", Status: LogNormal,
			Camera: LogNormal, Codec: LogNormal, Microphone: LogNormal, Cables: LogNormal, Other: LogNormal},
		{BridgePoint: "XA-IAGRAI", Position: 1, Name: "Xã Ia Grai", Status: LogIncident, IncidentText: "mất đường truyền",
			Camera: LogNormal, Codec: LogNormal, Microphone: LogDamaged, Cables: LogNormal, Other: LogNormal,
			Interruption: 90 * time.Second, ConfirmedBy: "console:an"},
	}
	if err := s.CloseMeetingLog(ctx, mid, entries, at(time.Hour)); err != nil {
		t.Fatal(err)
	}
	m, err := s.Meeting(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "closed" || !m.EndedAt.Equal(at(time.Hour)) {
		t.Errorf("meeting after close = %+v", m)
	}
	got, err := s.MeetingLog(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[0].Main || got[1].Microphone != LogDamaged || got[1].Interruption != 90*time.Second ||
		got[1].IncidentText != "mất đường truyền" {
		t.Errorf("log = %+v", got)
	}
	if err := s.CloseMeetingLog(ctx, mid, entries, at(2*time.Hour)); !errors.Is(err, ErrMeetingClosed) {
		t.Errorf("closing twice: %v, want ErrMeetingClosed", err)
	}
	// A bad entry stores nothing and leaves the meeting live.
	mid2, err := s.CreateMeeting(ctx, Meeting{Title: "Họp 2", StartedAt: at(0)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	bad := []MeetingLogEntry{{BridgePoint: "XA-IAGRAI", Name: "x", Status: "maybe", Camera: LogNormal,
		Codec: LogNormal, Microphone: LogNormal, Cables: LogNormal, Other: LogNormal}}
	if err := s.CloseMeetingLog(ctx, mid2, bad, at(time.Hour)); err == nil {
		t.Fatal("a bad status was stored")
	}
	if m, _ := s.Meeting(ctx, mid2); m.Status != "live" {
		t.Errorf("meeting closed although its log was refused")
	}
}
