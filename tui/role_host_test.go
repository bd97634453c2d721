package tui

import (
	"context"
	"strings"
	"testing"

	"diemcau/mcu"
)

// TestHostOfAnotherMeetingIsReadOnly: a host key whose bp= is not the live meeting's main
// bridge point sees the meeting read-only, is told why, and even forged commands do nothing.
func TestHostOfAnotherMeetingIsReadOnly(t *testing.T) {
	f := newFixture(t, 2)
	logs := &syncBuffer{}
	m := f.roleModel(t, RoleHost, "XA-001", "ssh:pham.van.dung", logs)
	if _, err := f.conf.RaiseRequest(context.Background(), "ssh:op", "XA-002"); err != nil {
		t.Fatal(err)
	}
	m.applySnapshot(f.conf.Snapshot(), m.now)
	view := m.View()
	if w, ok := contains(view, "Điểm cầu chính (chỉ xem)", "Xã Ia Grai không chủ trì cuộc họp này"); !ok {
		t.Errorf("%q missing in\n%s", w, plain(view))
	}
	if strings.Contains(plain(view), "tắt/mở mic") {
		t.Errorf("the mute key is offered to a host of another meeting:\n%s", plain(view))
	}
	k := m.common.Keys // a client that turned the keys back on
	k.Mute.SetEnabled(true)
	k.MuteAll.SetEnabled(true)
	k.Grant.SetEnabled(true)
	before, audit := f.conf.Snapshot(), f.auditCount(t)
	press(t, m, "down", "down", "m", "tab", "enter", "M")
	_, cmd := m.Update(ConfirmResultMsg{Action: ConfirmMuteAll, Yes: true})
	runCmd(t, m, cmd)
	f.unchanged(t, "a host of another meeting", before, audit)
	if !strings.Contains(m.help.Status(), "Không được phép") || !strings.Contains(m.help.Status(), "không chủ trì") {
		t.Errorf("status %q does not say why", m.help.Status())
	}
	if !strings.Contains(logs.String(), "console action refused") {
		t.Errorf("refusal not logged:\n%s", logs.String())
	}
}

// TestHostOfItsMeetingActs: the same key type with the main bridge point's bp= mutes a far end.
func TestHostOfItsMeetingActs(t *testing.T) {
	f := newFixture(t, 1)
	m := f.roleModel(t, RoleHost, "UBND-TINH", "ssh:pham.van.dung", &syncBuffer{})
	if strings.Contains(plain(m.View()), "chỉ xem") {
		t.Fatalf("host of its own meeting shown read-only:\n%s", plain(m.View()))
	}
	press(t, m, "down", "m")
	if got := f.participant(t, "XA-001").Mute; got != mcu.HardMute {
		t.Fatalf("host's m: mute %q; status %q", got, m.help.Status())
	}
}
