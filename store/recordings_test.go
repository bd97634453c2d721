package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestRecordingsLifecycle stores a recording's start and stop, lists it with its meeting,
// refuses to deliver it twice or while it runs, and audits the delivery in the same write.
func TestRecordingsLifecycle(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid, err := s.CreateMeeting(ctx, Meeting{Title: "Giao ban", HostUnit: "UBND-TINH", MainBP: "UBND-TINH", StartedAt: at(0)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.RecordingStarted(ctx, mid, at(time.Minute), "/srv/recordings/1", "console:an")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRecordingDelivered(ctx, id, at(time.Hour), "console:an", "UBND tỉnh"); !errors.Is(err, ErrRecordingRunning) {
		t.Fatalf("deliver while running: %v", err)
	}
	files := []string{"/srv/recordings/1/a-speaker.ivf", "/srv/recordings/1/a-audio1.ogg"}
	if err := s.RecordingStopped(ctx, id, at(31*time.Minute), files, 12345, "ssh:binh"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordingStopped(ctx, id, at(40*time.Minute), nil, 1, "system"); err != nil {
		t.Fatalf("second stop: %v", err)
	}
	if err := s.RecordingStopped(ctx, id+99, at(40*time.Minute), nil, 1, "system"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("stop of unknown recording: %v", err)
	}
	if err := s.EndMeeting(ctx, mid, at(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	list, err := s.Recordings(ctx, mid)
	if err != nil || len(list) != 1 {
		t.Fatalf("Recordings = %+v, %v", list, err)
	}
	r := list[0]
	if r.ID != id || r.Dir != "/srv/recordings/1" || !reflect.DeepEqual(r.Files, files) || r.Bytes != 12345 ||
		r.Duration != 30*time.Minute || !r.StartedAt.Equal(at(time.Minute)) || !r.StoppedAt.Equal(at(31*time.Minute)) ||
		r.StartedBy != "console:an" || r.StoppedBy != "ssh:binh" || !r.DeliveredAt.IsZero() {
		t.Fatalf("recording = %+v", r)
	}
	if r.MeetingTitle != "Giao ban" || r.HostUnit != "UBND-TINH" || !r.MeetingEnded.Equal(at(2*time.Hour)) {
		t.Fatalf("meeting fields = %q %q %v", r.MeetingTitle, r.HostUnit, r.MeetingEnded)
	}

	if err := s.MarkRecordingDelivered(ctx, id, at(26*time.Hour), "console:an", " UBND tỉnh "); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRecordingDelivered(ctx, id, at(27*time.Hour), "console:an", "UBND tỉnh"); !errors.Is(err, ErrDelivered) {
		t.Fatalf("second delivery: %v", err)
	}
	all, err := s.Recordings(ctx, 0)
	if err != nil || len(all) != 1 {
		t.Fatalf("all recordings = %+v, %v", all, err)
	}
	if d := all[0]; !d.DeliveredAt.Equal(at(26*time.Hour)) || d.DeliveredBy != "console:an" || d.DeliveredTo != "UBND tỉnh" {
		t.Fatalf("delivery = %v %q %q", d.DeliveredAt, d.DeliveredBy, d.DeliveredTo)
	}
	audit, err := s.AuditLog(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range audit {
		if e.Action == "recording_delivered" {
			n++
			if e.Actor != "console:an" || !strings.Contains(e.Detail, "UBND tỉnh") {
				t.Errorf("audit entry %+v", e)
			}
		}
	}
	if n != 1 {
		t.Fatalf("%d delivery audit entries, want 1", n)
	}
}

// TestRecordingStartNeedsMeeting refuses a recording of a meeting the store does not know.
func TestRecordingStartNeedsMeeting(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.RecordingStarted(context.Background(), 404, time.Time{}, "/tmp/x", "console:an"); err == nil {
		t.Fatal("recording of an unknown meeting stored")
	}
	if _, err := s.RecordingStarted(context.Background(), 0, time.Time{}, "/tmp/x", "console:an"); err == nil {
		t.Fatal("recording without a meeting stored")
	}
}
