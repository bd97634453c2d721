package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestOpenMigratesEmptyDatabase(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != latestVersion() || v < 1 {
		t.Fatalf("schema version = %d, want %d", v, latestVersion())
	}
	for _, table := range []string{"units", "bridge_points", "technicians", "meetings", "meeting_participants",
		"sessions", "audit_log", "speak_requests", "incidents"} {
		var name string
		err := s.db.QueryRowContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&name)
		if err != nil {
			t.Errorf("table %s: %v", table, err)
		}
	}
}

// Every pooled connection must carry the pragmas, not only the first one.
func TestPragmasOnEveryConnection(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	var conns []*sql.Conn
	for range 3 {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var journal string
		var fk, sync, busy int
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&journal); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if journal != "wal" || fk != 1 || sync != 2 || busy != 5000 {
			t.Errorf("conn %d: journal_mode=%s foreign_keys=%d synchronous=%d busy_timeout=%d", i, journal, fk, sync, busy)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestReopenKeepsDataAndVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "diemcau.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ImportRegistry(ctx, sampleUnits(), sampleBridgePoints()); err != nil {
		t.Fatal(err)
	}
	id, err := s.RecordAction(ctx, 0, at(0), "nguyen.van.an", "config_change", "", "approved by lead")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	v, err := s2.SchemaVersion(ctx)
	if err != nil || v != latestVersion() {
		t.Fatalf("schema version after reopen = %d, %v", v, err)
	}
	bps, err := s2.BridgePoints(ctx)
	if err != nil || len(bps) != len(sampleBridgePoints()) {
		t.Fatalf("bridge points after reopen: %d, %v", len(bps), err)
	}
	log, err := s2.AuditLog(ctx, 0)
	if err != nil || len(log) != 1 || log[0].ID != id || log[0].Detail != "approved by lead" {
		t.Fatalf("audit log after reopen: %+v, %v", log, err)
	}
}

func fileDigest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestRefusesNewerSchema(t *testing.T) {
	for _, journal := range []string{"WAL", "DELETE"} {
		t.Run(journal, func(t *testing.T) { testRefusesNewerSchema(t, journal) })
	}
}

func testRefusesNewerSchema(t *testing.T, journal string) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "diemcau.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// A newer diemcau wrote this file: bump user_version by hand.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	newer := latestVersion() + 6
	for _, q := range []string{"PRAGMA user_version = " + strconv.Itoa(newer), "PRAGMA journal_mode = " + journal} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	before := fileDigest(t, path)
	info, _ := os.Stat(path)

	_, err = Open(ctx, path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open of newer schema: err = %v, want ErrSchemaTooNew", err)
	}
	want := "database schema version " + strconv.Itoa(newer) + " is newer than this diemcau (" +
		strconv.Itoa(latestVersion()) + "); use a newer diemcau"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if fileDigest(t, path) != before {
		t.Fatal("Open modified a database from a newer diemcau")
	}
	after, _ := os.Stat(path)
	if !after.ModTime().Equal(info.ModTime()) {
		t.Error("Open touched the modification time of a newer database")
	}
	if _, err := os.Stat(path + "-wal"); journal == "DELETE" && err == nil {
		t.Error("Open converted a newer DELETE-journal database to WAL")
	}
}

func TestLoadMigrationsRejectsBadNames(t *testing.T) {
	cases := map[string]fstest.MapFS{
		"gap":    {"migrations/0001_a.sql": {}, "migrations/0003_c.sql": {}},
		"no num": {"migrations/init.sql": {}},
		"zero":   {"migrations/0000_a.sql": {}},
		"dup":    {"migrations/0001_a.sql": {}, "migrations/0001_b.sql": {}},
	}
	for name, fsys := range cases {
		if _, err := loadMigrations(fsys); err == nil {
			t.Errorf("%s: loadMigrations accepted %v", name, fsys)
		}
	}
	ms, err := loadMigrations(fstest.MapFS{"migrations/0002_b.sql": {Data: []byte("B")}, "migrations/0001_a.sql": {Data: []byte("A")}})
	if err != nil || len(ms) != 2 || ms[0].sql != "A" || ms[1].version != 2 {
		t.Fatalf("loadMigrations = %+v, %v", ms, err)
	}
}

// A migration that fails leaves the version where it was and applies nothing of itself.
func TestFailedMigrationRollsBack(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	bad := migration{version: latestVersion() + 1, name: "9999_bad.sql",
		sql: "CREATE TABLE extra (x INTEGER); INSERT INTO nowhere VALUES (1);"}
	if err := s.applyMigration(ctx, bad); err == nil {
		t.Fatal("bad migration applied without error")
	}
	v, _ := s.SchemaVersion(ctx)
	if v != latestVersion() {
		t.Fatalf("version after failed migration = %d", v)
	}
	var n int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'extra'`).Scan(&n)
	if n != 0 {
		t.Fatal("failed migration left its table behind")
	}
}
