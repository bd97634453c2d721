package tui

import tea "github.com/charmbracelet/bubbletea"

// splitRunes splits several runes that arrived in one read (keys typed quickly over SSH) into
// one key message each, unless a text field has the keyboard or the runes are a paste.
func (m *Model) splitRunes(km tea.KeyMsg) ([]tea.KeyMsg, bool) {
	if km.Type != tea.KeyRunes || len(km.Runes) < 2 || km.Paste || m.textFocused() {
		return nil, false
	}
	out := make([]tea.KeyMsg, len(km.Runes))
	for i, r := range km.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: km.Alt}
	}
	return out, true
}

// handleKeys acts on keys one after the other; a key that opens a text field sends the keys after
// it to that field, as typing them one at a time would.
func (m *Model) handleKeys(keys []tea.KeyMsg) tea.Cmd {
	var cmds []tea.Cmd
	for _, km := range keys {
		_, cmd := m.Update(km)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}
