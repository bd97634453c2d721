package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// meetingsAPI calls the meetings API: method on path with body ("" for none); it returns the
// status and the decoded JSON reply.
func meetingsAPI(t *testing.T, method, url, token, body string) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: reply not JSON: %v", method, url, err)
	}
	return resp.StatusCode, out
}
