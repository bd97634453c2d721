package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrIntegrity means a database file failed PRAGMA integrity_check.
var ErrIntegrity = errors.New("database integrity check failed")

// ErrInUse means the database is open in another process (a running diemcau): it was not touched.
var ErrInUse = errors.New("database is in use by another process")

// ErrNotDiemcau means a file is an SQLite database but not one diemcau wrote.
var ErrNotDiemcau = errors.New("not a diemcau database")

// BackupCopy describes a consistent copy of the log store made by Backup.
type BackupCopy struct {
	SchemaVersion int
	Recordings    []BackupRecording // as the copy has them
}

// BackupRecording is one recording row of a backup: its files as the log store lists them.
type BackupRecording struct {
	ID        int64
	MeetingID int64
	Dir       string
	Files     []string // empty while it runs: the files are known once it stops
	Running   bool
}

// Backup writes a consistent copy of the database at src to dest with VACUUM INTO, which reads
// one snapshot while writers go on (never a file copy of a WAL database), checks the copy with
// PRAGMA integrity_check (and that it is diemcau's), and only then gives it the name dest:
// nothing half-written is ever at dest. The source is read without migrating it. dest must not
// exist.
func Backup(ctx context.Context, src, dest string) (BackupCopy, error) {
	if _, err := os.Stat(dest); err == nil {
		return BackupCopy{}, fmt.Errorf("backup %s: %w", dest, os.ErrExist)
	}
	tmp := tempBeside(dest, "backup")
	_ = os.Remove(tmp)   // a leftover of a crashed run: VACUUM INTO wants a new file
	defer os.Remove(tmp) // after the rename, a no-op
	if err := vacuumInto(ctx, src, tmp); err != nil {
		return BackupCopy{}, err
	}
	copyInfo, err := checkCopy(ctx, tmp)
	if err != nil {
		return BackupCopy{}, err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return BackupCopy{}, fmt.Errorf("backup %s: %w", dest, err)
	}
	return copyInfo, nil
}

// CheckBackup opens a backup read-only, checks its integrity and that it is a diemcau database,
// and returns its schema version and recordings; ErrSchemaTooNew when this diemcau is too old
// for it.
func CheckBackup(ctx context.Context, path string) (BackupCopy, error) {
	if _, err := os.Stat(path); err != nil {
		return BackupCopy{}, fmt.Errorf("backup %s: %w", path, err)
	}
	c, err := checkCopy(ctx, path)
	if err != nil {
		return c, err
	}
	return c, checkVersion(c.SchemaVersion)
}

// checkCopy runs integrity_check on the file at path and reads its version and recordings.
func checkCopy(ctx context.Context, path string) (BackupCopy, error) {
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro")
	if err != nil {
		return BackupCopy{}, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return BackupCopy{}, fmt.Errorf("check %s: %w", path, err)
	}
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return BackupCopy{}, fmt.Errorf("check %s: %w", path, err)
		}
		found = append(found, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return BackupCopy{}, fmt.Errorf("check %s: %w", path, err)
	}
	if len(found) != 1 || found[0] != "ok" {
		return BackupCopy{}, fmt.Errorf("%s: %s: %w", path, strings.Join(found, "; "), ErrIntegrity)
	}
	if err := isDiemcau(ctx, db, path); err != nil {
		return BackupCopy{}, err
	}
	var c BackupCopy
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&c.SchemaVersion); err != nil {
		return c, fmt.Errorf("read schema version of %s: %w", path, err)
	}
	if c.SchemaVersion < 5 { // the recordings table came with migration 5
		return c, nil
	}
	c.Recordings, err = backupRecordings(ctx, db)
	if err != nil {
		return c, fmt.Errorf("list recordings of %s: %w", path, err)
	}
	return c, nil
}

// isDiemcau fails with ErrNotDiemcau unless db has a schema version and diemcau's first table.
func isDiemcau(ctx context.Context, db *sql.DB, path string) error {
	var v, n int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version of %s: %w", path, err)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meetings'").Scan(&n); err != nil {
		return fmt.Errorf("read schema of %s: %w", path, err)
	}
	if v == 0 || n == 0 {
		return fmt.Errorf("%s: %w", path, ErrNotDiemcau)
	}
	return nil
}

// backupRecordings lists every recording of the copy, in order.
func backupRecordings(ctx context.Context, db *sql.DB) ([]BackupRecording, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, meeting_id, dir, files, stopped_at IS NULL FROM recordings ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []BackupRecording
	for rows.Next() {
		var r BackupRecording
		var files string
		if err := rows.Scan(&r.ID, &r.MeetingID, &r.Dir, &files, &r.Running); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(files), &r.Files); err != nil {
			return nil, fmt.Errorf("recording %d: files: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// tempBeside is a name in path's folder for a file made before it takes path's name.
func tempBeside(path, what string) string {
	return filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.%s-%d.tmp", filepath.Base(path), what, os.Getpid()))
}

// syncFile flushes a finished file to the disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return nil
}
