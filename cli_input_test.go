package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"diemcau/endpoints"
	"diemcau/softep"
	"diemcau/store"
)

// runCLI runs the command line in-process the way main does and returns what it printed and
// its exit status. It swaps os.Stdout and os.Stderr, so tests using it must not run in parallel.
// A command that does not end by itself (a server started where it should have been refused)
// is stopped after two minutes.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	dir := t.TempDir()
	outF, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	errF, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outF, errF
	func() {
		defer func() { os.Stdout, os.Stderr = oldOut, oldErr }()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		code = exitCode(args, dispatch(ctx, args))
	}()
	_ = outF.Close()
	_ = errF.Close()
	o, _ := os.ReadFile(outF.Name())
	e, _ := os.ReadFile(errF.Name())
	return string(o), string(e), code
}

// cliFixture is a temp dir with a database holding the sample registry, and hostile files.
type cliFixture struct {
	dir, db, registry string
}

func newCLIFixture(t *testing.T) cliFixture {
	t.Helper()
	td, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	f := cliFixture{dir: t.TempDir(), registry: filepath.Join(td, "registry-gialai.csv")}
	f.db = filepath.Join(f.dir, "ok.db")
	if _, stderr, code := runCLI(t, "import", "bridgepoints", f.registry, "--db", f.db); code != 0 {
		t.Fatalf("import the sample registry: %d %s", code, stderr)
	}
	return f
}

func (f cliFixture) write(t *testing.T, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, body, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCLIBadInputIsExplained feeds each command wrong input and checks a short message in the
// user's language naming the flag, file or value, exit status 2, no Go trace, no secret echoed.
func TestCLIBadInputIsExplained(t *testing.T) {
	f := newCLIFixture(t)
	const secret = "SECRET-join-7f3a"
	garbage := f.write(t, "garbage.db", bytes.Repeat([]byte("not sqlite \x00\xff"), 400))
	empty := f.write(t, "empty-token.txt", nil)
	notPEM := f.write(t, "cert.pem", []byte("junk"))
	busy, err := net.Listen("tcp", "127.0.0.1:0") // a port another program holds
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyUDP, err := net.ListenPacket("udp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer busyUDP.Close()
	udpPort := strconv.Itoa(busyUDP.LocalAddr().(*net.UDPAddr).Port)
	// Ports and a database a command must not reach when its flags are wrong.
	unreachable := []string{"--db", "/nonexistent/dir/x.db", "--http", busy.Addr().String(), "--udp-port", udpPort}
	listen := []string{"--http", "127.0.0.1:0", "--ssh", "127.0.0.1:0", "--udp-port", "0", "--sip", "127.0.0.1:0"}
	serve := func(extra ...string) []string {
		return append(append([]string{"serve", "--db", f.db}, listen...), extra...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"frob"}, `lệnh không rõ: "frob"`},
		{[]string{"--lang", "en", "frob"}, `unknown command: "frob"`},
		{serve("extra"), `serve: thừa tham số "extra"`},
		{[]string{"demo", "extra", "--lang", "en"}, `demo: unexpected argument "extra"`},
		{[]string{"report", "meeting", "1", "extra", "--db", f.db}, `thừa tham số "extra"`},
		{[]string{"endpoint", "extra", "--id", "A", "--token", secret}, `endpoint: thừa tham số "extra"`},
		{[]string{"bench", "extra"}, `bench: thừa tham số "extra"`},
		{[]string{"bench", "--sip", "-1"}, "bench: --sip phải ≥ 0 và --endpoints + --sip không quá 1000 (đang là --sip -1, --endpoints 160)"},
		{[]string{"bench", "--lang", "en", "--sip", "999"}, "--endpoints + --sip at most 1000 (given --sip 999, --endpoints 160)"},
		{[]string{"demo", "--bogus"}, "không có tham số --bogus"},
		{[]string{"--lang", "en", "demo", "-n", "abc"}, `invalid value "abc" for --n`},
		{append([]string{"demo", "-n", "-5"}, unreachable...), "-n phải từ 1 trở lên (số điểm cầu mềm), không phải -5"},
		{append([]string{"demo", "-n", "0", "--lang", "en"}, unreachable...), "-n must be 1 or more"},
		{append([]string{"demo", "--media", f.dir}, unreachable...), "thiếu đoạn phim mẫu " + filepath.Join(f.dir, "speech-vi.ogg") + " (--media " + f.dir + ")"},
		{serve("--udp-port", udpPort), "UDP " + udpPort + " (--udp-port) đang được chương trình khác dùng"},
		{serve("--log", f.dir), "không mở được tệp nhật ký " + f.dir + " (--log)"},
		{[]string{"serve", "--http", "notanaddress"}, `--http phải là địa chỉ dạng MÁY:CỔNG`},
		{[]string{"serve", "--lang", "en", "--ssh", ":99999"}, "--ssh must be an address HOST:PORT"},
		{[]string{"serve", "--udp-port", "70000"}, "--udp-port phải từ 0 đến 65535, không phải 70000"},
		{[]string{"serve", "--udp-port", "-1", "--lang", "en"}, "--udp-port must be from 0 to 65535"},
		{[]string{"serve", "--lang", "fr"}, `--lang phải là vi hoặc en, không phải "fr"`},
		{[]string{"report", "meeting", "1", "--db", f.dir}, "là một thư mục"},
		{[]string{"report", "meeting", "1", "--db", garbage, "--lang", "en"}, "is not a diemcau SQLite database"},
		{[]string{"report", "meeting", "1", "--db", "/nonexistent/dir/x.db"}, "không có thư mục /nonexistent/dir"},
		{[]string{"report", "meeting", "999", "--db", f.db}, "không có cuộc họp #999"},
		{[]string{"--db", f.db, "--lang", "en", "report", "meeting", "999"}, "there is no meeting #999"},
		{[]string{"report", "--db", f.db, "meeting", "999"}, "không có cuộc họp #999"},
		{[]string{"bridgepoint", "--db", f.db, "rotate", "UNKNOWN"}, `"UNKNOWN"`},
		{[]string{"import", "--db", f.db, "bridgepoints", "missing.csv"}, "không có tệp missing.csv"},
		{[]string{"report", "annual", "--year", "1800", "--db", f.db}, "--year"},
		{[]string{"bridgepoint", "rotate", "UNKNOWN", "--db", f.db}, `"UNKNOWN"`},
		{[]string{"import", "bridgepoints", filepath.Join(f.dir, "missing.csv"), "--db", f.db}, "không có tệp"},
		{[]string{"booking", "add", "missing.json", "--db", f.db, "--lang", "en"}, "no such file missing.json (booking)"},
		{serve("--http", busy.Addr().String()), "(--http) đang được chương trình khác dùng"},
		{serve("--ssh", busy.Addr().String(), "--lang", "en"), "(--ssh) is in use by another program"},
		{serve("--holidays", "nope.csv"), "không có tệp nope.csv (--holidays)"},
		{serve("--tls-cert", "nope.pem", "--tls-key", notPEM), "nope.pem (--tls-cert)"},
		{serve("--tls-cert", notPEM), "--tls-cert và --tls-key phải đi cùng nhau"},
		{serve("--tls-cert", notPEM, "--tls-key", notPEM), "không nạp được chứng chỉ --tls-cert"},
		{serve("--api-token-file", empty), "(--api-token-file) trống"},
		{serve("--api-token-file", "nope.txt", "--lang", "en"), "no such file nope.txt (--api-token-file)"},
		{[]string{"endpoint", "--url", "ftp://x", "--id", "A", "--token", secret}, "--url phải là địa chỉ http://"},
		{[]string{"endpoint", "--url", "ht!tp://[::", "--id", "A", "--token", secret, "--lang", "en"}, "--url must be an http:// or https://"},
		{[]string{"endpoint", "--id", "A", "--token", secret, "--attendees", "-3"}, "--attendees phải là số người dự từ 0 đến 10000, không phải -3"},
		{[]string{"endpoint", "--id", "A", "--token", secret, "--video-codec", "av1"}, `--video-codec phải là vp8 hoặc h264, không phải "av1"`},
		{[]string{"endpoint", "--id", "A", "--token", secret, "--video-codec", "h265", "--lang", "en"}, `--video-codec must be vp8 or h264, not "h265"`},
	} {
		name := strings.Join(c.args, " ")
		stdout, stderr, code := runCLI(t, c.args...)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2", name, code)
		}
		if !strings.Contains(stderr, c.want) {
			t.Errorf("%s: stderr lacks %q:\n%s", name, c.want, stderr)
		}
		if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines > 4 {
			t.Errorf("%s: %d lines of error, want a short message:\n%s", name, lines, stderr)
		}
		for _, bad := range []string{"goroutine ", "panic", secret, "flag provided", "no such file or directory"} {
			if strings.Contains(stdout+stderr, bad) {
				t.Errorf("%s: output contains %q:\n%s%s", name, bad, stdout, stderr)
			}
		}
	}
	if b, _ := os.ReadFile(garbage); !bytes.HasPrefix(b, []byte("not sqlite")) {
		t.Error("opening a non-SQLite --db changed the file")
	}
	st, err := store.Open(context.Background(), f.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if m, err := st.Meeting(context.Background(), 1); err == nil {
		t.Errorf("a refused start opened meeting %+v", m)
	}
}

// TestCLIHelpExitsZero checks -h on commands and subcommands prints help, in the user's
// language, and exits 0.
func TestCLIHelpExitsZero(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-h"}, "Lệnh:"},
		{[]string{"--lang", "en", "-h"}, "Commands:"},
		{[]string{"demo", "-h"}, "tệp cơ sở dữ liệu SQLite"},
		{[]string{"serve", "-h", "--lang", "en"}, "SQLite database file"},
		{[]string{"endpoint", "-h"}, "mã điểm cầu"},
		{[]string{"bench", "-h"}, "thời gian đo, giây"},
		{[]string{"bench", "-h"}, "với bench: số thiết bị SIP mềm"},
		{[]string{"booking", "-h"}, "diemcau booking add"},
		{[]string{"report", "annual", "-h"}, "--year"},
	} {
		stdout, stderr, code := runCLI(t, c.args...)
		if code != 0 {
			t.Errorf("%v: exit %d, want 0: %s", c.args, code, stderr)
		}
		if !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("%v: help lacks %q:\n%s%s", c.args, c.want, stdout, stderr)
		}
	}
}

// TestCLIImportIsAllOrNothing imports hostile registry files into an empty database: each is
// refused with the line and field at fault and leaves no bridge point behind; a BOM and CRLF
// line ends are accepted; flags may follow the file.
func TestCLIImportIsAllOrNothing(t *testing.T) {
	f := newCLIFixture(t)
	good, err := os.ReadFile(f.registry)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(good), "\n")
	latin1 := []byte(lines[0] + "XA-A,X\xe3 A,XA-A,X\xe3 A,commune,sub,Ph\xf2ng h\xf3p,,\n")
	for _, c := range []struct {
		name string
		body []byte
		want string
	}{
		{"empty", nil, "dòng 1"},
		{"header only", []byte(lines[0]), "dòng 1"},
		{"duplicate id", []byte(string(good) + lines[2]), `dòng 158, cột id`},
		{"latin-1", latin1, "dòng 2, cột name: không phải văn bản UTF-8 hợp lệ"},
		{"over 10 MB", append([]byte(lines[0]), bytes.Repeat([]byte(lines[2]), 11<<20/len(lines[2]))...), "10 MB"},
	} {
		db := filepath.Join(f.dir, "import-"+strings.ReplaceAll(c.name, " ", "-")+".db")
		p := f.write(t, c.name+".csv", c.body)
		_, stderr, code := runCLI(t, "import", "bridgepoints", p, "--db", db)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr lacks %q:\n%.400s", c.name, code, c.want, stderr)
		}
		if n := bridgePointCount(t, db); n != 0 {
			t.Errorf("%s: a refused import wrote %d bridge points", c.name, n)
		}
	}
	bomCRLF := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n"))...)
	db := filepath.Join(f.dir, "bom.db")
	if stdout, stderr, code := runCLI(t, "--lang", "en", "import", "bridgepoints", f.write(t, "bom.csv", bomCRLF), "--db", db); code != 0 || !strings.Contains(stdout, "156") {
		t.Fatalf("BOM+CRLF import: exit %d: %s%s", code, stdout, stderr)
	}
	if n := bridgePointCount(t, db); n != 156 {
		t.Errorf("BOM+CRLF import stored %d bridge points, want 156", n)
	}
}

// bridgePointCount opens db and counts its bridge points.
func bridgePointCount(t *testing.T, db string) int {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bps, err := endpoints.NewRegistry(st).BridgePoints(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(bps)
}

// TestConsoleNeedsATerminal: a console started without a terminal (here its output is a file)
// says so in the user's language and opens no meeting in the store.
func TestConsoleNeedsATerminal(t *testing.T) {
	f := newCLIFixture(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"console", "--db", f.db, "--http", "127.0.0.1:0", "--udp-port", "0"}, "cần một cửa sổ dòng lệnh"},
		{[]string{"console", "--lang", "en", "--db", f.db, "--http", "127.0.0.1:0", "--udp-port", "0"}, "the console needs a terminal"},
	} {
		_, stderr, code := runCLI(t, tc.args...)
		if code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want an error saying %q", tc.args, code, stderr, tc.want)
		}
	}
	st, err := store.Open(context.Background(), f.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if m, err := st.Meeting(context.Background(), 1); err == nil {
		t.Errorf("a console without a terminal opened meeting %+v", m)
	}
}

// TestBookingFlagsBeforeTheSubcommand: `booking --db X list` works like `booking list --db X`.
func TestBookingFlagsBeforeTheSubcommand(t *testing.T) {
	f := newCLIFixture(t)
	for _, args := range [][]string{{"booking", "--db", f.db, "list"}, {"booking", "list", "--db", f.db}} {
		if out, stderr, code := runCLI(t, args...); code != 0 || !strings.Contains(out, "Chưa có đăng ký") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
	if _, stderr, code := runCLI(t, "booking", "--db", f.db, "frob"); code == 0 || !strings.Contains(stderr, "booking add") {
		t.Errorf("unknown booking subcommand: exit %d, stderr %q; want the usage", code, stderr)
	}
}
