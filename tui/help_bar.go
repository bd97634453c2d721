package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// HelpBar is the bottom line: the status of the last command and the focused panel's keys.
type HelpBar struct {
	common    Common
	help      help.Model
	status    string
	statusErr bool
	width     int
}

// NewHelpBar returns a help bar styled from the session's renderer.
func NewHelpBar(c Common) *HelpBar {
	h := help.New()
	h.Styles = c.Styles.Help
	return &HelpBar{common: c, help: h}
}

// SetSize sets the bar's width.
func (b *HelpBar) SetSize(width, _ int) {
	b.width = width
	b.help.Width = width
}

// ToggleFull switches between the short and the full help.
func (b *HelpBar) ToggleFull() { b.help.ShowAll = !b.help.ShowAll }

// ShowsAll reports whether the full help is shown.
func (b *HelpBar) ShowsAll() bool { return b.help.ShowAll }

// SetStatus shows the result of the last command; isErr draws it as an error.
func (b *HelpBar) SetStatus(s string, isErr bool) { b.status, b.statusErr = s, isErr }

// Status returns the status line.
func (b *HelpBar) Status() string { return b.status }

// Init does nothing.
func (b *HelpBar) Init() tea.Cmd { return nil }

// Update does nothing: the root sets the status and toggles the help.
func (b *HelpBar) Update(tea.Msg) (*HelpBar, tea.Cmd) { return b, nil }

// View renders the status line then the help for keys.
func (b *HelpBar) View(keys help.KeyMap) string {
	st := b.common.Styles.StatusOK
	if b.statusErr {
		st = b.common.Styles.StatusErr
	}
	status := st.Render(fit(b.status, b.width, false))
	lines := strings.Split(b.help.View(keys), "\n")
	for i, l := range lines {
		lines[i] = fit(l, b.width, false)
	}
	return status + "\n" + strings.Join(lines, "\n")
}

// Height is how many lines View takes for keys.
func (b *HelpBar) Height(keys help.KeyMap) int {
	if !b.help.ShowAll {
		return 2
	}
	return 1 + strings.Count(b.help.View(keys), "\n") + 1
}
