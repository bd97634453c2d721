package endpoints

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// getJoin requests path from a fresh join page handler.
func getJoin(t *testing.T, path string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	NewJoinPage("vi").ServeHTTP(rec, req)
	resp := rec.Result()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestJoinPageRoutes(t *testing.T) {
	tests := []struct {
		name, path  string
		header      map[string]string
		status      int
		contentType string
		contains    string
	}{
		{"valid id, Vietnamese by default", "/join/XA-IAGRAI", nil, 200, "text/html", "Tham gia họp trực tuyến"},
		{"English by ?lang", "/join/XA-IAGRAI?lang=en", nil, 200, "text/html", "Join the video conference"},
		{"English by the browser", "/join/XA-IAGRAI", map[string]string{"Accept-Language": "en-US,en;q=0.9"}, 200, "text/html", "Join the video conference"},
		{"Vietnamese preferred by the browser", "/join/XA-IAGRAI", map[string]string{"Accept-Language": "en;q=0.5, vi-VN"}, 200, "text/html", "Tham gia họp trực tuyến"},
		{"?lang beats the browser", "/join/XA-IAGRAI?lang=vi", map[string]string{"Accept-Language": "en"}, 200, "text/html", "Mã tham gia"},
		{"unknown but well-formed id gets the page", "/join/KHONG-CO-THAT", nil, 200, "text/html", "Điểm cầu KHONG-CO-THAT"},
		{"bad id syntax", "/join/xa-iagrai", nil, 404, "text/html", "không chỉ tới điểm cầu nào"},
		{"bad id in English", "/join/a?lang=en", nil, 404, "text/html", "names no bridge point"},
		{"no id", "/join/", nil, 404, "text/html", "không chỉ tới điểm cầu nào"},
		{"nested path", "/join/XA-IAGRAI/extra", nil, 404, "text/html", ""},
		{"script", "/join/assets/join.js", nil, 200, "text/javascript", "'use strict'"},
		{"style", "/join/assets/join.css", nil, 200, "text/css", ":root"},
		{"no directory listing", "/join/assets/", nil, 404, "text/html", ""},
		{"template is not an asset", "/join/assets/join.html", nil, 404, "text/html", ""},
		{"unknown asset", "/join/assets/passwd", nil, 404, "text/html", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := getJoin(t, tc.path, tc.header)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tc.contentType) {
				t.Errorf("content type %q, want %s", ct, tc.contentType)
			}
			if !strings.Contains(body, tc.contains) {
				t.Errorf("body lacks %q", tc.contains)
			}
			if strings.Contains(body, "<pre>") || strings.Contains(body, `href="join.js"`) {
				t.Error("looks like a directory listing")
			}
		})
	}
}

func TestJoinPageSecurityHeaders(t *testing.T) {
	for _, path := range []string{"/join/XA-IAGRAI", "/join/assets/join.js", "/join/nope"} {
		resp, _ := getJoin(t, path, nil)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "default-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline or eval: %q", path, csp)
		}
		checks := map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
			"Permissions-Policy":     "camera=(self), microphone=(self)",
		}
		for k, want := range checks {
			if !strings.Contains(h.Get(k), want) {
				t.Errorf("%s: %s = %q, want %q", path, k, h.Get(k), want)
			}
		}
	}
}

// TestJoinPageNoInlineScript checks that every script element loads a file or is inert JSON,
// and that the texts block is valid JSON naming every text the script uses.
func TestJoinPageNoInlineScript(t *testing.T) {
	_, body := getJoin(t, "/join/XA-IAGRAI", nil)
	scripts := regexp.MustCompile(`<script([^>]*)>([\s\S]*?)</script>`).FindAllStringSubmatch(body, -1)
	if len(scripts) != 2 {
		t.Fatalf("%d script elements, want 2", len(scripts))
	}
	var texts map[string]string
	for _, s := range scripts {
		attrs, content := s[1], s[2]
		switch {
		case strings.Contains(attrs, `src="assets/join.js?v=`):
			if strings.TrimSpace(content) != "" {
				t.Error("script with src has content")
			}
		case strings.Contains(attrs, `type="application/json"`):
			if err := json.Unmarshal([]byte(content), &texts); err != nil {
				t.Fatalf("texts block is not JSON: %v", err)
			}
		default:
			t.Errorf("inline script: %q", s[0])
		}
	}
	js := string(NewJoinPage("vi").assets["join.js"].body)
	for _, m := range regexp.MustCompile(`\bT\.([a-z_]+)`).FindAllStringSubmatch(js, -1) {
		if _, ok := texts[m[1]]; !ok {
			t.Errorf("join.js uses T.%s, which the catalogue lacks", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`T\['state_' \+ state\]|setState\('([a-z]+)'`).FindAllStringSubmatch(js, -1) {
		if m[1] != "" && m[1] != "reconnecting" && texts["state_"+m[1]] == "" {
			t.Errorf("state %q has no state_ text", m[1])
		}
	}
}

func TestJoinAssetRevalidation(t *testing.T) {
	resp, _ := getJoin(t, "/join/assets/join.js", nil)
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	resp, body := getJoin(t, "/join/assets/join.js", map[string]string{"If-None-Match": etag})
	if resp.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("revalidation: %d with %d bytes", resp.StatusCode, len(body))
	}
}

func TestAcceptedLang(t *testing.T) {
	for header, want := range map[string]string{
		"":                       "",
		"fr-FR,fr;q=0.9":         "",
		"vi":                     "vi",
		"en-GB":                  "en",
		"fr, en;q=0.8, vi;q=0.9": "vi",
		"vi;q=0.2, en;q=0.3":     "en",
		"en;q=garbage, vi;q=0.1": "vi",
	} {
		if got := acceptedLang(header); got != want {
			t.Errorf("acceptedLang(%q) = %q, want %q", header, got, want)
		}
	}
}
