package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The MCU journals from many goroutines at once: no write may fail with "database is locked".
func TestConcurrentJournalWrites(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	mid := liveMeeting(t, s)
	const writers, each = 4, 20
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				_, err := s.RecordAction(ctx, mid, at(time.Duration(w*each+i)*time.Millisecond), "system", "mute", "XA-IAGRAI", "")
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := countRows(t, s, "audit_log"); n != writers*each {
		t.Fatalf("audit_log has %d rows, want %d", n, writers*each)
	}
}

// A path with characters that mean something in a URI still names the file.
func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nhật ký #1")
	path := filepath.Join(dir, "điểm cầu?.db")
	if err := mkdirAll(dir); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if !exists(path) {
		t.Fatalf("database not created at %q", path)
	}
}

func TestOpenMemory(t *testing.T) {
	s, err := Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.ImportRegistry(context.Background(), sampleUnits(), sampleBridgePoints()); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, s, "bridge_points"); n != len(sampleBridgePoints()) {
		t.Fatalf("in-memory store lost rows: %d", n)
	}
}
