package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/store"
)

// hostileApp is the real process wiring (openApp + serveHTTP: the production http.Server with its
// timeouts and header limit) with one bridge point registered and in an open conference.
type hostileApp struct {
	a      *app
	token  string
	logDir string
}

func newHostileApp(t *testing.T) *hostileApp {
	t.Helper()
	dir := t.TempDir()
	cf := commonFlags{db: filepath.Join(dir, "diemcau.db"), http: "127.0.0.1:0", lang: "vi",
		logFile: filepath.Join(dir, "diemcau.log")}
	ctx := context.Background()
	a, err := openApp(ctx, cf, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.close)
	if _, err := a.reg.Import(ctx, strings.NewReader(e2eRegistry), "vi"); err != nil {
		t.Fatal(err)
	}
	token, err := a.reg.Rotate(ctx, "XA-IAGRAI")
	if err != nil {
		t.Fatal(err)
	}
	mid, err := a.st.CreateMeeting(ctx, store.Meeting{Title: "Kiểm thử", MainBP: "UBND-TINH", StartedAt: time.Now()},
		[]string{"UBND-TINH", "XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.mcu.Open(ctx, mcu.ConferenceSpec{ID: "1", MeetingID: mid, Title: "Kiểm thử",
		Members: []mcu.Member{{ID: "UBND-TINH", Name: "UBND tỉnh", Main: true}, {ID: "XA-IAGRAI", Name: "Xã Ia Grai"}}}); err != nil {
		t.Fatal(err)
	}
	if err := a.serveHTTP(); err != nil {
		t.Fatal(err)
	}
	return &hostileApp{a: a, token: token, logDir: dir}
}

// healthy checks that the server still answers: the join page loads and a WHIP offer that is not
// SDP is refused with the handler's own 400, so the handler chain is alive.
func (h *hostileApp) healthy(t *testing.T) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(h.a.baseURL + "/join/XA-IAGRAI")
	if err != nil {
		t.Fatalf("join page after the attack: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("join page after the attack: status %d", resp.StatusCode)
	}
	code, body := h.post(t, strings.NewReader("v=0\r\nnot an offer\r\n"))
	if code != http.StatusBadRequest || !strings.Contains(body, "SDP") {
		t.Fatalf("small bad offer after the attack: %d %q", code, body)
	}
}

// post sends body as a WHIP offer of XA-IAGRAI with its credential.
func (h *hostileApp) post(t *testing.T, body io.Reader) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.a.baseURL+"/whip/XA-IAGRAI", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/sdp")
	req.Header.Set("Authorization", "Bearer "+h.token)
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("POST /whip: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestHostileHTTPOversized sends an offer far over the limit, one that never ends, and headers
// over MaxHeaderBytes: each is refused with a status that says why, and the server goes on.
func TestHostileHTTPOversized(t *testing.T) {
	h := newHostileApp(t)
	h.healthy(t)

	code, body := h.post(t, bytes.NewReader(bytes.Repeat([]byte("a=x\r\n"), 2<<20))) // 10 MiB
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "quá lớn") {
		t.Errorf("10 MiB offer: %d %q, want 413 with the reason", code, body)
	}
	// A body without a length that never ends is cut at the limit too.
	endless := io.MultiReader(strings.NewReader("v=0\r\n"), &endlessReader{})
	code, body = h.post(t, endless)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "quá lớn") {
		t.Errorf("endless chunked offer: %d %q, want 413 with the reason", code, body)
	}

	req, _ := http.NewRequest(http.MethodGet, h.a.baseURL+"/join/XA-IAGRAI", nil)
	req.Header.Set("X-Junk", strings.Repeat("x", 64<<10))
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("oversized header: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("64 KiB header: status %d, want 431", resp.StatusCode)
	}
	h.healthy(t)
}

// endlessReader is an offer body that never ends.
type endlessReader struct{}

func (*endlessReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// TestHostileHTTPSlowLoris opens connections that send a header line now and then and never end
// the header: the server's ReadHeaderTimeout cuts each of them, and requests from others are
// served meanwhile and after.
func TestHostileHTTPSlowLoris(t *testing.T) {
	h := newHostileApp(t)
	addr := strings.TrimPrefix(h.a.baseURL, "http://")
	const conns = 20
	var wg sync.WaitGroup
	closed := make(chan error, conns)
	stop := make(chan struct{})
	for i := range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		wg.Add(2)
		go func() { // dribble: one header line every 200 ms, never the blank line
			defer wg.Done()
			w := bufio.NewWriter(c)
			_, _ = w.WriteString("POST /whip/XA-IAGRAI HTTP/1.1\r\nHost: diemcau\r\n")
			_ = w.Flush()
			tick := time.NewTicker(200 * time.Millisecond)
			defer tick.Stop()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				if _, err := c.Write([]byte("X-Slow-" + string(rune('a'+i%26)) + ": 1\r\n")); err != nil {
					return
				}
			}
		}()
		go func() { // the server closing the connection ends this read
			defer wg.Done()
			_ = c.SetReadDeadline(time.Now().Add(60 * time.Second)) // test guard, not the assertion
			_, err := io.Copy(io.Discard, c)
			closed <- err
		}()
	}
	// While they dribble, others are served.
	h.healthy(t)
	for range conns {
		err := <-closed
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("a slow-loris connection was still open after the test guard: %v", err)
		}
	}
	close(stop)
	wg.Wait()
	h.healthy(t)
	logs, _ := os.ReadFile(filepath.Join(h.logDir, "diemcau.log"))
	if n := strings.Count(string(logs), "\n"); n > conns {
		t.Errorf("%d log lines for %d slow connections, want at most one each:\n%s", n, conns, logs)
	}
}
