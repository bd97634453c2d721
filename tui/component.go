package tui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Component is one part of the console's screen — a panel of the main screen or a view drawn
// over it: it takes the messages the root gives it, draws itself at the size it was given and
// names its keys for the help bar (help.KeyMap: ShortHelp and FullHelp).
type Component interface {
	help.KeyMap
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
}

// Every panel and every view is a Component.
var (
	_ Component = (*BridgePointTable)(nil)
	_ Component = (*SpeakQueue)(nil)
	_ Component = (*EventLog)(nil)
	_ Component = (*Header)(nil)
	_ Component = (*IncidentForm)(nil)
	_ Component = (*IncidentList)(nil)
	_ Component = (*ConfirmDialog)(nil)
	_ Component = (*CloseView)(nil)
	_ Component = (*TestSessionView)(nil)
	_ Component = (*BookingsView)(nil)
	_ Component = (*BookingFormView)(nil)
	_ Component = (*SitePicker)(nil)
	_ Component = (*RecordingsView)(nil)
	_ Component = (*MeetingsView)(nil)
	_ Component = (*adhocForm)(nil)
	_ Component = (*RoomView)(nil)
)
