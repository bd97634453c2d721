package main

import (
	"context"
	"sync"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/softep"
	"diemcau/store"
)

// joinAll joins the main bridge point and n-1 communes of r at once and leaves them at the end.
func joinAll(t *testing.T, r *floorRig, n int) {
	t.Helper()
	ids := []string{"UBND-TINH"}
	for i := 1; i < n; i++ {
		ids = append(ids, "XA-"+pad3(i))
	}
	eps := make([]*softep.Endpoint, len(ids))
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for i, id := range ids {
		eps[i] = r.endpoint(id)
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
			defer cancel()
			if err := eps[i].Join(ctx); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	t.Cleanup(func() {
		for _, ep := range eps {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			ep.Leave(ctx)
			cancel()
		}
	})
	for err := range errs {
		t.Fatalf("join: %v", err)
	}
	waitFor(t, "all connected", 20*time.Second, func() bool { return r.conf.Snapshot().Connected == n })
}

// run keeps a soft endpoint of id joined (it rejoins after a failure, as a site's terminal
// does) until the end of the test, and waits until it is connected.
func (r *floorRig) run(t *testing.T, id string) *softep.Endpoint {
	t.Helper()
	ep := r.endpoint(id)
	runCtx, stop := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() { _ = ep.Run(runCtx); close(ran) }()
	t.Cleanup(func() { stop(); <-ran })
	waitFor(t, id+" connected", 15*time.Second, func() bool { return r.participant(t, id).Connected })
	return ep
}

// Twenty sites, every far end hard-muted: their microphones send nothing, and the MCU pauses
// the cameras on no slot, so most sites send no RTP at all for the whole hold. Their links stay
// alive on STUN consent and RTCP: no draft, no outage, no interruption.
func TestMuteAllIsNoOutage(t *testing.T) {
	const n = 20
	hold := 60 * time.Second
	if testing.Short() {
		hold = 15 * time.Second
	}
	r := newFloorRig(t, n-1, false)
	r.track(t)
	ctx := context.Background()
	joinAll(t, r, n)
	// Every site's microphone has reached the MCU before M: a camera is paused only for a site
	// that also sends audio (its link stays measured), and a site muted before its first audio
	// packet never counts as one — on a quick machine M came first and no camera paused.
	waitFor(t, "audio from every site", 20*time.Second, func() bool {
		for _, p := range r.conf.Snapshot().Participants {
			if p.AudioIn == 0 {
				return false
			}
		}
		return true
	})
	if _, err := r.conf.MuteAllFarEnds(ctx, floorActor); err != nil {
		t.Fatal(err)
	}
	unpaused := func() (ids []string) {
		for _, p := range r.conf.Snapshot().Participants {
			if !p.CameraPaused {
				ids = append(ids, p.ID)
			}
		}
		return ids
	}
	// All but the cameras on the main and speaker slots (each receiver's own plan may hold one
	// or two more for a moment).
	// Which cameras stay on a slot varies from run to run (each receiver's "other" picture, the
	// likely next speaker); the test needs enough sites that send nothing at all: half.
	const silentNeeded = n / 2
	for deadline := time.Now().Add(45 * time.Second); len(unpaused()) > n-silentNeeded; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("cameras still sent after 45 s of mute-all: %v", unpaused())
		}
	}
	t.Logf("cameras not paused: %v", unpaused())
	time.Sleep(time.Second) // what was in flight has arrived
	before := map[string][2]uint64{}
	for _, p := range r.conf.Snapshot().Participants {
		before[p.ID] = [2]uint64{p.AudioIn, p.VideoIn}
	}
	time.Sleep(hold)
	snap := r.conf.Snapshot()
	silent := 0
	for _, p := range snap.Participants {
		if !p.Connected || !p.Link.Alive {
			t.Errorf("%s after %v muted: connected %v, link %+v", p.ID, hold, p.Connected, p.Link)
		}
		if b := before[p.ID]; b == [2]uint64{p.AudioIn, p.VideoIn} {
			silent++
		}
	}
	if silent < silentNeeded {
		t.Errorf("only %d sites sent no RTP during the hold; the test needs muted sites with paused cameras", silent)
	}
	mid := snap.MeetingID
	incs, err := r.st.Incidents(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 0 {
		t.Errorf("%d drafts after %v of mute-all, want none: %+v", len(incs), hold, incs)
	}
	outages, err := r.st.Outages(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if _, total := meeting.Interruptions(outages, time.Now()); len(outages) != 0 || total != 0 {
		t.Errorf("interruption %v (%d outages) after mute-all, want none", total, len(outages))
	}
}

// One hard-muted site whose every datagram is dropped, STUN and RTCP too, without anything being
// closed: exactly one line draft and one outage, ended when the site is back; the other sites,
// one of them muted with its camera paused, get none.
func TestCutLinkOpensOneLineDraft(t *testing.T) {
	r := newFloorRig(t, 3, false)
	r.track(t)
	ctx := context.Background()
	mid := r.conf.Snapshot().MeetingID
	r.join(t, "UBND-TINH")
	r.join(t, "XA-002")
	r.join(t, "XA-003")
	ep := r.run(t, "XA-001")
	for _, id := range []string{"XA-001", "XA-003"} {
		if err := r.conf.Mute(ctx, floorActor, id, mcu.HardMute); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(2 * time.Second) // the tracker has seen the links alive

	ep.Cut(true)
	cutAt := time.Now()
	waitFor(t, "a line draft for XA-001", 15*time.Second, func() bool {
		in, err := r.st.Incidents(ctx, mid)
		return err == nil && len(in) > 0
	})
	t.Logf("line draft %v after the cut", time.Since(cutAt).Round(100*time.Millisecond))
	if p := r.participant(t, "XA-001"); p.Link.Alive {
		t.Errorf("XA-001's link alive while cut: %+v", p.Link)
	}
	time.Sleep(time.Until(cutAt.Add(10 * time.Second)))
	ep.Cut(false)
	_, outages := r.oneEndedLineDraft(t, mid, "XA-001", 40*time.Second)
	per, total := meeting.Interruptions(outages, time.Now())
	if len(outages) != 1 || per["XA-001"] <= 0 || total != per["XA-001"] {
		t.Errorf("outages %+v: want one, all of the interruption XA-001's", outages)
	}
}

// oneEndedLineDraft waits up to wait for the meeting's first incident to end, checks that it
// stays the only one and is bp's line draft, and returns it with the meeting's outages.
func (r *floorRig) oneEndedLineDraft(t *testing.T, mid int64, bp string, wait time.Duration) (store.Incident, []store.Outage) {
	t.Helper()
	ctx := context.Background()
	waitFor(t, "the draft ended when "+bp+" came back", wait, func() bool {
		in, err := r.st.Incidents(ctx, mid)
		return err == nil && len(in) > 0 && !in[0].EndedAt.IsZero()
	})
	time.Sleep(2 * time.Second) // no second draft for the same outage
	incs, err := r.st.Incidents(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 {
		t.Fatalf("incidents after one outage = %d, want exactly 1: %+v", len(incs), incs)
	}
	d := incs[0]
	if d.BridgePoint != bp || d.Kind != "line" || d.Status != "draft" || !d.EndedAt.After(d.StartedAt) {
		t.Errorf("draft = %+v", d)
	}
	outages, err := r.st.Outages(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	return d, outages
}
