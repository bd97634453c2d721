// Package baresiptest runs a real SIP user agent (Debian's baresip) headless for tests: its
// microphone is a WAV file, what it hears is dumped to WAV files, and it is driven over its TCP
// control socket.
package baresiptest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// UA is a real SIP user agent (Debian's baresip) run headless against the server: its
// microphone is a WAV file (aufile), what it hears is dumped to WAV files (sndfile), and it is
// driven over its TCP control socket (ctrl_tcp).
type UA struct {
	t    testing.TB
	dir  string
	cmd  *exec.Cmd
	ctrl net.Conn
	// Addr is where it takes SIP calls (UDP and TCP), host:port: a terminal the server dials
	// when its account line says answermode=auto.
	Addr string

	mu  sync.Mutex
	out strings.Builder
}

// Need skips a test when baresip is not installed, or fails it when CI is set (CI installs it).
func Need(t testing.TB) {
	t.Helper()
	missing := ""
	if _, err := exec.LookPath("baresip"); err != nil {
		missing = "baresip is not installed (apt-get install baresip baresip-ffmpeg)"
	} else if _, err := os.Stat("/usr/lib/baresip/modules/ctrl_tcp.so"); err != nil {
		missing = "baresip's modules are not in /usr/lib/baresip/modules"
	}
	switch {
	case missing == "":
	case os.Getenv("CI") != "":
		t.Fatal(missing + ": CI must install it")
	default:
		t.Skip(missing + ": the real-terminal SIP tests are skipped")
	}
}

// freePorts returns n consecutive ports free for TCP and UDP on 127.0.0.1 when asked (baresip
// cannot bind port 0 and say which it got; it binds SIP over TLS on the SIP port + 1).
func freePorts(t testing.TB, n int) int {
	t.Helper()
	for range 50 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		base := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if portsFree(base, n) {
			return base
		}
	}
	t.Fatal("no free ports")
	return 0
}

func portsFree(base, n int) bool {
	for p := base; p < base+n; p++ {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			return false
		}
		u, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: p})
		l.Close()
		if err != nil {
			return false
		}
		u.Close()
	}
	return true
}

// Start runs baresip with one account line (e.g. "<sip:ID@127.0.0.1>;auth_pass=…;regint=0") and
// mic, a 16 kHz mono WAV file, as its microphone, on 127.0.0.1 or the loopback address given. It
// stops when the test ends; baresip hangs up a call when the file ends.
func Start(t testing.TB, account, mic string, ip ...string) *UA {
	t.Helper()
	cfg := Config{Account: account, Mic: mic}
	if len(ip) > 0 {
		cfg.IP = ip[0]
	}
	return StartConfig(t, cfg)
}

// Config is how a baresip runs.
type Config struct {
	Account string // one accounts line
	Mic     string // 16 kHz mono WAV
	IP      string // loopback address to use; "" = 127.0.0.1
	// Video adds a camera (baresip's fakevideo test picture, H.264 by avcodec from
	// baresip-ffmpeg) and a display that takes the picture received.
	Video bool
	// VideoSize is the test picture's size, e.g. "1280x720" ("" = 320x240), and VideoBitrate
	// its bit rate in bit/s (0 = 300000).
	VideoSize    string
	VideoBitrate int
	// VideoFile, when set, is the camera instead of the test picture: a video file baresip's
	// avformat module decodes (and encodes again as H.264).
	VideoFile string
}

// StartConfig runs baresip as cfg says; see Start.
func StartConfig(t testing.TB, cfg Config) *UA {
	t.Helper()
	Need(t)
	host := cfg.IP
	if host == "" {
		host = "127.0.0.1"
	}
	if _, err := os.Stat("/usr/lib/baresip/modules/avcodec.so"); err != nil && cfg.Video {
		const missing = "baresip's avcodec module (package baresip-ffmpeg) is missing"
		if os.Getenv("CI") != "" {
			t.Fatal(missing + ": CI must install it")
		}
		t.Skip(missing + ": the SIP video test is skipped")
	}
	dir := t.TempDir()
	sipPort := freePorts(t, 3) // SIP (UDP, TCP), SIP over TLS, control
	ctrlPort := sipPort + 2
	lines := []string{
		"poll_method poll",
		fmt.Sprintf("sip_listen %s:%d", host, sipPort),
		"audio_player aubridge,diemcau-test",
		"audio_alert aubridge,diemcau-test",
		"audio_source aufile," + cfg.Mic, "ausrc_srate 16000", "ausrc_channels 1",
		"rtp_ports 30000-39999",
		"module_path /usr/lib/baresip/modules",
		"module g711.so", "module g722.so", "module opus.so",
		"module aufile.so", "module aubridge.so", "module sndfile.so", "module srtp.so",
		"module_app account.so", "module_app menu.so", "module_app ctrl_tcp.so",
		fmt.Sprintf("ctrl_tcp_listen 127.0.0.1:%d", ctrlPort),
		"snd_path " + dir,
	}
	if cfg.Video {
		size, bitrate := cfg.VideoSize, cfg.VideoBitrate
		if size == "" {
			size = "320x240"
		}
		if bitrate == 0 {
			bitrate = 300000
		}
		source := "fakevideo,nil"
		if cfg.VideoFile != "" {
			source = "avformat," + cfg.VideoFile
			lines = append(lines, "module avformat.so")
		}
		lines = append(lines, "module avcodec.so", "module fakevideo.so", "module snapshot.so", "video_source "+source,
			"video_display fakevideo,nil", "video_size "+size, fmt.Sprintf("video_bitrate %d", bitrate), "video_fps 15")
	}
	conf := strings.Join(append(lines, ""), "\n")
	account := cfg.Account
	if err := os.WriteFile(filepath.Join(dir, "config"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "accounts"), []byte(account+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := &UA{t: t, dir: dir, cmd: exec.Command("baresip", "-f", dir), Addr: fmt.Sprintf("%s:%d", host, sipPort)}
	stdout, err := b.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	b.cmd.Stderr = b.cmd.Stdout
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			b.mu.Lock()
			b.out.WriteString(sc.Text() + "\n")
			b.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		if b.ctrl != nil {
			b.ctrl.Close()
		}
		_ = b.cmd.Process.Kill()
		_ = b.cmd.Wait()
		if t.Failed() {
			t.Logf("baresip output:\n%s", b.Output())
		}
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", ctrlPort))
		if err == nil {
			b.ctrl = c
			go drain(c)
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("baresip's control socket never opened: %v\n%s", err, b.Output())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func drain(c net.Conn) {
	buf := make([]byte, 4096)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}

// Output is what baresip has printed so far.
func (b *UA) Output() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.out.String()
}

// Command sends one ctrl_tcp command (a netstring of JSON), e.g. "dial" with a SIP URI,
// "sndcode" with keys, "hangup".
func (b *UA) Command(cmd, params string) {
	b.t.Helper()
	raw, _ := json.Marshal(map[string]string{"command": cmd, "params": params, "token": cmd})
	if _, err := fmt.Fprintf(b.ctrl, "%d:%s,", len(raw), raw); err != nil {
		b.t.Fatalf("baresip command %s: %v", cmd, err)
	}
}

// WaitOutput waits until baresip has printed one of subs; it returns the one seen.
func (b *UA) WaitOutput(timeout time.Duration, subs ...string) string {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		out := b.Output()
		for _, s := range subs {
			if strings.Contains(out, s) {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("baresip never printed any of %q", subs)
	return ""
}

// Heard is the PCM of what baresip decoded from the server so far (sndfile's "-dec.wav" dump).
func (b *UA) Heard() []int16 {
	files, _ := filepath.Glob(filepath.Join(b.dir, "dump-*-dec.wav"))
	var all []int16
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil || len(raw) < 44 {
			continue
		}
		for i := 44; i+1 < len(raw); i += 2 {
			all = append(all, int16(uint16(raw[i])|uint16(raw[i+1])<<8))
		}
	}
	return all
}

// SnapshotReceived asks baresip to save the next picture it decodes from the server as a PNG
// (the snapshot module) and returns the file it will write.
func (b *UA) SnapshotReceived() string {
	path := filepath.Join(b.dir, "received.png")
	b.Command("snapshot_recv", path)
	return path
}
