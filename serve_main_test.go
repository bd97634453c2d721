package main

import (
	"context"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/softep"
)

// TestServeMeetingHasTheRegistryMain: the meeting `serve` opens is chaired from the registry's
// role=main site: it is the main member before anyone joins, M leaves it open and mutes the
// others, it is the meeting's main bridge point in the store (Appendix II's section I), and a
// restart resumes it still open to every registered site with the same main.
func TestServeMeetingHasTheRegistryMain(t *testing.T) {
	r := newServerRig(t, 2)
	r.start(t)
	ctx := context.Background()
	checkMain := func() {
		t.Helper()
		snap := r.conf.Snapshot()
		if len(snap.Participants) == 0 || snap.Participants[0].ID != "UBND-TINH" || !snap.Participants[0].Main {
			t.Fatalf("participants: %+v, want UBND-TINH first, as main", snap.Participants)
		}
		m, err := r.a.st.Meeting(ctx, snap.MeetingID)
		if err != nil {
			t.Fatal(err)
		}
		if m.MainBP != "UBND-TINH" || m.HostUnit != "UBND-TINH" {
			t.Fatalf("meeting main %q host unit %q, want UBND-TINH", m.MainBP, m.HostUnit)
		}
	}
	checkMain()
	clips := lightClips(t)
	var eps []*softep.Endpoint
	for _, id := range r.ids {
		eps = append(eps, r.endpoint(id, clips, false, false))
	}
	runEndpoints(t, eps, 0)
	waitFor(t, "every site connected", 30*time.Second, func() bool {
		n := 0
		for _, p := range r.conf.Snapshot().Participants {
			if p.Connected {
				n++
			}
		}
		return n == len(r.ids)
	})
	muted, err := r.conf.MuteAllFarEnds(ctx, "console:test")
	if err != nil {
		t.Fatal(err)
	}
	if muted != len(r.ids)-1 {
		t.Errorf("M muted %d sites, want %d (every far end)", muted, len(r.ids)-1)
	}
	for _, p := range r.conf.Snapshot().Participants {
		want := mcu.HardMute
		if p.ID == "UBND-TINH" {
			want = mcu.Unmuted
		}
		if p.Mute != want {
			t.Errorf("%s after M: %q, want %q", p.ID, p.Mute, want)
		}
	}
	// A restart resumes the meeting with its main, and a site not yet in still gets in.
	r.stop()
	r.start(t)
	checkMain()
	waitFor(t, "every site back after the restart", 60*time.Second, func() bool {
		n := 0
		for _, p := range r.conf.Snapshot().Participants {
			if p.Connected {
				n++
			}
		}
		return n == len(r.ids)
	})
}
