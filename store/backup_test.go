package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// roDB opens the database file at path read-only for the test's checks; the caller closes it.
func roDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// auditCount is the number of audit rows in the database file at path.
func auditCount(t *testing.T, path string) int {
	t.Helper()
	db := roDB(t, path)
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM audit_log").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBackupWhileWritesGoOnThenRestore backs the store up three times while a writer appends
// to the audit log without pause: each copy passes integrity_check and holds a prefix of the
// log that grows; then the database goes on, is restored from the last backup, and holds
// exactly that backup's rows while the database it replaced is kept aside with the rest.
func TestBackupWhileWritesGoOnThenRestore(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	var written atomic.Int64
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := s.RecordAction(ctx, 0, time.Now(), "test", "write", "", strconv.Itoa(i)); err != nil {
				done <- err
				return
			}
			written.Add(1)
		}
	}()
	waitN := func(n int64) {
		deadline := time.Now().Add(30 * time.Second)
		for written.Load() < n && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if written.Load() < n {
			t.Fatalf("the writer wrote %d rows, want %d", written.Load(), n)
		}
	}
	dir := t.TempDir()
	prev := 0
	var last string
	for i := range 3 {
		waitN(int64(50 * (i + 1)))
		last = filepath.Join(dir, "b"+strconv.Itoa(i)+".db")
		c, err := Backup(ctx, path, last)
		if err != nil {
			t.Fatalf("backup %d during writes: %v", i, err)
		}
		if c.SchemaVersion != latestVersion() {
			t.Errorf("backup %d: schema %d, want %d", i, c.SchemaVersion, latestVersion())
		}
		if _, err := CheckBackup(ctx, last); err != nil {
			t.Errorf("backup %d does not check: %v", i, err)
		}
		n := auditCount(t, last)
		if n < 50*(i+1) || n < prev {
			t.Errorf("backup %d holds %d rows (previous %d, written before it %d)", i, n, prev, 50*(i+1))
		}
		prev = n
	}
	waitN(int64(prev + 20)) // writes go on after the last backup
	close(stop)
	if err := <-done; err != nil {
		t.Fatalf("a write failed during the backups: %v", err)
	}
	total := auditCount(t, path)
	if total <= prev {
		t.Fatalf("the database has %d rows, the last backup %d: no write after it", total, prev)
	}
	if _, err := Backup(ctx, path, last); !errors.Is(err, os.ErrExist) {
		t.Errorf("backup over an existing file: %v, want ErrExist", err)
	}

	if _, err := Restore(ctx, last, path, time.Now()); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore while the store is open: %v, want ErrInUse", err)
	}
	if got := auditCount(t, path); got != total {
		t.Fatalf("a refused restore changed the database: %d rows, want %d", got, total)
	}
	s.Close()
	now := time.Date(2026, 12, 6, 17, 30, 0, 0, time.Local)
	aside, err := Restore(ctx, last, path, now)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if want := path + ".before-restore-20261206-173000"; aside != want {
		t.Errorf("kept aside as %q, want %q", aside, want)
	}
	if got := auditCount(t, aside); got != total {
		t.Errorf("the database kept aside has %d rows, want %d", got, total)
	}
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open the restored database: %v", err)
	}
	defer s2.Close()
	if got := auditCount(t, path); got != prev {
		t.Errorf("the restored database has %d rows, want the backup's %d", got, prev)
	}
	if _, err := s2.RecordAction(ctx, 0, time.Now(), "test", "after-restore", "", ""); err != nil {
		t.Errorf("write after restore: %v", err)
	}
}

// TestRestoreRefusesNewerSchemaAndBadFiles: a backup from a newer diemcau, a file that is not
// a database, and an SQLite file that is not diemcau's are refused and the database is left
// byte for byte as it was, with nothing kept aside.
func TestRestoreRefusesNewerSchemaAndBadFiles(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if _, err := s.RecordAction(ctx, 0, time.Now(), "test", "x", "", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	if _, err := Backup(ctx, path, newer); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = " + strconv.Itoa(latestVersion()+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, bytes.Repeat([]byte("not sqlite "), 500), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	odb, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := odb.Exec("CREATE TABLE t (x); PRAGMA user_version = 3"); err != nil {
		t.Fatal(err)
	}
	odb.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		want error
	}{{newer, ErrSchemaTooNew}, {other, ErrNotDiemcau}, {garbage, nil}, {filepath.Join(dir, "missing.db"), os.ErrNotExist}} {
		_, err := Restore(ctx, c.file, path, time.Now())
		if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("restore %s: %v, want %v", filepath.Base(c.file), err, c.want)
		}
	}
	after, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("a refused restore changed the database (%v)", err)
	}
	if m, _ := filepath.Glob(path + ".before-restore-*"); len(m) != 0 {
		t.Errorf("a refused restore kept something aside: %v", m)
	}
}
