package tui

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"diemcau/mcu"
	"diemcau/store"
	"diemcau/tui/tuitest"
)

// testActor is the technician identity the tests act as.
const testActor = tuitest.Actor

// fixture is the console's test rig (a real SQLite store, a real MCU and one open conference)
// under the names the tests use.
type fixture struct {
	st      *store.Store
	mcu     *mcu.MCU
	conf    *mcu.Conference
	meeting int64
	members []mcu.Member
}

// newFixture opens a store in t.TempDir() with a main bridge point and subs far ends, creates a
// meeting and opens its conference on a loopback MCU.
func newFixture(t *testing.T, subs int) *fixture {
	t.Helper()
	r := tuitest.New(t, subs)
	return &fixture{st: r.Store, mcu: r.MCU, conf: r.Conf, meeting: r.Meeting, members: r.Members}
}

// rig is the fixture as the rig's checks see it, with the MCU and conference it has now (the
// roll-call tests swap them).
func (f *fixture) rig() *tuitest.Rig {
	return &tuitest.Rig{Store: f.st, MCU: f.mcu, Conf: f.conf, Meeting: f.meeting, Members: f.members}
}

// options returns console options for the fixture in lang.
func (f *fixture) options(lang string) Options {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	return Options{MCU: f.mcu, Conference: f.conf.ID(), Store: f.st, Lang: lang, Actor: testActor, Renderer: r}
}

// model returns a root model sized width×height, showing the conference.
func (f *fixture) model(t *testing.T, lang string, width, height int) *Model {
	t.Helper()
	m := New(f.options(lang))
	t.Cleanup(m.Close)
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	return m
}

// participant returns the snapshot of member id.
func (f *fixture) participant(t *testing.T, id string) mcu.Participant {
	t.Helper()
	return f.rig().Participant(t, id)
}

// eventually polls cond until it holds or 5 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tuitest.Eventually(t, what, cond)
}

// keyMsg builds the KeyMsg of a key name as Bubble Tea spells it ("down", "ctrl+s", "q").
func keyMsg(s string) tea.KeyMsg {
	for kt, name := range keyNames {
		if name == s {
			return tea.KeyMsg{Type: kt}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// keyNames are the special keys the tests press.
var keyNames = map[tea.KeyType]string{
	tea.KeyUp: "up", tea.KeyDown: "down", tea.KeyTab: "tab", tea.KeyShiftTab: "shift+tab",
	tea.KeyEnter: "enter", tea.KeyEsc: "esc", tea.KeyCtrlS: "ctrl+s", tea.KeyCtrlC: "ctrl+c",
	tea.KeyLeft: "left", tea.KeyRight: "right", tea.KeyEnd: "end", tea.KeyPgDown: "pgdown",
	tea.KeyBackspace: "backspace",
}

// press sends keys to m and runs what they start the way the program would (console messages
// only; tickers and the event reader are left alone). It returns the messages produced.
func press(t *testing.T, m *Model, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		out = append(out, runCmd(t, m, cmd)...)
	}
	return out
}

// runCmd executes cmd and feeds console messages back into m, recursively.
func runCmd(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-got:
	case <-time.After(3 * time.Second):
		return nil // a ticker or blink: not ours
	}
	out := []tea.Msg{msg}
	switch msg := msg.(type) {
	case ConfirmResultMsg, CommandResultMsg, IncidentSubmitMsg, IncidentSavedMsg,
		IncidentSaveFailedMsg, IncidentCancelMsg, IncidentChangedMsg, IncidentEditMsg,
		IncidentConfirmMsg, IncidentDiscardMsg, IncidentListCloseMsg, closePrefillMsg,
		CloseSubmitMsg, CloseCancelMsg, MeetingClosedMsg, CloseContinueMsg, IncidentConfirmAllMsg,
		IncidentDiscardAllMsg, logSubmittedMsg:
		_, next := m.Update(msg)
		out = append(out, runCmd(t, m, next)...)
	case roomMsg:
		_, next := m.Update(msg)
		out = append(out, runCmd(t, m, next)...)
	case floorMsg:
		if !msg.again { // the periodic refresh would never end
			_, next := m.Update(msg)
			out = append(out, runCmd(t, m, next)...)
		}
	}
	return out
}

// hasQuit reports whether msgs contain tea.QuitMsg.
func hasQuit(msgs []tea.Msg) bool {
	for _, msg := range msgs {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// plain strips ANSI from a view.
func plain(s string) string { return ansi.Strip(s) }

// contains reports whether the plain view contains every want.
func contains(view string, want ...string) (string, bool) {
	p := plain(view)
	for _, w := range want {
		if !strings.Contains(p, w) {
			return w, false
		}
	}
	return "", true
}

// syncBuffer is a bytes.Buffer safe for the console's log writes and the test's reads.
type syncBuffer = tuitest.SyncBuffer
