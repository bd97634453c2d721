package mcu

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer is a log sink safe for the MCU's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestWHIPRefusalsAreExplainedAndLogged: a refused join says why in the server's language (the
// SDP parser's reason included), a wrong credential is logged with the bridge point and the
// address but never the secret, and a refused join journals nothing and joins no one.
func TestWHIPRefusalsAreExplainedAndLogged(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			logs := &lockedBuffer{}
			j := newFakeJournal()
			m, err := New(Config{Loopback: true, Lang: lang}, j, testSecrets, slog.New(slog.NewTextHandler(logs, nil)))
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			conf, err := m.Open(context.Background(), ConferenceSpec{ID: "m", MeetingID: 1,
				Members: []Member{{ID: "MAIN", Name: "Tỉnh", Main: true}, {ID: "B", Name: "Xã B"}}})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(m.Handler())
			defer srv.Close()
			offer := offerSDP(t, &harness{t: t, srv: srv})

			for _, tc := range []struct {
				name, id, secret, ctype, body string
				status                        int
				want                          []string // in the reply, by language
			}{
				{"wrong secret", "B", "not-the-secret", "application/sdp", offer, http.StatusUnauthorized,
					[]string{text(lang, txtUnauthorized)}},
				{"unknown bridge point", "NOPE", "x", "application/sdp", offer, http.StatusNotFound,
					[]string{text(lang, txtUnknownBridgePoint)}},
				{"not SDP", "B", "s-b", "application/json", offer, http.StatusUnsupportedMediaType,
					[]string{text(lang, txtUnsupportedMedia)}},
				{"garbage SDP", "B", "s-b", "application/sdp", "hello", http.StatusBadRequest,
					[]string{text(lang, txtBadOffer), "parse offer"}},
				{"offer without DTLS fingerprint", "B", "s-b", "application/sdp", stripFingerprint(offer), http.StatusBadRequest,
					[]string{text(lang, txtBadOffer), "set remote description"}},
			} {
				resp := whipPost(t, srv.URL, tc.id, tc.secret, tc.ctype, tc.body)
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != tc.status {
					t.Errorf("%s: status %d, want %d (%s)", tc.name, resp.StatusCode, tc.status, body)
				}
				for _, w := range tc.want {
					if !strings.Contains(string(body), w) {
						t.Errorf("%s: reply %q lacks %q", tc.name, body, w)
					}
				}
			}
			out := logs.String()
			if !strings.Contains(out, "rejected join credential") || !strings.Contains(out, "bp=B") || !strings.Contains(out, "remote=127.0.0.1") {
				t.Errorf("the wrong credential is not logged with bridge point and address:\n%s", out)
			}
			if strings.Contains(out, "not-the-secret") || strings.Contains(out, "=s-b") {
				t.Errorf("a secret reached the log:\n%s", out)
			}
			j.mu.Lock()
			joins, actions := len(j.joins), len(j.actions)
			j.mu.Unlock()
			if joins != 0 || actions != 0 {
				t.Errorf("refused joins journaled %d joins and %d actions", joins, actions)
			}
			for _, p := range conf.Snapshot().Participants {
				if p.Connected {
					t.Errorf("%s connected after refused joins", p.ID)
				}
			}
		})
	}
}
