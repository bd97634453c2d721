package tui

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
)

// roomSecret is the join secret every bridge point has in the room tests.
const roomSecret = "s-room"

// roomCredentials know the registry's bridge points by name; roomSecret is each one's secret.
type roomCredentials map[string]string

func (c roomCredentials) VerifyJoin(_ context.Context, bp string, secret string) (bool, bool, error) {
	_, known := c[bp]
	return known, secret == roomSecret, nil
}

func (c roomCredentials) BridgePointName(_ context.Context, bp string) (string, error) {
	return c[bp], nil
}

// roomFixture is newFixture whose MCU lets soft endpoints join over loopback WebRTC; its
// meeting expects all but the last sub bridge point.
type roomFixture struct {
	*fixture
	url   string
	clips *softep.Clips
}

func newRoomFixture(t *testing.T, subs int) *roomFixture {
	t.Helper()
	f := newFixture(t, subs)
	creds := roomCredentials{}
	for _, mem := range f.members {
		creds[mem.ID] = mem.Name
	}
	f.members = f.members[:len(f.members)-1]
	m, err := mcu.New(mcu.Config{Loopback: true}, f.st, creds, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	_ = f.conf.Close(context.Background(), "test") // the fixture's own MCU lets nobody in
	f.mcu = m
	if f.conf, err = m.Open(context.Background(), mcu.ConferenceSpec{ID: "room", MeetingID: f.meeting,
		Title: "Họp giao ban trực tuyến tháng 11", Members: f.members}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(m.Handler())
	t.Cleanup(srv.Close)
	clips, err := softep.LoadTestdataClips()
	if err != nil {
		t.Fatal(err)
	}
	return &roomFixture{fixture: f, url: srv.URL, clips: clips}
}

// soft returns a soft endpoint of id answering the roll call with attendees.
func (f *roomFixture) soft(id string, attendees int) *softep.Endpoint {
	return softep.New(softep.Config{URL: f.url, ID: id, Token: roomSecret,
		Clips: f.clips, Receive: false, Attendees: attendees, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// audited reports whether the meeting's audit log has action for bp by the test's technician.
func (f *roomFixture) audited(t *testing.T, action, bp string) bool {
	t.Helper()
	rows, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Action == action && r.BridgePoint == bp {
			return true
		}
	}
	return false
}

// attendance is the stored attendance of bp (-1: none).
func (f *roomFixture) attendance(t *testing.T, bp string) store.Attendance {
	t.Helper()
	rows, err := f.st.MeetingAttendance(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range rows {
		if a.BridgePoint == bp {
			return a
		}
	}
	return store.Attendance{Attendees: -1}
}

// TestProgramRollCallAdmitLockDisconnect drives the console at 80×24: D shows who is in the
// room; r asks for the roll call and a soft endpoint answers; the technician types another
// site's number; L locks; a site asking to join is shown and admitted with A; X disconnects a
// site after a y/n question. Every step is in SQLite and the audit log.
func TestProgramRollCallAdmitLockDisconnect(t *testing.T) {
	f := newRoomFixture(t, 3)
	ctx := context.Background()
	first := f.soft("XA-001", 12)
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	ran := make(chan error, 1)
	go func() { ran <- first.Run(runCtx) }()
	eventually(t, "XA-001 connected", func() bool { return f.participant(t, "XA-001").Connected })

	s := startProgram(t, f.fixture, "vi")
	waitOutput(t, s, "Điểm cầu (3/3) · chưa vào 2 · đã rời 0") // the table's title, before D
	s.Type("D")
	waitOutput(t, s, "Dự kiến 3 · đã vào 1 · chưa vào 2 · đã rời 0")
	s.Type("r")
	waitOutput(t, s, "12 (điểm cầu xác nhận)")
	if a := f.attendance(t, "XA-001"); a.Attendees != 12 || !a.BySite {
		t.Fatalf("XA-001 attendance %+v, want 12 by the site", a)
	}
	// Rows: main, XA-001, XA-002; the cursor starts on the main bridge point.
	s.Send(tea.KeyMsg{Type: tea.KeyDown})
	s.Send(tea.KeyMsg{Type: tea.KeyDown})
	s.Send(tea.KeyMsg{Type: tea.KeyEnter})
	s.Type("x")
	waitOutput(t, s, "Số người dự phải là số nguyên từ 0 đến 10000")
	s.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	s.Type("7")
	s.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitOutput(t, s, "7 (KTV test)")
	if a := f.attendance(t, "XA-002"); a.Attendees != 7 || a.BySite || a.Actor != testActor {
		t.Fatalf("XA-002 attendance %+v, want 7 by the technician", a)
	}

	s.Type("L")
	waitOutput(t, s, "ĐÃ KHÓA")
	if !f.audited(t, "lock", "") || !f.conf.Locked() {
		t.Fatal("L did not lock the meeting and journal it")
	}
	var refused *softep.JoinRefusedError
	if err := f.soft("XA-003", 0).Join(ctx); !errors.As(err, &refused) || refused.Status != 403 {
		t.Fatalf("a site into the locked meeting: %v, want 403", err)
	}
	waitOutput(t, s, "Xã Chư Păh xin vào cuộc họp")
	s.Type("A")
	waitOutput(t, s, "Đã cho Xã Chư Păh vào cuộc họp")
	if !f.audited(t, "admit", "XA-003") {
		t.Fatal("admit not journaled")
	}
	guest := f.soft("XA-003", 0)
	if err := guest.Join(ctx); err != nil {
		t.Fatalf("admitted site cannot join: %v", err)
	}
	defer guest.Leave(ctx)

	// The cursor is still on XA-002 (the rows keep it by id); XA-001 is one up.
	s.Send(tea.KeyMsg{Type: tea.KeyUp})
	s.Type("X")
	waitOutput(t, s, "Ngắt kết nối Xã Ia Grai? Điểm cầu sẽ không tự kết nối lại.")
	if f.audited(t, "disconnect", "XA-001") {
		t.Fatal("disconnected before the answer")
	}
	s.Type("y")
	select {
	case err := <-ran:
		var d *softep.DisconnectedError
		if !errors.As(err, &d) {
			t.Fatalf("soft endpoint ended with %v, want DisconnectedError", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the disconnected soft endpoint kept running")
	}
	if !f.audited(t, "disconnect", "XA-001") {
		t.Fatal("disconnect not journaled")
	}
	eventually(t, "XA-001's session ended as disconnected", func() bool {
		return f.participant(t, "XA-001").LeftReason == "disconnected"
	})
	waitOutput(t, s, "bị ngắt")
	s.Type("L")
	waitOutput(t, s, "Đã mở khóa cuộc họp")
	s.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitOutput(t, s, "Xã Ia Grai đã bị trung tâm") // the event log says it in words, not as trouble
	quitProgram(t, s)
}

// TestRoomKeysFollowTheRole: a viewer's and an operator's L, A and X are refused and journal
// nothing; the operator may type only its own site's attendees; the host of the meeting locks.
func TestRoomKeysFollowTheRole(t *testing.T) {
	f := newFixture(t, 2)
	for _, tc := range []struct {
		role Role
		bp   string
	}{{RoleViewer, ""}, {RoleOperator, "XA-001"}} {
		opts := f.options("vi")
		opts.Role, opts.BridgePoint = tc.role, tc.bp
		m := New(opts)
		t.Cleanup(m.Close)
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		press(t, m, "L", "A", "X")
		if f.conf.Locked() {
			t.Fatalf("%s locked the meeting", tc.role)
		}
		press(t, m, "D", "down", "down", "enter", "5", "enter")
		got := f.participant(t, "XA-002").Attendees
		if got != -1 {
			t.Fatalf("%s typed XA-002's attendees (%d)", tc.role, got)
		}
	}
	rows, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Action == "lock" || r.Action == "attendance" {
			t.Fatalf("a refused action was journaled: %+v", r)
		}
	}

	opts := f.options("vi")
	opts.Role, opts.BridgePoint = RoleOperator, "XA-001"
	op := New(opts)
	t.Cleanup(op.Close)
	op.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(t, op, "D", "down", "enter", "9", "enter")
	if got := f.participant(t, "XA-001").Attendees; got != 9 {
		t.Fatalf("operator's own attendees %d, want 9", got)
	}
}

// TestHostLocksItsMeetingButDoesNotDisconnect: the host of the meeting may lock it (journaled);
// disconnecting a site stays with the control center; a host of another meeting may not lock.
func TestHostLocksItsMeetingButDoesNotDisconnect(t *testing.T) {
	f := newFixture(t, 1)
	other := f.roleModel(t, RoleHost, "XA-001", "ssh:khac", &syncBuffer{})
	press(t, other, "L")
	if f.conf.Locked() {
		t.Fatal("a host of another meeting locked it")
	}
	m := f.roleModel(t, RoleHost, "UBND-TINH", "ssh:pham.van.dung", &syncBuffer{})
	press(t, m, "L")
	if !f.conf.Locked() {
		t.Fatalf("the host's L did not lock its meeting: %q", m.help.Status())
	}
	press(t, m, "down", "X")
	if m.confirm() != nil || m.pendingDisconnect != "" {
		t.Fatal("a host was asked to confirm a disconnect")
	}
	rows, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	locks := 0
	for _, r := range rows {
		if r.Action == "lock" && r.Actor == "ssh:pham.van.dung" {
			locks++
		}
	}
	if locks != 1 {
		t.Fatalf("%d lock rows by the host, want 1", locks)
	}
}

// TestRoomViewFits: at 80×24 with 40 bridge points, sites at the door and long names, the roll
// call keeps to the screen, and moving down scrolls the selected site into sight.
func TestRoomViewFits(t *testing.T) {
	f := newFixture(t, 40)
	m := f.model(t, "vi", 80, 24)
	snap := f.conf.Snapshot()
	snap.Locked = true
	snap.Knocks = []mcu.Knock{{BridgePoint: "XA-LA", Name: "Ủy ban nhân dân xã có tên rất dài ở vùng biên giới", Reason: mcu.RefusedNotExpected}}
	m.applySnapshot(snap, m.now)
	press(t, m, "D")
	view := m.View()
	lines := strings.Split(view, "\n")
	if len(lines) != 24 {
		t.Errorf("%d lines, want 24", len(lines))
	}
	for i, line := range lines {
		if cells(line) > 80 {
			t.Errorf("line %d is %d cells wide: %q", i, cells(line), plain(line))
		}
	}
	if w, ok := contains(view, "[ĐÃ KHÓA]", "1 xin vào (A)", "Dự kiến 41 · đã vào 0 · chưa vào 41 · đã rời 0", "xin vào cuộc họp", "Điểm danh — 0 người dự"); !ok {
		t.Fatalf("%q not in:\n%s", w, plain(view))
	}
	for range 30 {
		press(t, m, "down")
	}
	if w, ok := contains(m.View(), "Xã số 30"); !ok {
		t.Fatalf("%q not scrolled into sight:\n%s", w, plain(m.View()))
	}
}
