package mcu

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestAuthLimiterBlocksAfterRepeatedFailures(t *testing.T) {
	l := newAuthLimiter()
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for i := range authFailureLimit {
		if _, _, ok := l.blocked("10.0.0.7:40000", t0); ok {
			t.Fatalf("blocked after %d failures", i)
		}
		l.fail("10.0.0.7:4000"+string(rune('0'+i%10)), t0) // any source port of the same host
	}
	wait, first, ok := l.blocked("10.0.0.7:51000", t0.Add(10*time.Second))
	if !ok || !first || wait != 50*time.Second {
		t.Fatalf("blocked = %v first=%v wait=%v, want blocked for 50s, first", ok, first, wait)
	}
	if _, first, _ := l.blocked("10.0.0.7:51000", t0.Add(11*time.Second)); first {
		t.Error("the same block reported as first twice: it would be logged per request")
	}
	if _, _, ok := l.blocked("10.0.0.8:51000", t0.Add(10*time.Second)); ok {
		t.Error("another address was blocked")
	}
	if _, _, ok := l.blocked("10.0.0.7:51000", t0.Add(authFailureWindow)); ok {
		t.Error("still blocked after the window")
	}
}

func TestAuthLimiterMemoryIsBounded(t *testing.T) {
	l := newAuthLimiter()
	t0 := time.Now()
	for i := range authTrackedMax + 500 {
		l.fail("192.0.2."+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676))+":1", t0.Add(time.Duration(i)*time.Millisecond))
	}
	if n := len(l.addrs); n > authTrackedMax {
		t.Errorf("tracking %d addresses, want at most %d", n, authTrackedMax)
	}
}

// TestWHIPSlowsRepeatedCredentialFailures: an address that keeps guessing secrets is refused with
// 429 and Retry-After, even when it finally sends the right one; nothing joins.
func TestWHIPSlowsRepeatedCredentialFailures(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	offer := offerSDP(t, h)
	for i := range authFailureLimit {
		resp := whipPost(t, h.srv.URL, "B", "guess-"+strconv.Itoa(i), "application/sdp", offer)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: status %d, want 401", i, resp.StatusCode)
		}
	}
	resp := whipPost(t, h.srv.URL, "B", "s-b", "application/sdp", offer)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after %d failures: status %d, want 429", authFailureLimit, resp.StatusCode)
	}
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 61 {
		t.Errorf("Retry-After %q, want 1..61 seconds", resp.Header.Get("Retry-After"))
	}
	if p := h.participant("B"); p.Connected {
		t.Error("a blocked address joined")
	}
}
