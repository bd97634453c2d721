package mcu

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzControlMessage feeds arbitrary bytes to the handler of the endpoint's `control` data channel
// (session.handleControl, the path every DataChannel message takes) on a live conference with a
// journal: it must never panic, must journal nothing for a message that is too large, not JSON or
// of an unknown type, must keep at most one speak request per bridge point in the queue, and an
// incident it journals is non-empty, valid UTF-8 and at most maxIncidentText runes.
func FuzzControlMessage(f *testing.F) {
	for _, seed := range []string{
		`{"type":"speak_request"}`,
		`{"type":"speak_cancel"}`,
		`{"type":"unmute"}`,
		`{"type":"incident","text":"  mất tiếng ở phòng họp  "}`,
		`{"type":"incident","text":"   "}`,
		`{"type":"incident","text":"\u0000\ud800x"}`,
		`{"type":"incident","text":` + `"` + strings.Repeat("é", maxIncidentText+5) + `"}`,
		`{"type":"no_such_type"}`,
		`{"type":["speak_request"]}`,
		`{"type":"speak_request","type":"incident","text":"dup keys"}`,
		`[1,2,3]`,
		`null`,
		`{`,
		"{\"type\":\"incident\",\"text\":\"\xff\xfe invalid utf-8\"}",
		`{"type":"incident","text":"` + strings.Repeat("x", maxControlMessage) + `"}`,
	} {
		f.Add([]byte(seed))
	}
	j := newFakeJournal()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := New(Config{Loopback: true}, j, testSecrets, log)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = m.Close() })
	conf, err := m.Open(context.Background(), ConferenceSpec{ID: "fuzz", MeetingID: 1, StartMuted: true,
		Members: []Member{{ID: "MAIN", Name: "Tỉnh ủy", Main: true}, {ID: "B", Name: "Xã B"}}})
	if err != nil {
		f.Fatal(err)
	}
	mem, ok := conf.lookup("B")
	if !ok {
		f.Fatal("no member B")
	}
	// A session without a PeerConnection: replies to the endpoint are dropped (no open channel),
	// everything else runs as for a connected endpoint.
	s := &session{id: "fuzz-session", conf: conf, m: mem, log: log}
	f.Fuzz(func(t *testing.T, data []byte) {
		j.mu.Lock()
		j.actions, j.updates = nil, nil
		j.mu.Unlock()
		before := len(conf.Snapshot().Requests)
		s.handleControl(data)

		j.mu.Lock()
		actions := append([]actionRow(nil), j.actions...)
		j.mu.Unlock()
		if !knownControlMessage(data) && len(actions) > 0 {
			t.Fatalf("journaled %+v for a message that is not a known control message", actions)
		}
		n := 0
		for _, r := range conf.Snapshot().Requests {
			if r.BridgePoint == "B" {
				n++
			}
		}
		if n > 1 || len(conf.Snapshot().Requests) > before+1 {
			t.Fatalf("%d speak requests of B in the queue (was %d)", n, before)
		}
		for _, a := range actions {
			if a.bridgePoint != "B" {
				t.Fatalf("row about %q from B's channel: %+v", a.bridgePoint, a)
			}
			if a.action != "incident_report" {
				continue
			}
			if a.detail == "" || !utf8.ValidString(a.detail) || utf8.RuneCountInString(a.detail) > maxIncidentText {
				t.Fatalf("incident journaled with a bad text (%d runes, valid %v): %q",
					utf8.RuneCountInString(a.detail), utf8.ValidString(a.detail), a.detail)
			}
		}
	})
}

// knownControlMessage reports whether data is a message the handler may act on: small enough,
// a JSON object and of a known type.
func knownControlMessage(data []byte) bool {
	if len(data) > maxControlMessage {
		return false
	}
	var msg endpointMessage
	if err := json.Unmarshal(data, &msg); err != nil {
		return false
	}
	switch msg.Type {
	case "speak_request", "speak_cancel", "unmute", "incident":
		return true
	}
	return false
}
