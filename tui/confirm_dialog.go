package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// ConfirmAction is what a confirm dialog asks about.
type ConfirmAction int

const (
	ConfirmQuit         ConfirmAction = iota // ConfirmQuit: leave the console while the meeting is live
	ConfirmMuteAll                           // ConfirmMuteAll: mute every far end
	ConfirmCloseMeeting                      // ConfirmCloseMeeting: store the log and end the meeting
	ConfirmSubmitLog                         // ConfirmSubmitLog: submit a closed meeting's log
	ConfirmDisconnect                        // ConfirmDisconnect: end a bridge point's session
)

// ConfirmResultMsg is the technician's answer to a confirm dialog.
type ConfirmResultMsg struct {
	Action ConfirmAction
	Yes    bool
}

// ConfirmDialog asks a yes/no question; y confirms, n or esc cancels.
type ConfirmDialog struct {
	common   Common
	action   ConfirmAction
	question string
	width    int
	height   int
}

// NewConfirmDialog returns a dialog asking question about action.
func NewConfirmDialog(c Common, action ConfirmAction, question string) *ConfirmDialog {
	return &ConfirmDialog{common: c, action: action, question: question}
}

// Action is what the dialog asks about.
func (d *ConfirmDialog) Action() ConfirmAction { return d.action }

// Question is the dialog's text.
func (d *ConfirmDialog) Question() string { return d.question }

// SetSize sets the area the dialog is centred in.
func (d *ConfirmDialog) SetSize(width, height int) { d.width, d.height = width, height }

// Init does nothing.
func (d *ConfirmDialog) Init() tea.Cmd { return nil }

// Update answers on y, n or esc; other keys are ignored while the dialog is open.
func (d *ConfirmDialog) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	answer := func(yes bool) tea.Cmd {
		return func() tea.Msg { return ConfirmResultMsg{Action: d.action, Yes: yes} }
	}
	switch {
	case key.Matches(km, d.common.Keys.Yes):
		return answer(true)
	case key.Matches(km, d.common.Keys.No):
		return answer(false)
	}
	return nil
}

// View renders the question in a box centred in the dialog's area.
func (d *ConfirmDialog) View() string {
	st := d.common.Styles
	body := st.Value.Render(d.question) + " " + st.Label.Render(d.common.Text(txtConfirmYesNo))
	if w := max(4, d.width-6); cells(body) > w {
		// A long question wraps (word by word) rather than losing its end: what is asked must
		// be read whole before y.
		body = d.common.Renderer.NewStyle().Width(w).Render(body)
	}
	box := st.Dialog.Render(body)
	return d.common.Renderer.Place(d.width, d.height, lipgloss.Center, lipgloss.Center, box)
}

// ShortHelp is the dialog's bindings for the help bar.
func (d *ConfirmDialog) ShortHelp() []key.Binding {
	return []key.Binding{d.common.Keys.Yes, d.common.Keys.No}
}

// FullHelp is the dialog's bindings in one column.
func (d *ConfirmDialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
