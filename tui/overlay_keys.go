package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// What each view on the overlay stack types, lets through to the main screen's global keys,
// owns and finishes. takesText is the text focus alone (the incident form, a text being edited
// in the close view); a view whose own field takes every key (the roll call typing a count) says
// so in passes.

func (f *IncidentForm) takesText() bool    { return true }
func (v *CloseView) takesText() bool       { return v.Editing() }
func (d *ConfirmDialog) takesText() bool   { return false }
func (l *IncidentList) takesText() bool    { return false }
func (v *BookingsView) takesText() bool    { return false }
func (f *BookingFormView) takesText() bool { return false }
func (p *SitePicker) takesText() bool      { return false }
func (v *MeetingsView) takesText() bool    { return false }
func (f *adhocForm) takesText() bool       { return false }
func (v *RoomView) takesText() bool        { return false }
func (v *TestSessionView) takesText() bool { return false }
func (v *RecordingsView) takesText() bool  { return false }

// The forms, the site picker and the questions keep every key.
func (f *IncidentForm) passes(tea.KeyMsg) bool    { return false }
func (f *BookingFormView) passes(tea.KeyMsg) bool { return false }
func (p *SitePicker) passes(tea.KeyMsg) bool      { return false }
func (f *adhocForm) passes(tea.KeyMsg) bool       { return false }
func (d *ConfirmDialog) passes(tea.KeyMsg) bool   { return false }

// passes lets ? through, unless a text is being edited.
func (v *CloseView) passes(km tea.KeyMsg) bool {
	return !v.Editing() && key.Matches(km, v.common.Keys.Help)
}

func (v *TestSessionView) passes(km tea.KeyMsg) bool { return helpOrQuit(v.common, km) }
func (v *RecordingsView) passes(km tea.KeyMsg) bool  { return helpOrQuit(v.common, km) }
func (v *MeetingsView) passes(km tea.KeyMsg) bool    { return helpOrQuit(v.common, km) }
func (v *RoomView) passes(km tea.KeyMsg) bool        { return !v.Typing() && helpOrQuit(v.common, km) }

// passes lets T through too: the test session opens in the bookings view's place.
func (v *BookingsView) passes(km tea.KeyMsg) bool {
	return helpOrQuit(v.common, km) || key.Matches(km, v.common.Keys.TestSession)
}

// passes lets i through too: an incident is written over the list.
func (l *IncidentList) passes(km tea.KeyMsg) bool {
	return helpOrQuit(l.common, km) || key.Matches(km, l.common.Keys.Incident)
}

// helpOrQuit reports whether km is ? or q, which most views let through.
func helpOrQuit(c Common, km tea.KeyMsg) bool { return key.Matches(km, c.Keys.Help, c.Keys.Quit) }

// owns is the bookings view's booking form (with its site picker) and step question, which
// close with it.
func (v *BookingsView) owns(o overlay) bool {
	switch o := o.(type) {
	case *BookingFormView, *SitePicker:
		return true
	case *ConfirmDialog:
		return o.Action() == confirmBookingStep
	}
	return false
}

// owns is the meetings view's ad hoc form, which closes with it.
func (v *MeetingsView) owns(o overlay) bool { _, ok := o.(*adhocForm); return ok }

// finished: the site picker once chosen or cancelled, the ad hoc form on esc.
func (p *SitePicker) finished() bool { return p.result != Picking }
func (f *adhocForm) finished() bool  { return f.done }
