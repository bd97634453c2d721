package sshd

import (
	"context"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"diemcau/tui"
)

// TestAuthorizedKeysReportsSkippedLinesWithReasons writes the lines an administrator gets wrong
// and checks that each is reported with its line number and reason, in both languages, that the
// skipped ones let nobody in and the accepted ones keep working.
func TestAuthorizedKeysReportsSkippedLinesWithReasons(t *testing.T) {
	var keys [8]string
	var signers [8]gossh.Signer
	for i := range keys {
		signers[i], keys[i] = newKey(t)
	}
	file := strings.Join([]string{
		"# comment",                               // 1
		keys[0] + " role=Control tech=an",         // 2: skipped, role case
		keys[1] + " role=host tech=binh",          // 3: accepted read-only
		keys[2] + " role=operator tech=chi bp=XX", // 4: accepted, unknown bp
		keys[3] + " role=operator tech=dung",      // 5: skipped, no bp
		"ssh-ed25519 AAAAnotbase64 role=control",  // 6: skipped, not a key
		keys[4] + " tech=em",                      // 7: skipped, no role
		keys[5] + " role=viewer",                  // 8: skipped, no tech
		keys[6] + " role=control tech=giang",      // 9: good
		"",                                        // 10
		keys[6] + " role=viewer tech=giang",       // 11: duplicate of 9, wins
	}, "\n")
	known := func(id string) bool { return id == "XA-IAGRAI" }
	ids, problems := ParseAuthorizedKeys([]byte(file), known)
	type want struct {
		line    int
		reason  KeyReason
		skipped bool
	}
	wants := []want{{2, KeyBadRole, true}, {3, KeyHostNoBP, false}, {4, KeyUnknownBP, false}, {5, KeyOperatorNoBP, true},
		{6, KeyNotAKey, true}, {7, KeyNoRole, true}, {8, KeyNoTech, true}, {11, KeyDuplicate, false}}
	if len(problems) != len(wants) {
		t.Fatalf("problems %+v, want %d", problems, len(wants))
	}
	for i, w := range wants {
		p := problems[i]
		if p.Line != w.line || p.Reason != w.reason || p.Skipped != w.skipped {
			t.Errorf("problem %d = %+v, want line %d reason %d skipped %v", i, p, w.line, w.reason, w.skipped)
		}
	}
	if len(ids) != 3 { // host, operator with unknown bp, giang
		t.Errorf("accepted %d keys, want 3: %+v", len(ids), ids)
	}
	if id := ids[string(signers[6].PublicKey().Marshal())]; id.Role != tui.RoleViewer {
		t.Errorf("the later line of a key given twice should win: %+v", id)
	}
	for _, lang := range []string{"vi", "en"} {
		report := KeyProblemsText(lang, "/etc/diemcau/authorized_keys", problems)
		lines := strings.Split(strings.TrimSpace(report), "\n")
		if len(lines) != len(wants) {
			t.Fatalf("%s report has %d lines, want %d:\n%s", lang, len(lines), len(wants), report)
		}
		for _, l := range lines {
			if strings.Contains(l, "%!") {
				t.Errorf("%s: bad format in %q", lang, l)
			}
		}
		wantRole := map[string]string{"vi": "dòng 2: bỏ qua — role=Control không phải", "en": "line 2: skipped — role=Control is not one of"}[lang]
		if !strings.Contains(lines[0], wantRole) {
			t.Errorf("%s: line 2 reported as %q", lang, lines[0])
		}
		wantBP := map[string]string{"vi": "dòng 4: cảnh báo — bp=XX không có", "en": "line 4: warning — bp=XX is not in"}[lang]
		if !strings.Contains(lines[2], wantBP) {
			t.Errorf("%s: line 4 reported as %q", lang, lines[2])
		}
	}
}

// TestAuthorizedKeysReportOnStartAndReload checks that the problems are reported when the file
// is first read and again when an edited file is re-read at the next login, and that a fixed
// file reports nothing and admits the key.
func TestAuthorizedKeysReportOnStartAndReload(t *testing.T) {
	f := newFixture(t, 3)
	signer, key := newKey(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(path, []byte(key+" role=Control tech=an\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var reports [][]KeyProblem
	keys, err := OpenAuthorizedKeys(path, KeyOptions{
		Log:    slog.New(slog.DiscardHandler),
		Report: func(_ string, ps []KeyProblem) { mu.Lock(); reports = append(reports, ps); mu.Unlock() },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 || reports[0][0].Line != 1 || reports[0][0].Reason != KeyBadRole {
		t.Fatalf("start report %+v, want line 1 bad role", reports)
	}
	srv, err := NewServer(Config{Addr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host"), Keys: keys,
		Console: f.options("vi"), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	r := &sshRig{addr: ln.Addr().String()}
	if c, err := r.dial(gossh.PublicKeys(signer)); err == nil {
		c.Close()
		t.Fatal("role=Control was let in")
	}
	// The edit: another mistake first, then the fix. A later mtime makes the change visible.
	edit := func(text string, at time.Time) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
	}
	edit("\n"+key+" role=operator tech=an\n", time.Now().Add(time.Minute))
	if c, err := r.dial(gossh.PublicKeys(signer)); err == nil {
		c.Close()
		t.Fatal("an operator without bp= was let in")
	}
	mu.Lock()
	if len(reports) != 2 || reports[1][0].Line != 2 || reports[1][0].Reason != KeyOperatorNoBP {
		t.Errorf("reload report %+v, want line 2 operator without bp", reports)
	}
	mu.Unlock()
	edit(key+" role=control tech=an\n", time.Now().Add(2*time.Minute))
	c, err := r.dial(gossh.PublicKeys(signer))
	if err != nil {
		t.Fatalf("the fixed key: %v", err)
	}
	c.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(reports) != 2 || len(keys.Problems()) != 0 {
		t.Errorf("a good file reported %+v / %+v", reports, keys.Problems())
	}
}

// TestSSHHostKeyLeavesItsFolderAlone starts the server in a folder of mode 0755 (as the
// database's folder is): the host key is made 0600 and the folder keeps 0755; a second start
// reuses the same key.
func TestSSHHostKeyLeavesItsFolderAlone(t *testing.T) {
	f := newFixture(t, 3)
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // whatever the umask
		t.Fatal(err)
	}
	keysPath := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keysPath, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := LoadAuthorizedKeys(keysPath, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	hostKey := filepath.Join(dir, "ssh_host_ed25519")
	var first []byte
	for i := range 2 {
		if _, err := NewServer(Config{Addr: "127.0.0.1:0", HostKeyPath: hostKey, Keys: keys, Console: f.options("vi")}); err != nil {
			t.Fatal(err)
		}
		di, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if di.Mode().Perm() != 0o755 {
			t.Errorf("start %d: the folder is now %v, want 0755", i+1, di.Mode().Perm())
		}
		ki, err := os.Stat(hostKey)
		if err != nil {
			t.Fatal(err)
		}
		if ki.Mode().Perm() != 0o600 {
			t.Errorf("start %d: host key mode %v, want 0600", i+1, ki.Mode().Perm())
		}
		data, _ := os.ReadFile(hostKey)
		if _, err := gossh.ParsePrivateKey(data); err != nil {
			t.Fatalf("host key unreadable: %v", err)
		}
		if i == 0 {
			first = data
		} else if string(data) != string(first) {
			t.Error("the second start replaced the host key")
		}
	}
}
