package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// wardMeeting registers two wards (PHUONG-1, the main one of their meeting, and PHUONG-2) and
// opens their ad hoc meeting beside the fixture's, through the live manager the console uses.
func wardMeeting(t *testing.T, f *fixture) (*live.Manager, *mcu.Conference) {
	t.Helper()
	return f.rig().WardMeeting(t)
}

// The console with two live meetings: the header says which it shows; W lists both; enter on
// the other switches to it, and a mute then acts on that meeting only, journaled there.
func TestConsoleSwitchesBetweenLiveMeetings(t *testing.T) {
	f := newFixture(t, 2)
	lv, wards := wardMeeting(t, f)
	opts := f.options("vi")
	opts.Live = lv
	m := New(opts)
	t.Cleanup(m.Close)
	s := startModel(t, m)
	waitOutput(t, s, "#1 (1/2)")
	s.Type("W")
	waitOutput(t, s, "Cuộc họp đang diễn ra (2)")
	waitOutput(t, s, "Họp các phường")
	s.Type("j")
	s.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitOutput(t, s, "#2 (2/2)")
	waitOutput(t, s, "Phường Diên Hồng")
	s.Type("j") // the second row: PHUONG-2 (the main one, PHUONG-1, comes first)
	s.Type("m")
	eventually(t, "PHUONG-2 muted in the wards' meeting", func() bool {
		for _, p := range wards.Snapshot().Participants {
			if p.ID == "PHUONG-2" {
				return p.Mute != mcu.Unmuted
			}
		}
		return false
	})
	for _, p := range f.conf.Snapshot().Participants {
		if p.Mute != mcu.Unmuted {
			t.Errorf("%s muted in the other meeting", p.ID)
		}
	}
	rows, err := f.st.AuditLog(context.Background(), wards.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, r := range rows {
		acts = append(acts, r.Actor+" "+r.Action)
	}
	if !strings.Contains(strings.Join(acts, ","), testActor+" mute") {
		t.Errorf("the wards' meeting journal lacks the mute: %v", acts)
	}
	if got := f.actions(t, testActor); len(got) != 0 {
		t.Errorf("the fixture's meeting journaled %v", got)
	}
	quitProgram(t, s)
}

// With no meeting live the console shows today's schedule (no meeting clock); B then o on a
// confirmed booking opens it: the console then shows the booked meeting with its sites, and the
// booking's live step is recorded by the opening.
func TestConsoleOpensABookingFromTheSchedule(t *testing.T) {
	f := newFixture(t, 2)
	ctx := context.Background()
	if err := f.conf.Close(ctx, testActor); err != nil {
		t.Fatal(err)
	}
	if err := f.st.EndMeeting(ctx, f.meeting, time.Now()); err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(2 * time.Minute)
	b := store.Booking{Kind: "a", HostUnit: "UBND-TINH", RoomBP: "UBND-TINH", Room: "Phòng họp", Content: "Họp chuyên đề chuyển đổi số",
		ChairName: "Phó Chủ tịch", StartsAt: start, EndsAt: start.Add(time.Hour), FiledBy: "t",
		Points: []store.BookingPoint{{BridgePoint: "XA-001", Attendees: 3}}}
	id, err := f.st.AddBooking(ctx, b, []store.AuditEntry{{Actor: "t", Action: "booking_add"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.RecordBookingStep(ctx, id, "", store.BookingStep{Step: "confirmed", At: time.Now(), Actor: "t"},
		store.AuditEntry{Actor: "t", Action: "booking_confirmed"}); err != nil {
		t.Fatal(err)
	}
	opts := f.options("vi")
	opts.Conference = ""
	lv := live.New(live.Config{Store: f.st, MCU: f.mcu, Lang: "vi"})
	t.Cleanup(lv.Stop)
	opts.Live = lv
	m := New(opts)
	t.Cleanup(m.Close)
	s := startModel(t, m)
	waitOutput(t, s, "Không có cuộc họp nào đang diễn ra")
	waitOutput(t, s, "Lịch hôm nay")
	waitOutput(t, s, "Họp chuyên đề chuyển đổi số")
	if strings.Contains(lastScreen(s.drawn.String()), "Thời gian") {
		t.Error("a meeting clock runs with no meeting live")
	}
	s.Type("B")
	waitOutput(t, s, "Lịch đăng ký họp (1)")
	s.Type("o")
	waitOutput(t, s, "Đã mở cuộc họp #2: Họp chuyên đề chuyển đổi số")
	waitOutput(t, s, "Xã Ia Grai")
	bk, err := f.st.Booking(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := bk.Step(string(meeting.StepLive)); !ok || st.Actor != testActor || bk.MeetingID != 2 {
		t.Errorf("booking after o: meeting %d, live step %+v %v", bk.MeetingID, st, ok)
	}
	quitProgram(t, s)
}
