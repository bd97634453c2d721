package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"diemcau/store"
)

// previousReleaseDB writes a database as the previous release left it: the schema files up to
// version 4 (store/migrations), one meeting, and extra SQL run after them.
func previousReleaseDB(t *testing.T, extra string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "diemcau.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files, err := filepath.Glob("store/migrations/000[1-4]_*.sql")
	if err != nil || len(files) != 4 {
		t.Fatalf("the previous release's schema files: %v %v", files, err)
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if _, err := db.Exec(`INSERT INTO units (id, name, kind) VALUES ('UBND-TINH', 'UBND tỉnh', 'province');
		INSERT INTO meetings (title, host_unit, started_at, ended_at, status) VALUES ('Họp cũ', 'UBND-TINH', 1700000000000, 1700003600000, 'closed');
		PRAGMA user_version = 4;` + extra); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestUpgradeAtStartBacksUpAndSays opens a previous release's database with a command: the
// technician is told which backup was made before the upgrade, the command works, and the
// backup holds the old version.
func TestUpgradeAtStartBacksUpAndSays(t *testing.T) {
	db := previousReleaseDB(t, "")
	stdout, stderr, code := runCLI(t, "report", "meeting", "1", "--db", db, "--lang", "en")
	if code != 0 || !strings.Contains(stdout, "Họp cũ") {
		t.Fatalf("report on the upgraded database: %d %q %q", code, stdout, stderr)
	}
	backups, _ := filepath.Glob(db + ".before-upgrade-v4-*")
	if len(backups) != 1 || !strings.Contains(stderr, fmt.Sprintf("schema version 4, this diemcau uses %d: backed up before upgrading to ", store.LatestSchemaVersion())+backups[0]) {
		t.Fatalf("stderr %q; backups %v", stderr, backups)
	}
	if _, stderr, code := runCLI(t, "report", "meeting", "1", "--db", db); code != 0 || strings.Contains(stderr, "nâng cấp") {
		t.Errorf("a second start upgraded again: %d %q", code, stderr)
	}
}

// TestFailedUpgradeSaysTheDatabaseIsUnchanged: a previous release's database that migration 5
// cannot apply to (someone made a table "recordings" by hand) is refused in the user's language,
// naming both versions and the backup; the file is still at version 4 and opens with sqlite.
func TestFailedUpgradeSaysTheDatabaseIsUnchanged(t *testing.T) {
	db := previousReleaseDB(t, "CREATE TABLE recordings (x);")
	_, stderr, code := runCLI(t, "report", "meeting", "1", "--db", db)
	if code != 2 || !strings.Contains(stderr, fmt.Sprintf("nâng cấp cơ sở dữ liệu %s từ phiên bản 4 lên %d thất bại; cơ sở dữ liệu vẫn như cũ (phiên bản 4)", db, store.LatestSchemaVersion())) ||
		!strings.Contains(stderr, ".before-upgrade-v4-") {
		t.Fatalf("a failed upgrade said %d %q", code, stderr)
	}
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var v, n int
	if err := conn.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 4 {
		t.Errorf("version after the failed upgrade: %d %v", v, err)
	}
	if err := conn.QueryRow("SELECT count(*) FROM meetings").Scan(&n); err != nil || n != 1 {
		t.Errorf("meetings after the failed upgrade: %d %v", n, err)
	}
}
