package sshd

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/tui"
	"diemcau/tui/tuitest"
)

// fixture is the console's test rig — a real SQLite store, a real MCU and one open conference —
// whose consoles the SSH sessions show.
type fixture struct {
	rig     *tuitest.Rig
	conf    *mcu.Conference
	meeting int64
}

// newFixture opens the rig with a main bridge point and subs far ends.
func newFixture(t *testing.T, subs int) *fixture {
	t.Helper()
	r := tuitest.New(t, subs)
	return &fixture{rig: r, conf: r.Conf, meeting: r.Meeting}
}

// options returns the console options every session starts from, in lang.
func (f *fixture) options(lang string) tui.Options {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	return tui.Options{MCU: f.rig.MCU, Conference: f.conf.ID(), Store: f.rig.Store, Lang: lang, Actor: tuitest.Actor, Renderer: r}
}

// participant returns the snapshot of member id.
func (f *fixture) participant(t *testing.T, id string) mcu.Participant {
	t.Helper()
	return f.rig.Participant(t, id)
}

// actions lists the audit actions of actor in the fixture's meeting, oldest first.
func (f *fixture) actions(t *testing.T, actor string) []string {
	t.Helper()
	return f.rig.Actions(t, actor)
}

// auditCount is the number of audit rows of the fixture's meeting.
func (f *fixture) auditCount(t *testing.T) int {
	t.Helper()
	return f.rig.AuditCount(t)
}

// unchanged fails when any bridge point's mute or floor, the queue or the audit log changed.
func (f *fixture) unchanged(t *testing.T, what string, before mcu.Snapshot, audit int) {
	t.Helper()
	f.rig.Unchanged(t, what, before, audit)
}

// wardMeeting opens the two wards' ad hoc meeting beside the fixture's.
func wardMeeting(t *testing.T, f *fixture) *live.Manager {
	t.Helper()
	lv, _ := f.rig.WardMeeting(t)
	return lv
}

// eventually polls cond until it holds or 5 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tuitest.Eventually(t, what, cond)
}

// plain strips ANSI from a screen.
func plain(s string) string { return ansi.Strip(s) }
