package mcu

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"
)

// harness is an MCU with a fake journal and credentials behind a real HTTP server.
type harness struct {
	t       *testing.T
	mcu     *MCU
	journal *fakeJournal
	conf    *Conference
	srv     *httptest.Server
	events  <-chan Event
}

var testSecrets = fakeCredentials{"MAIN": "s-main", "B": "s-b", "C": "s-c", "D": "s-d", "OUT": "s-out"}

func newHarness(t *testing.T, spec ConferenceSpec) *harness {
	t.Helper()
	return newHarnessConfig(t, Config{Loopback: true}, spec)
}

// newHarnessConfig is newHarness with a chosen MCU configuration.
func newHarnessConfig(t *testing.T, cfg Config, spec ConferenceSpec) *harness {
	t.Helper()
	j := newFakeJournal()
	log := cfg.Log // a test that reads the MCU's log sets it
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	m, err := New(cfg, j, testSecrets, log)
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := m.Subscribe(1024)
	if spec.ID == "" {
		spec.ID = "meeting-1"
	}
	if spec.MeetingID == 0 {
		spec.MeetingID = 1
	}
	if spec.Members == nil {
		spec.Members = []Member{{ID: "MAIN", Name: "Tỉnh ủy", Main: true}, {ID: "B", Name: "Xã B"}, {ID: "C", Name: "Xã C"}}
	}
	conf, err := m.Open(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(m.Handler())
	h := &harness{t: t, mcu: m, journal: j, conf: conf, srv: srv, events: events}
	t.Cleanup(func() {
		srv.Close()
		cancel()
		_ = m.Close()
	})
	return h
}

// client joins bridge point id with its secret and waits until it is connected.
func (h *harness) client(id string) *testClient {
	h.t.Helper()
	c := newTestClient(h.t, h.srv.URL, id, testSecrets[id])
	if code := c.join(context.Background()); code != 201 {
		h.t.Fatalf("join %s: status %d", id, code)
	}
	eventually(h.t, 10*time.Second, func() bool { return h.participant(id).Connected },
		"%s never connected", id)
	c.waitOpen()
	return c
}

func (h *harness) participant(id string) Participant {
	for _, p := range h.conf.Snapshot().Participants {
		if p.ID == id {
			return p
		}
	}
	h.t.Fatalf("no participant %s", id)
	return Participant{}
}

// waitEvent waits for an event of kind about bp.
func (h *harness) waitEvent(kind EventKind, bp string) Event {
	h.t.Helper()
	return h.waitEventWithin(kind, bp, 5*time.Second)
}

// waitEventWithin is waitEvent with its own deadline.
func (h *harness) waitEventWithin(kind EventKind, bp string, d time.Duration) Event {
	h.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case ev := <-h.events:
			if ev.Kind == kind && ev.BridgePoint == bp {
				return ev
			}
		case <-deadline:
			h.t.Fatalf("no %s event for %s", kind, bp)
			return Event{}
		}
	}
}
