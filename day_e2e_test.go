package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"diemcau/live"
	"diemcau/meeting"
	"diemcau/softep"
	"diemcau/store"
)

// startServe runs the server as `diemcau serve` does (without the SSH part): no meeting opens by
// itself; those still live are resumed.
func (r *serverRig) startServe(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a, _, err := startServer(ctx, "serve", r.args, false, nil, false)
	if err != nil {
		cancel()
		t.Fatalf("start server: %v", err)
	}
	r.a, r.conf, r.cancel = a, nil, cancel
}

// confirmedBooking files a booking of content held in room with the sub bridge points, from
// start for an hour, and records its confirmation.
func confirmedBooking(t *testing.T, st *store.Store, content, room string, start time.Time, points ...string) int64 {
	t.Helper()
	ctx := context.Background()
	b := store.Booking{Kind: "b", HostUnit: room, RoomBP: room, Room: "Phòng họp", Content: content,
		ChairName: "Chủ tọa " + room, StartsAt: start, EndsAt: start.Add(time.Hour), FiledBy: "test"}
	for _, p := range points {
		b.Points = append(b.Points, store.BookingPoint{BridgePoint: p, Attendees: 5})
	}
	id, err := st.AddBooking(ctx, b, []store.AuditEntry{{Actor: "test", Action: "booking_add"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := st.RecordBookingStep(ctx, id, "", store.BookingStep{Step: string(meeting.StepConfirmed), At: now, Actor: "test"},
		store.AuditEntry{At: now, Actor: "test", Action: "booking_confirmed"}); err != nil {
		t.Fatal(err)
	}
	return id
}

// liveIn returns, from the meetings API, the live meetings by id.
func liveIn(t *testing.T, base, token string) map[int64]map[string]any {
	t.Helper()
	code, list := meetingsAPI(t, "GET", base+"/api/v1/meetings", token, "")
	if code != http.StatusOK {
		t.Fatalf("GET /api/v1/meetings: %d %v", code, list)
	}
	out := map[int64]map[string]any{}
	for _, x := range list["live"].([]any) {
		m := x.(map[string]any)
		out[int64(m["meeting_id"].(float64))] = m
	}
	return out
}

// A control center's day over loopback: two booked meetings with disjoint sites open side by
// side over the API; each site's soft endpoint lands in its own; a site booked in both is refused
// with the other meeting named; closing one tells its sites (they stop retrying) and leaves the
// other untouched; a third opens without a restart; a restart resumes both live meetings with
// their real start times. Every action is audited with its api: actor.
func TestDayOfMeetings(t *testing.T) {
	const token = "day-token"
	t.Setenv("DIEMCAU_API_TOKEN", token)
	r := newServerRig(t, 5) // UBND-TINH, XA-001 … XA-005
	r.startServe(t)
	ctx := context.Background()
	if n := len(liveIn(t, r.url, token)); n != 0 {
		t.Fatalf("serve opened %d meetings by itself, want none", n)
	}
	start := time.Now().Add(time.Hour)
	bookA := confirmedBooking(t, r.a.st, "Giao ban UBND tỉnh", "UBND-TINH", start, "XA-001", "XA-002")
	bookB := confirmedBooking(t, r.a.st, "Họp xã số 3", "XA-003", start, "XA-004")
	bookC := confirmedBooking(t, r.a.st, "Họp xã số 5", "XA-005", start, "XA-002")

	open := func(body string) (int, map[string]any) {
		return meetingsAPI(t, "POST", r.url+"/api/v1/meetings", token, body)
	}
	code, a := open(fmt.Sprintf(`{"booking":%d,"actor":"nguyen.van.an"}`, bookA))
	if code != http.StatusCreated || a["title"] != "Giao ban UBND tỉnh" || a["main_bridge_point"] != "UBND-TINH" {
		t.Fatalf("open booking A: %d %v", code, a)
	}
	code, b := open(fmt.Sprintf(`{"booking":%d}`, bookB))
	if code != http.StatusCreated || b["main_bridge_point"] != "XA-003" {
		t.Fatalf("open booking B: %d %v", code, b)
	}
	meetA, meetB := int64(a["meeting_id"].(float64)), int64(b["meeting_id"].(float64))
	code, c := open(fmt.Sprintf(`{"booking":%d}`, bookC))
	if msg, _ := c["error"].(string); code != http.StatusConflict || !strings.Contains(msg, "XA-002") || !strings.Contains(msg, "Giao ban UBND tỉnh") {
		t.Fatalf("open booking C sharing XA-002 with live A: %d %v, want 409 naming XA-002 and meeting A", code, c)
	}
	if code, again := open(fmt.Sprintf(`{"booking":%d}`, bookA)); code != http.StatusConflict {
		t.Fatalf("open booking A twice: %d %v, want 409", code, again)
	}
	if bk, err := r.a.st.Booking(ctx, bookC); err != nil || bk.MeetingID != 0 || meeting.State(bk) != meeting.StepConfirmed {
		t.Fatalf("refused booking C: %+v %v, want untouched", bk, err)
	}

	clips := lightClips(t)
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	ran := map[string]chan error{}
	for _, id := range []string{"XA-001", "XA-004"} {
		ep := r.endpoint(id, clips, false, false)
		done := make(chan error, 1)
		ran[id] = done
		go func() { done <- ep.Run(runCtx) }()
	}
	confA, _ := r.a.live.Conference(meetA)
	confB, _ := r.a.live.Conference(meetB)
	connected := func(conf interface {
		Closed() bool
	}, snapOf func() map[string]bool, id string) bool {
		return !conf.Closed() && snapOf()[id]
	}
	in := func(meetingID int64) func() map[string]bool {
		return func() map[string]bool {
			out := map[string]bool{}
			c, ok := r.a.live.Conference(meetingID)
			if !ok {
				return out
			}
			for _, p := range c.Snapshot().Participants {
				out[p.ID] = p.Connected
			}
			return out
		}
	}
	waitFor(t, "XA-001 in meeting A and XA-004 in meeting B", 20*time.Second, func() bool {
		return connected(confA, in(meetA), "XA-001") && connected(confB, in(meetB), "XA-004")
	})
	if _, ok := in(meetB)()["XA-001"]; ok {
		t.Error("XA-001 is listed in meeting B too")
	}
	// The status API says which meeting each bridge point is in.
	_, status := meetingsAPI(t, "GET", r.url+"/api/v1/status", token, "")
	where := map[string]int64{}
	for _, c := range status["conferences"].([]any) {
		for _, bp := range c.(map[string]any)["bridge_points"].([]any) {
			b := bp.(map[string]any)
			where[b["id"].(string)] = int64(b["meeting_id"].(float64))
		}
	}
	if where["XA-001"] != meetA || where["XA-004"] != meetB || where["XA-003"] != meetB {
		t.Errorf("status API: bridge points in meetings %v, want XA-001 in %d, XA-003 and XA-004 in %d", where, meetA, meetB)
	}
	// A site in no live meeting is refused at the door.
	stray := r.endpoint("XA-005", clips, false, false)
	jctx, cancelJoin := context.WithTimeout(ctx, 10*time.Second)
	var refused *softep.JoinRefusedError
	if err := stray.Join(jctx); !errors.As(err, &refused) || refused.Status != http.StatusForbidden {
		t.Errorf("XA-005, in no live meeting, joined: %v, want 403", err)
	}
	cancelJoin()

	// Close A: its site is told and stops retrying; B runs on.
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/meetings/%d/close", r.url, meetA), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("X-Diemcau-Actor", "le.thi.binh")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("close A: %v %v", resp, err)
	}
	resp.Body.Close()
	select {
	case err := <-ran["XA-001"]:
		var ended *softep.MeetingEndedError
		if !errors.As(err, &ended) {
			t.Errorf("XA-001 after its meeting closed: %v, want MeetingEndedError", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("XA-001 kept running after its meeting was closed")
	}
	if confB.Closed() || !in(meetB)()["XA-004"] {
		t.Fatal("closing meeting A touched meeting B")
	}
	if mA, err := r.a.st.Meeting(ctx, meetA); err != nil || mA.Status != "closed" {
		t.Fatalf("meeting A after close: %+v %v", mA, err)
	}
	if mB, err := r.a.st.Meeting(ctx, meetB); err != nil || mB.Status != "live" {
		t.Fatalf("meeting B after A's close: %+v %v", mB, err)
	}
	bkA, err := r.a.st.Booking(ctx, bookA)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := bkA.Step(string(meeting.StepLive)); !ok || bkA.MeetingID != meetA {
		t.Errorf("booking A: meeting %d steps %+v, want live and linked to %d", bkA.MeetingID, bkA.Steps, meetA)
	}
	if st, ok := bkA.Step(string(meeting.StepClosed)); !ok || st.Actor != "api:le.thi.binh" {
		t.Errorf("booking A's closed step: %+v %v, want by api:le.thi.binh", st, ok)
	}
	audit, err := r.a.st.AuditLog(ctx, meetA)
	if err != nil {
		t.Fatal(err)
	}
	var saw []string
	for _, e := range audit {
		saw = append(saw, e.Actor+" "+e.Action)
	}
	for _, want := range []string{"api:nguyen.van.an " + string(live.ActionOpen), "api:le.thi.binh meeting_log_close", "api:le.thi.binh conference_close"} {
		if !strings.Contains(strings.Join(saw, "\n"), want) {
			t.Errorf("meeting A's audit lacks %q:\n%s", want, strings.Join(saw, "\n"))
		}
	}

	// A third meeting opens without a restart; a now-free site may be in it.
	code, third := open(`{"title":"Họp đột xuất","main":"XA-005","sites":["XA-001"],"actor":"nguyen.van.an"}`)
	if code != http.StatusCreated {
		t.Fatalf("open an ad hoc meeting after A closed: %d %v", code, third)
	}
	meetC := int64(third["meeting_id"].(float64))
	if code, bad := open(`{"title":"Sai","sites":["XA-999"]}`); code != http.StatusUnprocessableEntity || !strings.Contains(bad["error"].(string), "XA-999") {
		t.Errorf("ad hoc with an unknown site: %d %v, want 422 naming it", code, bad)
	}

	// A restart resumes both live meetings with their real start times.
	stopRun()
	<-ran["XA-004"]
	before := map[int64]time.Time{}
	for _, id := range []int64{meetB, meetC} {
		m, err := r.a.st.Meeting(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		before[id] = m.StartedAt
	}
	r.stop()
	r.startServe(t)
	after := liveIn(t, r.url, token)
	if len(after) != 2 || after[meetB] == nil || after[meetC] == nil {
		t.Fatalf("after the restart the live meetings are %v, want %d and %d", after, meetB, meetC)
	}
	for id, at := range before {
		got, err := time.Parse(time.RFC3339Nano, after[id]["started_at"].(string))
		if err != nil || !got.Equal(at) {
			t.Errorf("meeting %d resumed with start %v, want its real start %v", id, got, at)
		}
	}
}

// `diemcau meeting open BOOKING-ID` opens the booked meeting on the running server over HTTP with
// the API token, as the technician; list shows it; close ends it; a wrong token is refused.
func TestMeetingCommandOverHTTP(t *testing.T) {
	const token = "cli-token"
	t.Setenv("DIEMCAU_API_TOKEN", token)
	t.Setenv("USER", "tran.van.cuong")
	r := newServerRig(t, 2)
	r.startServe(t)
	ctx := context.Background()
	book := confirmedBooking(t, r.a.st, "Họp chuyên đề", "UBND-TINH", time.Now().Add(time.Hour), "XA-001")
	out := captureStdout(t, func() error {
		return runMeeting(ctx, []string{"open", fmt.Sprint(book), "--url", r.url, "--lang", "en"})
	})
	if !strings.Contains(out, "opened: Họp chuyên đề (2 bridge points)") {
		t.Fatalf("meeting open said %q", out)
	}
	bk, err := r.a.st.Booking(ctx, book)
	if err != nil || bk.MeetingID == 0 {
		t.Fatalf("booking after meeting open: %+v %v", bk, err)
	}
	if st, ok := bk.Step(string(meeting.StepLive)); !ok || st.Actor != "api:tran.van.cuong" {
		t.Errorf("live step: %+v %v, want by api:tran.van.cuong", st, ok)
	}
	if out := captureStdout(t, func() error { return runMeeting(ctx, []string{"list", "--url", r.url}) }); !strings.Contains(out, "Họp chuyên đề") {
		t.Errorf("meeting list said %q", out)
	}
	t.Setenv("DIEMCAU_API_TOKEN", "wrong")
	err = runMeeting(ctx, []string{"close", fmt.Sprint(bk.MeetingID), "--url", r.url})
	if err == nil || !strings.Contains(userError("vi", err), "máy chủ từ chối") {
		t.Fatalf("close with a wrong token: %v", err)
	}
	t.Setenv("DIEMCAU_API_TOKEN", token)
	if out := captureStdout(t, func() error {
		return runMeeting(ctx, []string{"close", fmt.Sprint(bk.MeetingID), "--url", r.url, "--lang", "en"})
	}); !strings.Contains(out, "closed") {
		t.Fatalf("meeting close said %q", out)
	}
	if m, err := r.a.st.Meeting(ctx, bk.MeetingID); err != nil || m.Status != "closed" {
		t.Fatalf("meeting after close: %+v %v", m, err)
	}
	// report booking shows what the meeting left: its log and its recordings.
	var rep, repErr bytes.Buffer
	c := cli{out: &rep, errOut: &repErr}
	if err := c.workflowReport(ctx, []string{"booking", fmt.Sprint(book), "--db", r.args[1], "--lang", "en"}); err != nil {
		t.Fatalf("report booking: %v %s", err, repErr.String())
	}
	for _, want := range []string{"ONLINE MEETING LOG", "Recordings of the meeting (0)"} {
		if !strings.Contains(rep.String(), want) {
			t.Errorf("report booking lacks %q:\n%s", want, rep.String())
		}
	}
	if bk, _ := r.a.st.Booking(ctx, book); meeting.State(bk) != meeting.StepClosed {
		t.Errorf("booking state after close: %s, want closed", meeting.State(bk))
	}
}

// A subcommand's help lists only the flags it uses; `diemcau help` lists every common flag.
func TestHelpListsTheFlagsUsed(t *testing.T) {
	out := captureStdout(t, func() error {
		if err := dispatch(context.Background(), []string{"booking", "list", "-h", "--lang", "en"}); err != nil && !errors.Is(err, errHelp) {
			return err
		}
		return nil
	})
	for _, flag := range []string{"--http", "--ssh", "--udp-port", "--tls-cert", "--authorized-keys", "--media"} {
		if strings.Contains(out, flag+" ") {
			t.Errorf("booking -h lists %s:\n%s", flag, out)
		}
	}
	if !strings.Contains(out, "--db") || !strings.Contains(out, "--holidays") {
		t.Errorf("booking -h lacks its own flags:\n%s", out)
	}
	help := captureStdout(t, func() error { return dispatch(context.Background(), []string{"help"}) })
	for _, flag := range []string{"--db", "--http", "--ssh", "--authorized-keys", "--tls-cert", "--tls-key", "--lang",
		"--media", "--log", "--udp-port", "--api-token-file", "--holidays"} {
		if !strings.Contains(help, flag) {
			t.Errorf("diemcau help lacks %s", flag)
		}
	}
}
