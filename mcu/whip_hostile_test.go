package mcu

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// whipDo sends one WHIP request with an optional bearer secret and returns the response, its
// body read and closed.
func whipDo(t *testing.T, method, url, secret, ctype, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if secret != "" {
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// TestWHIPResponsesAreNeverCachedOrSniffed checks that every WHIP answer, success or refusal,
// says Cache-Control: no-store and X-Content-Type-Options: nosniff, and that a session can only
// be ended by its own bridge point: another point's valid secret, an unknown session, or a
// session of another point get 401/404 and the session stays up.
func TestWHIPResponsesAreNeverCachedOrSniffed(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	b := newTestClient(t, h.srv.URL, "B", testSecrets["B"])
	if code := b.join(context.Background()); code != http.StatusCreated {
		t.Fatalf("join B: status %d", code)
	}
	if !strings.HasPrefix(b.location, "/whip/B/") {
		t.Fatalf("Location %q", b.location)
	}
	session := strings.TrimPrefix(b.location, "/whip/B/")
	eventually(t, 10*time.Second, func() bool { return h.participant("B").Connected }, "B never connected")
	base := h.srv.URL
	for _, c := range []struct {
		name, method, path, secret, ctype, body string
		want                                    int
	}{
		{"no content type", http.MethodPost, "/whip/B", testSecrets["B"], "", "v=0", http.StatusUnsupportedMediaType},
		{"wrong secret", http.MethodPost, "/whip/B", "nope", "application/sdp; charset=utf-8", "v=0", http.StatusUnauthorized},
		{"huge secret", http.MethodPost, "/whip/B", strings.Repeat("x", 8000), "application/sdp", "v=0", http.StatusUnauthorized},
		{"empty offer", http.MethodPost, "/whip/B", testSecrets["B"], "application/sdp", "", http.StatusBadRequest},
		{"unknown session", http.MethodDelete, "/whip/B/no-such-session", testSecrets["B"], "", "", http.StatusNotFound},
		{"B's session with C's path and secret", http.MethodDelete, "/whip/C/" + session, testSecrets["C"], "", "", http.StatusNotFound},
		{"B's session with C's secret", http.MethodDelete, "/whip/B/" + session, testSecrets["C"], "", "", http.StatusUnauthorized},
		{"PUT", http.MethodPut, "/whip/B", testSecrets["B"], "", "", http.StatusMethodNotAllowed},
	} {
		resp, body := whipDo(t, c.method, base+c.path, c.secret, c.ctype, c.body)
		if resp.StatusCode != c.want {
			t.Errorf("%s: status %d, want %d (%s)", c.name, resp.StatusCode, c.want, body)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q", c.name, got)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", c.name, got)
		}
		if strings.Contains(body, session) || strings.Contains(body, testSecrets["B"]) {
			t.Errorf("%s: the body leaks the session or the secret: %q", c.name, body)
		}
	}
	if !h.participant("B").Connected {
		t.Error("a refused DELETE ended B's session")
	}
	// The real answer is not cacheable either.
	c := newTestClient(t, base, "C", testSecrets["C"])
	offer, err := c.pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.pc.SetLocalDescription(offer); err != nil {
		t.Fatal(err)
	}
	resp, body := whipDo(t, http.MethodPost, base+"/whip/C", testSecrets["C"], "application/sdp; charset=utf-8", c.pc.LocalDescription().SDP)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("offer with charset: status %d: %s", resp.StatusCode, body)
	}
	if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("answer headers: %v", resp.Header)
	}
}
