package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// gluedEllipsis finds a truncated cell running straight into the next column's text.
var gluedEllipsis = regexp.MustCompile(`…[^\s…│]`)

// TestTruncatedColumnsStayApart renders the main view, the incident list and the close view at
// 80×24 in both languages, with long names that must be cut, and fails when a cut cell ("…")
// touches the next column's text: at 80 columns the labels must still read apart.
func TestTruncatedColumnsStayApart(t *testing.T) {
	f := newFixture(t, 30)
	f.draft(t, f.members[2].ID, strings.Repeat("Mất tín hiệu kéo dài ", 6), false)
	for _, lang := range []string{"vi", "en"} {
		m := f.model(t, lang, 80, 24)
		syncFloor(t, m)
		check := func(what string) {
			t.Helper()
			for i, l := range strings.Split(ansi.Strip(m.View()), "\n") {
				if loc := gluedEllipsis.FindStringIndex(l); loc != nil {
					t.Errorf("%s %s: line %d has a cut cell glued to the next: %q", lang, what, i, l)
				}
			}
		}
		check("main view")
		press(t, m, "I")
		check("incident list")
		press(t, m, "esc", "C")
		check("pending incidents")
		press(t, m, "C")
		if m.closing() == nil {
			t.Fatalf("%s: C did not open the close view", lang)
		}
		check("close view")
		press(t, m, "esc")
	}
}
