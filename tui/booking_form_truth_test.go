package tui

import (
	"context"
	"strings"
	"testing"

	"diemcau/meeting"
)

// TestBookingFormConcurrentEdits: two technicians press e on the same booking and save; the
// first save is kept, the second is refused on its form, which stays open with what the first
// changed, and nothing of the second is written.
func TestBookingFormConcurrentEdits(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	ctx := context.Background()
	id := register(t, f, "2026-12-21 09:00", "XA-001")
	an := f.model(t, "vi", 100, 40)
	binh := f.model(t, "vi", 100, 40)
	pressWorkflow(t, an, "B", "e")
	pressWorkflow(t, binh, "B", "e")
	if an.bookingForm() == nil || binh.bookingForm() == nil {
		t.Fatal("e did not open the edit form")
	}
	focusForm(t, an, bkContent)
	pressWorkflow(t, an, "end", " (An)", "ctrl+s")
	if an.bookingForm() != nil {
		t.Fatalf("the first save did not go through:\n%s", plain(an.View()))
	}
	focusForm(t, binh, bkPoints)
	pressWorkflow(t, binh, "end", "; XA-002, 7", "ctrl+s")
	if binh.bookingForm() == nil {
		t.Fatal("the second save closed the form: it was accepted")
	}
	view := plain(binh.View())
	for _, want := range []string{"không ghi gì", "Nội dung cuộc họp", "(An)"} {
		if !strings.Contains(view, want) {
			t.Errorf("the refused form does not say %q:\n%s", want, view)
		}
	}
	b, _ := f.st.Booking(ctx, id)
	if !strings.HasSuffix(b.Content, "(An)") || len(b.Points) != 1 {
		t.Fatalf("stored after the refused save: content %q points %+v", b.Content, b.Points)
	}
	if rows := auditRows(t, f.st, "booking_edit"); len(rows) != 1 {
		t.Fatalf("edit audit %+v, want only the first", rows)
	}
}

// TestBookingFormTellsTheTruth: the kinds read as Article 5.2 on the form and on the printout,
// empty fields show examples marked as such, and the list's dates carry the year.
func TestBookingFormTellsTheTruth(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	register(t, f, "2027-01-04 09:00", "XA-001")
	desk := &meeting.Desk{Store: f.st, Now: bookingsClock} // 2028 is outside the calendar: overridden
	if _, _, err := desk.Register(context.Background(), deskForm("2028-01-04 09:00", "XA-002"),
		meeting.Filing{Actor: "cli:lan", Override: "ngày do Trung ương ấn định"}); err != nil {
		t.Fatal(err)
	}
	m := f.model(t, "vi", 200, 40)
	pressWorkflow(t, m, "B")
	list := plain(m.View())
	for _, want := range []string{"04/01/2027 09:00", "04/01/2028 09:00"} {
		if !strings.Contains(list, want) {
			t.Errorf("the booking list lacks %q:\n%s", want, list)
		}
	}
	pressWorkflow(t, m, "a")
	form := plain(m.View())
	if !strings.Contains(form, meeting.KindName("vi", "b")) || !strings.Contains(form, "b) Các cơ quan, đơn vị cấp tỉnh với UBND các xã, phường") {
		t.Errorf("the form's kind is not Article 5.2's:\n%s", form)
	}
	if !strings.Contains(form, "vd: 2026-12-10 08:00") {
		t.Errorf("the start field's example is not marked as one:\n%s", form)
	}
	for _, code := range []string{"a", "b", "c", "d"} {
		if got := m.common.Text(bookingKinds[code[0]-'a'].label); got != meeting.BookingText("vi", "kind."+code) {
			t.Errorf("kind %s: form %q, printout %q", code, got, meeting.BookingText("vi", "kind."+code))
		}
	}
}

// TestBookingFormCalendarDoubt: a booking in 2028, a year the calendar does not cover, is
// refused on the form with the reason and the override field; a reason typed saves it.
func TestBookingFormCalendarDoubt(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	m := f.model(t, "vi", 120, 40)
	pressWorkflow(t, m, "B", "a")
	vals := formValues("2028-03-15 09:00")
	vals[bkLegalDate] = "2026-12-02"
	fillForm(t, m, vals)
	pressWorkflow(t, m, "ctrl+s")
	form := m.bookingForm()
	if form == nil || form.Focused() != bkOverride {
		t.Fatalf("the doubt did not bring the override field:\n%s", plain(m.View()))
	}
	if v := plain(m.View()); !strings.Contains(v, "Lịch làm việc chưa chắc chắn") || !strings.Contains(v, "năm 2028") {
		t.Fatalf("the reason is not shown:\n%s", v)
	}
	pressWorkflow(t, m, "ngày do Trung ương ấn định", "ctrl+s")
	if m.bookingForm() != nil {
		t.Fatalf("the overridden booking was not saved:\n%s", plain(m.View()))
	}
	if rows := auditRows(t, f.st, "booking_calendar_override"); len(rows) != 1 || !strings.Contains(rows[0].Detail, "Trung ương") {
		t.Fatalf("override audit %+v", rows)
	}
}
