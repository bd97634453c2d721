package mcu

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"
)

func TestReopenRestoresMuteFloorAndQueue(t *testing.T) {
	ctx := context.Background()
	m, err := New(Config{Loopback: true}, newFakeJournal(), testSecrets, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	spec := ConferenceSpec{ID: "7", MeetingID: 7, Title: "Họp giao ban",
		Members: []Member{{ID: "MAIN", Main: true}, {ID: "B"}, {ID: "C"}}}
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

	if _, err := m.Reopen(ctx, spec, Restored{Mute: map[string]MuteMode{"OUT": HardMute}}); !errors.Is(err, ErrUnknownBridgePoint) {
		t.Fatalf("restoring a stranger's mute: %v", err)
	}
	if _, open := m.Conference("7"); open {
		t.Fatal("a refused reopen left the conference open")
	}

	c, err := m.Reopen(ctx, spec, Restored{
		Mute:  map[string]MuteMode{"B": HardMute, "C": SoftMute},
		Floor: "MAIN",
		Requests: []SpeakRequest{
			{ID: 12, BridgePoint: "C", State: "forwarded", RequestedAt: t0, ForwardedAt: t0.Add(time.Second)},
			{ID: 9, BridgePoint: "B", State: "waiting", RequestedAt: t0.Add(2 * time.Second)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	snap := c.Snapshot()
	want := map[string]MuteMode{"MAIN": Unmuted, "B": HardMute, "C": SoftMute}
	for _, p := range snap.Participants {
		if p.Mute != want[p.ID] || p.Floor != (p.ID == "MAIN") {
			t.Fatalf("%s: mute %q floor %v", p.ID, p.Mute, p.Floor)
		}
	}
	if len(snap.Requests) != 2 || snap.Requests[0].ID != 12 || snap.Requests[1].ID != 9 ||
		!snap.Requests[0].ForwardedAt.Equal(t0.Add(time.Second)) {
		t.Fatalf("queue %+v", snap.Requests)
	}
	// The restored queue and floor are live state: acting on them works as before the restart.
	if err := c.DismissRequest(ctx, "console:an", 9); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeFloor(ctx, "console:an", "MAIN"); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, conf: c}
	if err := c.SelfUnmute(ctx, "op", "B"); !errors.Is(err, ErrHardMuted) || h.participant("B").Mute != HardMute {
		t.Fatal("a restored hard mute was lifted by the site")
	}
}
