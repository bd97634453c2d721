package mcu

import (
	"context"
	"testing"
	"time"
)

// TestHardMuteStopsForwarding checks the mute guarantee: after Mute returns, the source's
// forwarded count does not grow and no receiver gets its audio from 100 ms on; unmute restores it.
func TestHardMuteStopsForwarding(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	a, b, c := h.client("MAIN"), h.client("B"), h.client("C")
	eventually(t, 10*time.Second, func() bool {
		n1, _ := a.counts(b.micSSRC)
		n2, _ := c.counts(b.micSSRC)
		return n1 > 10 && n2 > 10
	}, "B's audio never reached the others")

	ctx := context.Background()
	if err := h.conf.Mute(ctx, "tech.an", "B", HardMute); err != nil {
		t.Fatal(err)
	}
	acked := time.Now()
	if !h.journal.hasAction("mute", "B", "mode=hard") {
		t.Fatal("no journal row when Mute returned")
	}
	frozen := h.conf.ForwardedAudio("B")
	h.waitEvent(EventMuted, "B")
	b.waitMsg("mute", func(m map[string]any) bool { return m["muted"] == true && m["mode"] == "hard" })
	time.Sleep(700 * time.Millisecond)
	if got := h.conf.ForwardedAudio("B"); got != frozen {
		t.Errorf("forwarded audio of B grew after mute: %d → %d", frozen, got)
	}
	for _, r := range []*testClient{a, c} {
		if last := r.lastAudio(b.micSSRC); last.After(acked.Add(100 * time.Millisecond)) {
			t.Errorf("%s got B's audio %v after the mute ack", r.id, last.Sub(acked))
		}
	}
	if p := h.participant("B"); p.Mute != HardMute || p.AudioLevel != 0 {
		t.Errorf("snapshot: mute %q level %d", p.Mute, p.AudioLevel)
	}
	// The endpoint cannot lift a hard mute.
	b.sendControl(map[string]any{"type": "unmute"})
	b.waitMsg("mute", func(m map[string]any) bool { return m["muted"] == true && m["mode"] == "hard" })
	if h.participant("B").Mute != HardMute {
		t.Fatal("hard mute lifted by the endpoint")
	}

	if err := h.conf.Unmute(ctx, "tech.an", "B"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, func() bool { return h.conf.ForwardedAudio("B") > frozen+10 },
		"B's audio not forwarded after unmute")
	eventually(t, 5*time.Second, func() bool { return a.lastAudio(b.micSSRC).After(acked.Add(time.Second)) },
		"MAIN does not hear B after unmute")
}

// TestMuteRefusedWhenJournalFails checks that an action that cannot be journaled changes nothing.
func TestMuteRefusedWhenJournalFails(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	h.journal.setFail(true)
	if err := h.conf.Mute(context.Background(), "tech.an", "B", HardMute); err == nil {
		t.Fatal("mute succeeded without a journal")
	}
	if h.participant("B").Mute != Unmuted {
		t.Fatal("mute applied although the journal failed")
	}
	h.journal.setFail(false)
	if err := h.conf.Mute(context.Background(), "tech.an", "NOPE", HardMute); err == nil {
		t.Fatal("muted an unknown bridge point")
	}
}

// TestSoftMuteSelfUnmute checks that a site may lift a soft mute itself.
func TestSoftMuteSelfUnmute(t *testing.T) {
	h := newHarness(t, ConferenceSpec{StartMuted: true})
	if p := h.participant("B"); p.Mute != SoftMute {
		t.Fatalf("StartMuted: B is %q", p.Mute)
	}
	if p := h.participant("MAIN"); p.Mute != Unmuted {
		t.Fatalf("StartMuted muted the main bridge point")
	}
	b := h.client("B")
	b.waitMsg("mute", func(m map[string]any) bool { return m["muted"] == true && m["mode"] == "soft" })
	b.sendControl(map[string]any{"type": "unmute"})
	b.waitMsg("mute", func(m map[string]any) bool { return m["muted"] == false })
	h.waitEvent(EventUnmuted, "B")
	if h.participant("B").Mute != Unmuted || !h.journal.hasAction("self_unmute", "B", "") {
		t.Fatal("soft mute not lifted or not journaled")
	}
}

// TestMuteSurvivesReconnect checks that mute state belongs to the member, not the session.
func TestMuteSurvivesReconnect(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	ctx := context.Background()
	// A member that never connected can be muted.
	if err := h.conf.Mute(ctx, "tech.an", "B", HardMute); err != nil {
		t.Fatal(err)
	}
	a := h.client("MAIN")
	b1 := h.client("B")
	b1.waitMsg("mute", func(m map[string]any) bool { return m["muted"] == true && m["mode"] == "hard" })

	// A second join replaces the first session and stays muted.
	b2 := h.client("B")
	b2.waitMsg("mute", func(m map[string]any) bool { return m["muted"] == true && m["mode"] == "hard" })
	eventually(t, 5*time.Second, func() bool {
		for _, r := range h.journal.leaveReasons() {
			if r == "replaced" {
				return true
			}
		}
		return false
	}, "old session not journaled as replaced")
	p := h.participant("B")
	if p.Mute != HardMute || p.Reconnects != 1 || !p.Connected {
		t.Fatalf("after rejoin: %+v", p)
	}
	time.Sleep(500 * time.Millisecond)
	if n := h.conf.ForwardedAudio("B"); n != 0 {
		t.Errorf("muted B forwarded %d packets", n)
	}
	if n, _ := a.counts(b2.micSSRC); n != 0 {
		t.Errorf("MAIN heard muted B (%d packets)", n)
	}
}

// TestMuteAllFarEnds checks that every far end is hard-muted with one audit row.
func TestMuteAllFarEnds(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	ctx := context.Background()
	if err := h.conf.Mute(ctx, "tech.an", "C", HardMute); err != nil {
		t.Fatal(err)
	}
	n, err := h.conf.MuteAllFarEnds(ctx, "tech.an")
	if err != nil || n != 1 {
		t.Fatalf("MuteAllFarEnds = %d, %v; want 1", n, err)
	}
	if !h.journal.hasAction("mute_all", "", "count=1") {
		t.Error("no mute_all row")
	}
	for _, p := range h.conf.Snapshot().Participants {
		want := HardMute
		if p.Main {
			want = Unmuted
		}
		if p.Mute != want {
			t.Errorf("%s: %q, want %q", p.ID, p.Mute, want)
		}
	}
}

// TestUnmuteLeavesNoSequenceGap mutes and unmutes B: the audio slots that carry B again continue
// their numbering without a jump, so the receiver sees no loss.
func TestUnmuteLeavesNoSequenceGap(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	a, b := h.client("MAIN"), h.client("B")
	eventually(t, 10*time.Second, func() bool { n, _ := a.counts(b.micSSRC); return n > 10 },
		"MAIN never heard B")
	ctx := context.Background()
	for range 2 {
		if err := h.conf.Mute(ctx, "tech.an", "B", SoftMute); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		before, _ := a.counts(b.micSSRC)
		if err := h.conf.Unmute(ctx, "tech.an", "B"); err != nil {
			t.Fatal(err)
		}
		eventually(t, 5*time.Second, func() bool { n, _ := a.counts(b.micSSRC); return n > before+10 },
			"MAIN does not hear B after unmute")
	}
	if g := a.gaps(); g != 0 {
		t.Errorf("%d sequence jumps on MAIN's audio slots", g)
	}
}
