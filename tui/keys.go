package tui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key binding of the console, with help text in the session's language.
type KeyMap struct {
	Move      key.Binding // help only: the four movement keys in one entry
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Home      key.Binding
	End       key.Binding
	Tab       key.Binding
	BackTab   key.Binding
	Mute      key.Binding
	MuteAll   key.Binding
	Grant     key.Binding
	Revoke    key.Binding
	Forward   key.Binding
	Dismiss   key.Binding
	Incident  key.Binding
	Filter    key.Binding
	Sort      key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding

	NextField key.Binding
	PrevField key.Binding
	Cycle     key.Binding
	Left      key.Binding
	Right     key.Binding
	Submit    key.Binding
	Save      key.Binding
	Cancel    key.Binding

	Yes   key.Binding
	No    key.Binding
	Apply key.Binding

	SoftMute     key.Binding
	Incidents    key.Binding
	CloseMeeting key.Binding
	ConfirmDraft key.Binding
	DiscardDraft key.Binding // help only: x in the incident list
	ConfirmAll   key.Binding // confirms every draft, in the close's pending list
	DiscardAll   key.Binding // discards every draft, in the close's pending list
	Edit         key.Binding // help only: enter in the incident list
	Back         key.Binding // help only: esc in lists and the close view
	Toggle       key.Binding
	Field        key.Binding // help only: ←/→ in the close view
	RaiseHand    key.Binding // an operator raises or lowers its bridge point's hand
	Bookings     key.Binding // the bookings view: due today / overdue and every booking's next deadline
	TestSession  key.Binding // the test-session view of the live meeting (Article 10)
	SaveTest     key.Binding // saves the selected bridge point's test result
	Recordings   key.Binding // the recording view: start/stop, recordings and their delivery (Article 12.2)
	RecordToggle key.Binding // starts or stops recording, in the recording view
	Deliver      key.Binding // marks the selected recording delivered, in the recording view
	BookingAdd   key.Binding // opens the booking form (Appendix I), in the bookings view
	BookingEdit  key.Binding // edits the selected booking, in the bookings view
	BookingStep  key.Binding // records the selected booking's next step, in the bookings view
	RollCall     key.Binding // the roll call (điểm danh): who is in the room, attendees, the door
	Lock         key.Binding // locks or unlocks the meeting
	Admit        key.Binding // admits the bridge point that asked to join first
	AdmitHere    key.Binding // admits the selected bridge point, in the roll call
	Disconnect   key.Binding // disconnects the selected bridge point, after a y/n question
	AskRollCall  key.Binding // asks every connected site for its attendees, in the roll call
	Attend       key.Binding // types the selected site's attendees, in the roll call
	Meetings     key.Binding // the live meetings and today's schedule: switch, open (meetings_view.go)
	OpenMeeting  key.Binding // opens the selected booking as the live meeting (bookings and meetings views)
	NewMeeting   key.Binding // opens an ad hoc meeting
	Dial         key.Binding // calls the selected SIP room system (again), calls_actions.go
	ConnectAll   key.Binding // calls every expected SIP room system not connected
	HangUp       key.Binding // hangs up the selected SIP room system's call
}

// NewKeyMap returns the console's key map (DESIGN.md) with help in lang.
func NewKeyMap(lang string) *KeyMap {
	b := func(k textKey, help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, text(lang, k)))
	}
	return &KeyMap{
		Move:      b(txtKeyMove, "↑↓/jk", "up", "down", "k", "j"),
		Up:        b(txtKeyUp, "↑/k", "up", "k"),
		Down:      b(txtKeyDown, "↓/j", "down", "j"),
		PageUp:    b(txtKeyPageUp, "pgup", "pgup"),
		PageDown:  b(txtKeyPageDown, "pgdn", "pgdown"),
		Home:      b(txtKeyHome, "home/g", "home", "g"),
		End:       b(txtKeyEnd, "end/G", "end", "G"),
		Tab:       b(txtKeyTab, "tab", "tab"),
		BackTab:   b(txtKeyTab, "shift+tab", "shift+tab"),
		Mute:      b(txtKeyMute, "m", "m"),
		MuteAll:   b(txtKeyMuteAll, "M", "M"),
		Grant:     b(txtKeyGrant, "enter", "enter"),
		Revoke:    b(txtKeyRevoke, "d", "d"),
		Forward:   b(txtKeyForward, "f", "f"),
		Dismiss:   b(txtKeyDismiss, "x", "x"),
		Incident:  b(txtKeyIncident, "i", "i"),
		Filter:    b(txtKeyFilter, "/", "/"),
		Sort:      b(txtKeySort, "s", "s"),
		Help:      b(txtKeyHelp, "?", "?"),
		Quit:      b(txtKeyQuit, "q", "q"),
		ForceQuit: b(txtKeyQuit, "ctrl+c", "ctrl+c"),

		NextField: b(txtKeyNextField, "tab", "tab", "down"),
		PrevField: b(txtKeyPrevField, "shift+tab", "shift+tab", "up"),
		Cycle:     b(txtKeyCycle, "←/→", "left", "right"),
		Left:      key.NewBinding(key.WithKeys("left")),
		Right:     key.NewBinding(key.WithKeys("right")),
		Submit:    b(txtKeySave, "enter", "enter"),
		Save:      b(txtKeySave, "ctrl+s", "ctrl+s"),
		Cancel:    b(txtKeyCancel, "esc", "esc"),

		Yes:   b(txtKeyYes, "y", "y", "Y"),
		No:    b(txtKeyNo, "n/esc", "n", "N", "esc"),
		Apply: b(txtKeyApply, "enter", "enter"),

		SoftMute:     b(txtKeySoftMute, "u", "u"),
		Incidents:    b(txtKeyIncidents, "I", "I"),
		CloseMeeting: b(txtKeyCloseMeeting, "C", "C"),
		ConfirmDraft: b(txtKeyConfirmDraft, "c", "c"),
		DiscardDraft: b(txtKeyDiscardDraft, "x", "x"),
		ConfirmAll:   b(txtKeyConfirmAll, "A", "A"),
		DiscardAll:   b(txtKeyDiscardAll, "X", "X"),
		Edit:         b(txtKeyEdit, "enter", "enter"),
		Back:         b(txtKeyBack, "esc", "esc"),
		Toggle:       b(txtKeyToggle, "space", " ", "space"),
		Field:        b(txtKeyField, "←/→", "left", "right"),
		RaiseHand:    b(txtKeyRaiseHand, "r", "r"),
		Bookings:     b(txtKeyBookings, "B", "B"),
		TestSession:  b(txtKeyTestSession, "T", "T"),
		SaveTest:     b(txtKeySave, "enter", "enter", "ctrl+s"),
		Recordings:   b(txtKeyRecordings, "R", "R"),
		RecordToggle: b(txtKeyRecordToggle, "s", "s"),
		Deliver:      b(txtKeyDeliver, "enter", "enter"),
		BookingAdd:   b(txtKeyBookingAdd, "a", "a"),
		BookingEdit:  b(txtKeyBookingEdit, "e", "e"),
		BookingStep:  b(txtKeyBookingStep, "n", "n"),
		RollCall:     b(txtKeyRollCall, "D", "D"),
		Lock:         b(txtKeyLock, "L", "L"),
		Admit:        b(txtKeyAdmit, "A", "A"),
		AdmitHere:    b(txtKeyAdmit, "a", "a"),
		Disconnect:   b(txtKeyDisconnect, "X", "X"),
		AskRollCall:  b(txtKeyAskRollCall, "r", "r"),
		Attend:       b(txtKeyAttend, "enter", "enter"),
		Meetings:     b(txtKeyMeetings, "W", "W"),
		OpenMeeting:  b(txtKeyOpenMeeting, "o", "o"),
		NewMeeting:   b(txtKeyNewMeeting, "N", "N"),
		Dial:         b(txtKeyDial, "p", "p"),
		ConnectAll:   b(txtKeyConnectAll, "P", "P"),
		HangUp:       b(txtKeyHangUp, "H", "H"),
	}
}

// shortHelp lists a panel's main bindings, then raise hand (operators only), help and quit, then the incident key, the
// panel's other bindings and movement, so that a narrow help bar cuts the least needed.
func (k *KeyMap) shortHelp(main []key.Binding, more ...key.Binding) []key.Binding {
	out := append([]key.Binding{}, main...)
	out = append(out, k.RaiseHand, k.Help, k.Quit, k.Incident)
	return append(append(out, more...), k.Bookings, k.TestSession, k.Recordings, k.Meetings, k.Tab, k.Move)
}

// globalFull is the full help's column of the keys that work from every panel of the main
// screen: the views, the meeting, help and quit.
func (k *KeyMap) globalFull() []key.Binding {
	return []key.Binding{k.Tab, k.MuteAll, k.RaiseHand, k.Incident, k.Incidents, k.Bookings, k.TestSession,
		k.Recordings, k.CloseMeeting, k.Help, k.Quit}
}

// formShortHelp is the help bar of a form (incident, booking).
func (k *KeyMap) formShortHelp() []key.Binding {
	return []key.Binding{k.NextField, k.PrevField, k.Cycle, k.Save, k.Cancel}
}

// formFullHelp is every binding of a form, in columns.
func (k *KeyMap) formFullHelp() [][]key.Binding {
	return [][]key.Binding{{k.NextField, k.PrevField}, {k.Cycle}, {k.Save, k.Submit, k.Cancel}}
}
