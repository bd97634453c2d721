package mcu

import (
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestWHIPRejects checks the error paths of POST /whip/{id}: nothing is joined and no goroutine
// is left behind.
func TestWHIPRejects(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	offer := offerSDP(t, h)
	time.Sleep(300 * time.Millisecond) // let the closed offer client wind down
	base := runtime.NumGoroutine()

	tests := []struct {
		name, id, secret, ctype, body string
		want                          int
	}{
		{"unknown bridge point", "ZZZ", "x", "application/sdp", offer, http.StatusNotFound},
		{"registered but not a member", "OUT", "s-out", "application/sdp", offer, http.StatusForbidden},
		{"wrong secret", "B", "wrong", "application/sdp", offer, http.StatusUnauthorized},
		{"missing secret", "B", "", "application/sdp", offer, http.StatusUnauthorized},
		{"bad content type", "B", "s-b", "text/plain", offer, http.StatusUnsupportedMediaType},
		{"bad content type, no secret", "B", "", "text/plain", offer, http.StatusUnsupportedMediaType},
		{"malformed SDP", "B", "s-b", "application/sdp", "this is not SDP", http.StatusBadRequest},
		{"SDP without media", "B", "s-b", "application/sdp", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", http.StatusBadRequest},
		{"SDP without fingerprint", "B", "s-b", "application/sdp", stripFingerprint(offer), http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := whipPost(t, h.srv.URL, tc.id, tc.secret, tc.ctype, tc.body)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, body, tc.want)
			}
			if tc.want == http.StatusUnauthorized && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Error("401 without WWW-Authenticate: Bearer")
			}
		})
	}
	h.conf.mu.Lock()
	n := len(h.conf.sessions)
	h.conf.mu.Unlock()
	if n != 0 {
		t.Errorf("%d sessions after rejected joins", n)
	}
	eventually(t, 10*time.Second, func() bool { return runtime.NumGoroutine() <= base },
		"goroutines did not return to baseline %d", base)
}

// TestWHIPMethods checks OPTIONS, PATCH and DELETE.
func TestWHIPMethods(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	do := func(method, path, secret string) *http.Response {
		req, _ := http.NewRequest(method, h.srv.URL+path, nil)
		if secret != "" {
			req.Header.Set("Authorization", "Bearer "+secret)
		}
		resp, err := noKeepAlive.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := do(http.MethodOptions, "/whip/B", "")
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "Location") {
		t.Errorf("OPTIONS: %d %v", resp.StatusCode, resp.Header)
	}
	if resp := do(http.MethodPatch, "/whip/B/x", "s-b"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PATCH: %d", resp.StatusCode)
	}
	if resp := do(http.MethodDelete, "/whip/B/nope", "s-b"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE unknown session: %d", resp.StatusCode)
	}
	b := h.client("B")
	if resp := do(http.MethodDelete, b.location, "wrong"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("DELETE wrong secret: %d", resp.StatusCode)
	}
	if resp := do(http.MethodDelete, b.location, "s-b"); resp.StatusCode != http.StatusOK {
		t.Fatalf("DELETE: %d", resp.StatusCode)
	}
	h.waitEvent(EventLeft, "B")
	if h.participant("B").Connected {
		t.Error("B still connected after DELETE")
	}
	if r := h.journal.leaveReasons(); len(r) != 1 || r[0] != "left" {
		t.Errorf("leave reasons %v", r)
	}
}

// offerSDP returns a valid offer from a test client that is never sent.
func offerSDP(t *testing.T, h *harness) string {
	t.Helper()
	c := newTestClient(t, h.srv.URL, "B", "s-b")
	offer, err := c.pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	c.close()
	return offer.SDP
}

func stripFingerprint(sdp string) string {
	var out []string
	for _, l := range strings.Split(sdp, "\r\n") {
		if !strings.HasPrefix(l, "a=fingerprint") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\r\n")
}
