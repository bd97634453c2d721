package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTTPServesOnlyItsRoutesAndMetrics checks the HTTP server as the commands wire it: nothing
// outside the mounted routes is served (no listing, no file of the working folder), every limit
// of the server is set, and /metrics speaks the Prometheus text format with the Go and process
// collectors.
func TestHTTPServesOnlyItsRoutesAndMetrics(t *testing.T) {
	dir := t.TempDir()
	cf := commonFlags{db: filepath.Join(dir, "diemcau.db"), http: "127.0.0.1:0", lang: "vi",
		logFile: filepath.Join(dir, "diemcau.log")}
	a, err := openApp(context.Background(), cf, true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if err := a.serveHTTP(); err != nil {
		t.Fatal(err)
	}
	if s := a.srv; s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("HTTP server without every limit: header %v read %v write %v idle %v max header %d",
			s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
	get := func(path string) (*http.Response, string) {
		resp, err := http.Get(a.baseURL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(body)
	}
	for _, path := range []string{"/", "/join/", "/join/assets/", "/whip/", "/diemcau.db", "/diemcau.log", "/api/", "/debug/pprof/"} {
		if resp, body := get(path); resp.StatusCode == http.StatusOK || strings.Contains(body, "<pre>") || strings.Contains(body, "SQLite") {
			t.Errorf("GET %s: %d %.100q, want a refusal", path, resp.StatusCode, body)
		}
	}
	resp, body := get("/metrics")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{"# TYPE go_goroutines gauge", "process_open_fds "} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
