package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"diemcau/softep"
)

// testdataClips loads the media clips of testdata/.
func testdataClips(t *testing.T) *softep.Clips {
	t.Helper()
	clips, err := softep.LoadTestdataClips()
	if err != nil {
		t.Fatal(err)
	}
	return clips
}

// softWithAttendees is a soft bridge point that answers the roll call with attendees.
func (r *browserRig) softWithAttendees(clips *softep.Clips, id string, attendees int) *softep.Endpoint {
	return softep.New(softep.Config{
		URL: r.app.baseURL, ID: id, Token: r.secrets[id], Clips: clips, Receive: true, Attendees: attendees,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
}

// attendanceOf reads a bridge point's stored attendance in the rig's meeting (-1: none).
func (r *browserRig) attendanceOf(t *testing.T, bp string) (n int, bySite bool) {
	t.Helper()
	rows, err := r.app.st.MeetingAttendance(context.Background(), r.conf.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range rows {
		if a.BridgePoint == bp {
			return a.Attendees, a.BySite
		}
	}
	return -1, false
}

// TestBrowserRollCallLockAndDisconnect: the roll call is answered from Chromium's join page
// and by a soft endpoint and lands in SQLite; a disconnected page and soft endpoint are told
// why, do not come back by themselves and count no outage; a locked meeting refuses a site
// with a 403 the page shows, until a technician admits it.
func TestBrowserRollCallLockAndDisconnect(t *testing.T) {
	browser := newBrowser(t)
	clips := testdataClips(t)
	r := newBrowserRig(t)
	defer r.dumpLog()
	ctx := context.Background()
	r.joinSoft(clips, "UBND-TINH")
	soft := r.softWithAttendees(clips, "SO-KHCN", 9)
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	ran := make(chan error, 1)
	go func() { ran <- soft.Run(runCtx) }()
	tab := newTab(t, browser, r.app.baseURL+"/join/"+browserBP+"?lang=vi#k="+r.secrets[browserBP])
	tab.waitJS("joined", `document.body.dataset.state === 'joined'`, 20*time.Second)
	pollUntil(t, "the soft endpoint connected", 15*time.Second, func() bool { return r.participant("SO-KHCN").Connected })

	t.Run("roll call from the page and the soft endpoint", func(t *testing.T) {
		pollUntil(t, "three sites connected", 10*time.Second, func() bool { return r.conf.Snapshot().Connected == 3 })
		if n, err := r.conf.RollCall(ctx, "test:ktv"); err != nil || n != 3 {
			t.Fatalf("roll call asked %d (%v), want 3", n, err)
		}
		tab.waitJS("the roll-call field", `!document.getElementById('rollcall').hidden`, 10*time.Second)
		var ok bool
		_ = tab.eval(`(() => { document.getElementById('attendees').value = '-2'; document.getElementById('attend').click(); return true })()`, &ok)
		if got := tab.text("error"); got != "Số người dự phải là số nguyên từ 0 đến 10000." {
			t.Errorf("error for -2 attendees %q", got)
		}
		_ = tab.eval(`(() => { document.getElementById('attendees').value = '15'; document.getElementById('attend').click(); return true })()`, &ok)
		pollUntil(t, "the page's attendance stored", 10*time.Second, func() bool { n, by := r.attendanceOf(t, browserBP); return n == 15 && by })
		pollUntil(t, "the soft endpoint's attendance stored", 10*time.Second, func() bool { n, by := r.attendanceOf(t, "SO-KHCN"); return n == 9 && by })
		if p := r.participant(browserBP); p.Attendees != 15 || p.AttendedBy != "endpoint" {
			t.Errorf("page attendance in the snapshot %d by %q", p.Attendees, p.AttendedBy)
		}
		if got := tab.text("attended"); got != "Đã gửi điểm danh: 15 người dự." {
			t.Errorf("page after sending %q", got)
		}
	})

	t.Run("a disconnected page says so, stays out and is no outage", func(t *testing.T) {
		if err := r.conf.Disconnect(ctx, "test:ktv", browserBP, "điểm cầu thử nghiệm"); err != nil {
			t.Fatal(err)
		}
		tab.waitJS("the page disconnected", `document.body.dataset.state === 'removed'`, 10*time.Second)
		if got := tab.text("error"); !strings.Contains(got, "ngắt kết nối") || !strings.Contains(got, "điểm cầu thử nghiệm") {
			t.Errorf("page error %q", got)
		}
		time.Sleep(4 * time.Second) // longer than the page's first retry and the tracker's period
		if p := r.participant(browserBP); p.LeftReason != "disconnected" {
			t.Errorf("the page's session ended as %q, want disconnected", p.LeftReason)
		}
		if r.participant(browserBP).Connected || len(r.conf.Snapshot().Knocks) != 0 {
			t.Fatalf("the page came back or knocked by itself: %+v", r.conf.Snapshot().Knocks)
		}
		outages, err := r.app.st.Outages(ctx, r.conf.Snapshot().MeetingID)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range outages {
			if o.BridgePoint == browserBP {
				t.Errorf("a disconnect counted as an outage: %+v", o)
			}
		}
	})

	t.Run("locked: the page is refused with the reason until admitted", func(t *testing.T) {
		if err := r.conf.Lock(ctx, "test:ktv", true); err != nil {
			t.Fatal(err)
		}
		tab.click("join")
		tab.waitJS("the refusal", `document.body.dataset.state === 'refused'`, 15*time.Second)
		if got := tab.text("error"); !strings.HasPrefix(got, "Không vào được cuộc họp: ") {
			t.Errorf("refusal on the page %q", got)
		}
		pollUntil(t, "the page at the door", 5*time.Second, func() bool { return len(r.conf.Snapshot().Knocks) == 1 })
		late := r.softWithAttendees(clips, "XA-MAU-A", 3)
		jctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		var refused *softep.JoinRefusedError
		if err := late.Run(jctx); !errors.As(err, &refused) || refused.Status != 403 || !strings.Contains(refused.Text, "khóa") {
			t.Fatalf("soft endpoint into a locked meeting: %v, want a 403 saying it is locked", err)
		}
		if err := r.conf.Admit(ctx, "test:ktv", browserBP); err != nil {
			t.Fatal(err)
		}
		tab.click("join")
		tab.waitJS("joined again", `document.body.dataset.state === 'joined'`, 20*time.Second)
	})

	t.Run("a disconnected soft endpoint stops", func(t *testing.T) {
		if err := r.conf.Disconnect(ctx, "test:ktv", "SO-KHCN", "hết giờ"); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-ran:
			var d *softep.DisconnectedError
			if !errors.As(err, &d) || d.Reason != "hết giờ" {
				t.Fatalf("Run ended with %v, want a DisconnectedError", err)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("the soft endpoint did not stop after being disconnected")
		}
		if r.participant("SO-KHCN").Connected {
			t.Fatal("SO-KHCN still connected")
		}
	})
}
