package main

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"diemcau/softep"
	"diemcau/store"
)

// dbRows is every row of every table of the database at path, in a stable order: two calls
// return the same text exactly when nothing was written in between.
func dbRows(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		fmt.Fprintf(&b, "== %s\n", table)
		rows, err := db.Query(`SELECT * FROM "` + table + `" ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

// flagValue is the value of flag name in args.
func flagValue(args []string, name string) string {
	for i, a := range args {
		if a == name && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// TestSecondServerIsRefused runs `serve` in a process of its own and starts a second server on
// its database: the second is refused, naming the first (pid, command, host, HTTP address),
// and writes nothing, not a row of the database nor a line of the log. Once the first is
// killed with SIGKILL, the database is free again and a new server resumes its meeting.
func TestSecondServerIsRefused(t *testing.T) {
	r := newServerRig(t, 2)
	db, logPath := flagValue(r.args, "--db"), flagValue(r.args, "--log")
	first := startChild(t, r, false)
	before, logBefore := dbRows(t, db), readOrEmpty(t, logPath)
	if !strings.Contains(before, "live") {
		t.Fatalf("the first server has no live meeting:\n%s", before)
	}
	host, _ := os.Hostname()
	second := []string{"serve", "--db", db, "--http", "127.0.0.1:0", "--ssh", "127.0.0.1:0", "--udp-port", "0", "--sip", "off", "--log", logPath}
	for _, c := range []struct {
		args []string
		want string
	}{
		{second, "đang được một diemcau khác dùng"},
		{append(second, "--lang", "en"), "is in use by another diemcau"},
	} {
		_, stderr, code := runCLI(t, c.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", c.args, code)
		}
		for _, want := range []string{c.want, "pid " + strconv.Itoa(first.cmd.Process.Pid), " serve", host, r.url} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: the refusal lacks %q:\n%s", c.args, want, stderr)
			}
		}
	}
	if after := dbRows(t, db); after != before {
		t.Errorf("the refused server wrote to the database:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if got := readOrEmpty(t, logPath); got != logBefore {
		t.Errorf("the refused server wrote to the log:\n%s", strings.TrimPrefix(got, logBefore))
	}
	if code, _ := liveStatus(t, r.url, crashToken); code != 200 {
		t.Errorf("the first server no longer answers: status %d", code)
	}

	if err := first.kill(syscall.SIGKILL); err == nil {
		t.Fatal("the first server ended cleanly on SIGKILL")
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	live, err := st.LatestLiveMeeting(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	r.start(t) // the kernel dropped the killed server's lock
	if got := r.conf.Snapshot().MeetingID; got != live.ID {
		t.Errorf("after the crash the new server runs meeting %d, want %d resumed", got, live.ID)
	}
}

// readOrEmpty is the content of path, "" when it does not exist.
func readOrEmpty(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

// TestFailedStartWritesNothing starts `serve` on a database whose meeting is still live (its
// server stopped) in ways that fail: a busy --http, --ssh or --udp-port, an empty token file,
// a missing holiday file, an unreadable authorized_keys, a broken SSH host key. Each is refused in the user's
// language and leaves the database as it was: the meeting is not resumed, nothing journaled.
func TestFailedStartWritesNothing(t *testing.T) {
	r := newServerRig(t, 2)
	r.start(t)
	r.stop()
	db := flagValue(r.args, "--db")
	dir := filepath.Dir(db)
	before := dbRows(t, db)
	busyTCP, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busyTCP.Close()
	busyUDP, err := net.ListenPacket("udp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer busyUDP.Close()
	udpPort := strconv.Itoa(busyUDP.LocalAddr().(*net.UDPAddr).Port)
	empty := filepath.Join(dir, "empty-token")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ssh_host_ed25519"), []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	serve := func(extra ...string) []string {
		return append([]string{"serve", "--db", db, "--http", "127.0.0.1:0", "--ssh", "127.0.0.1:0", "--udp-port", "0", "--sip", "off",
			"--log", filepath.Join(dir, "second.log")}, extra...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{serve("--http", busyTCP.Addr().String()), "(--http) đang được chương trình khác dùng"},
		{serve("--ssh", busyTCP.Addr().String()), "(--ssh) đang được chương trình khác dùng"},
		{serve("--udp-port", udpPort), "UDP " + udpPort + " (--udp-port) đang được chương trình khác dùng"},
		{serve("--udp-port", udpPort, "--lang", "en"), "UDP " + udpPort + " (--udp-port) is in use by another program"},
		{serve("--api-token-file", empty), "(--api-token-file) trống"},
		{serve("--holidays", filepath.Join(dir, "nope.csv")), "(--holidays)"},
		{serve("--authorized-keys", dir), "(--authorized-keys) là một thư mục"},
		{serve("--lang", "vi"), "không dựng được máy chủ SSH với khóa máy chủ " + filepath.Join(dir, "ssh_host_ed25519")},
	} {
		_, stderr, code := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr lacks %q:\n%s", c.args[len(c.args)-2:], code, c.want, stderr)
		}
		if after := dbRows(t, db); after != before {
			t.Fatalf("%v: the failed start wrote to the database:\nbefore:\n%s\nafter:\n%s", c.args, before, after)
		}
	}
	r.start(t) // nothing was left claimed: the next start resumes the meeting
}

// TestDemoRefusesTooManyBeforeImporting: demo on an empty database with -n larger than the
// sample registry is refused, naming the size, and imports nothing; a fitting -n imports it.
func TestDemoRefusesTooManyBeforeImporting(t *testing.T) {
	td, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cf := commonFlags{db: filepath.Join(dir, "demo.db"), lang: "vi"}
	a, err := claimApp(context.Background(), cf, "demo", true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if _, err := a.demoRegistry(context.Background(), td, 500); err == nil || !strings.Contains(err.Error(), "-n phải từ 1 đến 156") {
		t.Fatalf("-n 500: %v, want the registry size named", err)
	}
	if bps, err := a.reg.BridgePoints(context.Background()); err != nil || len(bps) != 0 {
		t.Fatalf("a refused -n imported %d bridge points (%v)", len(bps), err)
	}
	bps, err := a.demoRegistry(context.Background(), td, 3)
	if err != nil || len(bps) != 3 || bps[0].Role != "main" {
		t.Fatalf("-n 3: %d bridge points, %v", len(bps), err)
	}
	if _, err := a.demoRegistry(context.Background(), td, 157); err == nil || !strings.Contains(err.Error(), "156") {
		t.Errorf("-n 157 on the imported registry: %v", err)
	}
}
