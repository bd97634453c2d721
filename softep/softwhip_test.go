package softep

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestJoinRefusalNeverCutsACharacter: a server refusing the join with a long Vietnamese text
// gives an error (which the endpoint logs) cut to its limit on a character boundary, wherever
// the limit falls.
func TestJoinRefusalNeverCutsACharacter(t *testing.T) {
	for _, pad := range []string{strings.Repeat("x", 299), strings.Repeat("x", 298)} { // the limit: in Đ, after it
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(pad + strings.Repeat("Điểm cầu chưa được mời. ", 20)))
		}))
		e := New(Config{URL: srv.URL, ID: "XA-IAGRAI", Token: testToken, Clips: testClips(t),
			Log: slog.New(slog.DiscardHandler)})
		err := e.Join(joinCtx(t))
		srv.Close()
		if err == nil {
			t.Fatal("joined a server that refuses")
		}
		text := err.Error()
		if !strings.Contains(text, "403") || !strings.HasSuffix(text, "…") || len(text) > 500 {
			t.Errorf("pad of %d: refusal not cut as expected: %q", len(pad), text)
		}
		if !utf8.ValidString(text) {
			t.Errorf("pad of %d: the refusal cuts a character in half: %q", len(pad), text[len(text)-10:])
		}
	}
}
