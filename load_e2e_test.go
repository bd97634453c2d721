package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"diemcau/softep"
	"diemcau/tui"
)

// TestLoad160Endpoints joins 160 bridge points within 5 seconds (issue 8, item 6): all connect,
// and while they join the console keeps drawing and GET /api/v1/status keeps answering.
// Responsive means they answer; how fast is for the benchmarks.
func TestLoad160Endpoints(t *testing.T) {
	if testing.Short() {
		t.Skip("long: 160 endpoints (runs without -short, as in CI)")
	}
	const (
		n      = 160
		window = 5 * time.Second
		token  = "load-test-token"
	)
	t.Setenv("DIEMCAU_API_TOKEN", token)
	r := newServerRig(t, n-1)
	clips := lightClips(t)
	r.start(t)

	// The console, tall enough for a row per bridge point, running while they join.
	m := tui.New(tui.Options{MCU: r.a.mcu, Conference: r.conf.ID(), Store: r.a.st, Lang: "en", Actor: "console:kythuat"})
	t.Cleanup(m.Close)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(130, n+30))
	var (
		drawn   bytes.Buffer
		screens []string // what the console drew, sampled while the joins are in flight
	)
	readScreen := func() string {
		if _, err := drawn.ReadFrom(tm.Output()); err != nil {
			t.Fatal(err)
		}
		return ansi.Strip(drawn.String())
	}

	// The status API, polled while they join.
	stopPoll := make(chan struct{})
	var (
		polls, pollFails atomic.Int64
		slowest          atomic.Int64 // nanoseconds, logged for the closing note, not asserted
		pollErr          atomic.Value
		pollDone         = make(chan struct{})
	)
	go func() {
		defer close(pollDone)
		client := &http.Client{Timeout: time.Minute} // it must answer; how fast is not asserted
		for {
			select {
			case <-stopPoll:
				return
			case <-time.After(250 * time.Millisecond):
			}
			t0 := time.Now()
			if _, err := getStatus(client, r.url, token); err != nil {
				pollFails.Add(1)
				pollErr.Store(err.Error())
				continue
			}
			polls.Add(1)
			slowest.Store(max(slowest.Load(), int64(time.Since(t0))))
		}
	}()

	// Each endpoint behaves like a real terminal: it joins at its moment in the window and, if a
	// join fails, tries again with backoff; how many did is logged.
	failures := &failureCounter{}
	r.epLog = slog.New(failures)
	eps := make([]*softep.Endpoint, n)
	for i, id := range r.ids {
		eps[i] = r.endpoint(id, clips, i == 0, false)
	}
	start := time.Now()
	runEndpoints(t, eps, window)
	for {
		time.Sleep(500 * time.Millisecond)
		screens = append(screens, readScreen())
		up := 0
		for _, ep := range eps {
			if ep.Connected() {
				up++
			}
		}
		if up == n {
			break
		}
		if time.Since(start) > 90*time.Second {
			t.Fatalf("%d of %d endpoints connected after %v", up, n, time.Since(start).Round(time.Second))
		}
	}
	t.Logf("%d endpoints: joins started over %v, all connected %v after the first; %d failed joins retried (last: %v)",
		n, window, time.Since(start).Round(100*time.Millisecond), failures.n.Load(), failures.last.Load())
	waitFor(t, "the MCU to count 160 connected", 30*time.Second, func() bool { return r.conf.Snapshot().Connected == n })

	// The status API answered every time while they joined, and lists all of them connected.
	close(stopPoll)
	<-pollDone
	if f := pollFails.Load(); f != 0 {
		t.Fatalf("%d status requests failed while joining (last: %v)", f, pollErr.Load())
	}
	if polls.Load() < 4 {
		t.Fatalf("only %d status requests answered while joining", polls.Load())
	}
	t.Logf("status API: %d requests answered while joining, none failed; slowest %v", polls.Load(),
		time.Duration(slowest.Load()).Round(time.Millisecond))
	code, status := liveStatus(t, r.url, token)
	connected := 0
	for _, up := range status {
		if up {
			connected++
		}
	}
	if code != http.StatusOK || connected != n {
		t.Fatalf("status (%d) lists %d bridge points connected, want %d", code, connected, n)
	}

	// The console drew while they joined (a count between none and all), then all of them.
	inFlight := false
	for _, s := range screens {
		for k := 1; k < n && !inFlight; k++ {
			inFlight = strings.Contains(s, fmt.Sprintf("Connected %d/", k))
		}
	}
	if !inFlight {
		t.Fatal("the console drew no partial count while the endpoints joined")
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen := readScreen()
		missing := ""
		for i := 1; i < n && missing == ""; i++ {
			if name := fmt.Sprintf("Xã số %03d", i); !strings.Contains(screen, name) {
				missing = name
			}
		}
		if missing == "" && strings.Contains(screen, fmt.Sprintf("Connected %d/%d", n, n)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the console never drew all %d rows (missing %q); last:\n%s", n, missing, screen[max(0, len(screen)-4000):])
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
}

// failureCounter is a log handler counting the endpoints' failed joins and lost links.
type failureCounter struct {
	n    atomic.Int64
	last atomic.Value // string: the last failure's error
}

func (c *failureCounter) Enabled(context.Context, slog.Level) bool { return true }

func (c *failureCounter) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "join failed" || r.Message == "link lost" {
		c.n.Add(1)
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "err" || a.Key == "reason" {
				c.last.Store(a.Value.String())
			}
			return true
		})
	}
	return nil
}

func (c *failureCounter) WithAttrs([]slog.Attr) slog.Handler { return c }
func (c *failureCounter) WithGroup(string) slog.Handler      { return c }
