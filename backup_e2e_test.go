package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/ops"
	"diemcau/softep"
)

// countRows is the number of rows of table in the database file at path, read-only.
func countRows(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBackupDuringLiveMeetingThenRestore runs the real server with soft bridge points in a live
// meeting, records a piece of it, and backs the log store up with the command line twice while
// the meeting goes on and the server writes (audit rows of the mute toggles): each backup checks, and its
// manifest lists the stopped recording's files with their sizes and SHA-256. After the server
// stops, restore puts the first backup back, keeps the database it replaces aside, and the
// restored store holds the backup's rows, not the later ones.
func TestBackupDuringLiveMeetingThenRestore(t *testing.T) {
	r := newServerRig(t, 2)
	r.start(t)
	clips := lightClips(t)
	var eps []*softep.Endpoint
	for _, id := range r.ids {
		eps = append(eps, r.endpoint(id, clips, false, false))
	}
	runEndpoints(t, eps, 0)
	waitFor(t, "all bridge points live", 30*time.Second, func() bool { return r.conf.Snapshot().Connected == len(r.ids) })
	ctx := context.Background()
	if _, err := r.conf.StartRecording(ctx, "console:test"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // a second of media into the recording files
	rec, err := r.conf.StopRecording(ctx, "console:test")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Files) == 0 {
		t.Fatal("the recording wrote no file")
	}
	db := r.args[1]
	stopWrites := make(chan struct{})
	writes := make(chan int, 1)
	go func() { // the console's actions go on while the backups run
		n := 0
		defer func() { writes <- n }()
		for {
			select {
			case <-stopWrites:
				return
			default:
			}
			if _, err := r.a.st.RecordAction(ctx, 0, time.Now(), "console:test", "note", "", "during backup"); err != nil {
				t.Errorf("a write during the backup failed: %v", err)
				return
			}
			n++
		}
	}()
	dir := t.TempDir()
	first := filepath.Join(dir, "first.db")
	out, stderr, code := runCLI(t, "backup", first, "--db", db, "--lang", "en")
	if code != 0 {
		t.Fatalf("backup during the meeting: %d %s", code, stderr)
	}
	if !strings.Contains(out, "integrity check: ok") || !strings.Contains(out, fmt.Sprintf("1 recordings, %d files", len(rec.Files))) {
		t.Errorf("backup said %q", out)
	}
	if _, stderr, code := runCLI(t, "backup", "--dir", dir, "--keep", "1", "--db", db); code != 0 {
		t.Fatalf("backup --dir during the meeting: %d %s", code, stderr)
	}
	close(stopWrites)
	if n := <-writes; n == 0 {
		t.Fatal("no write went on during the backups")
	}
	if r.conf.Snapshot().Connected != len(r.ids) {
		t.Error("the backups disturbed the meeting")
	}
	m, err := ops.ReadManifest(ops.ManifestPath(first))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Recordings) != 1 || len(m.Recordings[0].Files) != len(rec.Files) {
		t.Fatalf("manifest recordings %+v, want one with %d files", m.Recordings, len(rec.Files))
	}
	for _, f := range m.Recordings[0].Files {
		n, sum, err := ops.HashFile(f.Path)
		if err != nil || f.Missing || n != f.Bytes || sum != f.SHA256 || n == 0 {
			t.Errorf("manifest file %+v; on disk %d bytes %s (%v)", f, n, sum, err)
		}
	}
	if n, sum, _ := ops.HashFile(first); n != m.Bytes || sum != m.SHA256 {
		t.Errorf("manifest says %d bytes %s, the backup is %d bytes %s", m.Bytes, m.SHA256, n, sum)
	}
	if _, stderr, code := runCLI(t, "restore", first, "--db", db); code == 0 || !strings.Contains(stderr, "đang được một tiến trình diemcau khác mở") {
		t.Errorf("restore while the server runs: %d %q, want the in-use refusal", code, stderr)
	}
	backedUp := countRows(t, first, "audit_log")
	r.stop()
	if live := countRows(t, db, "audit_log"); live <= backedUp {
		t.Fatalf("the database has %d audit rows, the backup %d: the writes after it are missing", live, backedUp)
	}
	out, stderr, code = runCLI(t, "restore", first, "--db", db, "--lang", "en")
	if code != 0 {
		t.Fatalf("restore: %d %s", code, stderr)
	}
	asides, _ := filepath.Glob(db + ".before-restore-*")
	if len(asides) != 1 || !strings.Contains(out, "kept as: "+asides[0]) {
		t.Fatalf("restore said %q; kept aside %v", out, asides)
	}
	if got := countRows(t, db, "audit_log"); got != backedUp {
		t.Errorf("restored database: %d audit rows, want the backup's %d", got, backedUp)
	}
	r.start(t) // the server runs on the restored database
	r.stop()
	if dated, _ := filepath.Glob(filepath.Join(dir, "diemcau-*.db")); len(dated) != 1 {
		t.Errorf("backup --dir left %v", dated)
	}
	if _, err := os.Stat(ops.ManifestPath(first)); err != nil {
		t.Errorf("the manifest of a named backup: %v", err)
	}
}
