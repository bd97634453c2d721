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

	meetingID, pos, count int64 // the meeting shown, its place among the live ones and their number
}

// NoMeetingView is the header while no meeting is live: no clock running, only the time of day.
func (h *Header) NoMeetingView() string {
	st := h.common.Styles
	return fit(" "+st.Title.Render(h.common.Text(txtNoMeetingLive)), h.width, false) + "\n" +
		fit(strings.Repeat(" ", max(0, h.width-8))+h.now.Format("15:04:05"), h.width, false)
}

// SetMeetingOf says which meeting the header names: its id, its place among the live meetings
// (0 when it is no longer live) and how many are live.
func (h *Header) SetMeetingOf(id, pos, count int64) { h.meetingID, h.pos, h.count = id, pos, count }

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
func (h *Header) Update(tea.Msg) tea.Cmd { return nil }

// ShortHelp has no bindings.
func (h *Header) ShortHelp() []key.Binding { return nil }

// FullHelp has no bindings.
func (h *Header) FullHelp() [][]key.Binding { return nil }

// View renders the two header lines.
func (h *Header) View() string {
	st, t := h.common.Styles, h.common.Text
	sep := st.Dim.Render(" │ ")
	first := doorBadge(h.common, h.snap) + st.Title.Render(h.snap.Title)
	if h.count > 1 || h.pos == 0 && h.count > 0 { // several live: which one this is
		first += st.Label.Render(t(txtMeetingOf, h.meetingID, h.pos, h.count))
	}
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
	// What a technician must always see: connections, interruption, mutes and the speaker; the
	// rest is shortened, then left out, when the line is narrow (80 columns).
	connected := st.Value.Render(t(txtConnected, h.snap.Connected, h.snap.Expected))
	var gap, gapShort string
	if h.total > 0 {
		gapShort = st.StatusErr.Render(t(txtInterruption, minSec(h.total)))
		gap = gapShort
		if h.selTotal > 0 {
			gap = st.StatusErr.Render(t(txtInterruption, minSec(h.total)) + " (" + h.selName + " " + minSec(h.selTotal) + ")")
		}
	}
	mutedPart := t(txtMutedCount, muted)
	speakerLabel := st.Label.Render(t(txtSpeaker) + ": ")
	// Every piece is rendered once; the forms of the line only choose among them.
	elapsedForms := [3]string{"", st.Value.Render(clock(elapsed)), st.Label.Render(t(txtElapsed)+" ") + st.Value.Render(clock(elapsed))}
	var rec string
	if h.snap.Recording {
		rec = st.StatusErr.Render(t(txtRecIndicator))
	}
	var draftForms [3]string
	if h.drafts > 0 {
		draftForms = [3]string{"", st.StatusErr.Render(t(txtDraftsShort, h.drafts)), st.StatusErr.Render(t(txtDraftsPending, h.drafts))}
	}
	line := func(opts headerOptions, speakerName string, testRoom int) string {
		var parts []string
		if e := elapsedForms[opts.elapsed]; e != "" {
			parts = append(parts, e)
		}
		if rec != "" && opts.rec {
			parts = append(parts, rec)
		}
		if d := draftForms[opts.drafts]; d != "" {
			parts = append(parts, d)
		}
		if h.testFailed != "" && testRoom > 0 {
			parts = append(parts, st.StatusErr.Render(clipCells(t(txtTestFailedHeader, h.testFailed), testRoom)))
		}
		parts = append(parts, connected)
		if opts.gapDetail && gap != "" {
			parts = append(parts, gap)
		} else if gapShort != "" {
			parts = append(parts, gapShort)
		}
		parts = append(parts, mutedPart, speakerLabel+speakerName)
		return strings.Join(parts, sep)
	}
	second := h.fitLine(line, clipCells(speaker, max(16, h.width/4))) // a long name must not push the clock out
	now := h.now.Format("15:04:05")
	if room := h.width - cells(second) - len(now) - 1; room > 0 {
		second += strings.Repeat(" ", room) + " " + now
	}
	return h.withBadge(first) + "\n" + fit(second, h.width, false)
}

// fitLine picks the widest form of the second line that fits: with the failed tests' flag in
// full if any form allows it, else with the flag clipped to what is left; the speaker's name
// gives way last.
func (h *Header) fitLine(line func(headerOptions, string, int) string, speaker string) string {
	if h.testFailed != "" {
		for _, opts := range headerFallbacks {
			if l := line(opts, speaker, h.width); cells(l) <= h.width {
				return l
			}
		}
	}
	second, chosen := "", headerFallbacks[len(headerFallbacks)-1]
	for _, opts := range headerFallbacks {
		if second = line(opts, speaker, 0); cells(second) <= h.width {
			chosen = opts
			break
		}
	}
	if over := cells(second) - h.width; over > 0 {
		return line(chosen, clipCells(speaker, max(4, cells(speaker)-over)), 0)
	}
	if room := h.width - cells(second) - 3; h.testFailed != "" && room >= 12 {
		return line(chosen, speaker, room)
	}
	return second
}

// headerOptions says which of the header's second-line items that may give way are shown.
type headerOptions struct {
	rec, gapDetail  bool
	elapsed, drafts int // 0 hidden, 1 short, 2 full
}

// headerFallbacks are the second line's forms, widest first: each drops or shortens one more
// item; connections, interruption, mutes and the speaker are in every one. The flag of failed
// test sessions takes whatever room the chosen form leaves.
var headerFallbacks = []headerOptions{
	{elapsed: 2, rec: true, gapDetail: true, drafts: 2},
	{elapsed: 2, rec: true, drafts: 2},
	{elapsed: 2, rec: true, drafts: 1},
	{elapsed: 1, rec: true, drafts: 1},
	{elapsed: 0, rec: true, drafts: 1},
	{drafts: 1},
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
