package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
	"diemcau/store"
)

// bkField is one field of the booking form (Appendix I), in tab order.
type bkField int

const (
	bkKind bkField = iota
	bkHostUnit
	bkRoom
	bkContent
	bkChairName
	bkChairTitle
	bkStart
	bkEnd
	bkLegalNumber
	bkLegalDate
	bkLegalIssuer
	bkTechName
	bkTechPhone
	bkPoints
	bkProjector
	bkVideo
	bkSpeaking
	bkRecording
	bkEmergency
	bkEmergencyReason
	bkOpinion
	bkFormDate
	bkHeadOfUnit
	bkOverride // shown once the Desk reported a conflict
	bkFieldCount
)

// bkLabels names the fields, in tab order.
var bkLabels = [bkFieldCount]textKey{
	txtBfKind, txtBfHostUnit, txtBfRoom, txtBfContent, txtBfChairName, txtBfChairTitle, txtBfStart,
	txtBfEnd, txtBfLegalNumber, txtBfLegalDate, txtBfLegalIssuer, txtBfTechName, txtBfTechPhone,
	txtBfPoints, txtBfProjector, txtBfVideo, txtBfSpeaking, txtBfRecording, txtBfEmergency,
	txtBfEmergencyReason, txtBfOpinion, txtBfFormDate, txtBfHeadOfUnit, txtBfOverride,
}

// bookingKinds are the meeting kinds of Article 5.2.
var bookingKinds = []choice{{"a", txtBfKindA}, {"b", txtBfKindB}, {"c", txtBfKindC}, {"d", txtBfKindD}}

// yesNo is a box of the form's "other needs".
var yesNo = []choice{{"no", txtBfNo}, {"yes", txtBfYes}}

// emergencyKinds are "not an emergency" and the emergencies of Article 8.2.c.
var emergencyKinds = []choice{
	{"", txtBfEmNone}, {"storm", txtBfEmStorm}, {"flood", txtBfEmFlood},
	{"disaster", txtBfEmDisaster}, {"fire", txtBfEmFire}, {"other", txtBfEmOther},
}

// bkChoices are the fields chosen with ←/→ instead of typed.
var bkChoices = map[bkField][]choice{
	bkKind: bookingKinds, bkProjector: yesNo, bkVideo: yesNo, bkSpeaking: yesNo,
	bkRecording: yesNo, bkEmergency: emergencyKinds,
}

// bookingSubmitMsg carries the typed form for the root to file through the Desk.
type bookingSubmitMsg struct {
	form     meeting.BookingForm
	id       int64          // the booking edited; 0 for a new one
	base     *store.Booking // the booking as the form opened it; nil for a new one
	override string         // the reason to accept conflicts; "" refuses them
	view     *BookingFormView
}

// bookingFormCancelMsg closes the form without saving.
type bookingFormCancelMsg struct{}

func (bookingSubmitMsg) workflow()     {}
func (bookingFormCancelMsg) workflow() {}

// BookingFormView is the registration form of Appendix I in the console. It checks nothing
// itself: the Desk applies the rules when saved, and its refusals are shown next to their
// fields while everything typed is kept.
type BookingFormView struct {
	common       Common
	inputs       [bkFieldCount]textinput.Model
	picks        map[bkField]int
	focus        bkField
	errs         map[bkField][]string
	saveErr      string
	conflicts    []string // the clashing meetings or calendar doubts the Desk named; the override field is shown
	overrideHead textKey  // what the lines above the override field are: clashes or calendar doubts
	editID       int64
	base         *store.Booking // the booking as opened, so a save after someone else's is refused
	units        []store.Unit
	bps          []store.BridgePoint
	groups       []meeting.Group // for the site picker: built in and the users'
	picker       *SitePicker     // on the overlay stack over the form while the sub bridge points are chosen
	pickerNew    bool            // picker is still to be put on the stack (takePicker)
	offset       int
	width        int
	height       int
}

// NewBookingFormView opens an empty form; hostUnit, when known (a host's key), is prefilled.
func NewBookingFormView(c Common, units []store.Unit, bps []store.BridgePoint, hostUnit string) *BookingFormView {
	f := &BookingFormView{common: c, units: units, bps: bps, picks: map[bkField]int{}, errs: map[bkField][]string{}}
	for i := range f.inputs {
		f.inputs[i] = c.Styles.newInput("", 500)
	}
	f.inputs[bkPoints].CharLimit = 0 // a whole registry with contacts: no limit to cut it short
	f.inputs[bkHostUnit].SetValue(hostUnit)
	f.picks[bkKind] = 1 // b: most bookings are the departments'
	f.example(bkStart, "2026-12-10 08:00")
	f.example(bkEnd, "2026-12-10 11:00")
	f.example(bkLegalDate, "2026-12-01")
	f.example(bkPoints, c.Text(txtBfPointsHint))
	f.focusField(bkKind)
	f.roomHint()
	return f
}

// EditBookingFormView opens the form on a stored booking; saving edits it.
func EditBookingFormView(c Common, units []store.Unit, bps []store.BridgePoint, b store.Booking) *BookingFormView {
	f := NewBookingFormView(c, units, bps, b.HostUnit)
	f.editID, f.base = b.ID, &b
	set := map[bkField]string{
		bkRoom: b.Room, bkContent: b.Content, bkChairName: b.ChairName, bkChairTitle: b.ChairTitle,
		bkStart: b.StartsAt.In(meeting.Zone()).Format("2006-01-02 15:04"),
		bkEnd:   b.EndsAt.In(meeting.Zone()).Format("2006-01-02 15:04"), bkLegalNumber: b.LegalNumber,
		bkLegalDate: b.LegalDate, bkLegalIssuer: b.LegalIssuer, bkTechName: b.TechName,
		bkTechPhone: b.TechPhone, bkPoints: formatPoints(b.Points), bkEmergencyReason: b.EmergencyReason,
		bkOpinion: b.DeptOpinion, bkFormDate: b.FormDate, bkHeadOfUnit: b.HeadOfUnit,
	}
	for field, v := range set {
		f.inputs[field].SetValue(v)
	}
	pick := func(field bkField, code string) {
		for i, o := range bkChoices[field] {
			if o.code == code {
				f.picks[field] = i
			}
		}
	}
	yes := func(v bool) string {
		if v {
			return "yes"
		}
		return "no"
	}
	pick(bkKind, b.Kind)
	pick(bkEmergency, b.Emergency)
	pick(bkProjector, yes(b.Projector))
	pick(bkVideo, yes(b.VideoPlayback))
	pick(bkSpeaking, yes(b.Speaking))
	pick(bkRecording, yes(b.Recording))
	f.roomHint()
	return f
}

// example sets the hint shown in an empty field, marked as an example ("vd: …") and drawn dim
// and slanted, so that it never reads as a value already typed.
func (f *BookingFormView) example(field bkField, text string) {
	f.inputs[field].Placeholder = f.common.Text(txtBfExample, text)
}

// SetGroups gives the site picker the groups of bridge points it offers whole.
func (f *BookingFormView) SetGroups(groups []meeting.Group) { f.groups = groups }

// Picker is the site picker open over the form, nil when none is.
func (f *BookingFormView) Picker() *SitePicker { return f.picker }

// opened is the site picker the form has just opened, once: the root puts it on the overlay
// stack over the form.
func (f *BookingFormView) opened() overlay {
	if !f.pickerNew {
		return nil
	}
	f.pickerNew = false
	return f.picker
}

// openPicker opens the site picker on the sub bridge points typed so far.
func (f *BookingFormView) openPicker() {
	f.pickerNew = true
	f.picker = NewSitePicker(f.common, f.units, f.bps, slices.Clone(f.groups))
	if f.common.Perm.bookingAllowed(ActBookingEdit) {
		f.picker.EnableGroupSaving()
	}
	points, _ := parsePoints(f.common, f.inputs[bkPoints].Value())
	f.picker.SetSelection(points)
}

// closed takes the site picker's outcome once it is off the stack: its choice, when done,
// becomes the field's text.
func (f *BookingFormView) closed(child overlay) {
	p, ok := child.(*SitePicker)
	if !ok || p != f.picker {
		return
	}
	if p.Result() == Picked {
		points, _ := p.Selection()
		f.inputs[bkPoints].SetValue(formatFormPoints(points))
		f.inputs[bkPoints].CursorEnd()
		f.errs[bkPoints] = nil
	}
	f.picker = nil
}

// SetSize sets the form's size.
func (f *BookingFormView) SetSize(width, height int) {
	f.width, f.height = width, height
	for i := range f.inputs {
		f.inputs[i].Width = max(10, width-f.labelWidth()-7)
	}
}

// Value returns the text of a typed field.
func (f *BookingFormView) Value(field bkField) string { return f.inputs[field].Value() }

// Focused returns the field that has the keyboard.
func (f *BookingFormView) Focused() bkField { return f.focus }

// shown reports whether field is on the form: the override reason only after a conflict.
func (f *BookingFormView) shown(field bkField) bool {
	return field != bkOverride || len(f.conflicts) > 0
}

// Update gives keys to the focused field first; tab, shift+tab, enter, ctrl+s and esc drive the form.
func (f *BookingFormView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := f.common.Keys
	last := bkHeadOfUnit
	if f.shown(bkOverride) {
		last = bkOverride
	}
	switch {
	case key.Matches(km, k.Cancel):
		return func() tea.Msg { return bookingFormCancelMsg{} }
	case key.Matches(km, k.Submit) && f.focus == bkPoints:
		f.openPicker()
		return nil
	case key.Matches(km, k.Save), key.Matches(km, k.Submit) && f.focus == last:
		return f.submit()
	case key.Matches(km, k.NextField), key.Matches(km, k.Submit):
		f.move(1)
		return nil
	case key.Matches(km, k.PrevField):
		f.move(-1)
		return nil
	}
	if options, ok := bkChoices[f.focus]; ok {
		f.picks[f.focus] = cycle(f.common, options, f.picks[f.focus], km)
		f.roomHint()
		return nil
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(km)
	if f.focus == bkHostUnit {
		f.roomHint()
	}
	return cmd
}

// move focuses the next (+1) or previous (-1) field shown, wrapping around.
func (f *BookingFormView) move(step int) {
	next := f.focus
	for {
		next = (next + bkField(step) + bkFieldCount) % bkFieldCount
		if f.shown(next) {
			break
		}
	}
	f.focusField(next)
}

// focusField moves the keyboard to field.
func (f *BookingFormView) focusField(field bkField) {
	f.inputs[f.focus].Blur()
	f.focus = field
	if _, ok := bkChoices[field]; !ok {
		f.inputs[field].Focus()
	}
}

// roomHint shows, in the empty room field, the room Article 9.3 gives the host and kind.
func (f *BookingFormView) roomHint() {
	f.inputs[bkRoom].Placeholder = ""
	room, ok := meeting.HostRoom(f.units, f.bps, f.code(bkKind), strings.TrimSpace(f.inputs[bkHostUnit].Value()))
	if !ok {
		return
	}
	name := room.Room
	if name == "" {
		name = room.Name
	}
	f.inputs[bkRoom].Placeholder = f.common.Text(txtBfRoomDefault, name)
}

// code is the chosen option's code of a choice field.
func (f *BookingFormView) code(field bkField) string { return bkChoices[field][f.picks[field]].code }

// submit builds the form for the Desk; only what cannot be a form at all (attendees that are
// not a number) is refused here.
func (f *BookingFormView) submit() tea.Cmd {
	f.errs, f.saveErr = map[bkField][]string{}, ""
	form, errs := f.form()
	if len(errs) > 0 {
		f.errs[bkPoints] = errs
		f.focusField(bkPoints)
		return nil
	}
	msg := bookingSubmitMsg{form: form, id: f.editID, base: f.base, view: f}
	if f.shown(bkOverride) {
		msg.override = strings.TrimSpace(f.inputs[bkOverride].Value())
	}
	return func() tea.Msg { return msg }
}

// form is what was typed as the Desk's form, with the problems of the bridge-point list.
func (f *BookingFormView) form() (meeting.BookingForm, []string) {
	v := func(field bkField) string { return strings.TrimSpace(f.inputs[field].Value()) }
	points, errs := parsePoints(f.common, v(bkPoints))
	form := meeting.BookingForm{
		Kind:         f.code(bkKind),
		LegalBasis:   meeting.LegalBasis{Number: v(bkLegalNumber), Date: v(bkLegalDate), Issuer: v(bkLegalIssuer)},
		HostUnit:     v(bkHostUnit),
		Room:         v(bkRoom),
		Content:      v(bkContent),
		Chair:        meeting.Person{Name: v(bkChairName), Title: v(bkChairTitle)},
		Start:        v(bkStart),
		End:          v(bkEnd),
		Technician:   meeting.Person{Name: v(bkTechName), Phone: v(bkTechPhone)},
		BridgePoints: points,
		Needs: meeting.Needs{Projector: f.code(bkProjector) == "yes", VideoPlayback: f.code(bkVideo) == "yes",
			Speaking: f.code(bkSpeaking) == "yes", Recording: f.code(bkRecording) == "yes"},
		Opinion:    v(bkOpinion),
		FormDate:   v(bkFormDate),
		HeadOfUnit: v(bkHeadOfUnit),
	}
	if kind := f.code(bkEmergency); kind != "" {
		form.Emergency = &meeting.Emergency{Kind: kind, Reason: v(bkEmergencyReason)}
	}
	return form, errs
}

// ShortHelp is the form's bindings for the help bar.
func (f *BookingFormView) ShortHelp() []key.Binding { return f.common.Keys.formShortHelp() }

// FullHelp is every binding of the form, in columns.
func (f *BookingFormView) FullHelp() [][]key.Binding { return f.common.Keys.formFullHelp() }
