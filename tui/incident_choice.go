package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
)

// incidentKinds are the store's incident kinds with their labels.
var incidentKinds = []choice{
	{"line", txtKindLine}, {"audio", txtKindAudio}, {"video", txtKindVideo},
	{"power", txtKindPower}, {"device", txtKindDevice}, {"other", txtKindOther},
}

// incidentStatuses are the statuses a technician may set.
var incidentStatuses = []choice{{"open", txtStatusOpen}, {"resolved", txtStatusResolved}}

// choice is one option of a cycling field: the stored code and its label.
type choice struct {
	code  string
	label textKey
}

// cycle changes a choice with ←/→, or jumps to the next option whose code or label starts with
// the typed letter (diacritics ignored).
func cycle(c Common, options []choice, cur int, km tea.KeyMsg) int {
	n := len(options)
	switch {
	case km.Type == tea.KeyLeft:
		return (cur + n - 1) % n
	case km.Type == tea.KeyRight, km.Type == tea.KeySpace:
		return (cur + 1) % n
	case km.Type == tea.KeyRunes && len(km.Runes) == 1:
		typed := meeting.Fold(string(km.Runes))
		for i := 1; i <= n; i++ {
			o := options[(cur+i)%n]
			if strings.HasPrefix(o.code, typed) || strings.HasPrefix(meeting.Fold(c.Text(o.label)), typed) {
				return (cur + i) % n
			}
		}
	}
	return cur
}
