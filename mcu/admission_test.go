package mcu

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// refusedJoin POSTs a real offer of bridge point id and returns the status and the body.
func refusedJoin(t *testing.T, h *harness, id string) (int, string) {
	t.Helper()
	resp := whipPost(t, h.srv.URL, id, testSecrets[id], "application/sdp", offerSDP(t, h))
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestAdmissionLockDisconnect walks the door of a conference with expected members: a site not
// on the list is refused with a reason and waits; once admitted it joins; a locked meeting
// refuses even an expected site; a disconnected site is told so over control, its leave is
// deliberate, and it may not come back until admitted.
func TestAdmissionLockDisconnect(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	ctx := context.Background()
	b := h.client("B")

	status, body := refusedJoin(t, h, "OUT")
	if status != http.StatusForbidden || !strings.Contains(body, "không có trong danh sách") {
		t.Fatalf("not expected: %d %q, want 403 with the reason in Vietnamese", status, body)
	}
	h.waitEvent(EventKnock, "OUT")
	if k := h.conf.Snapshot().Knocks; len(k) != 1 || k[0].BridgePoint != "OUT" || k[0].Reason != RefusedNotExpected {
		t.Fatalf("knocks %+v, want OUT not expected", k)
	}
	if err := h.conf.Admit(ctx, "tech:an", "B"); err == nil {
		t.Fatal("admitted B, which is not at the door")
	}
	if err := h.conf.Admit(ctx, "tech:an", "OUT"); err != nil {
		t.Fatal(err)
	}
	if !h.journal.hasAction("admit", "OUT", "not_expected") {
		t.Fatal("admit not journaled")
	}
	out := h.client("OUT")
	defer out.close()

	if err := h.conf.Lock(ctx, "tech:an", true); err != nil {
		t.Fatal(err)
	}
	if !h.conf.Snapshot().Locked || !h.journal.hasAction("lock", "", "") {
		t.Fatal("lock not shown or not journaled")
	}
	status, body = refusedJoin(t, h, "C")
	if status != http.StatusForbidden || !strings.Contains(body, "đã khóa") {
		t.Fatalf("locked: %d %q, want 403 locked", status, body)
	}
	h.waitEvent(EventKnock, "C")
	if err := h.conf.Lock(ctx, "tech:an", false); err != nil {
		t.Fatal(err)
	}
	h.client("C").close()

	if err := h.conf.Disconnect(ctx, "tech:an", "B", "thử nghiệm"); err != nil {
		t.Fatal(err)
	}
	msg := b.waitMsg("disconnected", nil)
	if msg["reason"] != "thử nghiệm" {
		t.Fatalf("disconnected message %v", msg)
	}
	eventually(t, 10*time.Second, func() bool { return !h.participant("B").Connected }, "B still connected")
	if p := h.participant("B"); !DeliberateLeave(p.LeftReason) {
		t.Fatalf("B left for %q: not a deliberate leave", p.LeftReason)
	}
	if !h.journal.hasAction("disconnect", "B", "thử nghiệm") {
		t.Fatal("disconnect not journaled")
	}
	if status, body = refusedJoin(t, h, "B"); status != http.StatusForbidden || !strings.Contains(body, "ngắt kết nối") {
		t.Fatalf("rejoin after disconnect: %d %q, want 403", status, body)
	}
	if err := h.conf.Admit(ctx, "tech:an", "B"); err != nil {
		t.Fatal(err)
	}
	h.client("B").close()
	if err := h.conf.Disconnect(ctx, "tech:an", "D", ""); err == nil {
		t.Fatal("disconnected D, which is no member")
	}
}

// TestRollCall asks the connected sites for their attendance: a site answers over control, a
// site joining later is asked too, a technician types another's, and a bad number is refused.
func TestRollCall(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	ctx := context.Background()
	b := h.client("B")
	if p := h.participant("C"); p.Attendees != -1 {
		t.Fatalf("C attendees %d before the roll call, want -1", p.Attendees)
	}
	n, err := h.conf.RollCall(ctx, "tech:an")
	if err != nil || n != 1 {
		t.Fatalf("roll call asked %d (%v), want 1", n, err)
	}
	b.waitMsg("roll_call", nil)
	c := h.client("C") // joins after the roll call: asked when its control channel opens
	defer c.close()
	c.waitMsg("roll_call", nil)
	b.sendControl(map[string]any{"type": "attendance", "attendees": 12})
	ev := h.waitEvent(EventAttendance, "B")
	if ev.Detail != "12" || ev.Actor != "endpoint" {
		t.Fatalf("attendance event %+v", ev)
	}
	if p := h.participant("B"); p.Attendees != 12 || p.AttendedBy != "endpoint" {
		t.Fatalf("B attendance %d by %q", p.Attendees, p.AttendedBy)
	}
	if err := h.conf.ConfirmAttendance(ctx, "tech:an", "C", 7); err != nil {
		t.Fatal(err)
	}
	if p := h.participant("C"); p.Attendees != 7 || p.AttendedBy != "tech:an" {
		t.Fatalf("C attendance %d by %q", p.Attendees, p.AttendedBy)
	}
	if err := h.conf.ConfirmAttendance(ctx, "tech:an", "C", -3); err == nil {
		t.Fatal("-3 attendees accepted")
	}
	if !h.journal.hasAction("roll_call", "", "asked=1") || !h.journal.hasAction("attendance", "C", "7") {
		t.Fatal("roll call or attendance not journaled")
	}
}

// TestStatusShowsTheDoorAndAttendance: /api/v1/status says whether the meeting is locked, who
// waits at the door, and each bridge point's confirmed attendees (null while unconfirmed).
func TestStatusShowsTheDoorAndAttendance(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	srv := httptest.NewServer(h.mcu.StatusHandler("tok"))
	defer srv.Close()
	ctx := context.Background()
	if err := h.conf.Lock(ctx, "tech:an", true); err != nil {
		t.Fatal(err)
	}
	if status, _ := refusedJoin(t, h, "OUT"); status != http.StatusForbidden {
		t.Fatalf("OUT: %d, want 403", status)
	}
	if err := h.conf.ConfirmAttendance(ctx, "tech:an", "B", 6); err != nil {
		t.Fatal(err)
	}
	_, body := getStatus(t, srv.URL, "tok")
	var reply struct {
		Conferences []struct {
			Locked bool `json:"locked"`
			Knocks []struct {
				BridgePoint string `json:"bridge_point"`
				Reason      string `json:"reason"`
			} `json:"knocks"`
			BridgePoints []struct {
				ID        string `json:"id"`
				Attendees *int   `json:"attendees"`
			} `json:"bridge_points"`
		} `json:"conferences"`
	}
	if err := json.Unmarshal(body, &reply); err != nil || len(reply.Conferences) != 1 {
		t.Fatalf("status %s (%v)", body, err)
	}
	c := reply.Conferences[0]
	if !c.Locked || len(c.Knocks) != 1 || c.Knocks[0].BridgePoint != "OUT" || c.Knocks[0].Reason != "not_expected" {
		t.Errorf("door in the status: %s", body)
	}
	for _, bp := range c.BridgePoints {
		switch {
		case bp.ID == "B" && (bp.Attendees == nil || *bp.Attendees != 6):
			t.Errorf("B attendees %v, want 6", bp.Attendees)
		case bp.ID != "B" && bp.Attendees != nil:
			t.Errorf("%s attendees %d, want null", bp.ID, *bp.Attendees)
		}
	}
}
