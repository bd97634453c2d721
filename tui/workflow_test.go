package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
	"diemcau/store"
)

// pressWorkflow sends keys to m and runs what they start, feeding the workflow views' messages
// and status results back; the bookings view's periodic reread is not followed.
func pressWorkflow(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		runWorkflow(t, m, cmd)
	}
}

// runWorkflow executes cmd and feeds the messages of this file's views back into m.
func runWorkflow(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	for cmd != nil {
		got := make(chan tea.Msg, 1)
		go func() { got <- cmd() }()
		var msg tea.Msg
		select {
		case msg = <-got:
		case <-time.After(5 * time.Second):
			t.Fatal("a console command did not finish")
		}
		switch msg.(type) {
		case workflowMsg, CommandResultMsg, ConfirmResultMsg: // the step question answers as every dialog
		default:
			return
		}
		_, cmd = m.Update(msg)
		if _, ok := msg.(bookingsMsg); ok {
			return
		}
	}
}

// stylePrefix is what a style writes before its text, to find coloured text in a view.
func stylePrefix(render func(...string) string) string {
	out := render("X")
	return out[:strings.Index(out, "X")]
}

// lineWith returns the view's line containing s.
func lineWith(t *testing.T, view, s string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(plain(l), s) {
			return l
		}
	}
	t.Fatalf("no line with %q in\n%s", s, plain(view))
	return ""
}

// addBookings stores three bookings seen at 09:30 on Wednesday 9 December 2026: #1 filed a week
// ago and never confirmed (overdue), #2 filed yesterday 10:00 (confirmation due today 10:00),
// #3 filed this morning (due tomorrow).
func addBookings(t *testing.T, st *store.Store) time.Time {
	t.Helper()
	vn := func(d, h, mi int) time.Time { return time.Date(2026, 12, d, h, mi, 0, 0, meeting.Zone()) }
	for i, b := range []struct {
		filed, start time.Time
		content      string
	}{
		{vn(1, 9, 0), vn(9, 14, 0), "Họp triển khai phòng chống bão số 15"},
		{vn(8, 10, 0), vn(21, 9, 0), "Giao ban chuyển đổi số quý IV"},
		{vn(9, 9, 0), vn(28, 8, 0), "Tổng kết năm 2026"},
	} {
		_, err := st.AddBooking(context.Background(), store.Booking{Kind: "b", HostUnit: "UBND-TINH",
			RoomBP: "UBND-TINH", Content: b.content, StartsAt: b.start, EndsAt: b.start.Add(3 * time.Hour),
			FiledAt: b.filed, FiledBy: "console:test", Points: []store.BookingPoint{{BridgePoint: "XA-001"}}}, nil, nil)
		if err != nil {
			t.Fatalf("booking %d: %v", i+1, err)
		}
	}
	return vn(9, 9, 30)
}

// TestBookingsViewDueAndDeadlineColours opens B: the due panel lists every step overdue or due
// today with who must act, the list colours each booking's next deadline, and the units short
// of trained technicians are named.
func TestBookingsViewDueAndDeadlineColours(t *testing.T) {
	f := newFixture(t, 2)
	ctx := context.Background()
	now := addBookings(t, f.st)
	t.Cleanup(setBookingsClock(func() time.Time { return now }))
	for _, tech := range []store.Technician{
		{Name: "Nguyễn Văn An", UnitID: "UBND-TINH", Trained: true},
		{Name: "Lê Thị Bình", UnitID: "UBND-TINH", Trained: true},
		{Name: "Trần Văn Cường", UnitID: "XA-001", Trained: true},
	} {
		if _, err := f.st.AddTechnician(ctx, tech); err != nil {
			t.Fatal(err)
		}
	}
	bookings, err := f.st.Bookings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := meeting.DefaultCalendar().Due(bookings, now)

	m := f.model(t, "vi", 120, 40)
	pressWorkflow(t, m, "B")
	view := m.View()
	if w, ok := contains(view, fmt.Sprintf("Đến hạn hôm nay / quá hạn (%d)", len(want)), "Lịch đăng ký họp (3)",
		"2 đơn vị chưa đủ 2 cán bộ kỹ thuật", "Xã Ia Grai (1)", "Xã Đak Đoa (0)"); !ok {
		t.Fatalf("missing %q in\n%s", w, plain(view))
	}
	if strings.Contains(plain(lineWith(t, view, "chưa đủ 2 cán bộ")), "Ủy ban nhân dân tỉnh") {
		t.Fatal("the province, with 2 trained technicians, is named among the gaps")
	}
	red, amber := stylePrefix(m.common.Styles.StatusErr.Render), stylePrefix(m.common.Styles.MicMuted.Render)
	first := lineWith(t, view, "#1    Sở xác nhận")
	if w, ok := contains(first, "09:00 02/12 QUÁ HẠN", "Sở KH&CN", "Họp triển khai"); !ok || !strings.HasPrefix(first, red) {
		t.Fatalf("overdue confirmation %q (missing %q) not red", plain(first), w)
	}
	final := lineWith(t, view, "kiểm tra lần cuối")
	if w, ok := contains(final, "13:30 09/12 hôm nay", "TT điều khiển + điểm cầu"); !ok || !strings.HasPrefix(final, amber) {
		t.Fatalf("final check today %q (missing %q) not amber", plain(final), w)
	}
	list := map[string]string{}
	for _, l := range strings.Split(view, "\n") {
		for _, id := range []string{"#1 ", "#2 ", "#3 "} {
			if strings.HasPrefix(plain(l), " "+id) || strings.HasPrefix(plain(l), "▸"+id) {
				list[id] = l
			}
		}
	}
	if l := list["#1 "]; !strings.Contains(l, red+"Sở xác nhận") {
		t.Errorf("booking #1's next deadline is not red: %q", l)
	}
	if l := list["#2 "]; !strings.Contains(l, amber+"Sở xác nhận 10:00 09/12 hôm nay") {
		t.Errorf("booking #2's next deadline is not amber today: %q", l)
	}
	if l := list["#3 "]; !strings.Contains(plain(l), "Sở xác nhận 09:00 10/12") || strings.Contains(l, red) || strings.Contains(l, amber) {
		t.Errorf("booking #3's next deadline should be plain, tomorrow: %q", l)
	}
	pressWorkflow(t, m, "esc")
	if m.bookings() != nil || !strings.Contains(plain(m.View()), "Xã Ia Grai") {
		t.Fatal("esc did not return to the bridge points")
	}
}

// TestWorkflowViewsFit renders both views in both languages at 80×24 and on a wide screen.
func TestWorkflowViewsFit(t *testing.T) {
	f := newFixture(t, 12)
	now := addBookings(t, f.st)
	t.Cleanup(setBookingsClock(func() time.Time { return now }))
	for _, lang := range []string{"vi", "en"} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			w, h := size[0], size[1]
			m := f.model(t, lang, w, h)
			name := fmt.Sprintf("%s %dx%d", lang, w, h)
			pressWorkflow(t, m, "B")
			checkFits(t, name+" bookings", m.View(), w, h)
			title := map[string]string{"vi": "Đến hạn hôm nay / quá hạn", "en": "Due today / overdue"}[lang]
			if miss, ok := contains(m.View(), title, "#3"); !ok {
				t.Errorf("%s: bookings view lacks %q:\n%s", name, miss, plain(m.View()))
			}
			pressWorkflow(t, m, "T")
			checkFits(t, name+" test session", m.View(), w, h)
			title = map[string]string{"vi": "Kiểm duyệt (Điều 10)", "en": "Test session (Article 10)"}[lang]
			item := map[string]string{"vi": "Hình ảnh ≥ 1280×720", "en": "Video ≥ 1280×720"}[lang]
			if miss, ok := contains(m.View(), title, item, "Xã Ia Grai"); !ok {
				t.Errorf("%s: test view lacks %q:\n%s", name, miss, plain(m.View()))
			}
			pressWorkflow(t, m, "?")
			checkFits(t, name+" test session, full help", m.View(), w, h)
		}
	}
}
