package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
)

// Header shows the meeting: title, host, chair, elapsed time, connections, mutes, speaker, clock.
type Header struct {
	common Common
	snap   mcu.Snapshot
	names  map[string]string
	now    time.Time
	width  int

	drafts   int           // incident drafts waiting for a technician
	total    time.Duration // interruption of the meeting
	selName  string        // the selected bridge point, when it was interrupted
	selTotal time.Duration

	testFailed string // bridge points whose latest test result failed, by name
}

// NewHeader returns an empty header.
func NewHeader(c Common) *Header { return &Header{common: c} }

// SetSize sets the header's width; it is always two lines high.
func (h *Header) SetSize(width, _ int) { h.width = width }

// SetSnapshot updates what the header shows, as of now.
func (h *Header) SetSnapshot(s mcu.Snapshot, names map[string]string, now time.Time) {
	h.snap, h.names, h.now = s, names, now
}

// SetFloor updates the drafts waiting, the meeting's interruption and the selected bridge point's.
func (h *Header) SetFloor(drafts int, total time.Duration, selName string, selTotal time.Duration) {
	h.drafts, h.total, h.selName, h.selTotal = drafts, total, selName, selTotal
}

// SetTestFailed flags the bridge points whose latest test session failed, until re-tested.
func (h *Header) SetTestFailed(names string) { h.testFailed = names }

// Init does nothing.
func (h *Header) Init() tea.Cmd { return nil }

// Update does nothing: the root feeds the header through SetSnapshot.
func (h *Header) Update(tea.Msg) (*Header, tea.Cmd) { return h, nil }

// ShortHelp has no bindings.
func (h *Header) ShortHelp() []key.Binding { return nil }

// FullHelp has no bindings.
func (h *Header) FullHelp() [][]key.Binding { return nil }

// View renders the two header lines.
func (h *Header) View() string {
	st, t := h.common.Styles, h.common.Text
	sep := st.Dim.Render(" │ ")
	first := doorBadge(h.common, h.snap) + st.Title.Render(h.snap.Title)
	if h.snap.Host != "" {
		first += sep + st.Label.Render(t(txtHost)+": ") + h.snap.Host
	}
	if h.snap.Chair != "" {
		first += sep + st.Label.Render(t(txtChair)+": ") + h.snap.Chair
	}
	muted := 0
	for _, p := range h.snap.Participants {
		if p.Mute != mcu.Unmuted {
			muted++
		}
	}
	speaker := t(txtNone)
	if h.snap.Speaker != "" {
		speaker = nameOf(h.names, h.snap.Speaker)
	}
	elapsed := time.Duration(0)
	if !h.snap.StartedAt.IsZero() {
		elapsed = h.now.Sub(h.snap.StartedAt)
	}
	parts := []string{st.Label.Render(t(txtElapsed)+" ") + st.Value.Render(clock(elapsed))}
	if h.snap.Recording {
		parts = append(parts, st.StatusErr.Render(t(txtRecIndicator)))
	}
	if h.drafts > 0 {
		parts = append(parts, st.StatusErr.Render(t(txtDraftsPending, h.drafts)))
	}
	if h.testFailed != "" {
		parts = append(parts, st.StatusErr.Render(clipCells(t(txtTestFailedHeader, h.testFailed), h.width/2)))
	}
	parts = append(parts, st.Value.Render(t(txtConnected, h.snap.Connected, h.snap.Expected)))
	if h.total > 0 {
		gap := t(txtInterruption, minSec(h.total))
		if h.selTotal > 0 {
			gap += " (" + h.selName + " " + minSec(h.selTotal) + ")"
		}
		parts = append(parts, st.StatusErr.Render(gap))
	}
	parts = append(parts, t(txtMutedCount, muted), st.Label.Render(t(txtSpeaker)+": ")+speaker)
	second := parts[0]
	for _, p := range parts[1:] {
		if cells(second)+cells(sep)+cells(p) > h.width {
			break
		}
		second += sep + p
	}
	now := h.now.Format("15:04:05")
	if room := h.width - cells(second) - len(now) - 1; room > 0 {
		second += strings.Repeat(" ", room) + " " + now
	}
	return h.withBadge(first) + "\n" + fit(second, h.width, false)
}

// withBadge ends the first line with the technician's role and name, at the right edge; the
// title gives way first, the badge takes at most half the width.
func (h *Header) withBadge(first string) string {
	c := h.common
	badge := " " + roleLabel(c, c.Perm)
	if name := technician(c.Actor); name != "" {
		badge += " · " + name
	}
	badge += " "
	badge = fit(badge, min(cells(badge), h.width/2), false)
	if badge == "" {
		return fit(first, h.width, false)
	}
	room := h.width - cells(badge) - 1
	return fit(first, room, false) + " " + c.Styles.Badge.Render(badge)
}

// nameOf returns the display name of bridge point id, or id itself.
func nameOf(names map[string]string, id string) string {
	if n, ok := names[id]; ok && n != "" {
		return n
	}
	return id
}
