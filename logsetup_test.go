package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRefusalStormIsOneLinePerBurst: 40 refused join credentials within a window make one line
// at once and one summary line when the window ends, with the count and the last one's details;
// other lines pass as they are.
func TestRefusalStormIsOneLinePerBurst(t *testing.T) {
	out := &screenBuffer{} // safe for the handler's timer and the test
	log := slog.New(newBurstHandler(slog.NewTextHandler(out, nil), 300*time.Millisecond))
	for i := range 40 {
		log.Warn("rejected join credential", "bp", fmt.Sprintf("XA-%03d", i), "remote", "10.0.0.1:5000")
		if i == 10 {
			log.Info("meeting opened", "id", 7)
		}
	}
	if n := strings.Count(out.String(), "rejected join credential"); n != 1 {
		t.Fatalf("%d lines during the burst, want 1:\n%s", n, out.String())
	}
	waitFor(t, "the burst's summary line", 10*time.Second, func() bool {
		return strings.Contains(out.String(), `msg="rejected join credential (burst)" more=39`)
	})
	s := out.String()
	if !strings.Contains(s, "last_bp=XA-039") || !strings.Contains(s, `msg="meeting opened" id=7`) {
		t.Errorf("log:\n%s", s)
	}
	log.Warn("rejected join credential", "bp", "XA-100") // a new window logs again
	if n := strings.Count(out.String(), "bp=XA-100"); n != 1 {
		t.Errorf("the next window's first refusal was not logged:\n%s", out.String())
	}
}

// TestJournalFormat: under systemd (JOURNAL_STREAM naming stderr) each line carries its syslog
// priority and no time of its own; JOURNAL_STREAM naming another file is not the journal.
func TestJournalFormat(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stderr
	os.Stderr = f
	defer func() { os.Stderr = old }()
	var st syscall.Stat_t
	if err := syscall.Fstat(int(f.Fd()), &st); err != nil {
		t.Fatal(err)
	}
	t.Setenv("JOURNAL_STREAM", fmt.Sprintf("%d:%d", st.Dev, st.Ino+1))
	if stderrIsJournal() {
		t.Fatal("a JOURNAL_STREAM of another file was taken for stderr")
	}
	t.Setenv("JOURNAL_STREAM", fmt.Sprintf("%d:%d", st.Dev, st.Ino))
	log, closer, err := openLogger("")
	if err != nil || closer != nil {
		t.Fatal(closer, err)
	}
	log.Warn("authorized keys: line skipped", "line", 3)
	log.Info("ssh console opened", "tech", "an")
	log.With("component", "mcu").Error("udp mux failed")
	data, _ := os.ReadFile(f.Name())
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	want := []string{`<4>level=WARN msg="authorized keys: line skipped" line=3`, `<6>level=INFO msg="ssh console opened" tech=an`,
		`<3>level=ERROR msg="udp mux failed" component=mcu`}
	if len(lines) != len(want) {
		t.Fatalf("journal lines:\n%s", data)
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i, lines[i], w)
		}
	}
}

// TestLogFileRotates writes past the rotation size through the logger serve uses with --log:
// the file is rotated, an older one kept beside it, and no line is lost across the rotation.
func TestLogFileRotates(t *testing.T) {
	old := logMaxMB
	logMaxMB = 1
	defer func() { logMaxMB = old }()
	path := filepath.Join(t.TempDir(), "diemcau.log")
	log, closer, err := openLogger(path)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("x", 200)
	const n = 8000 // about 1.9 MB
	for i := range n {
		log.Info("filler", "i", i, "pad", line)
	}
	closer.Close()
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "diemcau*.log*"))
	if len(files) < 2 {
		t.Fatalf("after %d lines: %v, want the log and a rotated one", n, files)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("log file %v %v, want mode 0600", fi, err)
	}
	waitFor(t, "the rotated file compressed", 20*time.Second, func() bool {
		gz, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "diemcau-*.log.gz"))
		plain, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "diemcau-*.log"))
		return len(gz) >= 1 && len(plain) == 0 // the compressor removes the plain file last
	})
	cur, _ := os.ReadFile(path)
	if !strings.Contains(string(cur), fmt.Sprintf("i=%d ", n-1)) {
		t.Error("the last line is not in the current log file")
	}
}

// TestServeLogsWHIPRefusalStormOnce sends eight joins with a wrong secret to the real server
// (fewer than the rate limit): its log file holds one line for them, not eight.
func TestServeLogsWHIPRefusalStormOnce(t *testing.T) {
	r := newServerRig(t, 1)
	r.start(t)
	for range 8 {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, r.url+"/whip/XA-001", strings.NewReader("v=0\r\n"))
		req.Header.Set("Content-Type", "application/sdp")
		req.Header.Set("Authorization", "Bearer not-the-secret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("join with a wrong secret: %d", resp.StatusCode)
		}
	}
	logPath := r.args[len(r.args)-3]
	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "rejected join credential"); n != 1 {
		t.Errorf("%d log lines for 8 refusals, want 1:\n%s", n, data)
	}
	if strings.Contains(string(data), "not-the-secret") {
		t.Error("the log holds the secret that was sent")
	}
}
