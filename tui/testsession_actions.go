package tui

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// testResultsEvery is how often the console rereads the saved test results for the header's flag.
const testResultsEvery = 2 * time.Second

// workflowMsg is a message of the bookings and test-session views; the root hands every one to
// updateWorkflow.
type workflowMsg interface{ workflow() }

// testSaveMsg asks the root to save a bridge point's checklist.
type testSaveMsg struct {
	bridgePoint string
	items       []meeting.ItemResult
	prev        *store.TestResult // the result saved before, to say what changed; nil when none
}

// testOverwriteMsg warns that saving would turn bridgePoint's passed result into a failed
// one, with what changed; enter again saves.
type testOverwriteMsg struct {
	bridgePoint string
	changes     []meeting.TestChange
}

// testCloseMsg closes the test-session view.
type testCloseMsg struct{}

// testResultsMsg carries the latest saved result of each bridge point of a meeting.
type testResultsMsg struct {
	meetingID int64
	latest    []store.TestResult
	err       error
	again     bool  // the periodic reread: schedule the next one
	booking   int64 // the booking whose "test session done" step this read recorded; 0 when none
}

// testSavedMsg reports a checklist stored and audited.
type testSavedMsg struct {
	result  store.TestResult
	prev    *store.TestResult // the result it replaced; nil for the first
	changes []meeting.TestChange
}

func (testSaveMsg) workflow()      {}
func (testCloseMsg) workflow()     {}
func (testResultsMsg) workflow()   {}
func (testSavedMsg) workflow()     {}
func (testOverwriteMsg) workflow() {}

// Measure is what the MCU measured of a participant, as the test session's checklist reads it.
func Measure(p mcu.Participant) meeting.Measurement {
	q := p.Quality
	return meeting.Measurement{Connected: p.Connected, AudioLevel: p.AudioLevel, LossPct: q.LossPct,
		JitterMs: q.JitterMs, RTTMs: q.RTTMs, BitrateKbps: q.BitrateKbps, Width: q.Width, Height: q.Height}
}

// keepCamerasFor is how long one renewal of the test session's camera lease lasts.
const keepCamerasFor = 5 * time.Second

// observeTests hands the MCU's figures of every bridge point to the test meter.
func (m *Model) observeTests(s mcu.Snapshot, at time.Time) {
	for _, p := range s.Participants {
		m.testMeter.Observe(p.ID, Measure(p), at)
	}
	if m.testing() != nil {
		m.testing().SetSnapshot(s)
		if m.conf != nil {
			// The checklist measures every site's picture and bitrate: no camera paused
			// while the view is open (renewed with each snapshot, so it lapses by itself).
			m.conf.KeepCameras(keepCamerasFor)
		}
	}
}

// openTestSession opens the test-session view of the shown meeting and reads its saved results.
func (m *Model) openTestSession() tea.Cmd {
	m.shut(m.bookings())
	view := NewTestSessionView(m.common, m.testMeter)
	view.SetSnapshot(m.snap)
	m.open(view)
	return testResultsCmd(m.common, m.opts.Store, m.snap.MeetingID, 0, false)
}

// testResultsTick rereads the saved results after delay, again and again.
func (m *Model) testResultsTick(delay time.Duration) tea.Cmd {
	return testResultsCmd(m.common, m.opts.Store, m.snap.MeetingID, delay, true)
}

// testResultsCmd reads the latest saved result of each bridge point of meetingID after delay.
func testResultsCmd(c Common, st *store.Store, meetingID int64, delay time.Duration, again bool) tea.Cmd {
	if st == nil {
		return nil
	}
	return commandAfter(c, delay, func(ctx context.Context) tea.Msg {
		var latest []store.TestResult
		var err error
		if meetingID != 0 {
			latest, err = c.desk().LatestTestResults(ctx, meetingID)
		}
		return testResultsMsg{meetingID: meetingID, latest: latest, err: err, again: again}
	})
}

// saveTestCmd stores a bridge point's checklist, audited with the technician's identity.
func saveTestCmd(c Common, st *store.Store, meetingID int64, msg testSaveMsg) tea.Cmd {
	if st == nil {
		return func() tea.Msg { return CommandResultMsg{Err: errors.New(c.Text(txtNoStore))} }
	}
	return command(c, func(ctx context.Context) tea.Msg {
		r, err := c.desk().SaveTestResult(ctx, meetingID, msg.bridgePoint, msg.items)
		if err != nil {
			return CommandResultMsg{Err: err}
		}
		saved := testSavedMsg{result: r, prev: msg.prev}
		if msg.prev != nil {
			saved.changes = meeting.TestChanges(*msg.prev, msg.items)
		}
		return saved
	})
}

// testKey gives a key to the test-session view; a tick is applied at once, so that a save
// typed right after it includes it.
func (m *Model) testKey(km tea.KeyMsg) tea.Cmd {
	if p, ok := m.testing().Selected(); ok && key.Matches(km, m.common.Keys.Toggle) {
		if m.permit(ActTestSession, p.ID) {
			m.testing().Toggle(p.ID)
		}
		return nil
	}
	return m.testing().Update(km)
}

// completeTestCmd rereads the saved results and, when every bridge point of the booking the
// meeting was opened from has passed, records the booking's "test session done" step.
func completeTestCmd(c Common, st *store.Store, cal *meeting.Calendar, meetingID int64) tea.Cmd {
	read := testResultsCmd(c, st, meetingID, 0, false)
	return command(c, func(ctx context.Context) tea.Msg {
		msg, ok := read().(testResultsMsg)
		if !ok || msg.err != nil {
			return msg
		}
		id, err := c.desk().WithBookings(cal, nil).CompleteTestSession(ctx, msg.latest)
		var se *meeting.StepError
		if errors.As(err, &se) {
			return CommandResultMsg{Err: errors.New(se.Message(c.Lang))}
		}
		if err != nil {
			return CommandResultMsg{Err: err}
		}
		msg.booking = id
		return msg
	})
}

// updateWorkflow handles the messages of the bookings and test-session views.
func (m *Model) updateWorkflow(msg workflowMsg) tea.Cmd {
	switch msg := msg.(type) {
	case testCloseMsg:
		m.shut(m.testing())
	case testSaveMsg:
		if !m.permit(ActTestSession, msg.bridgePoint) || m.snap.MeetingID == 0 {
			return nil
		}
		return saveTestCmd(m.common, m.opts.Store, m.snap.MeetingID, msg)
	case testSavedMsg:
		verdict := m.common.Text(txtTsFail)
		if msg.result.Passed {
			verdict = m.common.Text(txtTsPass)
		}
		status := m.common.Text(txtTsSaved, nameOf(m.names, msg.result.BridgePoint), verdict)
		if msg.prev != nil {
			status += "; " + m.testChangesText(msg.prev, msg.changes)
		}
		m.help.SetStatus(status, !msg.result.Passed)
		if msg.result.Passed && m.common.Perm.Allows(ActTestSession, "") {
			return completeTestCmd(m.common, m.opts.Store, m.opts.Calendar, m.snap.MeetingID)
		}
		return testResultsCmd(m.common, m.opts.Store, m.snap.MeetingID, 0, false)
	case testOverwriteMsg:
		m.help.SetStatus(m.common.Text(txtTsOverwrite, nameOf(m.names, msg.bridgePoint),
			m.changesList(msg.changes)), true)
	case testResultsMsg:
		if msg.err == nil && msg.meetingID == m.snap.MeetingID {
			m.applyTestResults(msg.latest)
		}
		if msg.booking != 0 {
			m.help.SetStatus(m.common.Text(txtTsStepDone, msg.booking, meeting.StepName(m.common.Lang, meeting.StepTestDone)), false)
		}
		if msg.again {
			return m.testResultsTick(testResultsEvery)
		}
	default:
		return m.updateBookings(msg)
	}
	return nil
}

// testChangesText says what a save changed since the result before it (saved at what time),
// or that nothing did.
func (m *Model) testChangesText(prev *store.TestResult, changes []meeting.TestChange) string {
	at := prev.TestedAt.In(meeting.Zone()).Format("15:04")
	if len(changes) == 0 {
		return m.common.Text(txtTsUnchanged, at)
	}
	return m.common.Text(txtTsChanged, at, m.changesList(changes))
}

// changesList names each changed item with its outcome before and now.
func (m *Model) changesList(changes []meeting.TestChange) string {
	c := m.common
	verdict := func(ok bool) string {
		if ok {
			return c.Text(txtTsPass)
		}
		return c.Text(txtTsFail)
	}
	parts := make([]string, len(changes))
	for i, ch := range changes {
		parts[i] = c.Text(testItemLabels[ch.Item]) + ": " + verdict(ch.Was) + " → " + verdict(ch.IsNow)
	}
	return strings.Join(parts, ", ")
}

// applyTestResults shows the saved results in the view and flags failed bridge points in the header.
func (m *Model) applyTestResults(latest []store.TestResult) {
	if m.testing() != nil {
		m.testing().SetResults(latest)
	}
	var names []string
	for _, id := range meeting.FailedTestPoints(latest) {
		names = append(names, nameOf(m.names, id))
	}
	m.header.SetTestFailed(strings.Join(names, ", "))
}

// clipCells shortens s to at most n cells, ending in "…", without padding.
func clipCells(s string, n int) string { return ansi.Truncate(s, max(1, n), "…") }

// pause waits d (nothing when d is 0) and reports false when ctx ended first.
func pause(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
