package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeReportsSkippedKeysAndKeepsFolderMode starts `diemcau serve` as an administrator set
// it up: a database folder of mode 0755 and an authorized_keys file with a line written
// role=Control. The skipped line is printed at start with its line number and reason, and the
// folder keeps its mode (the host key is its own 0600 file).
func TestServeReportsSkippedKeysAndKeepsFolderMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "diemcau.db")
	keysPath := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keysPath, []byte("# keys\n"+doctorKey(t, "role=Control tech=an")), 0o600); err != nil {
		t.Fatal(err)
	}
	errF, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = errF
	defer func() { os.Stderr = old }()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- runServe(ctx, []string{"--db", db, "--http", "127.0.0.1:0", "--ssh", freeAddr(t), "--udp-port", "0", "--sip", "127.0.0.1:0",
			"--log", filepath.Join(t.TempDir(), "log"), "--lang", "en"})
	}()
	want := keysPath + " line 2: skipped — role=Control is not one of control, host, operator, viewer"
	waitFor(t, "the skipped line on stderr", 20*time.Second, func() bool {
		b, _ := os.ReadFile(errF.Name())
		return strings.Contains(string(b), want)
	})
	cancel()
	if err := <-served; err != nil {
		t.Errorf("serve: %v", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o755 {
		t.Errorf("serve turned the database folder to %v, want 0755", fi.Mode().Perm())
	}
	ki, err := os.Stat(filepath.Join(dir, "ssh_host_ed25519"))
	if err != nil || ki.Mode().Perm() != 0o600 {
		t.Errorf("host key: %v %v, want a 0600 file", ki, err)
	}
}
