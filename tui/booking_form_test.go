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

// bookingNow is the clock of the booking form's tests: 09:30 on Wednesday 9 December 2026.
func bookingNow(t *testing.T) time.Time {
	t.Helper()
	now := time.Date(2026, 12, 9, 9, 30, 0, 0, meeting.Zone())
	t.Cleanup(setBookingsClock(func() time.Time { return now }))
	return now
}

// deskForm is a valid form for the Desk, starting at start for 3 hours on points.
func deskForm(start string, points ...string) meeting.BookingForm {
	f := meeting.BookingForm{Kind: "b", HostUnit: "UBND-TINH", Content: "Giao ban chuyển đổi số",
		Chair: meeting.Person{Name: "Nguyễn Văn Bình", Title: "Phó Chủ tịch"}, Start: start,
		End:        strings.Replace(start, "09:00", "11:00", 1),
		Technician: meeting.Person{Name: "Lê Văn Cường", Phone: "0905000111"},
		LegalBasis: meeting.LegalBasis{Number: "12/TB-UBND", Date: "2026-12-01", Issuer: "UBND tỉnh"}}
	for _, p := range points {
		f.BridgePoints = append(f.BridgePoints, meeting.FormPoint{ID: p, Attendees: 10})
	}
	return f
}

// register files a booking through the Desk, as the command line does, and returns its id.
func register(t *testing.T, f *fixture, start string, points ...string) int64 {
	t.Helper()
	desk := &meeting.Desk{Store: f.st, Now: bookingsClock}
	id, _, err := desk.Register(context.Background(), deskForm(start, points...), meeting.Filing{Actor: "cli:lan"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// formValues is a whole form as a technician types it, by field.
func formValues(start string) map[bkField]string {
	return map[bkField]string{
		bkHostUnit: "UBND-TINH", bkContent: "Họp quý về quản lý đất đai", bkChairName: "Trần Thị Quyên",
		bkChairTitle: "Giám đốc Sở", bkStart: start, bkEnd: strings.Replace(start, "09:00", "11:30", 1),
		bkLegalNumber: "45/GM-STNMT", bkLegalDate: "2026-12-02", bkLegalIssuer: "Sở Nông nghiệp và Môi trường",
		bkTechName: "Phạm Quang Huy", bkTechPhone: "0905123456",
		bkPoints:     "XA-001, 30, Nguyễn Văn An, 0905111222; XA-002, 20",
		bkHeadOfUnit: "Trần Thị Quyên",
	}
}

// fillForm types vals into the open booking form, field by field in tab order.
func fillForm(t *testing.T, m *Model, vals map[bkField]string) {
	t.Helper()
	for field := range bkFieldCount {
		v, ok := vals[field]
		if !ok {
			continue
		}
		focusForm(t, m, field)
		pressWorkflow(t, m, v)
	}
}

// focusForm presses tab until field has the keyboard.
func focusForm(t *testing.T, m *Model, field bkField) {
	t.Helper()
	for range 2 * bkFieldCount {
		f := m.bookingForm()
		if f == nil {
			t.Fatal("the booking form is not open")
		}
		if f.Focused() == field {
			return
		}
		pressWorkflow(t, m, "tab")
	}
	t.Fatalf("field %d never took the keyboard", field)
}

// audit returns the audit rows with action.
func auditRows(t *testing.T, st *store.Store, action string) []store.AuditEntry {
	t.Helper()
	all, err := st.AuditLog(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.AuditEntry
	for _, e := range all {
		if e.Action == action {
			out = append(out, e)
		}
	}
	return out
}

// TestBookingFormAddsThroughTheDesk registers a booking from the form: the row is in SQLite with
// every field typed, the room of Article 9.3 and an audit row by the technician; a q typed in a
// field is text.
func TestBookingFormAddsThroughTheDesk(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	m := f.model(t, "vi", 80, 24)
	pressWorkflow(t, m, "B", "a")
	if m.bookingForm() == nil {
		t.Fatal("a did not open the booking form")
	}
	vals := formValues("2026-12-21 09:00")
	vals[bkOpinion] = "đồng ý, quy trình q"
	fillForm(t, m, vals)
	focusForm(t, m, bkRecording)
	pressWorkflow(t, m, "right")
	if !strings.Contains(plain(m.View()), "Phòng họp UBND tỉnh") && m.bookingForm().inputs[bkRoom].Placeholder == "" {
		t.Error("the room of Article 9.3 is not shown")
	}
	pressWorkflow(t, m, "ctrl+s")
	if m.bookingForm() != nil {
		t.Fatalf("the form is still open:\n%s", plain(m.View()))
	}
	bs, err := f.st.Bookings(context.Background())
	if err != nil || len(bs) != 1 {
		t.Fatalf("bookings = %d, %v; want 1", len(bs), err)
	}
	b := bs[0]
	if b.Content != vals[bkContent] || b.ChairTitle != "Giám đốc Sở" || b.RoomBP != "UBND-TINH" ||
		!b.Recording || b.Projector || b.DeptOpinion != "đồng ý, quy trình q" || b.FiledBy != testActor {
		t.Errorf("stored booking %+v", b)
	}
	if len(b.Points) != 2 || b.Points[0].BridgePoint != "XA-001" || b.Points[0].Attendees != 30 ||
		b.Points[0].ContactName != "Nguyễn Văn An" || b.Points[0].ContactPhone != "0905111222" || b.Points[1].Attendees != 20 {
		t.Errorf("stored points %+v", b.Points)
	}
	if rows := auditRows(t, f.st, "booking_add"); len(rows) != 1 || rows[0].Actor != testActor {
		t.Errorf("booking_add audit rows %+v", rows)
	}
	if w, ok := contains(m.View(), fmt.Sprintf("Đã ghi đăng ký #%d", b.ID), "#1"); !ok {
		t.Errorf("missing %q after saving:\n%s", w, plain(m.View()))
	}
}

// TestBookingFormTooLateKeepsTyping files a meeting 1 working day ahead that is no emergency:
// the start field says why, everything typed stays, nothing is written; attendees that are not
// a number are refused on the points field; marked as a storm (Article 8.2.c) it is accepted.
func TestBookingFormTooLateKeepsTyping(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	m := f.model(t, "vi", 80, 24)
	pressWorkflow(t, m, "B", "a")
	vals := formValues("2026-12-10 09:00")
	fillForm(t, m, vals)
	pressWorkflow(t, m, "ctrl+s")
	form := m.bookingForm()
	if form == nil {
		t.Fatal("the form closed on a refused booking")
	}
	if form.Focused() != bkStart || len(form.errs[bkStart]) != 1 || !strings.Contains(form.errs[bkStart][0], "3 ngày làm việc") {
		t.Fatalf("start error %v (focus %d)", form.errs, form.Focused())
	}
	if w, ok := contains(m.View(), "Bắt đầu", "phải đăng ký trước 3 ngày làm việc"); !ok {
		t.Errorf("the view lacks %q:\n%s", w, plain(m.View()))
	}
	for field, v := range vals {
		if got := form.Value(field); got != v {
			t.Errorf("field %d is %q, typed %q", field, got, v)
		}
	}
	if bs, _ := f.st.Bookings(context.Background()); len(bs) != 0 {
		t.Fatalf("a refused booking was written: %+v", bs)
	}
	if rows := auditRows(t, f.st, "booking_add"); len(rows) != 0 {
		t.Fatalf("a refused booking was audited: %+v", rows)
	}
	// Attendees that are not a number: said on the points field, nothing sent.
	focusForm(t, m, bkPoints)
	pressWorkflow(t, m, "end", "; XA-003, ba mươi", "ctrl+s")
	if errs := m.bookingForm().errs[bkPoints]; len(errs) != 1 || !strings.Contains(errs[0], `"ba mươi"`) {
		t.Fatalf("points errors %v", errs)
	}
	for range len([]rune("; XA-003, ba mươi")) {
		pressWorkflow(t, m, "backspace")
	}
	focusForm(t, m, bkEmergency)
	pressWorkflow(t, m, "right", "ctrl+s")
	if m.bookingForm() != nil {
		t.Fatalf("the emergency was refused:\n%s", plain(m.View()))
	}
	bs, err := f.st.Bookings(context.Background())
	if err != nil || len(bs) != 1 || bs[0].Emergency != "storm" || len(bs[0].Points) != 2 {
		t.Fatalf("emergency booking %+v (%v)", bs, err)
	}
}

// TestBookingFormConflictOverride files a booking that uses a bridge point already booked: it
// is refused naming the other meeting; with a reason it is written and the override audited.
func TestBookingFormConflictOverride(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	ctx := context.Background()
	other := register(t, f, "2026-12-21 09:00", "XA-002")
	m := f.model(t, "en", 80, 24)
	pressWorkflow(t, m, "B", "a")
	fillForm(t, m, formValues("2026-12-21 09:00"))
	pressWorkflow(t, m, "ctrl+s")
	form := m.bookingForm()
	if form == nil || form.Focused() != bkOverride {
		t.Fatalf("a conflict did not ask for a reason:\n%s", plain(m.View()))
	}
	if w, ok := contains(m.View(), "is taken", fmt.Sprintf("#%d", other), "XA-002", "Reason to book anyway"); !ok {
		t.Fatalf("the conflict view lacks %q:\n%s", w, plain(m.View()))
	}
	if bs, _ := f.st.Bookings(ctx); len(bs) != 1 {
		t.Fatalf("the clashing booking was written: %d bookings", len(bs))
	}
	pressWorkflow(t, m, "provincial chair asked for it", "ctrl+s")
	if m.bookingForm() != nil {
		t.Fatalf("the override did not save:\n%s", plain(m.View()))
	}
	bs, _ := f.st.Bookings(ctx)
	if len(bs) != 2 || bs[1].OverrideReason != "provincial chair asked for it" {
		t.Fatalf("bookings after override %+v", bs)
	}
	rows := auditRows(t, f.st, "booking_override")
	if len(rows) != 1 || rows[0].Actor != testActor || !strings.Contains(rows[0].Detail, "provincial chair asked for it") ||
		!strings.Contains(rows[0].Detail, fmt.Sprintf("#%d", other)) {
		t.Fatalf("override audit %+v", rows)
	}
}

// TestBookingEditAfterConfirmationAndStep records the confirmation from the console after a
// y/n question, then edits the bridge points: the booking goes back to registered, audited.
func TestBookingEditAfterConfirmationAndStep(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	ctx := context.Background()
	id := register(t, f, "2026-12-21 09:00", "XA-001")
	m := f.model(t, "vi", 80, 24)
	pressWorkflow(t, m, "B", "n")
	if w, ok := contains(m.View(), "Ghi bước «Sở xác nhận» cho đăng ký #1, người ghi test?"); !ok {
		t.Fatalf("no question %q:\n%s", w, plain(m.View()))
	}
	pressWorkflow(t, m, "n")
	if b, _ := f.st.Booking(ctx, id); len(b.Steps) != 0 {
		t.Fatalf("n recorded the step: %+v", b.Steps)
	}
	pressWorkflow(t, m, "n", "y")
	b, err := f.st.Booking(ctx, id)
	if err != nil || meeting.State(b) != meeting.StepConfirmed || b.Steps[0].Actor != testActor {
		t.Fatalf("after y: state %s steps %+v (%v)", meeting.State(b), b.Steps, err)
	}
	if rows := auditRows(t, f.st, "booking_confirmed"); len(rows) != 1 || rows[0].Actor != testActor {
		t.Fatalf("step audit %+v", rows)
	}
	if !strings.Contains(plain(m.View()), "Sở đã xác nhận") {
		t.Errorf("no status for the step:\n%s", plain(m.View()))
	}

	pressWorkflow(t, m, "e")
	form := m.bookingForm()
	if form == nil || form.Value(bkPoints) != "XA-001, 10" || form.Value(bkStart) != "2026-12-21 09:00" {
		t.Fatalf("edit form not prefilled: %v", form)
	}
	focusForm(t, m, bkPoints)
	pressWorkflow(t, m, "end", "; XA-003, 5", "ctrl+s")
	if m.bookingForm() != nil {
		t.Fatalf("the edit did not save:\n%s", plain(m.View()))
	}
	b, _ = f.st.Booking(ctx, id)
	if meeting.State(b) != meeting.StepRegistered || len(b.Points) != 2 {
		t.Fatalf("after edit: state %s points %+v", meeting.State(b), b.Points)
	}
	rows := auditRows(t, f.st, "booking_edit")
	if len(rows) != 1 || rows[0].Actor != testActor || !strings.Contains(rows[0].Detail, "back to registered") {
		t.Fatalf("edit audit %+v", rows)
	}
	if !strings.Contains(plain(m.View()), "trở về «đã đăng ký»") {
		t.Errorf("no status for the reset:\n%s", plain(m.View()))
	}
}

// TestBookingFormRoles: a viewer cannot open the form nor record a step, and a forged submit
// writes nothing; a host registers for its own unit only and may not record steps.
func TestBookingFormRoles(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	ctx := context.Background()
	id := register(t, f, "2026-12-21 09:00", "XA-001")
	logs := &syncBuffer{}
	viewer := f.roleModel(t, RoleViewer, "", "ssh:khach", logs)
	pressWorkflow(t, viewer, "B", "a")
	if viewer.bookingForm() != nil {
		t.Fatal("a viewer opened the booking form")
	}
	if !strings.Contains(viewer.help.Status(), "đăng ký mới") {
		t.Errorf("refusal status %q", viewer.help.Status())
	}
	pressWorkflow(t, viewer, "n", "y", "e")
	_, cmd := viewer.Update(bookingSubmitMsg{form: deskForm("2026-12-22 09:00", "XA-002")})
	runWorkflow(t, viewer, cmd)
	if b, _ := f.st.Booking(ctx, id); len(b.Steps) != 0 || viewer.overlays.top() != viewer.bookings() {
		t.Fatalf("a viewer recorded a step or opened a form: %+v", b.Steps)
	}
	if bs, _ := f.st.Bookings(ctx); len(bs) != 1 {
		t.Fatalf("a viewer's forged submit wrote a booking: %d", len(bs))
	}
	if !strings.Contains(logs.String(), "action=booking_add") {
		t.Errorf("refusals not logged:\n%s", logs.String())
	}

	host := f.roleModel(t, RoleHost, "XA-001", "ssh:xa1", &syncBuffer{})
	pressWorkflow(t, host, "B", "n")
	if host.overlays.top() != host.bookings() {
		t.Fatal("a host may record a step")
	}
	pressWorkflow(t, host, "a")
	form := host.bookingForm()
	if form == nil || form.Value(bkHostUnit) != "XA-001" {
		t.Fatalf("the host's form is not prefilled with its unit: %v", form)
	}
	vals := formValues("2026-12-22 09:00")
	vals[bkHostUnit] = "UBND-TINH"
	vals[bkPoints] = "XA-002"
	delete(vals, bkHostUnit)
	fillForm(t, host, vals)
	focusForm(t, host, bkHostUnit)
	pressWorkflow(t, host, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "UBND-TINH", "ctrl+s")
	if errs := host.bookingForm().errs[bkHostUnit]; len(errs) != 1 || !strings.Contains(errs[0], "XA-001") {
		t.Fatalf("a host registered for another unit: %v", errs)
	}
	focusForm(t, host, bkHostUnit)
	for range 9 {
		pressWorkflow(t, host, "backspace")
	}
	pressWorkflow(t, host, "XA-001", "ctrl+s")
	if host.bookingForm() != nil {
		t.Fatalf("the host's own booking was not saved:\n%s", plain(host.View()))
	}
	bs, _ := f.st.Bookings(ctx)
	if len(bs) != 2 || bs[1].HostUnit != "XA-001" || bs[1].RoomBP != "XA-001" || bs[1].FiledBy != "ssh:xa1" {
		t.Fatalf("host booking %+v", bs)
	}
}

// TestBookingFormFits renders the form, its errors and the step question in both languages at
// 80×24 and wide; the form scrolls so that the focused field is in sight.
func TestBookingFormFits(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	register(t, f, "2026-12-21 09:00", "XA-001")
	for _, lang := range []string{"vi", "en"} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			w, h := size[0], size[1]
			name := fmt.Sprintf("%s %dx%d", lang, w, h)
			m := f.model(t, lang, w, h)
			pressWorkflow(t, m, "B", "a")
			checkFits(t, name+" form", m.View(), w, h)
			pressWorkflow(t, m, "ctrl+s")
			checkFits(t, name+" form with errors", m.View(), w, h)
			focusForm(t, m, bkHeadOfUnit)
			label := m.common.Text(txtBfHeadOfUnit)
			if !strings.Contains(plain(m.View()), label) {
				t.Errorf("%s: the focused field %q is scrolled away:\n%s", name, label, plain(m.View()))
			}
			pressWorkflow(t, m, "esc", "n")
			checkFits(t, name+" step question", m.View(), w, h)
			pressWorkflow(t, m, "esc")
			if m.bookings() == nil || m.overlays.top() != m.bookings() {
				t.Fatalf("%s: esc did not close the question", name)
			}
			checkFits(t, name+" bookings", m.View(), w, h)
		}
	}
}

// TestProgramBookingForm registers a booking in a real Bubble Tea program at 80×24: B, a, the
// fields typed and tabbed through, ctrl+s; the booking is in SQLite and the list shows it.
func TestProgramBookingForm(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	tm := startProgram(t, f, "vi")
	waitOutput(t, tm, "Xã Chư Păh")
	tm.Type("B")
	waitOutput(t, tm, "Lịch đăng ký họp (0)")
	tm.Type("a")
	waitOutput(t, tm, "Phụ lục I")
	tab := func() { tm.Send(tea.KeyMsg{Type: tea.KeyTab}) }
	vals := formValues("2026-12-21 09:00")
	for field := bkHostUnit; field <= bkPoints; field++ {
		tab()
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(vals[field])}) // teatest's Type splits UTF-8 bytes
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	eventually(t, "the booking in SQLite", func() bool {
		bs, err := f.st.Bookings(context.Background())
		return err == nil && len(bs) == 1 && bs[0].Content == vals[bkContent] && len(bs[0].Points) == 2
	})
	waitOutput(t, tm, "Lịch đăng ký họp (1)")
	quitProgram(t, tm)
}
