package endpoints

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestJoinPageRefusesOtherMethods checks that the read-only page answers writes with 405 and
// Allow: GET, HEAD (not 404), keeps its security headers, and that HEAD and odd ids still work.
func TestJoinPageRefusesOtherMethods(t *testing.T) {
	page := NewJoinPage("vi")
	for _, c := range []struct {
		method, path string
		want         int
	}{
		{http.MethodPost, "/join/XA-IAGRAI", http.StatusMethodNotAllowed},
		{http.MethodPut, "/join/XA-IAGRAI", http.StatusMethodNotAllowed},
		{http.MethodDelete, "/join/assets/join.js", http.StatusMethodNotAllowed},
		{http.MethodPost, "/join/", http.StatusMethodNotAllowed},
		{http.MethodHead, "/join/XA-IAGRAI", http.StatusOK},
		{http.MethodGet, "/join/%2e%2e", http.StatusNotFound},
		{http.MethodGet, "/join/a%00b", http.StatusNotFound},
		{http.MethodGet, "/join/%E1%BB%87", http.StatusNotFound},
		{http.MethodGet, "/join/" + strings.Repeat("A", 5000), http.StatusNotFound},
	} {
		rec := httptest.NewRecorder()
		page.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if rec.Code != c.want {
			t.Errorf("%s %.40s: status %d, want %d", c.method, c.path, rec.Code, c.want)
		}
		if c.want == http.StatusMethodNotAllowed && rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s: Allow %q", c.method, c.path, rec.Header().Get("Allow"))
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s %s: security headers missing: %v", c.method, c.path, rec.Header())
		}
	}
}
