package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"diemcau/mcu"
)

// Grade is a bridge point's link quality, from its packet loss.
type Grade int

const (
	GradeGood Grade = iota // GradeGood: loss under 1 %
	GradeFair              // GradeFair: loss under 3 %
	GradePoor              // GradePoor: loss under 10 %
	GradeBad               // GradeBad: 10 % or more
)

// gradeOf grades a loss percentage.
func gradeOf(lossPct float64) Grade {
	switch {
	case lossPct < 1:
		return GradeGood
	case lossPct < 3:
		return GradeFair
	case lossPct < 10:
		return GradePoor
	default:
		return GradeBad
	}
}

// levelMeter draws level (0–100) as a bar of width cells: ▮ filled, ▯ empty.
func levelMeter(level, width int) string {
	if width <= 0 {
		return ""
	}
	level = max(0, min(100, level))
	filled := (level*width + 50) / 100
	return strings.Repeat("▮", filled) + strings.Repeat("▯", width-filled)
}

// clock formats d as hh:mm:ss.
func clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// minSec formats d as mm:ss (minutes grow past 59).
func minSec(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// fit truncates s to width cells and pads it with spaces, on the left when right is true.
func fit(s string, width int, right bool) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	pad := width - ansi.StringWidth(s)
	if pad <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", pad) + s
	}
	return s + strings.Repeat(" ", pad)
}

// number formats v with one decimal below 10 and none above, "–" when unknown.
func number(v float64, known bool) string {
	switch {
	case !known:
		return "–"
	case v < 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

// micKey names the mic state of a mute mode.
func micKey(m mcu.MuteMode) textKey {
	switch m {
	case mcu.SoftMute:
		return txtMicSoft
	case mcu.HardMute:
		return txtMicHard
	default:
		return txtMicOpen
	}
}

// stateKey names a participant's connection state; seen says it was connected before.
func stateKey(p mcu.Participant, seen bool) textKey {
	switch {
	case p.Connected:
		return txtStateConnected
	case seen || p.PacketsIn > 0 || p.Reconnects > 0:
		return txtStateDisconnected
	default:
		return txtStateNever
	}
}

// cells is the display width of s in terminal cells.
func cells(s string) int { return ansi.StringWidth(s) }

// panelTitle renders a panel's title bar, highlighted when the panel has the keyboard.
func panelTitle(c Common, title string, width int, focused bool) string {
	style := c.Styles.PanelTitle
	if focused {
		style = c.Styles.PanelTitleFocused
	}
	return style.Render(fit(" "+title, width, false))
}

// padLines pads or cuts s to exactly n lines.
func padLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[:max(0, n)]
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
