package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"diemcau/mcu"
	"diemcau/store"
)

// syncFloor rereads the meeting's incidents and outages into m, as the periodic refresh does.
func syncFloor(t *testing.T, m *Model) {
	t.Helper()
	runCmd(t, m, m.refreshFloor())
}

// actions lists the audit actions of actor in the fixture's meeting.
func (f *fixture) actions(t *testing.T, actor string) []string {
	t.Helper()
	return f.rig().Actions(t, actor)
}

// draft stores an automatic incident draft for bp, as the outage tracker does.
func (f *fixture) draft(t *testing.T, bp, text string, ended bool) int64 {
	t.Helper()
	in := store.Incident{MeetingID: f.meeting, BridgePoint: bp, Kind: "line", Description: text,
		StartedAt: time.Now().Add(-2 * time.Minute), ReportedBy: "system", Status: "draft"}
	if ended {
		in.EndedAt = time.Now().Add(-time.Minute)
	}
	id, err := f.st.SaveIncident(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSoftAndHardMuteKeys(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	target := f.members[1]
	press(t, m, "down", "u")
	if got := f.participant(t, target.ID).Mute; got != mcu.SoftMute {
		t.Fatalf("u: mute %q, want soft; status %q", got, m.help.Status())
	}
	if m.help.Status() != "Đã tắt mềm micro "+target.Name {
		t.Errorf("status %q", m.help.Status())
	}
	m.applySnapshot(f.conf.Snapshot(), time.Now())
	press(t, m, "u")
	if got := f.participant(t, target.ID).Mute; got != mcu.Unmuted {
		t.Fatalf("u on a soft mute: %q, want unmuted", got)
	}
	m.applySnapshot(f.conf.Snapshot(), time.Now())
	press(t, m, "m")
	if got := f.participant(t, target.ID).Mute; got != mcu.HardMute {
		t.Fatalf("m: %q, want hard", got)
	}
	m.applySnapshot(f.conf.Snapshot(), time.Now())
	press(t, m, "u") // a hard mute becomes soft: the site may then unmute itself
	if got := f.participant(t, target.ID).Mute; got != mcu.SoftMute {
		t.Fatalf("u on a hard mute: %q, want soft", got)
	}
	press(t, m, "?")
	if w, ok := contains(m.View(), "u tắt mềm/mở mic"); !ok {
		t.Errorf("full help lacks %q:\n%s", w, plain(m.View()))
	}
	if got := f.actions(t, testActor); len(got) != 4 {
		t.Errorf("audit %v, want four mute/unmute actions", got)
	}
}

func TestDraftIsShownThenConfirmed(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	bp := f.members[1]
	id := f.draft(t, bp.ID, "Điểm cầu mất kết nối", true)
	syncFloor(t, m)
	if w, ok := contains(m.View(), "⚠ 1 sự cố nháp"); !ok {
		t.Fatalf("header lacks %q:\n%s", w, plain(m.View()))
	}
	if w, ok := contains(m.View(), "Sự cố nháp #"); !ok {
		t.Errorf("event log lacks %q:\n%s", w, plain(m.View()))
	}
	press(t, m, "I")
	if w, ok := contains(m.View(), "Sự cố của cuộc họp (1)", "⚠#", bp.Name, "nháp"); !ok {
		t.Fatalf("incident list lacks %q:\n%s", w, plain(m.View()))
	}
	checkFits(t, "incident list", m.View(), 80, 24)
	press(t, m, "c")
	in, err := f.st.Incident(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != "resolved" {
		t.Errorf("confirmed draft (ended) has status %q, want resolved", in.Status)
	}
	if w, ok := contains(m.View(), "Đã xác nhận sự cố #"); !ok {
		t.Errorf("status lacks %q", w)
	}
	if _, ok := contains(m.View(), "sự cố nháp"); ok {
		t.Errorf("header still counts a draft:\n%s", plain(m.View()))
	}
	// Once confirmed, it is no longer a draft to discard.
	press(t, m, "x")
	if _, err := f.st.Incident(context.Background(), id); err != nil {
		t.Errorf("a confirmed incident was discarded: %v", err)
	}
	if got := strings.Join(f.actions(t, testActor), ","); got != "incident_confirm" {
		t.Errorf("audit %q, want incident_confirm", got)
	}
}

func TestDraftIsDiscarded(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "en", 80, 24)
	id := f.draft(t, f.members[2].ID, "No media from the bridge point", false)
	syncFloor(t, m)
	press(t, m, "I", "x")
	if _, err := f.st.Incident(context.Background(), id); err == nil {
		t.Fatal("the draft is still stored after x")
	}
	if w, ok := contains(m.View(), "Discarded draft incident #", "Incidents of the meeting (0)"); !ok {
		t.Errorf("view lacks %q:\n%s", w, plain(m.View()))
	}
	if got := f.actions(t, testActor); len(got) != 1 || got[0] != "incident_discard" {
		t.Errorf("audit %v, want incident_discard", got)
	}
	press(t, m, "esc")
	if m.list() != nil {
		t.Error("esc did not leave the list")
	}
}

func TestIncidentEditedFromList(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	id := f.draft(t, f.members[1].ID, "Mất kết nối", false)
	syncFloor(t, m)
	press(t, m, "I", "enter")
	if m.form() == nil || m.form().Value(fieldDescription) != "Mất kết nối" {
		t.Fatalf("enter did not open the form on the incident:\n%s", plain(m.View()))
	}
	if w, ok := contains(m.View(), "Sửa sự cố #"); !ok {
		t.Errorf("form title lacks %q", w)
	}
	press(t, m, " ", "d", "o", " ", "c", "á", "p", "ctrl+s")
	incs, err := f.st.Incidents(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 || incs[0].ID != id || incs[0].Description != "Mất kết nối do cáp" || incs[0].Status != "open" {
		t.Fatalf("after editing: %+v", incs)
	}
	if m.form() != nil || m.list() == nil {
		t.Error("saving did not return to the list")
	}
}

func TestQueueShowsForwardedTimeAndSpeakingTimer(t *testing.T) {
	f := newFixture(t, 3)
	m := f.model(t, "vi", 80, 24)
	now := time.Now()
	fwd := now.Add(-30 * time.Second)
	s := f.conf.Snapshot()
	s.Participants[1].Floor = true
	s.Requests = []mcu.SpeakRequest{
		{ID: 7, BridgePoint: f.members[2].ID, State: "forwarded", RequestedAt: now.Add(-90 * time.Second), ForwardedAt: fwd},
	}
	m.applySnapshot(s, now.Add(-65*time.Second)) // the floor was granted 65 s ago
	m.applySnapshot(s, now)
	if w, ok := contains(m.View(), "đang nói", "01:05", "→"+fwd.Format("15:04"), "01:30"); !ok {
		t.Fatalf("queue lacks %q:\n%s", w, plain(m.View()))
	}
}

func TestCloseMeetingStoresTheLog(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	ctx := context.Background()
	if _, err := f.st.SaveIncident(ctx, store.Incident{MeetingID: f.meeting, BridgePoint: f.members[2].ID,
		Kind: "audio", Description: "Micro rè", StartedAt: time.Now(), Status: "open"}); err != nil {
		t.Fatal(err)
	}
	press(t, m, "C")
	if m.closing() == nil {
		t.Fatalf("C did not open the close view; status %q", m.help.Status())
	}
	if w, ok := contains(m.View(), "Đóng cuộc họp", "Phòng họp UBND tỉnh", "Xã Ia Grai", "Xã Đak Đoa", "sự cố"); !ok {
		t.Fatalf("close view lacks %q:\n%s", w, plain(m.View()))
	}
	checkFits(t, "close view", m.View(), 80, 24)
	// Ia Grai's microphone is damaged: down, right ×4 (status, description, camera, codec → mic), space.
	press(t, m, "down", "right", "right", "right", "right", " ")
	if w, ok := contains(m.View(), "▸ Micro: hư hỏng"); !ok {
		t.Fatalf("close view lacks %q:\n%s", w, plain(m.View()))
	}
	press(t, m, "ctrl+s")
	if m.confirm() == nil || !strings.Contains(m.confirm().Question(), "3 điểm cầu") {
		t.Fatalf("ctrl+s did not ask to confirm closing 3 bridge points")
	}
	press(t, m, "y")
	mt, err := f.st.Meeting(ctx, f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	if mt.Status != "closed" {
		t.Fatalf("meeting %q after closing; status %q", mt.Status, m.help.Status())
	}
	if !f.conf.Closed() {
		t.Error("the conference is still open")
	}
	log, err := f.st.MeetingLog(ctx, f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 || log[1].Microphone != store.LogDamaged || log[2].IncidentText != "Micro rè" ||
		log[2].Status != store.LogIncident || log[0].ConfirmedBy != testActor {
		t.Fatalf("stored log = %+v", log)
	}
	if !strings.HasPrefix(m.help.Status(), "Đã đóng nhật ký và kết thúc cuộc họp — C: nộp nhật ký") {
		t.Errorf("status %q", m.help.Status())
	}
	// Closed, not submitted: the incidents may still be settled.
	press(t, m, "I", "enter")
	if m.form() == nil {
		t.Fatal("an incident of a closed, unsubmitted log did not open for editing")
	}
	press(t, m, "esc", "esc", "C")
	if m.confirm() == nil || !strings.Contains(m.confirm().Question(), "Nộp nhật ký cuộc họp") {
		t.Fatalf("C on the ended meeting did not ask to submit the log; status %q", m.help.Status())
	}
	press(t, m, "y")
	if mt, _ := f.st.Meeting(ctx, f.meeting); mt.LogSubmittedAt.IsZero() {
		t.Fatalf("log not submitted; status %q", m.help.Status())
	}
	// The log is submitted: incidents can no longer be edited.
	press(t, m, "I", "enter")
	if m.form() != nil {
		t.Fatal("an incident of a submitted log opened for editing")
	}
	if w, ok := contains(m.View(), "Nhật ký đã nộp"); !ok {
		t.Errorf("view lacks %q:\n%s", w, plain(m.View()))
	}
}

// TestCloseSettlesPendingIncidents: C with drafts and an incident in progress first lists them
// with their count; A confirms every draft at once (audited); C goes on to the log, whose
// confirm question counts what is still in progress; after the close a new draft blocks the
// submission until it is discarded.
func TestCloseSettlesPendingIncidents(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	f.draft(t, f.members[1].ID, "Điểm cầu mất kết nối", false)
	f.draft(t, f.members[2].ID, "Không có tiếng", false)
	if _, err := f.st.SaveIncident(ctx, store.Incident{MeetingID: f.meeting, BridgePoint: f.members[3].ID,
		Kind: "video", Description: "Mất hình", StartedAt: time.Now(), Status: "open"}); err != nil {
		t.Fatal(err)
	}
	m := f.model(t, "vi", 80, 24)
	syncFloor(t, m)
	press(t, m, "C")
	if m.closing() != nil || m.list() == nil || !m.list().Pending() {
		t.Fatal("C with pending incidents did not list them first")
	}
	if w, ok := contains(m.View(), "Trước khi đóng: 2 sự cố nháp, 1 đang xử lý"); !ok {
		t.Fatalf("pending list lacks %q:\n%s", w, plain(m.View()))
	}
	checkFits(t, "pending list", m.View(), 80, 24)
	press(t, m, "A")
	syncFloor(t, m)
	if w, ok := contains(m.View(), "Trước khi đóng: 0 sự cố nháp, 3 đang xử lý"); !ok {
		t.Fatalf("after A the list lacks %q; status %q:\n%s", w, m.help.Status(), plain(m.View()))
	}
	audit, err := f.st.AuditLog(ctx, f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	confirms := 0
	for _, a := range audit {
		if a.Action == "incident_confirm" && a.Actor == testActor {
			confirms++
		}
	}
	if confirms != 2 {
		t.Errorf("%d incident_confirm audit rows, want 2", confirms)
	}
	press(t, m, "C")
	if m.closing() == nil {
		t.Fatalf("C in the pending list did not go on to the log; status %q", m.help.Status())
	}
	press(t, m, "ctrl+s")
	if m.confirm() == nil || !strings.Contains(m.confirm().Question(), "Còn 0 sự cố nháp, 3 đang xử lý") {
		t.Fatalf("the close question does not count what is pending: %v", m.confirm())
	}
	press(t, m, "y")
	if mt, _ := f.st.Meeting(ctx, f.meeting); mt.Status != "closed" {
		t.Fatalf("meeting %q after closing", mt.Status)
	}
	f.draft(t, f.members[1].ID, "Nháp đến sau khi đóng", false)
	syncFloor(t, m)
	press(t, m, "C")
	if m.confirm() != nil || !strings.Contains(m.help.Status(), "Còn 1 sự cố nháp") {
		t.Fatalf("submitting with a draft waiting: confirm %v, status %q", m.confirm(), m.help.Status())
	}
	press(t, m, "I", "x")
	syncFloor(t, m)
	press(t, m, "esc", "C", "y")
	if mt, _ := f.st.Meeting(ctx, f.meeting); mt.LogSubmittedAt.IsZero() {
		t.Fatalf("log not submitted after the draft was discarded; status %q", m.help.Status())
	}
}

func TestCloseViewEditsText(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "en", 80, 24)
	press(t, m, "C", "down", "right", "enter", "W", "e", "t", "enter")
	e := m.closing().Entries()[1]
	if e.IncidentText != "Wet" || e.Status != store.LogIncident {
		t.Fatalf("entry after editing the description: %+v", e)
	}
	press(t, m, "esc")
	if m.closing() != nil {
		t.Fatal("esc did not leave the close view")
	}
	if mt, _ := f.st.Meeting(context.Background(), f.meeting); mt.Status != "live" {
		t.Fatal("cancelling the close view closed the meeting")
	}
}

func TestProgramDraftConfirmAndClose(t *testing.T) {
	f := newFixture(t, 2)
	id := f.draft(t, f.members[1].ID, "Điểm cầu mất kết nối", false)
	tm := startProgram(t, f, "vi")
	waitOutput(t, tm, "⚠ 1 sự cố nháp")
	tm.Type("I")
	waitOutput(t, tm, "Sự cố của cuộc họp (1)")
	tm.Type("c")
	waitOutput(t, tm, "Đã xác nhận sự cố #")
	if in, err := f.st.Incident(context.Background(), id); err != nil || in.Status != "open" {
		t.Fatalf("after c: %+v, %v", in, err)
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	tm.Type("C") // the confirmed incident is still in progress: listed before the log
	waitOutput(t, tm, "Trước khi đóng: 0 sự cố nháp, 1 đang xử lý")
	tm.Type("C")
	waitOutput(t, tm, "Đóng cuộc họp")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitOutput(t, tm, "kết thúc cuộc họp?")
	tm.Type("y")
	waitOutput(t, tm, "Đã đóng nhật ký và kết thúc cuộc họp")
	eventually(t, "the meeting closed in the store", func() bool {
		mt, err := f.st.Meeting(context.Background(), f.meeting)
		return err == nil && mt.Status == "closed"
	})
	tm.Type("q") // the meeting is over: q quits without asking
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestHeaderShowsInterruption(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 100, 30)
	ctx := context.Background()
	start := time.Now().Add(-10 * time.Minute)
	id, err := f.st.OpenOutage(ctx, store.Outage{MeetingID: f.meeting, BridgePoint: f.members[1].ID, Cause: "disconnected", StartedAt: start})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.EndOutage(ctx, id, start.Add(125*time.Second)); err != nil {
		t.Fatal(err)
	}
	press(t, m, "down") // select the interrupted bridge point
	syncFloor(t, m)
	if w, ok := contains(m.View(), "Gián đoạn 02:05 ("+f.members[1].Name+" 02:05)"); !ok {
		t.Fatalf("header lacks %q:\n%s", w, plain(m.View()))
	}
}

func TestFloorViewsFitTheTerminal(t *testing.T) {
	f := newFixture(t, 40)
	f.draft(t, f.members[3].ID, strings.Repeat("Mất kết nối kéo dài ", 10), false)
	for _, lang := range []string{"vi", "en"} {
		for _, size := range [][2]int{{80, 24}, {130, 40}} {
			w, h := size[0], size[1]
			m := f.model(t, lang, w, h)
			syncFloor(t, m)
			name := lang + " " + strings.Trim(strings.Join(strings.Fields(fmt.Sprint(size)), "x"), "[]")
			checkFits(t, name+" main with a draft", m.View(), w, h)
			press(t, m, "I")
			checkFits(t, name+" incident list", m.View(), w, h)
			press(t, m, "enter")
			checkFits(t, name+" edit form", m.View(), w, h)
			press(t, m, "esc", "esc", "C")
			checkFits(t, name+" pending incidents", m.View(), w, h)
			press(t, m, "C")
			if m.closing() == nil {
				t.Fatalf("%s: C did not open the close view", name)
			}
			checkFits(t, name+" close view", m.View(), w, h)
			press(t, m, "right", "enter")
			checkFits(t, name+" close view editing", m.View(), w, h)
			press(t, m, "esc", "?")
			checkFits(t, name+" close view full help", m.View(), w, h)
		}
	}
}
