package sshd

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"diemcau/tui"
	"diemcau/tui/tuitest"
)

// sshRig is a real SSH server on 127.0.0.1 serving the fixture's console.
type sshRig struct {
	addr     string
	keysPath string
	hostKey  string
	logs     *syncBuffer
	stop     context.CancelFunc // stops the server as SIGTERM does
}

// syncBuffer is a bytes.Buffer safe for the server's log writes and the test's reads.
type syncBuffer = tuitest.SyncBuffer

func newSSHRig(t *testing.T, f *fixture, authorized string) *sshRig {
	t.Helper()
	return newSSHRigWith(t, f.options("vi"), authorized)
}

// newSSHRigWith is newSSHRig whose sessions start from opts.
func newSSHRigWith(t *testing.T, opts tui.Options, authorized string) *sshRig {
	t.Helper()
	dir := t.TempDir()
	r := &sshRig{keysPath: filepath.Join(dir, "authorized_keys"), hostKey: filepath.Join(dir, "ssh_host_ed25519"), logs: &syncBuffer{}}
	if err := os.WriteFile(r.keysPath, []byte(authorized), 0o600); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(r.logs, nil))
	keys, err := LoadAuthorizedKeys(r.keysPath, log)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := NewServer(Config{Addr: "127.0.0.1:0", HostKeyPath: r.hostKey, Keys: keys, Console: opts, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	r.stop = stop
	done := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	r.addr = ln.Addr().String()
	return r
}

// newKey makes an ed25519 key pair: the signer and its authorized_keys line without comment.
func newKey(t *testing.T) (gossh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
}

func (r *sshRig) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", r.addr, &gossh.ClientConfig{
		User:            "kythuat",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	})
}

// console opens a shell with an 80×24 pty and returns its screen output and its keyboard.
func (r *sshRig) console(t *testing.T, signer gossh.Signer) (*syncBuffer, io.Writer) {
	t.Helper()
	client, err := r.dial(gossh.PublicKeys(signer))
	if err != nil {
		t.Fatalf("ssh login with an authorised key: %v", err)
	}
	t.Cleanup(func() { client.Close() })
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	sess.Stdout = out
	sess.Stderr = out
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	// Answer the server's terminal query (background colour, then device attributes) as a real
	// terminal emulator does. A session the server ends at once may be gone already.
	_, _ = io.WriteString(in, "\x1b]11;rgb:1c1c/1c1c/1c1c\a\x1b[?62;22c")
	return out, in
}

// waitScreen waits until the session's output shows want, with or without its styles.
func waitScreen(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if s := out.String(); strings.Contains(s, want) || strings.Contains(plain(s), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("screen never showed %q; last output:\n%s", want, plain(out.String()))
}

func TestSSHAuthorisedKeyGetsTheConsole(t *testing.T) {
	f := newFixture(t, 2)
	signer, line := newKey(t)
	r := newSSHRig(t, f, "# technicians\n"+line+" role=control tech=nguyen.van.an\n")
	out, _ := r.console(t, signer)
	waitScreen(t, out, "Họp giao ban trực tuyến tháng 11")
	fi, err := os.Stat(r.hostKey)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %o, want 600", fi.Mode().Perm())
	}
}

func TestSSHRefusesUnknownKeyPasswordAndNone(t *testing.T) {
	f := newFixture(t, 1)
	_, line := newKey(t)
	stranger, strangerLine := newKey(t)
	r := newSSHRig(t, f, line+" role=control tech=nguyen.van.an\n")

	if c, err := r.dial(gossh.PublicKeys(stranger)); err == nil {
		c.Close()
		t.Error("an unknown key logged in")
	}
	if c, err := r.dial(gossh.Password("matkhau")); err == nil {
		c.Close()
		t.Error("a password logged in")
	}
	if c, err := r.dial(gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return []string{"x"}, nil })); err == nil {
		c.Close()
		t.Error("keyboard-interactive logged in")
	}
	if c, err := r.dial(); err == nil {
		c.Close()
		t.Error(`"none" authentication logged in`)
	}
	fp := gossh.FingerprintSHA256(stranger.PublicKey())
	if !strings.Contains(r.logs.String(), fp) {
		t.Errorf("refused key %s not logged; logs:\n%s", fp, r.logs.String())
	}

	// Editing the file lets the new technician in without a restart.
	time.Sleep(10 * time.Millisecond) // a later modification time than the first write
	data := line + " role=control tech=nguyen.van.an\n" + strangerLine + " role=control tech=tran.thi.cuc\n"
	if err := os.WriteFile(r.keysPath, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := r.console(t, stranger)
	waitScreen(t, out, "Họp giao ban trực tuyến tháng 11")
}

func TestSSHSessionsSeeEachOthersMute(t *testing.T) {
	f := newFixture(t, 2)
	an, anLine := newKey(t)
	binh, binhLine := newKey(t)
	r := newSSHRig(t, f, anLine+" role=control tech=nguyen.van.an\n"+binhLine+" role=control tech=le.van.binh\n")
	outA, keysA := r.console(t, an)
	outB, _ := r.console(t, binh)
	waitScreen(t, outA, "Xã Ia Grai")
	waitScreen(t, outB, "Xã Ia Grai")
	// Technician A moves to the first far end and mutes it; B's screen shows it.
	for _, k := range []string{"j", "m"} { // one keystroke a packet, as a person types
		if _, err := keysA.Write([]byte(k)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	eventually(t, "the mute in the MCU", func() bool { return f.participant(t, "XA-001").Mute != "" })
	waitScreen(t, outB, "tắt cứng")
	rows, err := f.rig.Store.AuditLog(t.Context(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		found = found || (row.Action == "mute" && row.Actor == "ssh:nguyen.van.an" && row.BridgePoint == "XA-001")
	}
	if !found {
		t.Errorf("no audit row of the mute by ssh:nguyen.van.an: %+v", rows)
	}
}

func TestSSHShutdownTellsEachTechnicianWhy(t *testing.T) {
	f := newFixture(t, 1)
	an, anLine := newKey(t)
	r := newSSHRig(t, f, anLine+" role=control tech=nguyen.van.an\n")
	out, _ := r.console(t, an)
	waitScreen(t, out, "Xã Ia Grai")
	r.stop()
	waitScreen(t, out, "Máy chủ diemcau đang dừng")
}
