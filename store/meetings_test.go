package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestMeetingLifecycle(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	m := Meeting{Title: "Họp giao ban tháng 3", HostUnit: "UBND-TINH", Chair: "Chủ tịch UBND tỉnh", Kind: "a",
		MainBP: "UBND-TINH", Status: "closed", StartedAt: at(0)}
	id, err := s.CreateMeeting(ctx, m, []string{"XA-IAGRAI", "SO-KHCN", "XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Meeting(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	m.ID, m.Status = id, "live"
	if got != m {
		t.Fatalf("Meeting = %+v, want %+v", got, m)
	}
	ps, err := s.Participants(ctx, id)
	if want := []string{"UBND-TINH", "XA-IAGRAI", "SO-KHCN"}; err != nil || !slices.Equal(ps, want) {
		t.Fatalf("Participants = %v, %v; want %v", ps, err, want)
	}
	if err := s.AddParticipant(ctx, id, "XA-DAKDOA"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddParticipant(ctx, id, "XA-DAKDOA"); err != nil {
		t.Fatalf("AddParticipant twice: %v", err)
	}
	if err := s.AddParticipant(ctx, id, "KHONG-CO"); err == nil {
		t.Fatal("unknown bridge point added as participant")
	}
	if err := s.AddParticipant(ctx, id+100, "XA-DAKDOA"); err == nil {
		t.Fatal("participant added to an unknown meeting")
	}
	if ps, _ := s.Participants(ctx, id); len(ps) != 4 {
		t.Fatalf("participants after adds = %v", ps)
	}

	if err := s.EndMeeting(ctx, id, at(90*time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Meeting(ctx, id)
	if got.Status != "closed" || !got.EndedAt.Equal(at(90*time.Minute)) {
		t.Fatalf("after end: %+v", got)
	}
	if err := s.EndMeeting(ctx, id, at(time.Hour*2)); !errors.Is(err, ErrMeetingClosed) {
		t.Fatalf("second EndMeeting: %v", err)
	}
	if err := s.EndMeeting(ctx, id+100, at(0)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("EndMeeting unknown: %v", err)
	}
	if _, err := s.Meeting(ctx, id+100); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Meeting unknown: %v", err)
	}
}

// A meeting with a bad participant is not created at all.
func TestCreateMeetingIsAtomic(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	_, err := s.CreateMeeting(ctx, Meeting{Title: "Họp", StartedAt: at(0)}, []string{"XA-IAGRAI", "KHONG-CO"})
	if err == nil {
		t.Fatal("meeting with an unknown participant created")
	}
	if n := countRows(t, s, "meetings"); n != 0 {
		t.Fatalf("%d meetings left behind", n)
	}
	if _, err := s.CreateMeeting(ctx, Meeting{Title: "Họp", Kind: "z"}, nil); err == nil {
		t.Fatal("meeting of kind z created")
	}
	if _, err := s.CreateMeeting(ctx, Meeting{Title: "Họp", HostUnit: "KHONG-CO"}, nil); err == nil {
		t.Fatal("meeting of an unknown host unit created")
	}
	// Ad hoc: no host, no main, no kind.
	id, err := s.CreateMeeting(ctx, Meeting{Title: "Họp đột xuất"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := s.Meeting(ctx, id)
	if m.StartedAt.IsZero() || m.HostUnit != "" || m.MainBP != "" {
		t.Fatalf("ad hoc meeting = %+v", m)
	}
}
