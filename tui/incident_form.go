package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/store"
)

// formField is one field of the incident form, in tab order.
type formField int

const (
	fieldBridgePoint formField = iota
	fieldKind
	fieldDescription
	fieldStarted
	fieldEnded
	fieldAction
	fieldReporter
	fieldStatus
	fieldCount
)

// fieldLabels names the fields, in tab order.
var fieldLabels = [fieldCount]textKey{
	txtFieldBridgePoint, txtFieldKind, txtFieldDescription, txtFieldStarted,
	txtFieldEnded, txtFieldAction, txtFieldReporter, txtFieldStatus,
}

// IncidentSubmitMsg carries a validated incident for the root to save.
type IncidentSubmitMsg struct{ Incident store.Incident }

// IncidentCancelMsg closes the form without saving.
type IncidentCancelMsg struct{}

// IncidentForm is the form for a new incident (sự cố); it keeps everything typed until saved.
type IncidentForm struct {
	common    Common
	inputs    [fieldCount]textinput.Model // kind and status use kind/status instead
	kind      int
	status    int
	focus     formField
	errs      map[formField]string
	saveErr   string
	savedID   int64             // stored but not journaled yet
	members   map[string]string // bridge point id → name, the meeting's members
	meetingID int64
	title     string // "" for a new incident
	now       time.Time
	width     int
	height    int
}

// NewIncidentForm opens a form prefilled with bridgePoint, the time now and the actor as reporter.
func NewIncidentForm(c Common, bridgePoint string, members map[string]string, meetingID int64, now time.Time) *IncidentForm {
	f := &IncidentForm{common: c, members: members, meetingID: meetingID, now: now, errs: map[formField]string{}}
	for i := range f.inputs {
		f.inputs[i] = c.Styles.newInput("", 500)
	}
	f.inputs[fieldBridgePoint].SetValue(bridgePoint)
	f.inputs[fieldStarted].SetValue(now.Format("15:04"))
	f.inputs[fieldReporter].SetValue(c.Actor)
	f.focusField(fieldDescription)
	if bridgePoint == "" {
		f.focusField(fieldBridgePoint)
	}
	return f
}

// SetSize sets the form's size.
func (f *IncidentForm) SetSize(width, height int) {
	f.width, f.height = width, height
	for i := range f.inputs {
		f.inputs[i].Width = max(10, width-f.labelWidth()-7)
	}
}

// SetSaveError shows why the store refused the incident; the form stays as typed. A non-zero id
// is the incident already stored, which the next save updates.
func (f *IncidentForm) SetSaveError(msg string, id int64) {
	f.saveErr = msg
	if id != 0 {
		f.savedID = id
	}
}

// Errors returns the validation messages, in field order.
func (f *IncidentForm) Errors() []string {
	var out []string
	for field := formField(0); field < fieldCount; field++ {
		if msg := f.errs[field]; msg != "" {
			out = append(out, msg)
		}
	}
	return out
}

// Focused returns the field that has the keyboard.
func (f *IncidentForm) Focused() formField { return f.focus }

// Value returns the text of a text field.
func (f *IncidentForm) Value(field formField) string { return f.inputs[field].Value() }

// Init does nothing.
func (f *IncidentForm) Init() tea.Cmd { return nil }

// Update gives keys to the focused field first; tab, shift+tab, enter, ctrl+s and esc drive the form.
func (f *IncidentForm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := f.common.Keys
	switch {
	case key.Matches(km, k.Cancel):
		return func() tea.Msg { return IncidentCancelMsg{} }
	case key.Matches(km, k.Save), key.Matches(km, k.Submit) && f.focus == fieldCount-1:
		return f.submit()
	case key.Matches(km, k.NextField), key.Matches(km, k.Submit):
		f.focusField((f.focus + 1) % fieldCount)
		return nil
	case key.Matches(km, k.PrevField):
		f.focusField((f.focus + fieldCount - 1) % fieldCount)
		return nil
	}
	switch f.focus {
	case fieldKind:
		f.kind = cycle(f.common, incidentKinds, f.kind, km)
	case fieldStatus:
		f.status = cycle(f.common, incidentStatuses, f.status, km)
	default:
		var cmd tea.Cmd
		f.inputs[f.focus], cmd = f.inputs[f.focus].Update(km)
		return cmd
	}
	return nil
}

// focusField moves the keyboard to field.
func (f *IncidentForm) focusField(field formField) {
	f.inputs[f.focus].Blur()
	f.focus = field
	if field != fieldKind && field != fieldStatus {
		f.inputs[field].Focus()
	}
}

// submit validates the form: a command carrying the incident, or nil with the errors shown.
func (f *IncidentForm) submit() tea.Cmd {
	inc, errs := f.validate()
	f.errs = errs
	f.saveErr = ""
	if len(errs) > 0 {
		return nil
	}
	return func() tea.Msg { return IncidentSubmitMsg{Incident: inc} }
}

// ShortHelp is the form's bindings for the help bar.
func (f *IncidentForm) ShortHelp() []key.Binding { return f.common.Keys.formShortHelp() }

// FullHelp is every binding of the form, in columns.
func (f *IncidentForm) FullHelp() [][]key.Binding { return f.common.Keys.formFullHelp() }
