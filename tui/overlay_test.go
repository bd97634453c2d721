package tui

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
)

// The view on top gets the keys, says whether a text field has them and is drawn, even when the
// table's filter was being edited under it. Before the one stack, the filter below still counted
// as the text field: runes read at once went unsplit to the close view, which ignored them, and ?
// went past the close view into the filter.
func TestViewOverTheFilterGetsTheKeys(t *testing.T) {
	f := newFixture(t, 3)
	m := f.model(t, "vi", 80, 24)
	press(t, m, "/") // the filter is being edited when the close view, asked for with C, arrives
	entries, err := meeting.PrefillLog(context.Background(), f.st, f.meeting, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	m.Update(closePrefillMsg{entries: entries})
	if m.overlays.top() != m.closing() || m.closing() == nil {
		t.Fatal("the close view is not on top")
	}
	if m.textFocused() {
		t.Fatal("the filter under the close view still counts as the text field")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")}) // one read over SSH
	if got := m.closing().cursor; got != 2 {
		t.Errorf("after jj in one read: close view on row %d, want 2", got)
	}
	press(t, m, "?")
	if m.table.Filter() != "" || !m.help.ShowsAll() {
		t.Errorf("? went to the filter (%q) instead of the help (full %v)", m.table.Filter(), m.help.ShowsAll())
	}
	if w, ok := contains(m.View(), "Đóng cuộc họp — nhật ký"); !ok {
		t.Errorf("the close view is not drawn: %q missing", w)
	}
	press(t, m, "esc")
	if m.closing() != nil || m.overlays.top() != nil {
		t.Fatal("esc did not close the close view")
	}
	press(t, m, "x", "a")
	if !m.table.Editing() || m.table.Filter() != "xa" {
		t.Errorf("back on the main screen the filter takes the keys again: editing %v, %q", m.table.Editing(), m.table.Filter())
	}
}

// The bookings view's form, the form's site picker and the step question sit on the one stack,
// over the view, and close with it (a meeting opened meanwhile closes the bookings view); the
// console's quit question comes over the step question and, answered no, uncovers it.
func TestBookingFormAndQuestionOnTheStack(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	pressWorkflow(t, m, "B", "a")
	if _, ok := m.overlays.top().(*BookingFormView); !ok || len(m.overlays) != 2 {
		t.Fatalf("B then a: stack %T, want the bookings view under the booking form", m.overlays)
	}
	if w, ok := contains(m.View(), m.common.Text(txtBfTitleNew)); !ok {
		t.Errorf("the booking form is not drawn: %q missing", w)
	}
	focusForm(t, m, bkPoints)
	pressWorkflow(t, m, "enter")
	picker, ok := m.overlays.top().(*SitePicker)
	if !ok || len(m.overlays) != 3 || m.bookingForm().Picker() != picker {
		t.Fatalf("enter on the sub bridge points: stack %T, want the site picker over the form", m.overlays)
	}
	pressWorkflow(t, m, "esc")
	if _, ok := m.overlays.top().(*BookingFormView); !ok || m.bookingForm().Picker() != nil {
		t.Fatalf("esc in the picker: stack %T, want the form back", m.overlays)
	}
	pressWorkflow(t, m, "enter")
	m.shut(m.bookings())
	if len(m.overlays) != 0 {
		t.Fatalf("the booking form or its picker outlived the bookings view: %T", m.overlays)
	}

	pressWorkflow(t, m, "B")
	m.open(NewConfirmDialog(m.common, confirmBookingStep, "Ghi bước?"))
	press(t, m, "ctrl+c")
	if q := m.confirm(); q == nil || q.Action() != ConfirmQuit || len(m.overlays) != 3 {
		t.Fatalf("ctrl+c over the step question: %T", m.overlays)
	}
	press(t, m, "n")
	if q := m.confirm(); q == nil || q.Action() != confirmBookingStep {
		t.Fatalf("n to quit did not uncover the step question: %T", m.overlays)
	}
}

// The ad hoc form goes on the stack over the meetings view, from the main screen's N as from the
// view's; esc takes it off at once, and the meetings view takes the keys again.
func TestAdhocFormOnTheStack(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	press(t, m, "N")
	form, ok := m.overlays.top().(*adhocForm)
	if !ok || len(m.overlays) != 2 || m.meetings() == nil {
		t.Fatalf("N: stack %T, want the ad hoc form over the meetings view", m.overlays)
	}
	press(t, m, "H", "q")
	if string(form.title) != "Hq" {
		t.Errorf("the form's title is %q, want the keys typed, q included", string(form.title))
	}
	press(t, m, "esc")
	if m.overlays.top() != m.meetings() || m.meetings().form != nil {
		t.Fatalf("esc: stack %T, want the meetings view alone", m.overlays)
	}
	press(t, m, "N")
	if _, ok := m.overlays.top().(*adhocForm); !ok || len(m.overlays) != 2 {
		t.Fatalf("N in the meetings view: stack %T", m.overlays)
	}
	m.shut(m.meetings())
	if len(m.overlays) != 0 {
		t.Fatalf("the ad hoc form outlived the meetings view: %T", m.overlays)
	}
}
