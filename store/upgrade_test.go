package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// previousRelease is the schema version of the release before this one.
const previousRelease = 4

// openAtVersion makes a database at path with only the first v migrations, as the release
// that wrote version v left it, holding a registry, a meeting and an audit row.
func openAtVersion(t *testing.T, path string, v int) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{db: db, path: path}
	if err := s.applyMigrations(ctx, migrations[:v]); err != nil {
		t.Fatalf("build a version %d database: %v", v, err)
	}
	if err := s.ImportRegistry(ctx, sampleUnits(), sampleBridgePoints()); err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateMeeting(ctx, Meeting{Title: "Họp trước nâng cấp", HostUnit: "UBND-TINH", MainBP: "UBND-TINH", StartedAt: at(0)}, []string{"XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAction(ctx, id, at(0), "console:an", "mute", "XA-IAGRAI", "before the upgrade"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// fileVersion reads user_version of the file at path without changing it.
func fileVersion(t *testing.T, path string) int {
	t.Helper()
	v, err := existingVersion(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// hasTable reports whether the database file at path has the table.
func hasTable(t *testing.T, path, table string) bool {
	t.Helper()
	db := roDB(t, path)
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// TestUpgradeFromPreviousReleaseBacksUpFirst opens a database of the previous release's schema:
// it is backed up (a checked copy at the previous version), then migrated, and every row it
// held is still there.
func TestUpgradeFromPreviousReleaseBacksUpFirst(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "diemcau.db")
	openAtVersion(t, path, previousRelease)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open the previous release's database: %v", err)
	}
	defer s.Close()
	up := s.Upgraded()
	if up.From != previousRelease || up.To != latestVersion() || up.Backup == "" {
		t.Fatalf("Upgraded() = %+v", up)
	}
	c, err := CheckBackup(ctx, up.Backup)
	if err != nil || c.SchemaVersion != previousRelease {
		t.Fatalf("the backup before upgrading: %+v %v, want a good copy at version %d", c, err, previousRelease)
	}
	if v, _ := s.SchemaVersion(ctx); v != latestVersion() {
		t.Errorf("version after the upgrade %d, want %d", v, latestVersion())
	}
	if got := auditCount(t, path); got != 1 {
		t.Errorf("audit rows after the upgrade: %d, want 1", got)
	}
	m, err := s.Meeting(ctx, 1)
	if err != nil || m.Title != "Họp trước nâng cấp" {
		t.Errorf("the meeting after the upgrade: %+v %v", m, err)
	}
	if _, err := s.RecordingStarted(ctx, m.ID, at(0), "/tmp/rec", "console:an"); err != nil {
		t.Errorf("the new schema's recordings table: %v", err)
	}
	s.Close()
	s2, err := Open(ctx, path) // current now: no second backup
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if up := s2.Upgraded(); up != (Upgrade{}) {
		t.Errorf("reopening a current database: %+v", up)
	}
}

// TestFailedUpgradeLeavesTheOldDatabase makes the last migration fail half-way: Open says so
// with a *MigrationError naming both versions and the backup, and the database is still at the
// previous version with nothing of the new steps in it; with the good steps it then upgrades.
func TestFailedUpgradeLeavesTheOldDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "diemcau.db")
	openAtVersion(t, path, previousRelease-1)
	good := migrations
	t.Cleanup(func() { migrations = good })
	broken := append([]migration(nil), good...)
	last := broken[len(broken)-1]
	last.sql += "\nINSERT INTO nowhere VALUES (1);"
	broken[len(broken)-1] = last
	migrations = broken
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, path)
	var me *MigrationError
	if !errors.As(err, &me) {
		t.Fatalf("open with a failing migration: %v, want a *MigrationError", err)
	}
	if me.From != previousRelease-1 || me.To != len(good) || me.Backup == "" {
		t.Errorf("MigrationError %+v", me)
	}
	if v := fileVersion(t, path); v != previousRelease-1 {
		t.Errorf("version after the failed upgrade %d, want %d (untouched)", v, previousRelease-1)
	}
	if hasTable(t, path, "test_results") || hasTable(t, path, "recordings") {
		t.Error("the failed upgrade left tables of its steps")
	}
	if got := auditCount(t, path); got != 1 {
		t.Errorf("audit rows after the failed upgrade: %d", got)
	}
	after, _ := os.ReadFile(path)
	if len(after) < len(before)/2 {
		t.Errorf("the database shrank from %d to %d bytes", len(before), len(after))
	}
	if _, err := CheckBackup(ctx, me.Backup); err != nil {
		t.Errorf("the backup before the failed upgrade: %v", err)
	}
	migrations = good
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open after the fix: %v", err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v != len(good) {
		t.Errorf("version %d after the fixed upgrade", v)
	}
}
