package tui

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
	"diemcau/store"
)

func TestPermissionMatrix(t *testing.T) {
	const own, other = "XA-001", "XA-002"
	control := Permissions{Role: RoleControl}
	local := Permissions{}
	host := NewPermissions(RoleHost, "UBND-TINH")
	host.SetLiveMain("UBND-TINH")
	guest := NewPermissions(RoleHost, "UBND-TINH") // a host key at a meeting another main bridge point hosts
	guest.SetLiveMain("SO-KHCN")
	keyless := NewPermissions(RoleHost, "") // a host key without bp=
	keyless.SetLiveMain("UBND-TINH")
	operator := Permissions{Role: RoleOperator, BridgePoint: own}
	viewer := Permissions{Role: RoleViewer}
	lost := Permissions{Role: "chairman"}
	bpless := Permissions{Role: RoleOperator}
	tests := []struct {
		p      Permissions
		a      Action
		target string
		want   bool
	}{
		{control, ActMute, other, true},
		{local, ActCloseMeeting, "", true},
		{local, ActEditIncident, other, true},
		{control, ActRaiseHand, own, false},
		{host, ActMute, other, true},
		{host, ActSoftMute, other, true},
		{host, ActMuteAll, "", true},
		{host, ActFloor, other, true},
		{host, ActForward, other, true},
		{host, ActDismiss, other, true},
		{host, ActIncident, other, true},
		{host, ActEditIncident, other, false},
		{host, ActCloseMeeting, "", false},
		{host, ActRaiseHand, other, false},
		{guest, ActMute, other, false},
		{guest, ActMuteAll, "", false},
		{guest, ActFloor, other, false},
		{keyless, ActMute, other, false},
		{keyless, ActFloor, other, false},
		{operator, ActMute, own, false},
		{operator, ActSoftMute, own, true},
		{operator, ActSoftMute, other, false},
		{operator, ActSoftMute, "", false},
		{operator, ActMuteAll, "", false},
		{operator, ActFloor, own, false},
		{operator, ActForward, own, false},
		{operator, ActDismiss, own, false},
		{operator, ActIncident, own, true},
		{operator, ActIncident, other, false},
		{operator, ActEditIncident, own, false},
		{operator, ActCloseMeeting, "", false},
		{operator, ActRaiseHand, own, true},
		{operator, ActRaiseHand, other, false},
		{bpless, ActRaiseHand, "", false},
		{lost, ActMute, other, false},
		{operator, Action(-1), own, false},
		{operator, actionCount, own, false},
	}
	for _, tt := range tests {
		if got := tt.p.Allows(tt.a, tt.target); got != tt.want {
			t.Errorf("%+v may %s for %q = %v, want %v", tt.p, tt.a, tt.target, got, tt.want)
		}
	}
	for a := Action(0); a < actionCount; a++ {
		if viewer.AllowsAny(a) {
			t.Errorf("viewer may %s", a)
		}
		if !control.AllowsAny(a) && a != ActRaiseHand {
			t.Errorf("control may not %s", a)
		}
		if bpless.AllowsAny(a) {
			t.Errorf("an operator without a bridge point may %s", a)
		}
		if guest.AllowsAny(a) || keyless.AllowsAny(a) {
			t.Errorf("a host not hosting the meeting may %s", a)
		}
	}
}

// roleModel is a console for a technician with role (and, for an operator, bridge point bp),
// its refusals logged into logs.
func (f *fixture) roleModel(t *testing.T, role Role, bp, actor string, logs *syncBuffer) *Model {
	t.Helper()
	opts := f.options("vi")
	opts.Role, opts.BridgePoint, opts.Actor = role, bp, actor
	opts.Log = slog.New(slog.NewTextHandler(logs, nil))
	m := New(opts)
	t.Cleanup(m.Close)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// auditCount is how many audit rows the meeting has.
func (f *fixture) auditCount(t *testing.T) int {
	t.Helper()
	return f.rig().AuditCount(t)
}

// unchanged fails when any bridge point's mute or floor, the queue or the audit log changed.
func (f *fixture) unchanged(t *testing.T, what string, before mcu.Snapshot, audit int) {
	t.Helper()
	f.rig().Unchanged(t, what, before, audit)
}

func TestViewerCanDoNothing(t *testing.T) {
	f := newFixture(t, 2)
	ctx := context.Background()
	if _, err := f.conf.RaiseRequest(ctx, "ssh:op", "XA-002"); err != nil {
		t.Fatal(err)
	}
	if err := f.conf.Mute(ctx, testActor, "XA-001", mcu.SoftMute); err != nil {
		t.Fatal(err)
	}
	f.draft(t, "XA-001", "mất tín hiệu", true)
	logs := &syncBuffer{}
	m := f.roleModel(t, RoleViewer, "", "ssh:tran.thi.cuc", logs)
	before, audit := f.conf.Snapshot(), f.auditCount(t)
	for _, panelKeys := range [][]string{
		{"down", "m", "u", "M", "y", "enter", "d", "f", "x", "i", "C", "r", "c"},
		{"tab", "enter", "d", "f", "x", "m", "u", "M", "y", "i", "r"},
		{"tab", "m", "u", "M", "enter", "x", "i", "r"},
		{"tab", "I", "enter", "c", "x", "y", "esc"},
	} {
		press(t, m, panelKeys...)
		if m.form() != nil || m.confirm() != nil || m.closing() != nil {
			t.Fatalf("viewer opened a form or dialog after %v", panelKeys)
		}
	}
	f.unchanged(t, "viewer", before, audit)
	if !strings.Contains(m.help.Status(), "Không được phép (Chỉ xem)") {
		t.Errorf("status %q", m.help.Status())
	}
	if !strings.Contains(logs.String(), "tech=ssh:tran.thi.cuc") || !strings.Contains(logs.String(), "role=viewer") {
		t.Errorf("refusals not logged with the technician: %s", logs.String())
	}
	m.help.SetStatus("", false)
	press(t, m, "?")
	for _, hidden := range []string{"tắt/mở mic", "tắt mic tất cả", "cho phát biểu", "ghi sự cố", "đóng cuộc họp", "xin/hủy phát biểu"} {
		if strings.Contains(plain(m.View()), hidden) {
			t.Errorf("viewer's help shows %q:\n%s", hidden, plain(m.View()))
		}
	}
}

func TestOperatorActsOnlyForItsBridgePoint(t *testing.T) {
	f := newFixture(t, 2)
	const actor = "ssh:le.thi.binh"
	logs := &syncBuffer{}
	m := f.roleModel(t, RoleOperator, "XA-001", actor, logs)
	checkFits(t, "operator 80×24", m.View(), 80, 24)
	if w, ok := contains(m.View(), "Vận hành XA-001 · le.thi.binh", "r xin/hủy phát biểu", "u tắt mềm/mở mic"); !ok {
		t.Errorf("%q missing in\n%s", w, plain(m.View()))
	}
	if strings.Contains(plain(m.View()), "M tắt mic tất cả") || strings.Contains(plain(m.View()), "m tắt/mở mic") {
		t.Errorf("operator's help shows mute keys:\n%s", plain(m.View()))
	}

	// Another row: m, M and u change nothing and write nothing.
	before, audit := f.conf.Snapshot(), f.auditCount(t)
	press(t, m, "down", "down", "m", "M", "y", "u")
	f.unchanged(t, "operator on another row", before, audit)
	if got := m.help.Status(); got != "Chỉ được tắt mềm/mở mic cho điểm cầu của mình (XA-001)" {
		t.Errorf("status after u on another row: %q", got)
	}

	// Its own row: u soft-mutes, u again lifts the soft mute; both journaled as the technician.
	press(t, m, "up", "u")
	if got := f.participant(t, "XA-001").Mute; got != mcu.SoftMute {
		t.Fatalf("u on its own row: mute %q; status %q", got, m.help.Status())
	}
	m.applySnapshot(f.conf.Snapshot(), m.now)
	press(t, m, "u")
	if got := f.participant(t, "XA-001").Mute; got != mcu.Unmuted {
		t.Fatalf("u on its own soft mute: mute %q; status %q", got, m.help.Status())
	}
	if got := strings.Join(f.actions(t, actor), ","); got != "self_mute,self_unmute" {
		t.Errorf("audit of %s: %s", actor, got)
	}

	// A hard mute stays: the MCU refuses, nothing is journaled.
	if err := f.conf.Mute(context.Background(), testActor, "XA-001", mcu.HardMute); err != nil {
		t.Fatal(err)
	}
	m.applySnapshot(f.conf.Snapshot(), m.now)
	audit = f.auditCount(t)
	press(t, m, "u")
	if got := f.participant(t, "XA-001").Mute; got != mcu.HardMute || f.auditCount(t) != audit {
		t.Errorf("u on a hard mute: mute %q, %d audit rows", got, f.auditCount(t)-audit)
	}
	if !strings.Contains(m.help.Status(), "tắt mic cứng") {
		t.Errorf("status after u on a hard mute: %q", m.help.Status())
	}

	// r raises its hand, r again lowers it.
	press(t, m, "r")
	rs := f.conf.Snapshot().Requests
	if len(rs) != 1 || rs[0].BridgePoint != "XA-001" {
		t.Fatalf("queue after r: %+v; status %q", rs, m.help.Status())
	}
	m.applySnapshot(f.conf.Snapshot(), m.now)
	press(t, m, "r")
	if rs := f.conf.Snapshot().Requests; len(rs) != 0 {
		t.Fatalf("queue after r again: %+v", rs)
	}
	if got := strings.Join(f.actions(t, actor), ","); got != "self_mute,self_unmute,speak_request,speak_cancel" {
		t.Errorf("audit of %s: %s", actor, got)
	}

	// i reports for its own bridge point, whatever row is selected.
	press(t, m, "down", "i")
	if m.form() == nil || m.form().Value(fieldBridgePoint) != "XA-001" {
		t.Fatalf("incident form for %v", m.form())
	}
	press(t, m, "esc")
}

func TestOperatorForgedCommandsAreRefused(t *testing.T) {
	f := newFixture(t, 2)
	logs := &syncBuffer{}
	m := f.roleModel(t, RoleOperator, "XA-001", "ssh:le.thi.binh", logs)
	draft := f.draft(t, "XA-002", "mất tín hiệu", true)
	// A client that turned every key back on still gets nothing done.
	k := m.common.Keys
	for _, b := range []*struct{ on func() }{
		{func() { k.Mute.SetEnabled(true) }}, {func() { k.MuteAll.SetEnabled(true) }},
		{func() { k.Grant.SetEnabled(true) }}, {func() { k.Revoke.SetEnabled(true) }},
		{func() { k.CloseMeeting.SetEnabled(true) }}, {func() { k.ConfirmDraft.SetEnabled(true) }},
		{func() { k.Dismiss.SetEnabled(true) }},
	} {
		b.on()
	}
	if _, err := f.conf.RaiseRequest(context.Background(), "ssh:other", "XA-002"); err != nil {
		t.Fatal(err)
	}
	m.applySnapshot(f.conf.Snapshot(), m.now)
	before, audit := f.conf.Snapshot(), f.auditCount(t)
	press(t, m, "down", "down", "m", "tab", "enter", "x", "C", "M")
	msgs := []tea.Msg{
		IncidentSubmitMsg{Incident: store.Incident{MeetingID: f.meeting, BridgePoint: "XA-002", Kind: "line", Description: "giả"}},
		IncidentConfirmMsg{Incident: store.Incident{ID: draft, MeetingID: f.meeting, BridgePoint: "XA-002", Status: "draft"}},
		IncidentDiscardMsg{Incident: store.Incident{ID: draft, MeetingID: f.meeting, BridgePoint: "XA-002", Status: "draft"}},
		IncidentEditMsg{Incident: store.Incident{ID: draft, MeetingID: f.meeting, BridgePoint: "XA-002", Status: "draft"}},
		ConfirmResultMsg{Action: ConfirmMuteAll, Yes: true},
		CloseSubmitMsg{},
		ConfirmResultMsg{Action: ConfirmCloseMeeting, Yes: true},
	}
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		runCmd(t, m, cmd)
	}
	f.unchanged(t, "forged commands", before, audit)
	if m.form() != nil || m.closing() != nil {
		t.Error("a forged command opened a form")
	}
	in, err := f.st.Incidents(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	if len(in) != 1 || in[0].Status != "draft" {
		t.Errorf("incidents after forged commands: %+v", in)
	}
	if n := strings.Count(logs.String(), "console action refused"); n < 10 {
		t.Errorf("%d refusals logged, want one per forged command:\n%s", n, logs.String())
	}
}

func TestHostRunsTheFloorButNotTheLog(t *testing.T) {
	f := newFixture(t, 2)
	const actor = "ssh:pham.van.dung"
	m := f.roleModel(t, RoleHost, "UBND-TINH", actor, &syncBuffer{})
	if w, ok := contains(m.View(), "Điểm cầu chính · pham.van.dung", "m tắt/mở mic"); !ok {
		t.Errorf("%q missing in\n%s", w, plain(m.View()))
	}
	id, err := f.conf.RaiseRequest(context.Background(), "ssh:op", "XA-002")
	if err != nil {
		t.Fatal(err)
	}
	m.applySnapshot(f.conf.Snapshot(), m.now)
	press(t, m, "tab", "enter")
	if !f.participant(t, "XA-002").Floor {
		t.Fatalf("host's enter did not grant the floor; status %q", m.help.Status())
	}
	press(t, m, "tab", "tab", "down", "m")
	if got := f.participant(t, "XA-001").Mute; got != mcu.HardMute {
		t.Errorf("host's m: mute %q; status %q", got, m.help.Status())
	}
	if got := strings.Join(f.actions(t, actor), ","); got != "floor_grant,mute" {
		t.Errorf("audit of %s: %s (request %d)", actor, got, id)
	}
	audit := f.auditCount(t)
	press(t, m, "C")
	if m.closing() != nil || !strings.Contains(m.help.Status(), "Không được phép (Điểm cầu chính): đóng cuộc họp") {
		t.Errorf("host's C: status %q", m.help.Status())
	}
	f.draft(t, "XA-001", "mất tín hiệu", true)
	syncFloor(t, m)
	press(t, m, "I", "x", "enter")
	if m.form() != nil || f.auditCount(t) != audit {
		t.Errorf("host edited or discarded a draft; status %q", m.help.Status())
	}
}

func TestQuickKeysAreEachActedOn(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jm")})
	runCmd(t, m, cmd)
	if got := f.participant(t, "XA-001").Mute; got != mcu.HardMute {
		t.Fatalf(`"jm" in one read: XA-001 mute %q; status %q`, got, m.help.Status())
	}
	// Runes after a key that opens a text field go into that field; a field keeps its text whole.
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/Ia")})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(" Grai")})
	if got := m.table.filter.Value(); got != "Ia Grai" {
		t.Errorf("filter = %q, want %q", got, "Ia Grai")
	}
	press(t, m, "esc", "i")
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("mất tín hiệu"), Paste: true})
	if got := m.form().Value(fieldDescription); got != "mất tín hiệu" {
		t.Errorf("pasted description = %q", got)
	}
	press(t, m, "esc")
	// A paste on the main screen is not taken for keystrokes.
	audit := f.auditCount(t)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jm"), Paste: true})
	if f.auditCount(t) != audit {
		t.Error("a paste on the main screen acted")
	}
}

func TestOperatorOutsideTheMeetingIsTold(t *testing.T) {
	f := newFixture(t, 1)
	m := f.roleModel(t, RoleOperator, "XA-404", "ssh:vo.van.em", &syncBuffer{})
	audit := f.auditCount(t)
	press(t, m, "r")
	if got := m.help.Status(); got != "Lỗi: XA-404 chưa tham gia cuộc họp này" {
		t.Errorf("status %q", got)
	}
	if f.auditCount(t) != audit || len(f.conf.Snapshot().Requests) != 0 {
		t.Error("a request of a bridge point outside the meeting was journaled or queued")
	}
}

func TestRefusalInEnglish(t *testing.T) {
	f := newFixture(t, 1)
	opts := f.options("en")
	opts.Role, opts.Actor = RoleViewer, "ssh:tran.thi.cuc"
	opts.Log = slog.New(slog.NewTextHandler(&syncBuffer{}, nil))
	m := New(opts)
	t.Cleanup(m.Close)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(t, m, "M")
	if got := m.help.Status(); got != "Not allowed (Viewer): mute all" {
		t.Errorf("status %q", got)
	}
	if w, ok := contains(m.View(), "Viewer · tran.thi.cuc"); !ok {
		t.Errorf("%q missing in\n%s", w, plain(m.View()))
	}
}
