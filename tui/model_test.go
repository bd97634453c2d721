package tui

import (
	"context"
	"strings"
	"testing"

	"diemcau/mcu"
)

func TestMuteKeyTogglesSelectedBridgePoint(t *testing.T) {
	f := newFixture(t, 3)
	m := f.model(t, "vi", 100, 30)
	msgs := press(t, m, "down", "down", "m")
	target := f.members[2].ID
	if got := f.participant(t, target).Mute; got != mcu.HardMute {
		t.Fatalf("after m on %s: mute = %q, want hard (msgs %v)", target, got, msgs)
	}
	if got := f.participant(t, f.members[1].ID).Mute; got != mcu.Unmuted {
		t.Fatalf("neighbour muted too: %q", got)
	}
	if want := "Đã tắt micro " + f.members[2].Name; m.help.Status() != want {
		t.Fatalf("status = %q, want %q", m.help.Status(), want)
	}
	m.applySnapshot(f.conf.Snapshot(), m.now)
	press(t, m, "m")
	if got := f.participant(t, target).Mute; got != mcu.Unmuted {
		t.Fatalf("second m: mute = %q, want unmuted", got)
	}
}

func TestQuitAsksWhileLive(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	if msgs := press(t, m, "q"); hasQuit(msgs) {
		t.Fatal("q quit a live meeting without asking")
	}
	if m.confirm() == nil || m.confirm().Action() != ConfirmQuit {
		t.Fatal("q did not open the quit dialog")
	}
	if w, ok := contains(m.View(), "Cuộc họp đang diễn ra. Thoát? (y/n)"); !ok {
		t.Fatalf("dialog text %q missing:\n%s", w, plain(m.View()))
	}
	if msgs := press(t, m, "n"); hasQuit(msgs) || m.confirm() != nil {
		t.Fatalf("n: quit=%v dialog open=%v", hasQuit(msgs), m.confirm() != nil)
	}
	if msgs := press(t, m, "q", "y"); !hasQuit(msgs) {
		t.Fatal("q then y did not quit")
	}
}

func TestCtrlCConfirmsThenForces(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "vi", 80, 24)
	if hasQuit(press(t, m, "ctrl+c")) {
		t.Fatal("first ctrl+c quit a live meeting")
	}
	if !hasQuit(press(t, m, "ctrl+c")) {
		t.Fatal("second ctrl+c did not force quit")
	}
}

func TestMuteAllFarEndsKeepsMainOpen(t *testing.T) {
	f := newFixture(t, 4)
	m := f.model(t, "vi", 80, 24)
	press(t, m, "M")
	if m.confirm() == nil || !strings.Contains(m.confirm().Question(), "Tắt micro 4 điểm cầu phụ") {
		t.Fatalf("M dialog = %+v", m.confirm())
	}
	press(t, m, "y")
	for _, p := range f.conf.Snapshot().Participants {
		if p.Main == (p.Mute != mcu.Unmuted) {
			t.Errorf("%s main=%v mute=%q", p.ID, p.Main, p.Mute)
		}
	}
	if want := "Đã tắt micro 4 điểm cầu"; m.help.Status() != want {
		t.Fatalf("status = %q, want %q", m.help.Status(), want)
	}
	audit, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) == 0 || audit[len(audit)-1].Actor != testActor {
		t.Fatalf("audit after mute all = %+v", audit)
	}
}

func TestMuteAllCancelled(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "en", 80, 24)
	press(t, m, "M", "esc")
	for _, p := range f.conf.Snapshot().Participants {
		if p.Mute != mcu.Unmuted {
			t.Fatalf("esc still muted %s", p.ID)
		}
	}
}

func TestFocusCyclesPanels(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "vi", 80, 24)
	for _, want := range []panel{panelQueue, panelEvents, panelTable} {
		press(t, m, "tab")
		if m.focus != want {
			t.Fatalf("focus = %d, want %d", m.focus, want)
		}
	}
	press(t, m, "?")
	if !m.help.ShowsAll() {
		t.Fatal("? did not open the full help")
	}
}
