package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashChildEnv makes the test binary act as the crashing writer instead of running tests.
const crashChildEnv = "DIEMCAU_CRASH_CHILD_DB"

// TestMain lets the crash test re-execute this binary as a writer it can SIGKILL.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path)
		return
	}
	os.Exit(m.Run())
}

// crashChild writes audit rows and incidents as fast as it can and prints "a ID" / "i ID" for
// each write the store acknowledged, until it is killed.
func crashChild(path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	out := os.Stdout // unbuffered: a line printed is a write acknowledged
	for n := 0; ; n++ {
		at := time.Now()
		if n%4 == 3 {
			id, err := s.SaveIncident(ctx, Incident{Kind: "line", Description: "mất kết nối " + strconv.Itoa(n),
				StartedAt: at, ReportedBy: "kiem-thu", Status: "open"})
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(4)
			}
			fmt.Fprintf(out, "i %d\n", id)
			continue
		}
		id, err := s.RecordAction(ctx, 0, at, "kiem-thu", "mute", "", "n="+strconv.Itoa(n))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(5)
		}
		fmt.Fprintf(out, "a %d\n", id)
	}
}

// TestAcknowledgedWritesSurviveSIGKILL kills a writer at random moments; every row it was told
// was written must be there on reopen, and the database must pass integrity_check.
func TestAcknowledgedWritesSurviveSIGKILL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	ctx := context.Background()
	rounds := 5
	for round := range rounds {
		acked := runAndKill(t, path, time.Duration(rand.IntN(400))*time.Millisecond)
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		var check string
		if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Fatalf("round %d: integrity_check = %q, %v", round, check, err)
		}
		found := map[string]bool{}
		rows, err := s.AuditLog(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			found["a "+strconv.FormatInt(r.ID, 10)] = true
		}
		incs, err := s.Incidents(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range incs {
			found["i "+strconv.FormatInt(in.ID, 10)] = true
		}
		missing := 0
		for _, a := range acked {
			if !found[a] {
				missing++
			}
		}
		t.Logf("round %d: %d writes acknowledged, %d rows found, %d missing", round, len(acked), len(found), missing)
		if missing > 0 {
			t.Errorf("round %d: %d acknowledged writes lost", round, missing)
		}
		if len(acked) == 0 {
			t.Errorf("round %d: the writer acknowledged nothing before it was killed", round)
		}
		s.Close()
	}
}

// runAndKill starts the writer on path, SIGKILLs it after d, and returns what it acknowledged.
func runAndKill(t *testing.T, path string, d time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan []string, 1)
	first := make(chan struct{})
	go func() {
		var got []string
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if len(got) == 0 {
				close(first)
			}
			got = append(got, sc.Text())
		}
		if len(got) == 0 {
			close(first)
		}
		lines <- got
	}()
	// The kill comes at a random moment after the writer is writing (a loaded machine may take a
	// while to start it).
	select {
	case <-first:
	case <-time.After(30 * time.Second):
	}
	time.Sleep(d)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	acked := <-lines
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("writer ended by itself (%v): %s", err, stderr.String())
	}
	return acked
}
