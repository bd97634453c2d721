package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Restore puts the backup at backupPath in place of the database at dbPath. It refuses a
// backup that fails its integrity check, is not diemcau's, or has a newer schema than this
// diemcau (ErrSchemaTooNew), and a database another process has open (ErrInUse). The current
// database, if any, is kept aside as dbPath.before-restore-YYYYMMDD-HHMMSS, whose name it
// returns. An older schema is migrated by the next Open.
func Restore(ctx context.Context, backupPath, dbPath string, now time.Time) (aside string, err error) {
	if _, err := CheckBackup(ctx, backupPath); err != nil {
		return "", err
	}
	tmp := tempBeside(dbPath, "restore")
	_ = os.Remove(tmp)
	defer os.Remove(tmp) // after the rename, a no-op
	if err := vacuumInto(ctx, backupPath, tmp); err != nil {
		return "", err
	}
	if _, err := os.Stat(dbPath); err == nil {
		aside = dbPath + ".before-restore-" + now.Format("20060102-150405")
		if err := setAside(ctx, dbPath, aside); err != nil {
			return "", err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("restore into %s: %w", dbPath, err)
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		if aside != "" {
			_ = os.Rename(aside, dbPath)
		}
		return "", fmt.Errorf("restore into %s: %w", dbPath, err)
	}
	return aside, nil
}

// vacuumInto writes a fresh, synced copy of the database src at dest (which must not exist).
func vacuumInto(ctx context.Context, src, dest string) error {
	db, err := sql.Open("sqlite", "file:"+escapePath(src)+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("open %s: %w", src, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("copy %s into %s: %w", src, dest, err)
	}
	return syncFile(dest)
}

// setAside renames the database at path (after folding its WAL into it) to aside. A database
// that another process has open keeps its WAL after our last connection closes: then nothing
// is renamed and the error is ErrInUse.
func setAside(ctx context.Context, path, aside string) error {
	if err := checkpointAndClose(ctx, path); err != nil {
		return err
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		return fmt.Errorf("%s: %w", path, ErrInUse)
	}
	_ = os.Remove(path + "-shm")
	if err := os.Rename(path, aside); err != nil {
		return fmt.Errorf("keep %s aside: %w", path, err)
	}
	return nil
}

// checkpointAndClose opens path, folds its WAL into the main file and closes it, which removes
// the WAL when no other process has the database open.
func checkpointAndClose(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	var busy, logFrames, done int
	if err := db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		db.Close()
		return fmt.Errorf("checkpoint %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if busy != 0 {
		return fmt.Errorf("%s: %w", path, ErrInUse)
	}
	return nil
}
