package live

import (
	"context"
	"strconv"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// act journals one action as the MCU would.
func act(t *testing.T, st *store.Store, meetingID int64, at time.Time, action, bp, detail string) {
	t.Helper()
	if _, err := st.RecordAction(context.Background(), meetingID, at, "console:an", action, bp, detail); err != nil {
		t.Fatal(err)
	}
}

func TestLoadResumeAfterCrash(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	st, id := replayStore(t, t0)
	for i, bp := range []string{"UBND", "XA-1", "XA-2"} {
		if _, err := st.RecordJoin(ctx, id, at(1+i), bp); err != nil {
			t.Fatal(err)
		}
	}
	act(t, st, id, at(10), "mute", "XA-1", "mode=soft")
	act(t, st, id, at(11), "mute_all", "", "count=2") // both far ends hard, the main one open
	act(t, st, id, at(12), "floor_grant", "XA-2", "")
	var reqs []int64
	for i, bp := range []string{"XA-1", "XA-2", "UBND"} {
		rid, err := st.RecordSpeakRequest(ctx, id, at(20+i), bp)
		if err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, rid)
	}
	act(t, st, id, at(30), "speak_forward", "XA-1", "request="+strconv.FormatInt(reqs[0], 10))
	for rid, state := range map[int64]string{reqs[0]: "forwarded", reqs[1]: "granted", reqs[2]: "dismissed"} {
		if err := st.UpdateSpeakRequest(ctx, rid, at(31), state, "console:an"); err != nil {
			t.Fatal(err)
		}
	}
	act(t, st, id, at(40), "self_mute", "UBND", "mode=soft")
	act(t, st, id, at(41), "self_unmute", "UBND", "")

	rs, err := LoadResume(ctx, st, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Mute) != 1 || rs.Mute["XA-1"] != mcu.HardMute {
		t.Fatalf("mute = %v, want only XA-1 hard", rs.Mute)
	}
	if rs.Floor != "XA-2" {
		t.Fatalf("floor = %q", rs.Floor)
	}
	if len(rs.Requests) != 2 || rs.Requests[0].ID != reqs[0] || rs.Requests[0].State != "forwarded" ||
		!rs.Requests[0].ForwardedAt.Equal(at(30)) || rs.Requests[1].ID != reqs[1] || rs.Requests[1].State != "granted" {
		t.Fatalf("requests = %+v", rs.Requests)
	}
	// Nothing said the server stopped: every open session was cut at the last record (41 s).
	if len(rs.Down) != 3 || !rs.StopAt.Equal(at(41)) {
		t.Fatalf("down = %+v, stop %v", rs.Down, rs.StopAt)
	}
	for _, d := range rs.Down {
		if !d.Since.Equal(at(41)) || d.OutageID != 0 {
			t.Fatalf("down %+v, want since %v", d, at(41))
		}
	}
	sessions, err := st.Sessions(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sessions {
		if s.LeftAt.IsZero() || s.LeaveReason != LeaveCrash {
			t.Fatalf("session left open: %+v", s)
		}
	}
}

func TestResumeCountsDowntimeOncePerBridgePoint(t *testing.T) {
	ctx := context.Background()
	t0 := time.Now().Add(-time.Minute).Truncate(time.Millisecond)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	st, id := replayStore(t, t0)
	for _, bp := range []string{"XA-1", "XA-2"} {
		sid, err := st.RecordJoin(ctx, id, at(1), bp)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.RecordLeave(ctx, sid, at(10), "closed"); err != nil {
			t.Fatal(err)
		}
	}
	act(t, st, id, at(9), string(ActionServerStop), "", StopDetail{Connected: []string{"XA-1", "XA-2"}}.String())

	rs, err := LoadResume(ctx, st, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Down) != 2 || !rs.StopAt.Equal(at(9)) || !rs.Down[0].Since.Equal(at(9)) {
		t.Fatalf("down = %+v, stop %v", rs.Down, rs.StopAt)
	}
	tr := meeting.NewOutageTracker(st, "vi", nil)
	if err := tr.Resume(ctx, id, rs.Down); err != nil {
		t.Fatal(err)
	}
	// Not back yet, then back (its link alive): one outage each, closed with its duration.
	back := at(20)
	for _, o := range []meeting.Observation{{BridgePoint: "XA-1"}, {BridgePoint: "XA-2"}} {
		if err := tr.Observe(ctx, id, o, at(15)); err != nil {
			t.Fatal(err)
		}
		o.Connected, o.LinkAt, o.AudioIn = true, back, 50
		if err := tr.Observe(ctx, id, o, back); err != nil {
			t.Fatal(err)
		}
	}
	outages, err := st.Outages(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(outages) != 2 {
		t.Fatalf("outages = %+v", outages)
	}
	for _, o := range outages {
		if !o.StartedAt.Equal(at(9)) || !o.EndedAt.Equal(back) || o.IncidentID == 0 {
			t.Fatalf("outage %+v", o)
		}
	}
	incs, err := st.Incidents(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 2 {
		t.Fatalf("incidents = %+v", incs)
	}
	for _, in := range incs {
		if in.Status != "draft" || !in.StartedAt.Equal(at(9)) || !in.EndedAt.Equal(back) {
			t.Fatalf("incident %+v", in)
		}
	}
	// A second resume, after this one, finds no stop to count.
	act(t, st, id, at(21), string(ActionResume), "", "")
	if rs, err = LoadResume(ctx, st, id); err != nil || len(rs.Down) != 0 {
		t.Fatalf("after a resume: down %+v, err %v", rs.Down, err)
	}
}

// replayStore is liveRig's store with a live meeting started at t0, main bridge point UBND and
// XA-1, XA-2 expected.
func replayStore(t *testing.T, t0 time.Time) (*store.Store, int64) {
	t.Helper()
	st, _, _ := liveRig(t)
	id, err := st.CreateMeeting(context.Background(), store.Meeting{Title: "Họp giao ban", HostUnit: "UBND", MainBP: "UBND",
		StartedAt: t0}, []string{"XA-1", "XA-2"})
	if err != nil {
		t.Fatal(err)
	}
	return st, id
}
