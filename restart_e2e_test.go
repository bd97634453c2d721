package main

import (
	"bytes"
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
	"diemcau/tui"
)

// TestRestartMidMeeting stops the server in the middle of a meeting of 20 bridge points and
// starts it again on the same ports and database file (issue 8, item 2): every endpoint rejoins
// by itself, the mute modes and the speak-request queue come back from the store, and the
// console shows one interruption incident per bridge point, closed with its duration.
func TestRestartMidMeeting(t *testing.T) {
	if testing.Short() {
		t.Skip("long: 20 endpoints and a server restart (runs without -short, as in CI)")
	}
	const (
		hard  = "XA-001" // hard-muted by the control center
		soft  = "XA-002" // soft-muted
		actor = "console:kythuat"
	)
	r := newServerRig(t, 19)
	clips := lightClips(t)
	r.start(t)
	meetingID, confID := r.conf.Snapshot().MeetingID, r.conf.ID()

	eps := map[string]*softep.Endpoint{}
	var all []*softep.Endpoint
	for i, id := range r.ids {
		// The main bridge point and two communes receive the slots; the muted ones ignore the
		// mute (a misbehaving terminal), so only the forwarder can keep them unheard.
		ep := r.endpoint(id, clips, i < 3, id == hard || id == soft)
		ep.SetTalking(i == 0 || id == hard || id == soft)
		eps[id] = ep
		all = append(all, ep)
	}
	runEndpoints(t, all, 0)
	// Connected at the MCU (ICE and DTLS up) comes before the endpoint's control channel is open.
	waitFor(t, "20 bridge points connected", 60*time.Second, func() bool {
		for _, ep := range all {
			if !ep.Connected() {
				return false
			}
		}
		return r.conf.Snapshot().Connected == 20
	})

	ctx := context.Background()
	if err := r.conf.Mute(ctx, actor, hard, mcu.HardMute); err != nil {
		t.Fatal(err)
	}
	if err := r.conf.Mute(ctx, actor, soft, mcu.SoftMute); err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{"XA-005", "XA-003", "XA-004"} {
		if err := eps[id].RequestSpeak(); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "speak request of "+id, 10*time.Second, func() bool { return len(r.conf.Snapshot().Requests) == i+1 })
	}
	if err := r.conf.ForwardRequest(ctx, actor, r.conf.Snapshot().Requests[1].ID); err != nil {
		t.Fatal(err)
	}
	queue := r.conf.Snapshot().Requests
	time.Sleep(2 * time.Second) // the outage tracker has seen everyone with media

	// Stop, stay down a moment, start again on the same ports and file.
	stoppedAt := time.Now()
	r.stop()
	waitFor(t, "the endpoints to notice the server is gone", 30*time.Second, func() bool {
		for _, ep := range all {
			if ep.Connected() {
				return false
			}
		}
		return true
	})
	time.Sleep(time.Second)
	startedAt := time.Now()
	r.start(t)
	t.Logf("server down for %v", startedAt.Sub(stoppedAt).Round(time.Millisecond))

	snap := r.conf.Snapshot()
	if snap.MeetingID != meetingID || r.conf.ID() != confID {
		t.Fatalf("restart opened meeting %d (conference %s), want the live meeting %d (%s)", snap.MeetingID, r.conf.ID(), meetingID, confID)
	}

	// The mute modes and the queue are back before anyone has rejoined.
	for id, want := range map[string]mcu.MuteMode{hard: mcu.HardMute, soft: mcu.SoftMute} {
		if p := participant(t, r.conf, id); p.Mute != want {
			t.Fatalf("%s on reopening: mute %q, want %q", id, p.Mute, want)
		}
	}
	if got := len(snap.Requests); got != len(queue) {
		t.Fatalf("%d speak requests on reopening, want %d", got, len(queue))
	}

	// Every endpoint rejoins by itself; how long each took is for the closing note.
	rejoin := map[string]time.Duration{}
	waitFor(t, "all 20 bridge points to rejoin", 90*time.Second, func() bool {
		for _, ep := range all {
			if _, ok := rejoin[ep.ID()]; !ok && ep.Connected() {
				rejoin[ep.ID()] = time.Since(startedAt)
			}
		}
		return len(rejoin) == len(all) && r.conf.Snapshot().Connected == len(all)
	})
	logRejoinTimes(t, rejoin)

	// After the rejoin the mute modes hold, each endpoint is told its own, and they are enforced.
	for id, want := range map[string]mcu.MuteMode{hard: mcu.HardMute, soft: mcu.SoftMute, "XA-010": mcu.Unmuted} {
		if p := participant(t, r.conf, id); p.Mute != want {
			t.Fatalf("%s after the restart: mute %q, want %q", id, p.Mute, want)
		}
		want := want
		waitFor(t, id+" told its mute state", 10*time.Second, func() bool {
			muted, mode := eps[id].Muted()
			return muted == (want != mcu.Unmuted) && mode == string(want)
		})
	}
	mainBefore := r.conf.ForwardedAudio("UBND-TINH")
	time.Sleep(2 * time.Second)
	for _, id := range []string{hard, soft} {
		if p := participant(t, r.conf, id); p.PacketsIn == 0 {
			t.Fatalf("%s sent nothing after rejoining", id)
		}
		if n := r.conf.ForwardedAudio(id); n != 0 {
			t.Fatalf("%d audio packets of muted %s forwarded after the restart", n, id)
		}
	}
	if r.conf.ForwardedAudio("UBND-TINH") == mainBefore {
		t.Fatal("the main bridge point's audio is not forwarded after the restart")
	}

	// The queue: same requests, same order, same states.
	got := r.conf.Snapshot().Requests
	if len(got) != len(queue) {
		t.Fatalf("queue after the restart %+v, before %+v", got, queue)
	}
	for i := range queue {
		if got[i].ID != queue[i].ID || got[i].BridgePoint != queue[i].BridgePoint || got[i].State != queue[i].State {
			t.Fatalf("queue[%d] after the restart %+v, before %+v", i, got[i], queue[i])
		}
	}
	if got[1].State != "forwarded" || got[1].ForwardedAt.IsZero() {
		t.Fatalf("the forwarded request lost its forwarding: %+v", got[1])
	}

	// One interruption per bridge point, closed with a positive duration, in the store and on
	// the console.
	oneInterruptionEach(t, r.a.st, meetingID, r.ids, stoppedAt.Add(-time.Second), startedAt)
	consoleShowsIncidents(t, r, len(all))
}

// participant is bridge point id in the conference's snapshot.
func participant(t *testing.T, c *mcu.Conference, id string) mcu.Participant {
	t.Helper()
	for _, p := range c.Snapshot().Participants {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no participant %s", id)
	return mcu.Participant{}
}

// logRejoinTimes logs each endpoint's rejoin time after the restart, and the spread.
func logRejoinTimes(t *testing.T, rejoin map[string]time.Duration) {
	ds := make([]time.Duration, 0, len(rejoin))
	var lines []string
	for id, d := range rejoin {
		ds = append(ds, d)
		lines = append(lines, id+"="+d.Round(time.Millisecond).String())
	}
	sort.Strings(lines)
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	t.Logf("rejoin after restart: min %v, median %v, max %v", ds[0].Round(time.Millisecond),
		ds[len(ds)/2].Round(time.Millisecond), ds[len(ds)-1].Round(time.Millisecond))
	t.Logf("rejoin per bridge point: %s", strings.Join(lines, " "))
}

// consoleShowsIncidents opens the console on the resumed meeting, as a technician would, and
// waits for its incident list (I) to count n incidents.
func consoleShowsIncidents(t *testing.T, r *serverRig, n int) {
	t.Helper()
	m := tui.New(tui.Options{MCU: r.a.mcu, Conference: r.conf.ID(), Store: r.a.st, Lang: "en", Actor: "console:kythuat"})
	t.Cleanup(m.Close)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	var drawn bytes.Buffer
	wait := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(ansi.Strip(drawn.String()), want) {
			if time.Now().After(deadline) {
				out := ansi.Strip(drawn.String())
				t.Fatalf("console never drew %q; last:\n%s", want, out[max(0, len(out)-3000):])
			}
			time.Sleep(50 * time.Millisecond)
			if _, err := drawn.ReadFrom(tm.Output()); err != nil {
				t.Fatal(err)
			}
		}
	}
	wait("Connected ")
	time.Sleep(1500 * time.Millisecond) // the floor state (incidents) is read every second
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("I")})
	wait("Incidents of the meeting (" + strconv.Itoa(n) + ")")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
}

// TestStaleLiveMeetingNotResumed: a server down for longer than live.ResumeWithin does not
// resume the meeting it ran; that meeting ends when the server stopped, and a new one opens.
func TestStaleLiveMeetingNotResumed(t *testing.T) {
	ctx := context.Background()
	r := newServerRig(t, 1)
	st, err := store.Open(ctx, r.args[1])
	if err != nil {
		t.Fatal(err)
	}
	started := time.Now().Add(-3 * time.Hour).Truncate(time.Millisecond)
	old, err := st.CreateMeeting(ctx, store.Meeting{Title: "Họp hôm qua", StartedAt: started}, nil)
	if err != nil {
		t.Fatal(err)
	}
	stopped := started.Add(time.Hour)
	if _, err := st.RecordAction(ctx, old, stopped, "system", string(live.ActionServerStop), "", live.StopDetail{Connected: []string{"XA-001"}}.String()); err != nil {
		t.Fatal(err)
	}
	st.Close()

	r.start(t)
	if id := r.conf.Snapshot().MeetingID; id == old {
		t.Fatalf("meeting %d resumed after the server was down %v", old, time.Since(stopped).Round(time.Minute))
	}
	m, err := r.a.st.Meeting(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "closed" || !m.EndedAt.Equal(stopped) {
		t.Fatalf("stale meeting: status %q ended %v, want closed at %v", m.Status, m.EndedAt, stopped)
	}
	if outs, err := r.a.st.Outages(ctx, old); err != nil || len(outs) != 0 {
		t.Fatalf("stale meeting outages %+v (err %v)", outs, err)
	}
}

// oneInterruptionEach waits until every interruption of the meeting is closed, then checks there
// is exactly one per bridge point of ids, outage and incident draft, closed with a positive
// duration and started between from and to.
func oneInterruptionEach(t *testing.T, st *store.Store, meetingID int64, ids []string, from, to time.Time) {
	t.Helper()
	ctx := context.Background()
	waitFor(t, "every interruption closed", 30*time.Second, func() bool {
		outs, err := st.Outages(ctx, meetingID)
		if err != nil || len(outs) < len(ids) {
			return false
		}
		for _, o := range outs {
			if o.EndedAt.IsZero() {
				return false
			}
		}
		return true
	})
	outs, err := st.Outages(ctx, meetingID)
	if err != nil {
		t.Fatal(err)
	}
	incs, err := st.Incidents(ctx, meetingID)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != len(ids) || len(incs) != len(ids) {
		t.Fatalf("%d outages and %d incidents, want one each per bridge point (%d)", len(outs), len(incs), len(ids))
	}
	for _, o := range outs {
		if o.Duration(time.Now()) <= 0 || o.IncidentID == 0 {
			t.Fatalf("outage %+v", o)
		}
	}
	perBP := map[string]int{}
	for _, in := range incs {
		perBP[in.BridgePoint]++
		if in.Status != "draft" || in.EndedAt.IsZero() || !in.EndedAt.After(in.StartedAt) {
			t.Fatalf("incident not closed with a positive duration: %+v", in)
		}
		if in.StartedAt.Before(from) || in.StartedAt.After(to) {
			t.Fatalf("incident of %s started %v, want between %v and %v", in.BridgePoint, in.StartedAt, from, to)
		}
	}
	for _, id := range ids {
		if perBP[id] != 1 {
			t.Fatalf("%s has %d interruption incidents, want 1", id, perBP[id])
		}
	}
}

// TestRestartKeepsCountingAnInterruption: a bridge point still interrupted when the server
// stops (it had not come back since the last restart) is interrupted again from the stop on,
// so two restarts in a row lose none of its downtime.
func TestRestartKeepsCountingAnInterruption(t *testing.T) {
	ctx := context.Background()
	r := newServerRig(t, 2)
	st, err := store.Open(ctx, r.args[1])
	if err != nil {
		t.Fatal(err)
	}
	stop0 := time.Now().Add(-time.Minute).Truncate(time.Millisecond)
	meetingID, err := st.CreateMeeting(ctx, store.Meeting{Title: "Họp giao ban", StartedAt: stop0.Add(-time.Minute)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordAction(ctx, meetingID, stop0, "system", string(live.ActionServerStop), "", live.StopDetail{Connected: []string{"XA-002"}}.String()); err != nil {
		t.Fatal(err)
	}
	st.Close()

	r.start(t) // resumes: XA-002 interrupted since stop0, and not back
	if got := r.conf.Snapshot().MeetingID; got != meetingID {
		t.Fatalf("start opened meeting %d, want to resume %d", got, meetingID)
	}
	time.Sleep(live.ObserveEvery + 500*time.Millisecond) // the tracker has sampled: it ends its outages at the stop
	stop1 := time.Now()
	r.stop()
	r.start(t)
	if got := r.conf.Snapshot().MeetingID; got != meetingID {
		t.Fatalf("restart opened meeting %d, want %d", got, meetingID)
	}
	outs, err := r.a.st.Outages(ctx, meetingID)
	if err != nil {
		t.Fatal(err)
	}
	// Ended at the second stop, then interrupted again from it: no downtime lost in between.
	if len(outs) != 2 || !outs[0].StartedAt.Equal(stop0) || outs[0].EndedAt.Before(stop1) || !outs[1].EndedAt.IsZero() ||
		outs[1].BridgePoint != "XA-002" || outs[1].StartedAt.Sub(outs[0].EndedAt).Abs() > time.Second {
		t.Fatalf("outages of XA-002 across two restarts: %+v (stops at %v and %v)", outs, stop0, stop1)
	}
}
