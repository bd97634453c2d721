package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
	"diemcau/store"
)

// TestProgramRecordingStartStopDeliver drives the console at 80×24: R opens the recording view,
// s starts recording (the header shows ● REC), s stops it, enter and y mark it delivered to the
// host unit; the store holds the recording and the audit log the technician's actions.
func TestProgramRecordingStartStopDeliver(t *testing.T) {
	f := newFixture(t, 2)
	tm := startProgram(t, f, "vi")
	waitOutput(t, tm, "Xã Ia Grai")
	tm.Type("R")
	waitOutput(t, tm, "Ghi hình các cuộc họp (Điều 12.2)")
	waitOutput(t, tm, "Chưa có bản ghi")
	tm.Type("s")
	eventually(t, "recording to start", func() bool { _, ok := f.conf.Recording(); return ok })
	waitOutput(t, tm, "● REC")
	waitOutput(t, tm, "● Đang ghi")
	tm.Type("s")
	eventually(t, "recording to stop", func() bool { _, ok := f.conf.Recording(); return !ok })
	waitOutput(t, tm, "Đã dừng ghi hình")
	eventually(t, "the stopped recording in the store", func() bool {
		list, err := f.st.Recordings(context.Background(), f.meeting)
		return err == nil && len(list) == 1 && !list[0].StoppedAt.IsZero()
	})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitOutput(t, tm, "Đánh dấu bản ghi #1 đã giao cho Ủy ban nhân dân tỉnh Gia Lai? (y/n)")
	tm.Type("y")
	var rec store.Recording
	eventually(t, "the delivery in the store", func() bool {
		list, err := f.st.Recordings(context.Background(), f.meeting)
		if err != nil || len(list) != 1 {
			return false
		}
		rec = list[0]
		return !rec.DeliveredAt.IsZero()
	})
	if rec.DeliveredBy != testActor || rec.DeliveredTo != "Ủy ban nhân dân tỉnh Gia Lai" ||
		rec.StartedBy != testActor || rec.StoppedBy != testActor {
		t.Fatalf("recording %+v", rec)
	}
	waitOutput(t, tm, "Đã ghi nhận bản ghi #1 giao cho")
	audit, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range audit {
		if a.Actor == testActor {
			seen[a.Action] = true
		}
	}
	for _, want := range []string{"recording_start", "recording_stop", "recording_delivered"} {
		if !seen[want] {
			t.Errorf("no %s by %s in the audit log: %+v", want, testActor, audit)
		}
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	quitProgram(t, tm)
}

// TestRecordingRoles: a viewer sees the recording view but may not start recording; the main
// bridge point (host) may record but not mark a recording delivered.
func TestRecordingRoles(t *testing.T) {
	f := newFixture(t, 1)
	for _, tc := range []struct {
		role    Role
		keys    []string
		started bool
	}{
		{RoleViewer, []string{"R", "s"}, false},
		{RoleHost, []string{"R", "s"}, true},
	} {
		opts := f.options("en")
		opts.Role, opts.BridgePoint = tc.role, "UBND-TINH"
		m := New(opts)
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		feedRecording(t, m, press(t, m, tc.keys...))
		if tc.started {
			eventually(t, "the host's recording", func() bool { _, ok := f.conf.Recording(); return ok })
		} else if _, ok := f.conf.Recording(); ok {
			t.Fatalf("%s started a recording", tc.role)
		} else if w, ok := contains(m.View(), "Not allowed", "Recordings of meetings"); !ok {
			t.Fatalf("%s: %q not shown:\n%s", tc.role, w, plain(m.View()))
		}
		m.Close()
	}
	if _, err := f.conf.StopRecording(context.Background(), "console:host"); err != nil {
		t.Fatal(err)
	}
	opts := f.options("en")
	opts.Role, opts.BridgePoint = RoleHost, "UBND-TINH"
	m := New(opts)
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	feedRecording(t, m, press(t, m, "R"))
	feedRecording(t, m, press(t, m, "enter"))
	if strings.Contains(plain(m.View()), "(y/n)") {
		t.Fatal("the host was asked to mark a recording delivered")
	}
	if w, ok := contains(m.View(), "Not allowed"); !ok {
		t.Fatalf("%q not shown:\n%s", w, plain(m.View()))
	}
	list, err := f.st.Recordings(context.Background(), f.meeting)
	if err != nil || len(list) != 1 || !list[0].DeliveredAt.IsZero() {
		t.Fatalf("recordings %+v, %v", list, err)
	}
}

// TestRecordingsViewFits renders the view with a running and a delivered recording in 80
// columns: every line fits, the overdue deadline is marked.
func TestRecordingsViewFits(t *testing.T) {
	c := NewCommon(context.Background(), nil, "vi", testActor)
	v := NewRecordingsView(c, meeting.DefaultCalendar())
	ended := time.Date(2026, 4, 29, 11, 0, 0, 0, time.UTC)
	v.SetSize(80, 12)
	v.SetData(recordingsMsg{at: ended.Add(10 * 24 * time.Hour), meeting: true, list: []store.Recording{
		{ID: 2, StartedAt: ended.Add(-time.Hour), StoppedAt: ended, Duration: time.Hour, Bytes: 123456789, MeetingEnded: ended},
		{ID: 1, StartedAt: ended.Add(-2 * time.Hour), StoppedAt: ended, Duration: 30 * time.Minute, Bytes: 1234,
			MeetingEnded: ended, DeliveredAt: ended.Add(24 * time.Hour)},
	}})
	view := v.View()
	for i, line := range strings.Split(view, "\n") {
		if cells(line) > 80 {
			t.Errorf("line %d is %d cells wide: %q", i, cells(line), plain(line))
		}
	}
	if w, ok := contains(view, "#2", "123.5 MB", "01:00:00", "QUÁ HẠN", "#1", "✓"); !ok {
		t.Fatalf("%q not in:\n%s", w, plain(view))
	}
	var many []store.Recording
	for id := 30; id > 0; id-- {
		many = append(many, store.Recording{ID: int64(id), StartedAt: ended, StoppedAt: ended})
	}
	v = NewRecordingsView(c, meeting.DefaultCalendar())
	v.SetSize(80, 12)
	v.SetData(recordingsMsg{at: ended, list: many})
	for range 20 {
		v.Update(keyMsg("down"))
	}
	if r, ok := v.Selected(); !ok || r.ID != 10 {
		t.Fatalf("selected %+v after 20 downs, want #10", r)
	}
	if w, ok := contains(v.View(), "#10 "); !ok || strings.Contains(plain(v.View()), "#30 ") {
		t.Fatalf("cursor not scrolled into sight (%q):\n%s", w, plain(v.View()))
	}
}

// feedRecording hands the recording view's messages back to m the way the program would, once:
// a reread that would schedule the next one is applied but not run again.
func feedRecording(t *testing.T, m *Model, msgs []tea.Msg) {
	t.Helper()
	for _, msg := range msgs {
		switch msg.(type) {
		case recordingToggleMsg, recordingDeliverMsg, recordingDoneMsg:
			_, cmd := m.Update(msg)
			feedRecording(t, m, runCmd(t, m, cmd))
		case recordingsMsg:
			m.Update(msg)
		}
	}
}
