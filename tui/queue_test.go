package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"diemcau/mcu"
)

func TestQueueEnterGrantsThenEnds(t *testing.T) {
	f := newFixture(t, 3)
	m := f.model(t, "vi", 80, 24)
	bp := f.members[2]
	s := f.conf.Snapshot()
	s.Requests = []mcu.SpeakRequest{{ID: 0, BridgePoint: bp.ID, State: "waiting", RequestedAt: time.Now().Add(-70 * time.Second)}}
	m.applySnapshot(s, time.Now())
	press(t, m, "tab")
	if w, ok := contains(m.View(), "1. "+bp.Name, "chờ", "01:10"); !ok {
		t.Fatalf("queue lacks %q:\n%s", w, plain(m.View()))
	}
	press(t, m, "enter")
	if !f.participant(t, bp.ID).Floor {
		t.Fatalf("enter did not grant the floor; status %q", m.help.Status())
	}
	if want := "Đã cho " + bp.Name + " phát biểu"; m.help.Status() != want {
		t.Fatalf("status %q, want %q", m.help.Status(), want)
	}
	m.applySnapshot(f.conf.Snapshot(), time.Now())
	if r, ok := m.queue.Selected(); !ok || r.BridgePoint != bp.ID || r.State != "granted" {
		t.Fatalf("floor holder not in the queue: %+v", r)
	}
	press(t, m, "enter")
	if f.participant(t, bp.ID).Floor {
		t.Fatalf("enter on the floor holder did not end it; status %q", m.help.Status())
	}
	audit, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, a := range audit {
		if a.Actor == testActor {
			actions = append(actions, a.Action)
		}
	}
	if len(actions) < 2 {
		t.Fatalf("audit by %s: %v", testActor, actions)
	}
}

func TestQueueErrorsShowInStatus(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "en", 80, 24)
	s := f.conf.Snapshot()
	s.Requests = []mcu.SpeakRequest{{ID: 999, BridgePoint: f.members[1].ID, State: "waiting", RequestedAt: time.Now()}}
	m.applySnapshot(s, time.Now())
	press(t, m, "tab", "f")
	if !strings.HasPrefix(m.help.Status(), "Error: ") {
		t.Fatalf("forwarding an unknown request: status %q", m.help.Status())
	}
	if w, ok := contains(m.View(), "Error: "); !ok {
		t.Fatalf("%q not drawn", w)
	}
}
