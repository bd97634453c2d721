package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
)

const floorActor = "console:kythuat"

func TestFloorRequestGrantDone(t *testing.T) {
	r := newFloorRig(t, 2, true)
	ctx := context.Background()
	main := r.join(t, "UBND-TINH")
	commune := r.join(t, "XA-001")
	r.join(t, "XA-002")

	// Far ends joined muted and stay muted; the main bridge point is open.
	waitFor(t, "the commune told it is muted", 10*time.Second, func() bool { m, _ := commune.Muted(); return m })
	if p := r.participant(t, "XA-001"); p.Mute != mcu.SoftMute {
		t.Fatalf("a far end joined with mute %q, want soft", p.Mute)
	}
	if p := r.participant(t, "UBND-TINH"); p.Mute != mcu.Unmuted {
		t.Fatalf("the main bridge point joined with mute %q", p.Mute)
	}
	before := r.conf.ForwardedAudio("XA-001")
	time.Sleep(time.Second)
	if got := r.conf.ForwardedAudio("XA-001"); got != before {
		t.Fatalf("%d audio packets of a far end that joined muted were forwarded", got-before)
	}

	// Request → forward → grant.
	if err := commune.RequestSpeak(); err != nil {
		t.Fatal(err)
	}
	var req mcu.SpeakRequest
	waitFor(t, "the request in the queue", 10*time.Second, func() bool {
		rs := r.conf.Snapshot().Requests
		if len(rs) == 1 {
			req = rs[0]
		}
		return len(rs) == 1 && rs[0].BridgePoint == "XA-001" && rs[0].State == "waiting"
	})
	if err := r.conf.ForwardRequest(ctx, floorActor, req.ID); err != nil {
		t.Fatal(err)
	}
	if rs := r.conf.Snapshot().Requests; len(rs) != 1 || rs[0].State != "forwarded" || rs[0].ForwardedAt.IsZero() {
		t.Fatalf("after forwarding: %+v", rs)
	}
	if err := r.conf.GrantFloor(ctx, floorActor, "XA-001"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the floor holder on the speaker slot", 10*time.Second, func() bool {
		return r.conf.Snapshot().Speaker == "XA-001"
	})
	waitFor(t, "the endpoint told it has the floor", 10*time.Second, commune.Floor)
	heard, _ := fromSource(main, commune)
	waitFor(t, "the floor holder's audio at the main bridge point", 10*time.Second, func() bool {
		a, _ := fromSource(main, commune)
		return a > heard+25
	})
	if p := r.participant(t, "XA-001"); p.Mute != mcu.Unmuted || !p.Floor {
		t.Fatalf("floor holder: mute %q floor %v", p.Mute, p.Floor)
	}

	// Done: muted again, unpinned, the request closed in the store.
	if err := r.conf.RevokeFloor(ctx, floorActor, "XA-001"); err != nil {
		t.Fatal(err)
	}
	if p := r.participant(t, "XA-001"); p.Mute == mcu.Unmuted || p.Floor {
		t.Fatalf("after done: mute %q floor %v", p.Mute, p.Floor)
	}
	atAck := r.conf.ForwardedAudio("XA-001")
	time.Sleep(time.Second)
	if got := r.conf.ForwardedAudio("XA-001"); got != atAck {
		t.Errorf("%d audio packets forwarded after the floor ended", got-atAck)
	}
	if rs := r.conf.Snapshot().Requests; len(rs) != 0 {
		t.Errorf("queue after done: %+v", rs)
	}
	stored, err := r.st.SpeakRequests(ctx, r.conf.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 1 || stored[0].State != "done" {
		t.Errorf("stored requests %+v, want one done", stored)
	}
	rows, err := r.st.AuditLog(ctx, r.conf.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, row := range rows {
		if row.Actor == floorActor {
			acts = append(acts, row.Action)
		}
	}
	if got := strings.Join(acts, ","); !strings.Contains(got, "speak_forward,floor_grant") || !strings.Contains(got, "floor_revoke") {
		t.Errorf("audit by the technician: %s", got)
	}
}

func TestMuteAllLeavesOnlyTheMainOpen(t *testing.T) {
	const n = 20 // the main bridge point and 19 communes
	r := newFloorRig(t, n-1, false)
	joinAll(t, r, n)
	muted, err := r.conf.MuteAllFarEnds(context.Background(), floorActor)
	if err != nil {
		t.Fatal(err)
	}
	if muted != n-1 {
		t.Errorf("MuteAllFarEnds muted %d, want %d", muted, n-1)
	}
	atAck := map[string]uint64{}
	for _, p := range r.conf.Snapshot().Participants {
		atAck[p.ID] = r.conf.ForwardedAudio(p.ID)
		if p.Main != (p.Mute == mcu.Unmuted) {
			t.Errorf("%s: main %v, mute %q", p.ID, p.Main, p.Mute)
		}
	}
	time.Sleep(1500 * time.Millisecond)
	for id, n0 := range atAck {
		got := r.conf.ForwardedAudio(id)
		if id == "UBND-TINH" && got == n0 {
			t.Error("the main bridge point's audio stopped")
		}
		if id != "UBND-TINH" && got != n0 {
			t.Errorf("%s: %d audio packets forwarded after mute-all", id, got-n0)
		}
	}
}

func TestDropOpensOneDraftAndTheLogExportsIt(t *testing.T) {
	r := newFloorRig(t, 2, false)
	r.track(t)
	ctx := context.Background()
	mid := r.conf.Snapshot().MeetingID
	r.join(t, "UBND-TINH")
	r.join(t, "XA-002")
	ep := r.run(t, "XA-001")
	// A hard mute set before the drop must hold after the reconnect.
	if err := r.conf.Mute(ctx, floorActor, "XA-001", mcu.HardMute); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // the tracker has seen the link alive

	ep.Drop(ctx, 7*time.Second) // the cable is out longer than the 5 s without media
	waitFor(t, "XA-001 back", 20*time.Second, func() bool {
		p := r.participant(t, "XA-001")
		return ep.Connected() && p.Connected && p.Reconnects > 0
	})
	d, outages := r.oneEndedLineDraft(t, mid, "XA-001", 10*time.Second)
	per, total := meeting.Interruptions(outages, time.Now())
	if per["XA-001"] <= 0 || total != per["XA-001"] {
		t.Errorf("interruption XA-001 %v, meeting %v: want a positive time, all of it XA-001's", per["XA-001"], total)
	}
	if p := r.participant(t, "XA-001"); p.Mute != mcu.HardMute {
		t.Errorf("mute after the reconnect: %q, want hard", p.Mute)
	}
	waitFor(t, "the endpoint told it is still hard-muted", 5*time.Second, func() bool {
		m, mode := ep.Muted()
		return m && mode == "hard"
	})

	// Close the meeting with its log, then export it the way the command line does.
	entries, err := meeting.PrefillLog(ctx, r.st, mid, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := meeting.CloseLog(ctx, r.st, mid, entries, floorActor, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := r.conf.Close(ctx, floorActor); err != nil {
		t.Fatal(err)
	}
	out := captureStdout(t, func() error {
		return runReport(ctx, []string{"meeting", strconv.FormatInt(mid, 10), "--db", r.dbPath, "--format", "md"})
	})
	for _, want := range []string{"MẪU NHẬT KÝ TRIỂN KHAI HỌP TRỰC TUYẾN", "Phòng họp UBND tỉnh", "Xã số 1", "Xã số 2",
		"Điểm cầu chính", "Điểm cầu phụ"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	if first, _, _ := strings.Cut(d.Description, " ("); !strings.Contains(out, first) {
		t.Errorf("export lacks the incident text %q:\n%s", d.Description, out)
	}
}

// pad3 writes i on three digits.
func pad3(i int) string { s := strconv.Itoa(i); return strings.Repeat("0", 3-len(s)) + s }

// captureStdout runs fn with os.Stdout sent to a pipe and returns what it printed.
func captureStdout(t *testing.T, fn func() error) string {
	t.Helper()
	rd, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = wr
	var buf bytes.Buffer
	copied := make(chan struct{})
	go func() { _, _ = io.Copy(&buf, rd); close(copied) }()
	ferr := fn()
	os.Stdout = old
	wr.Close()
	<-copied
	if ferr != nil {
		t.Fatalf("report: %v", ferr)
	}
	return buf.String()
}
