package mcu

import (
	"context"
	"testing"
	"time"
)

// TestSpeakRequestFloor walks a speak request from the site through grant and revoke.
func TestSpeakRequestFloor(t *testing.T) {
	h := newHarness(t, ConferenceSpec{StartMuted: true})
	h.client("MAIN")
	b := h.client("B")
	ctx := context.Background()

	b.sendControl(map[string]any{"type": "speak_request"})
	ev := h.waitEvent(EventSpeakRequest, "B")
	b.sendControl(map[string]any{"type": "speak_request"}) // duplicate while waiting: ignored
	b.sendControl(map[string]any{"type": "no_such_type"})
	b.sendControl(map[string]any{"type": "incident", "text": "  mất tiếng  "})
	h.waitEvent(EventIncident, "B")
	snap := h.conf.Snapshot()
	if len(snap.Requests) != 1 || snap.Requests[0].ID != ev.RequestID || snap.Requests[0].State != "waiting" {
		t.Fatalf("requests %+v", snap.Requests)
	}
	h.journal.mu.Lock()
	bp := h.journal.requests[ev.RequestID]
	h.journal.mu.Unlock()
	if bp != "B" {
		t.Fatalf("journal has request %d for %q", ev.RequestID, bp)
	}
	if !h.journal.hasAction("incident_report", "B", "mất tiếng") {
		t.Error("incident not journaled")
	}

	if err := h.conf.ForwardRequest(ctx, "tech.an", ev.RequestID); err != nil {
		t.Fatal(err)
	}
	if r := h.conf.Snapshot().Requests[0]; r.State != "forwarded" || r.ForwardedAt.IsZero() {
		t.Fatalf("after forward: %+v", r)
	}
	if err := h.conf.GrantFloor(ctx, "tech.an", "B"); err != nil {
		t.Fatal(err)
	}
	b.waitMsg("floor", func(m map[string]any) bool { return m["granted"] == true })
	p := h.participant("B")
	if !p.Floor || p.Mute != Unmuted || h.conf.Snapshot().Requests[0].State != "granted" {
		t.Fatalf("after grant: %+v", p)
	}
	eventually(t, 3*time.Second, func() bool { return h.conf.Snapshot().Speaker == "B" },
		"floor holder not on the speaker slot")

	if err := h.conf.RevokeFloor(ctx, "tech.an", "B"); err != nil {
		t.Fatal(err)
	}
	b.waitMsg("floor", func(m map[string]any) bool { return m["granted"] == false })
	p = h.participant("B")
	snap = h.conf.Snapshot()
	if p.Floor || p.Mute != HardMute || len(snap.Requests) != 0 {
		t.Fatalf("after revoke: %+v, requests %+v", p, snap.Requests)
	}
	for _, a := range []string{"speak_forward", "floor_grant", "floor_revoke"} {
		if !h.journal.hasAction(a, "B", "") {
			t.Errorf("no %s row", a)
		}
	}

	// A new request can be cancelled by the site and dismissed ones leave the queue.
	b.sendControl(map[string]any{"type": "speak_request"})
	ev = h.waitEvent(EventSpeakRequest, "B")
	b.sendControl(map[string]any{"type": "speak_cancel"})
	h.waitEvent(EventSpeakCancel, "B")
	if n := len(h.conf.Snapshot().Requests); n != 0 {
		t.Fatalf("%d requests after cancel", n)
	}
	if err := h.conf.DismissRequest(ctx, "tech.an", ev.RequestID); err == nil {
		t.Error("dismissed a cancelled request")
	}
}

// TestConferenceClose checks that Close journals, disconnects everyone and ends the conference.
func TestConferenceClose(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	h.client("B")
	if err := h.conf.Close(context.Background(), "tech.an"); err != nil {
		t.Fatal(err)
	}
	h.waitEvent(EventConferenceEnd, "")
	if !h.journal.hasAction("conference_close", "", "") {
		t.Error("no conference_close row")
	}
	if _, ok := h.mcu.Conference("meeting-1"); ok {
		t.Error("conference still listed")
	}
	if h.conf.Snapshot().Connected != 0 {
		t.Error("participants still connected")
	}
	if err := h.conf.Mute(context.Background(), "tech.an", "B", HardMute); err == nil {
		t.Error("mute on a closed conference succeeded")
	}
}
