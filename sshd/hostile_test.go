package sshd

import (
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

const (
	refusedLine  = "ssh login refused: unknown key"
	refusedCount = "ssh logins refused: unknown keys"
)

var countField = regexp.MustCompile(`count=(\d+)`)

// refusalCounts returns the refusals logged one by one and the sum of the counted ones.
func refusalCounts(logs string) (lines, counted int) {
	for _, l := range strings.Split(logs, "\n") {
		switch {
		case strings.Contains(l, refusedLine):
			lines++
		case strings.Contains(l, refusedCount):
			if m := countField.FindStringSubmatch(l); m != nil {
				n, _ := strconv.Atoi(m[1])
				counted += n
			}
		}
	}
	return lines, counted
}

// TestSSHManyFailedLogins storms the real SSH server with connections offering unknown keys: the
// server stays up, an authorised technician still gets the console, and the refusals are logged
// as one line plus one count, not one line per attempt.
func TestSSHManyFailedLogins(t *testing.T) {
	f := newFixture(t, 1)
	an, anLine := newKey(t)
	r := newSSHRig(t, f, anLine+" role=control tech=nguyen.van.an\n")

	const conns, keysEach, workers = 60, 3, 6
	strangers := make([]gossh.Signer, keysEach)
	for i := range strangers {
		strangers[i], _ = newKey(t)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var loggedIn []int
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if c, err := r.dial(gossh.PublicKeys(strangers...)); err == nil {
					c.Close()
					mu.Lock()
					loggedIn = append(loggedIn, i)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range conns {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if len(loggedIn) > 0 {
		t.Fatalf("unknown keys logged in on attempts %v", loggedIn)
	}

	out, _ := r.console(t, an)
	waitScreen(t, out, "Họp giao ban trực tuyến tháng 11")

	lines, _ := refusalCounts(r.logs.String())
	if lines != 1 {
		t.Errorf("%d refusals logged one by one for %d attempts from one address, want 1:\n%s",
			lines, conns, r.logs.String())
	}
	// Stopping the server closes the window: the rest are logged as one count.
	r.stop()
	eventually(t, "the count of refused logins", func() bool {
		_, counted := refusalCounts(r.logs.String())
		return counted > 0
	})
	lines, counted := refusalCounts(r.logs.String())
	t.Logf("%d connections × %d unknown keys: %d line + %d counted refusals", conns, keysEach, lines, counted)
	if lines+counted < conns {
		t.Errorf("%d refusals accounted for, want at least one per connection (%d)", lines+counted, conns)
	}
	if n := strings.Count(r.logs.String(), "ssh logins refused"); n != 1 {
		t.Errorf("%d count lines, want 1", n)
	}
}

// TestSSHRefusalLogWindows checks the per-address windows: the first refusal of each address is
// logged in full, the others counted when the window ends, a later refusal starts a new window,
// and addresses beyond the tracked maximum share one entry.
func TestSSHRefusalLogWindows(t *testing.T) {
	logs := &syncBuffer{}
	r := newRefusalLog(slog.New(slog.NewTextHandler(logs, nil)))
	r.window = 100 * time.Millisecond
	for range 5 {
		r.refused("10.0.0.1:5000", "kythuat", "SHA256:aaa")
	}
	r.refused("[2001:db8::1]:22", "root", "SHA256:bbb")
	lines, _ := refusalCounts(logs.String())
	if lines != 2 {
		t.Fatalf("%d full lines for two addresses:\n%s", lines, logs.String())
	}
	eventually(t, "the window's count", func() bool { _, c := refusalCounts(logs.String()); return c == 4 })
	if !strings.Contains(logs.String(), "addr=10.0.0.1 count=4") {
		t.Errorf("count not attributed to 10.0.0.1:\n%s", logs.String())
	}
	eventually(t, "the windows to end", func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return len(r.addrs) == 0
	})
	r.refused("10.0.0.1:5001", "kythuat", "SHA256:ccc")
	if lines, _ := refusalCounts(logs.String()); lines != 3 {
		t.Errorf("a refusal in a new window was not logged in full:\n%s", logs.String())
	}

	many := &syncBuffer{}
	r = newRefusalLog(slog.New(slog.NewTextHandler(many, nil)))
	for i := range sshRefusalTracked + 100 {
		for range 3 {
			r.refused(fmt.Sprintf("10.%d.%d.1:22", i/256, i%256), "x", "SHA256:ddd")
		}
	}
	r.stop()
	lines, counted := refusalCounts(many.String())
	if lines != sshRefusalTracked+1 { // one per tracked address and one for the shared entry
		t.Errorf("%d full lines for %d addresses, want %d", lines, sshRefusalTracked+100, sshRefusalTracked+1)
	}
	if total := 3 * (sshRefusalTracked + 100); lines+counted != total {
		t.Errorf("%d refusals accounted for, want %d", lines+counted, total)
	}
}
