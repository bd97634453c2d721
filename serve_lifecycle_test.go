package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"diemcau/softep"
	"diemcau/store"
)

// freeAddr returns a loopback address with a port nobody listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// screenBuffer collects an SSH session's output safely across goroutines.
type screenBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *screenBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *screenBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// liveStatus reads GET /api/v1/status with token and returns bridge point id → connected.
func liveStatus(t *testing.T, base, token string) (int, map[string]bool) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/status", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Conferences []struct {
			BridgePoints []struct {
				ID        string `json:"id"`
				Connected bool   `json:"connected"`
			} `json:"bridge_points"`
		} `json:"conferences"`
	}
	got := map[string]bool{}
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		for _, c := range body.Conferences {
			for _, bp := range c.BridgePoints {
				got[bp.ID] = bp.Connected
			}
		}
	}
	return resp.StatusCode, got
}

// TestServeRotationJoinAndSIGTERM drives `diemcau serve` as an administrator would: import the
// registry and rotate a join secret with the command line, then run the server; the old secret
// is refused (401, logged without the secret, nothing joined), the new one joins, a technician
// logs in over SSH, and a real SIGTERM ends it all: the technician is told why, the server
// returns, and the log store reopens with every session closed.
func TestServeRotationJoinAndSIGTERM(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "diemcau.db")
	logPath := filepath.Join(dir, "diemcau.log")
	ctx := context.Background()

	// A registry with a bad row writes nothing; the good file then imports.
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte(e2eRegistry+"XA-SAI,,XA-SAI,Xã sai,commune,sub,Phòng,Đâu đó,10.0.9.9\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := runImport(ctx, []string{"bridgepoints", "--db", db, bad}); !errors.Is(err, errUsage) {
		t.Fatalf("import of a file with a bad row: %v, want the usage error", err)
	}
	good := filepath.Join(dir, "registry.csv")
	if err := os.WriteFile(good, []byte(e2eRegistry), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := captureStdout(t, func() error { return runImport(ctx, []string{"bridgepoints", "--db", db, good}) }); !strings.Contains(out, "Đã nhập 3 điểm cầu") {
		t.Fatalf("import said %q, want 3 bridge points (the bad file must have written nothing)", out)
	}
	rotate := func() string {
		out := captureStdout(t, func() error { return runBridgePoint(ctx, []string{"rotate", "--db", db, "XA-IAGRAI"}) })
		if !strings.Contains(out, "chỉ hiện một lần") {
			t.Fatalf("rotate printed %q", out)
		}
		return lastLine(out)
	}
	oldSecret, newSecret := rotate(), rotate()
	if oldSecret == newSecret || len(newSecret) < 32 {
		t.Fatalf("rotation gave %q then %q", oldSecret, newSecret)
	}

	signer := testSigner(t)
	keysPath := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keysPath, []byte(authorizedLine(signer, "role=control tech=nguyen.van.an")), 0o600); err != nil {
		t.Fatal(err)
	}
	const apiToken = "api-token-for-the-test"
	t.Setenv("DIEMCAU_API_TOKEN", apiToken)

	httpAddr, sshAddr := freeAddr(t), freeAddr(t)
	sigCtx, stopSignals := signal.NotifyContext(ctx, syscall.SIGTERM) // as main does
	defer stopSignals()
	served := make(chan error, 1)
	go func() {
		served <- runServe(sigCtx, []string{"--db", db, "--http", httpAddr, "--ssh", sshAddr, "--udp-port", "0", "--sip", "127.0.0.1:0",
			"--log", logPath, "--authorized-keys", keysPath})
	}()
	base := "http://" + httpAddr
	waitFor(t, "the HTTP server", 15*time.Second, func() bool {
		resp, err := http.Get(base + "/join/XA-IAGRAI")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	if code, _ := liveStatus(t, base, ""); code != http.StatusUnauthorized {
		t.Errorf("/api/v1/status without its token: %d, want 401", code)
	}
	if code, _ := liveStatus(t, base, newSecret); code != http.StatusUnauthorized {
		t.Errorf("/api/v1/status with a join secret: %d, want 401", code)
	}

	// serve opens no meeting by itself: the control center opens one (here over the API).
	if code, list := meetingsAPI(t, "GET", base+"/api/v1/meetings", apiToken, ""); code != http.StatusOK || len(list["live"].([]any)) != 0 {
		t.Fatalf("meetings at start: %d %v, want 200 and none live", code, list)
	}
	if code, reply := meetingsAPI(t, "POST", base+"/api/v1/meetings", apiToken, `{"title":"Giao ban","unit_kinds":["commune"]}`); code != http.StatusCreated {
		t.Fatalf("open an ad hoc meeting over the API: %d %v", code, reply)
	}

	dirMedia, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	clips, err := softep.LoadClips(dirMedia)
	if err != nil {
		t.Fatal(err)
	}
	endpoint := func(token string) *softep.Endpoint {
		return softep.New(softep.Config{URL: base, ID: "XA-IAGRAI", Token: token, Clips: clips,
			Receive: true, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	}
	joinCtx, cancelJoin := context.WithTimeout(ctx, 15*time.Second)
	defer cancelJoin()
	var refused *softep.JoinRefusedError
	if err := endpoint(oldSecret).Join(joinCtx); !errors.As(err, &refused) || refused.Status != http.StatusUnauthorized {
		t.Fatalf("join with the rotated-out secret: %v, want 401", err)
	}
	if _, bps := liveStatus(t, base, apiToken); bps["XA-IAGRAI"] {
		t.Fatal("the refused join left XA-IAGRAI connected")
	}
	ep := endpoint(newSecret)
	if err := ep.Join(joinCtx); err != nil {
		t.Fatalf("join with the new secret: %v", err)
	}
	defer func() {
		c, cancel := context.WithTimeout(ctx, 2*time.Second)
		ep.Leave(c)
		cancel()
	}()
	waitFor(t, "XA-IAGRAI connected in the status API", 15*time.Second, func() bool {
		_, bps := liveStatus(t, base, apiToken)
		return bps["XA-IAGRAI"]
	})

	// A technician's console over SSH.
	client, err := gossh.Dial("tcp", sshAddr, &gossh.ClientConfig{User: "kythuat", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("ssh login: %v", err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	screen := &screenBuffer{}
	sess.Stdout, sess.Stderr = screen, screen
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(in, "\x1b]11;rgb:1c1c/1c1c/1c1c\a\x1b[?62;22c") // a terminal's answers to the server's queries
	waitFor(t, "the console over SSH showing the bridge point", 15*time.Second, func() bool {
		return strings.Contains(screen.String(), "Xã Ia Grai")
	})

	// SIGTERM, as systemd sends it.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("serve after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return after SIGTERM")
	}
	waitFor(t, "the technician told why the console ended", 5*time.Second, func() bool {
		return strings.Contains(screen.String(), "Máy chủ diemcau đang dừng")
	})

	logs, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logs), "rejected join credential") || !strings.Contains(string(logs), "bp=XA-IAGRAI") {
		t.Errorf("the refused join is not logged with its bridge point:\n%s", logs)
	}
	for _, secret := range []string{oldSecret, newSecret, apiToken} {
		if strings.Contains(string(logs), secret) {
			t.Errorf("a secret is in the log:\n%s", logs)
		}
	}

	// The store reopens at its version and every session of the meeting was closed.
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("reopen the store after SIGTERM: %v", err)
	}
	defer st.Close()
	sessions, err := st.Sessions(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) == 0 {
		t.Fatal("no session of XA-IAGRAI recorded")
	}
	for _, s := range sessions {
		if s.BridgePoint != "XA-IAGRAI" || s.LeftAt.IsZero() {
			t.Errorf("session after SIGTERM: %+v, want only XA-IAGRAI, closed", s)
		}
	}
}
