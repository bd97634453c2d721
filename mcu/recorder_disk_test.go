package mcu

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fillDisk makes the recordings disk report free bytes (none: the real disk) until the test ends.
func fillDisk(t *testing.T, free *atomic.Int64) {
	t.Helper()
	real := diskFree
	diskFree = func(dir string) (uint64, error) {
		if v := free.Load(); v >= 0 {
			return uint64(v), nil
		}
		return real(dir)
	}
	t.Cleanup(func() { diskFree = real })
}

// TestRecordingRefusedAndStoppedWhenDiskFills: with less free disk than 30 minutes of the
// meeting, a recording does not start (nothing journaled); on the real disk it starts; when the
// disk then fills it stops by itself, journaled and announced like a technician's stop, its
// speaker file closed and readable, while the meeting goes on.
func TestRecordingRefusedAndStoppedWhenDiskFills(t *testing.T) {
	dir := t.TempDir()
	h := newHarnessConfig(t, Config{Loopback: true, RecordingsDir: dir}, ConferenceSpec{MeetingID: 42})
	ctx := context.Background()
	for _, id := range []string{"MAIN", "B"} {
		h.client(id)
	}
	if err := h.conf.GrantFloor(ctx, "tech.an", "B"); err != nil {
		t.Fatal(err)
	}
	var free atomic.Int64
	free.Store(100 << 20) // 100 MB: under 30 minutes at 2 Mbit/s (450 MB)
	fillDisk(t, &free)
	_, err := h.conf.StartRecording(ctx, "tech.an")
	if !errors.Is(err, ErrDiskLow) || !strings.Contains(err.Error(), "0.1 GB trống / free in") {
		t.Fatalf("start on a full disk: %v, want ErrDiskLow with the figures", err)
	}
	if _, ok := h.conf.Recording(); ok || h.journal.hasAction("recording_start", "", "") {
		t.Fatal("a refused recording started or was journaled")
	}

	free.Store(-1) // the real disk
	if _, err := h.conf.StartRecording(ctx, "tech.an"); err != nil {
		t.Fatalf("start on the real disk: %v", err)
	}
	h.waitEvent(EventRecording, "")
	speaker := func() string {
		s, _ := h.conf.Recording()
		for _, f := range s.Files {
			if strings.HasSuffix(f, "-speaker.ivf") {
				return f
			}
		}
		return ""
	}
	eventually(t, 10*time.Second, func() bool { return speaker() != "" }, "speaker video never recorded")
	ivf := speaker()
	eventually(t, 10*time.Second, func() bool { _, ts, _ := ivfFrames(t, ivf); return len(ts) >= 5 }, "too few frames")

	free.Store(10 << 20) // the disk fills during the recording
	ev := h.waitEventWithin(EventRecording, "", 3*diskCheckInterval)
	if ev.Detail != "stopped" || ev.Actor != DiskLowActor {
		t.Fatalf("event %+v, want stopped by %s", ev, DiskLowActor)
	}
	if _, ok := h.conf.Recording(); ok {
		t.Fatal("still recording on a full disk")
	}
	if !h.journal.hasAction("recording_stop", "", "") {
		t.Error("the stop for a full disk was not journaled")
	}
	if _, ts, first := ivfFrames(t, ivf); len(ts) < 5 || !first {
		t.Errorf("the stopped speaker file: %d frames, starts at a keyframe %v", len(ts), first)
	}
	if h.conf.Snapshot().Connected != 2 {
		t.Error("the meeting lost a bridge point when the recording stopped")
	}
}
