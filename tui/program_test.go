package tui

import (
	"bytes"
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"diemcau/mcu"
)

// screen is a console running in a real Bubble Tea program at 80×24, with all it has drawn.
type screen struct {
	*teatest.TestModel
	drawn bytes.Buffer
}

// startProgram runs the console for f in lang.
func startProgram(t *testing.T, f *fixture, lang string) *screen {
	t.Helper()
	m := New(f.options(lang))
	t.Cleanup(m.Close)
	return startModel(t, m)
}

// startModel runs the console m in a real Bubble Tea program at 80×24.
func startModel(t *testing.T, m *Model) *screen {
	t.Helper()
	return &screen{TestModel: teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))}
}

// waitOutput waits until the program has drawn want, since it started.
func waitOutput(t *testing.T, s *screen, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !bytes.Contains(s.drawn.Bytes(), []byte(want)) {
		if time.Now().After(deadline) {
			t.Fatalf("%q never drawn; last screen:\n%s", want, lastScreen(s.drawn.String()))
		}
		time.Sleep(20 * time.Millisecond)
		if _, err := s.drawn.ReadFrom(s.Output()); err != nil {
			t.Fatal(err)
		}
	}
}

// lastScreen is the tail of the program's output, without escape codes.
func lastScreen(out string) string {
	out = ansi.Strip(out)
	return out[max(0, len(out)-2000):]
}

// quitProgram answers the quit dialog and waits for the program to end.
func quitProgram(t *testing.T, s *screen) {
	t.Helper()
	s.Type("q")
	waitOutput(t, s, "(y/n)")
	s.Type("y")
	s.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestProgramMuteIsJournaled(t *testing.T) {
	f := newFixture(t, 3)
	tm := startProgram(t, f, "vi")
	waitOutput(t, tm, "Xã Chư Păh")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Type("j")
	tm.Type("m")
	target := f.members[2]
	eventually(t, "hard mute of "+target.ID, func() bool { return f.participant(t, target.ID).Mute == mcu.HardMute })
	audit, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range audit {
		found = found || a.Action == "mute" && a.BridgePoint == target.ID && a.Actor == testActor
	}
	if !found {
		t.Fatalf("no mute of %s by %s in %+v", target.ID, testActor, audit)
	}
	waitOutput(t, tm, "Đã tắt micro "+target.Name)
	waitOutput(t, tm, "tắt cứng")
	waitOutput(t, tm, target.Name+" bị tắt micro") // the MCU's event, through the event log
	quitProgram(t, tm)
}

func TestProgramIncidentFromKeys(t *testing.T) {
	f := newFixture(t, 2)
	tm := startProgram(t, f, "en")
	waitOutput(t, tm, "Bridge points")
	tm.Type("i")
	waitOutput(t, tm, "New incident")
	tm.Type("Camera lost the picture, quit q")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	eventually(t, "the incident in the store", func() bool {
		incs, err := f.st.Incidents(context.Background(), f.meeting)
		return err == nil && len(incs) == 1 && incs[0].Description == "Camera lost the picture, quit q" &&
			incs[0].BridgePoint == "UBND-TINH"
	})
	waitOutput(t, tm, "Saved incident #")
	quitProgram(t, tm)
}

func TestProgramEndsWithContext(t *testing.T) {
	f := newFixture(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() { done <- Run(ctx, f.options("vi"), bytes.NewReader(nil), &out) }()
	time.Sleep(200 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after cancel: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return when its context ended")
	}
}
