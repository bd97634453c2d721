package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"diemcau/meeting"
)

// TestTestSessionKeepsTicks: ticks saved are shown when the view is reopened, here and on
// another console; saving again says what changed since the last save; a save that would turn
// a passed result into a failed one asks for enter again first.
func TestTestSessionKeepsTicks(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "vi", 120, 30)
	pressWorkflow(t, m, "T", " ", "right", " ", "enter")
	if rs := f.latestResults(t); len(rs) != 1 {
		t.Fatalf("saved %d results", len(rs))
	}
	ticked := func(m *Model) []string {
		var out []string
		for _, r := range m.testing().Checklist("UBND-TINH")[len(meeting.MeasuredItems):] {
			if r.Passed {
				out = append(out, string(r.Item))
			}
		}
		return out
	}
	pressWorkflow(t, m, "esc", "T")
	if got := strings.Join(ticked(m), " "); got != "display camera" {
		t.Fatalf("reopened, the ticks are %q, want the saved display and camera", got)
	}
	other := f.model(t, "vi", 120, 30)
	pressWorkflow(t, other, "T")
	if got := strings.Join(ticked(other), " "); got != "display camera" {
		t.Fatalf("another console shows ticks %q", got)
	}
	pressWorkflow(t, m, "right", " ", "enter") // untick the camera, save
	status := m.help.Status()
	if !strings.Contains(status, "so với lần lưu lúc") || !strings.Contains(status, m.common.Text(txtItemCamera)+": ĐẠT → CHƯA ĐẠT") {
		t.Fatalf("the second save does not say what changed: %q", status)
	}
	pressWorkflow(t, m, "enter")
	if status := m.help.Status(); !strings.Contains(status, "không mục nào khác lần lưu lúc") {
		t.Fatalf("an unchanged save: %q", status)
	}

	// Another console saved a pass; saving here now (nothing connected) would fail it.
	all := meeting.DefaultTestThresholds.Checklist(meeting.Measurement{Connected: true, AudioLevel: 50, JitterMs: 3,
		RTTMs: 4, BitrateKbps: 1200, Width: 1280, Height: 720}, map[meeting.TestItem]bool{
		meeting.ItemDisplay: true, meeting.ItemCamera: true, meeting.ItemEcho: true, meeting.ItemNoHowl: true,
		meeting.ItemPower: true, meeting.ItemTechnician: true})
	if _, err := meeting.SaveTestResult(context.Background(), f.st, f.meeting, "UBND-TINH", all, "ssh:binh", time.Now()); err != nil {
		t.Fatal(err)
	}
	runWorkflow(t, m, testResultsCmd(m.common, f.st, f.meeting, 0, false))
	pressWorkflow(t, m, "enter")
	if rs := f.latestResults(t); !rs[0].Passed {
		t.Fatal("a passed result was overwritten by one enter")
	}
	if status := m.help.Status(); !strings.Contains(status, "đã ĐẠT; lưu bây giờ sẽ thành CHƯA ĐẠT") {
		t.Fatalf("no warning before overwriting a pass: %q", status)
	}
	pressWorkflow(t, m, "enter")
	if rs := f.latestResults(t); rs[0].Passed {
		t.Fatal("enter again did not save")
	}
}
