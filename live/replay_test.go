package live

import (
	"context"
	"strconv"
	"testing"
	"time"

	"diemcau/mcu"
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
