package live

import (
	"context"
	"strings"
	"testing"
	"time"

	"diemcau/meeting"
)

// feeder plays observations of one bridge point into a tracker, one per second.
type feeder struct {
	t       *testing.T
	tr      *OutageTracker
	meeting int64
	at      time.Time
	packets uint64
}

// step advances one second; alive says whether anything (STUN, RTCP, media on the open
// microphone) arrived on the link in that second.
func (f *feeder) step(connected, alive bool, loss float64, grade string) {
	f.t.Helper()
	f.at = f.at.Add(time.Second)
	o := Observation{BridgePoint: "XA-IAGRAI", Connected: connected, MicOpen: true, LossPct: loss, Grade: grade}
	if alive {
		f.packets += 50
		o.LinkAt = f.at
	}
	o.AudioIn = f.packets
	if err := f.tr.Observe(context.Background(), f.meeting, o, f.at); err != nil {
		f.t.Fatal(err)
	}
}

func (f *feeder) steps(n int, connected, media bool, loss float64, grade string) {
	f.t.Helper()
	for range n {
		f.step(connected, media, loss, grade)
	}
}

func TestOutageTrackerDropOpensOneDraftAndCountsInterruption(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, meeting.Zone())
	tests := []struct {
		name      string
		connected bool // what the MCU says during the outage
	}{
		{"disconnected", false},
		{"connected but silent", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, mid := floorStore(t, t0)
			f := &feeder{t: t, tr: NewOutageTracker(st, "vi", nil), meeting: mid, at: t0}
			f.steps(3, false, false, 0, "") // not joined yet: no outage
			f.steps(10, true, true, 0.2, "good")
			dropAt := f.at
			f.steps(30, tc.connected, false, 0, "")
			if got := incidentsOf(t, st, mid); len(got) != 1 {
				t.Fatalf("incidents during one outage = %d, want exactly 1: %+v", len(got), got)
			}
			f.steps(5, true, true, 0.2, "good")
			backAt := f.at.Add(-4 * time.Second)
			in := incidentsOf(t, st, mid)
			if len(in) != 1 {
				t.Fatalf("incidents after recovery = %d, want 1", len(in))
			}
			d := in[0]
			if d.Status != "draft" || d.Kind != "line" || d.BridgePoint != "XA-IAGRAI" {
				t.Errorf("draft = %+v", d)
			}
			if !d.StartedAt.Equal(dropAt) || !d.EndedAt.Equal(backAt) {
				t.Errorf("draft %v–%v, want %v–%v", d.StartedAt, d.EndedAt, dropAt, backAt)
			}
			if !strings.Contains(d.Description, "gián đoạn") {
				t.Errorf("description lacks the interruption: %q", d.Description)
			}
			outages, err := st.Outages(context.Background(), mid)
			if err != nil {
				t.Fatal(err)
			}
			per, total := meeting.Interruptions(outages, f.at)
			if want := backAt.Sub(dropAt); per["XA-IAGRAI"] != want || total != want || want <= 0 {
				t.Errorf("interruption = %v (total %v), want %v", per["XA-IAGRAI"], total, want)
			}
		})
	}
}

func TestOutageTrackerPoorQuality(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, meeting.Zone())
	st, mid := floorStore(t, t0)
	f := &feeder{t: t, tr: NewOutageTracker(st, "en", nil), meeting: mid, at: t0}
	f.steps(5, true, true, 0.1, "good")
	f.steps(9, true, true, 5, "poor")
	if got := incidentsOf(t, st, mid); len(got) != 0 {
		t.Fatalf("a draft after 9 s of poor quality: %+v", got)
	}
	f.steps(20, true, true, 12.5, "bad")
	// Short recoveries inside the episode do not open a second draft.
	f.steps(3, true, true, 0.1, "good")
	f.steps(5, true, true, 6, "poor")
	got := incidentsOf(t, st, mid)
	if len(got) != 1 {
		t.Fatalf("drafts during one poor episode = %d, want 1: %+v", len(got), got)
	}
	if d := got[0]; d.Kind != "line" || d.Status != "draft" || !strings.Contains(d.Description, "loss 12.5 %") {
		t.Errorf("draft = %+v, want kind line with the measured loss", d)
	}
	f.steps(12, true, true, 0.1, "good")
	if got := incidentsOf(t, st, mid); got[0].EndedAt.IsZero() {
		t.Error("the draft has no end after the link recovered")
	}
	outages, _ := st.Outages(context.Background(), mid)
	if len(outages) != 0 {
		t.Errorf("poor quality counted as an interruption: %+v", outages)
	}
	// Without a grade, loss alone decides.
	f.steps(11, true, true, 4, "")
	if got := incidentsOf(t, st, mid); len(got) != 2 {
		t.Errorf("drafts after a second episode (loss only) = %d, want 2", len(got))
	}
}

func TestOutageTrackerDiscardedDraftKeepsInterruption(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, meeting.Zone())
	st, mid := floorStore(t, t0)
	f := &feeder{t: t, tr: NewOutageTracker(st, "vi", nil), meeting: mid, at: t0}
	f.steps(3, true, true, 0, "good")
	f.steps(8, false, false, 0, "")
	in := incidentsOf(t, st, mid)
	if len(in) != 1 {
		t.Fatalf("incidents = %+v", in)
	}
	if err := st.DiscardDraftIncident(ctx, in[0].ID); err != nil {
		t.Fatal(err)
	}
	f.steps(2, true, true, 0, "good")
	if got := incidentsOf(t, st, mid); len(got) != 0 {
		t.Errorf("a discarded draft came back: %+v", got)
	}
	outages, _ := st.Outages(ctx, mid)
	if len(outages) != 1 || outages[0].EndedAt.IsZero() {
		t.Errorf("outages = %+v, want one ended", outages)
	}
	// Finish ends an outage still open when the meeting ends.
	f.steps(8, false, false, 0, "")
	if err := f.tr.Finish(ctx, mid, f.at); err != nil {
		t.Fatal(err)
	}
	outages, _ = st.Outages(ctx, mid)
	if len(outages) != 2 || outages[1].EndedAt.IsZero() {
		t.Errorf("outages after Finish = %+v", outages)
	}
}

func TestOutageTrackerRun(t *testing.T) {
	t0 := time.Now()
	st, mid := floorStore(t, t0)
	tr := NewOutageTracker(st, "vi", nil)
	calls := 0
	feed := func() (int64, []Observation, bool) {
		calls++
		if calls > 2 {
			return 0, nil, false
		}
		return mid, []Observation{{BridgePoint: "XA-DAKDOA", Connected: true, LinkAt: time.Now(), AudioIn: uint64(calls)}}, true
	}
	done := make(chan struct{})
	go func() { tr.Run(context.Background(), feed); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop when the conference ended")
	}
	if calls != 3 {
		t.Errorf("feed called %d times, want 3", calls)
	}
}

func TestOutageTrackerDeliberateLeaveIsNoInterruption(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, meeting.Zone())
	st, mid := floorStore(t, t0)
	tr := NewOutageTracker(st, "vi", nil)
	at, packets := t0, uint64(0)
	obs := func(connected, left, media bool) {
		t.Helper()
		at = at.Add(time.Second)
		if media {
			packets += 10
		}
		o := Observation{BridgePoint: "XA-DAKDOA", Connected: connected, Left: left, AudioIn: packets}
		if media {
			o.LinkAt = at
		}
		if err := tr.Observe(context.Background(), mid, o, at); err != nil {
			t.Fatal(err)
		}
	}
	for range 5 {
		obs(true, false, true)
	}
	for range 20 {
		obs(false, true, false) // WHIP DELETE: the site hung up
	}
	for range 3 {
		obs(true, false, true) // and came back later
	}
	if in := incidentsOf(t, st, mid); len(in) != 0 {
		t.Errorf("a deliberate leave opened incidents: %+v", in)
	}
	if os, _ := st.Outages(context.Background(), mid); len(os) != 0 {
		t.Errorf("a deliberate leave counted as an interruption: %+v", os)
	}
}

// TestOutageTrackerClockSetBack: the wall clock set back an hour in the middle of an outage
// (an NTP step, a technician's mistake) neither fails the outage's end nor makes its
// interruption negative: the end is never before the start.
func TestOutageTrackerClockSetBack(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, meeting.Zone())
	st, mid := floorStore(t, t0)
	f := &feeder{t: t, tr: NewOutageTracker(st, "vi", nil), meeting: mid, at: t0}
	f.steps(10, true, true, 0.2, "good")
	f.steps(10, false, false, 0, "") // dropped: one outage open
	f.at = f.at.Add(-time.Hour)      // the clock is set back
	f.steps(3, true, true, 0.2, "good")
	outs, err := st.Outages(context.Background(), mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 1 || outs[0].EndedAt.IsZero() || outs[0].EndedAt.Before(outs[0].StartedAt) {
		t.Fatalf("outages after the clock was set back: %+v", outs)
	}
	for _, in := range incidentsOf(t, st, mid) {
		if !in.EndedAt.IsZero() && in.EndedAt.Before(in.StartedAt) {
			t.Errorf("incident ends before it starts: %+v", in)
		}
	}
}
