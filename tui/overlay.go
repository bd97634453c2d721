package tui

import (
	"reflect"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The views the console draws over its main screen (the incident form and list, the close view
// and its pending list, the test session, bookings with the booking form and its site picker,
// recordings, meetings with the ad hoc form, the roll call and the yes/no questions) sit on one
// stack in the root model. The view on top is the one drawn, the one
// whose keys the help bar shows, the one that gets the keyboard and the one that says whether a
// text field has it; the main screen's panels get keys only when the stack is empty. A view opened
// later — by a key the view below let through, or by an answer arriving from the store — goes on
// top; closing a view uncovers the one below.

// overlay is a Component drawn over the main screen.
type overlay interface {
	Component
	// takesText reports whether a text field of the view has the keyboard: every key goes to it
	// and several runes read at once stay one key message (they are text, not commands).
	takesText() bool
	// passes reports whether km, when no text field of the view has the keyboard, goes past the
	// view to the main screen's global keys (help, quit…) instead of to the view.
	passes(km tea.KeyMsg) bool
}

// overlays is the stack of views over the main screen, bottom first.
type overlays []overlay

// top is the view on top, nil when the main screen shows.
func (s overlays) top() overlay {
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1]
}

// on returns the view of type T on the stack (the topmost), or T's nil when there is none.
func on[T overlay](s overlays) T {
	for i := len(s) - 1; i >= 0; i-- {
		if v, ok := s[i].(T); ok {
			return v
		}
	}
	var none T
	return none
}

// open puts v on top of the stack and sizes it; a view of its kind already open gives way (one
// incident list, one question of the console at a time).
func (m *Model) open(v overlay) {
	m.overlays = slices.DeleteFunc(m.overlays, func(o overlay) bool { return sameKind(o, v) })
	m.overlays = append(m.overlays, v)
	m.layout()
}

// sameKind reports whether a and b are views of one kind: the same type, the bookings view's
// step question apart from the console's questions (quit, mute all…), which may come over it.
func sameKind(a, b overlay) bool {
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return false
	}
	qa, ok := a.(*ConfirmDialog)
	return !ok || (qa.Action() == confirmBookingStep) == (b.(*ConfirmDialog).Action() == confirmBookingStep)
}

// owner is a view that opens views of its own on the stack (the bookings view its booking form
// and step question, the meetings view the ad hoc form); they close with it.
type owner interface{ owns(o overlay) bool }

// shut takes v off the stack, with the views it owns (nothing when it is not there); the view
// below shows again.
func (m *Model) shut(v overlay) {
	if i := slices.IndexFunc(m.overlays, func(o overlay) bool { return o == v }); i >= 0 {
		m.overlays = slices.Delete(m.overlays, i, i+1)
		if own, ok := v.(owner); ok {
			m.overlays = slices.DeleteFunc(m.overlays, own.owns)
		}
	}
	m.layout()
}

// The views on the stack, by kind; each is nil when not open.
func (m *Model) form() *IncidentForm           { return on[*IncidentForm](m.overlays) }
func (m *Model) confirm() *ConfirmDialog       { return on[*ConfirmDialog](m.overlays) }
func (m *Model) list() *IncidentList           { return on[*IncidentList](m.overlays) }
func (m *Model) closing() *CloseView           { return on[*CloseView](m.overlays) }
func (m *Model) testing() *TestSessionView     { return on[*TestSessionView](m.overlays) }
func (m *Model) bookings() *BookingsView       { return on[*BookingsView](m.overlays) }
func (m *Model) recordings() *RecordingsView   { return on[*RecordingsView](m.overlays) }
func (m *Model) meetings() *MeetingsView       { return on[*MeetingsView](m.overlays) }
func (m *Model) room() *RoomView               { return on[*RoomView](m.overlays) }
func (m *Model) bookingForm() *BookingFormView { return on[*BookingFormView](m.overlays) }

// overlayKey gives km to v, the view on top. The test session, recordings and roll call first
// refuse the keys of actions the role may not do; esc and I close the incident list at once, so
// that the next key already reaches what is below. Then the views v opened or ended settle.
func (m *Model) overlayKey(v overlay, km tea.KeyMsg) tea.Cmd {
	var cmd tea.Cmd
	switch v := v.(type) {
	case *TestSessionView:
		cmd = m.testKey(km)
	case *RecordingsView:
		cmd = m.recordingsKey(km)
	case *RoomView:
		cmd = m.roomKey(km)
	case *IncidentList:
		if key.Matches(km, m.common.Keys.Cancel, m.common.Keys.Incidents) {
			m.shut(v)
			return nil
		}
		cmd = v.Update(km)
	default:
		cmd = v.Update(km)
	}
	m.settle(v)
	return cmd
}

// opener is a view that opens a view of its own over itself with a key (the booking form its
// site picker, the meetings view the ad hoc form); opened hands it over once.
type opener interface{ opened() overlay }

// finisher is a view that ends by itself with a key (the site picker chosen or cancelled, the ad
// hoc form on esc).
type finisher interface{ finished() bool }

// parent is told that a view it opened over itself has finished and is off the stack.
type parent interface{ closed(child overlay) }

// settle follows the key just given to v: the view v opened goes on top; v, once finished, goes
// off the stack and the view under it is told.
func (m *Model) settle(v overlay) {
	if o, ok := v.(opener); ok {
		if child := o.opened(); child != nil {
			m.open(child)
		}
	}
	if f, ok := v.(finisher); ok && f.finished() {
		m.shut(v)
		if p, ok := m.overlays.top().(parent); ok {
			p.closed(v)
		}
	}
}

// textFocused reports whether a text field takes the keys: the view on top's, or, with no view
// open, the bridge-point table's filter.
func (m *Model) textFocused() bool {
	if v := m.overlays.top(); v != nil {
		return v.takesText()
	}
	return m.focus == panelTable && m.table.Editing()
}
