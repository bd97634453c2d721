package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrSchemaTooNew means the database was written by a newer diemcau; it is left untouched.
var ErrSchemaTooNew = errors.New("database schema is newer than this diemcau")

// ErrNotFound means the requested row does not exist.
var ErrNotFound = errors.New("not found")

// Store is the SQLite log store. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	path    string
	upgrade Upgrade // what Open did to an older schema
}

// Upgrade tells what Open did to a database of an older schema: its version before and after,
// and the backup made before migrating it. Zero when the schema was current or the file new.
type Upgrade struct {
	From, To int
	Backup   string
}

// MigrationError is a failed upgrade of an older database: nothing of it was applied, the
// database is still at version From, and Backup (when not empty) is the copy made before.
type MigrationError struct {
	Path     string
	From, To int
	Backup   string
	Err      error
}

func (e *MigrationError) Error() string {
	if e.Backup == "" {
		return fmt.Sprintf("upgrade database %s from version %d to %d: not done, nothing changed: %v", e.Path, e.From, e.To, e.Err)
	}
	return fmt.Sprintf("upgrade database %s from version %d to %d failed; it is unchanged (backup %s): %v",
		e.Path, e.From, e.To, e.Backup, e.Err)
}

func (e *MigrationError) Unwrap() error { return e.Err }

// pragmas apply to every pooled connection: an acknowledged write survives a crash (WAL +
// synchronous=FULL), foreign keys are enforced, and writers wait up to 5 s for the lock.
var pragmas = []string{
	"busy_timeout(5000)",
	"foreign_keys(1)",
	"journal_mode(WAL)",
	"synchronous(FULL)",
}

// Open opens (creating if needed) the database at path and applies pending migrations.
// ":memory:" gives a private in-memory store. It refuses, with ErrSchemaTooNew, a database whose
// schema is newer than this binary's. A database of an older schema is first backed up beside
// itself (path.before-upgrade-vN-YYYYMMDD-HHMMSS, see Upgraded), then migrated in one
// transaction; a failure is a *MigrationError and leaves the database as it was.
func Open(ctx context.Context, path string) (*Store, error) {
	from, err := existingVersion(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(from); err != nil {
		return nil, err
	}
	var up Upgrade
	if from > 0 && from < latestVersion() {
		up = Upgrade{From: from, To: latestVersion(), Backup: upgradeBackupPath(path, from, time.Now())}
		if _, err := Backup(ctx, path, up.Backup); err != nil && !errors.Is(err, os.ErrExist) {
			return nil, &MigrationError{Path: path, From: from, To: up.To, Err: fmt.Errorf("backup before upgrading: %w", err)}
		}
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if path == ":memory:" {
		db.SetMaxOpenConns(1) // each connection would otherwise see its own empty database
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{db: db, path: path, upgrade: up}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		if up.From > 0 {
			return nil, &MigrationError{Path: path, From: up.From, To: up.To, Backup: up.Backup, Err: err}
		}
		return nil, fmt.Errorf("migrate database %s: %w", path, err)
	}
	return s, nil
}

// Upgraded tells what Open did to an older schema; zero when nothing.
func (s *Store) Upgraded() Upgrade { return s.upgrade }

// upgradeBackupPath names the copy of a database of schema version v made before upgrading it.
func upgradeBackupPath(path string, v int, now time.Time) string {
	return fmt.Sprintf("%s.before-upgrade-v%d-%s", path, v, now.Format("20060102-150405"))
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}
	return nil
}

// SchemaVersion returns the database's schema version (PRAGMA user_version).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// dsn builds the read-write DSN. Write transactions begin IMMEDIATE so that two writers
// never deadlock upgrading a read lock.
func dsn(path string) string {
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + escapePath(path) + "?" + q.Encode()
}

// escapePath keeps characters that would end the file name of a URI (?, #) inside it.
func escapePath(path string) string {
	u := url.URL{Path: path}
	return u.EscapedPath()
}

// existingVersion reads user_version of an existing database through a read-only connection
// with no pragmas, so a database from a newer diemcau is never modified; 0 for no file yet.
func existingVersion(ctx context.Context, path string) (int, error) {
	if path == ":memory:" {
		return 0, nil
	}
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && fi.Size() == 0) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("open database %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0, fmt.Errorf("open database %s: %w", path, err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version of %s: %w", path, err)
	}
	return v, nil
}

// checkVersion fails when version is newer than the newest embedded migration.
func checkVersion(version int) error {
	latest := latestVersion()
	if version > latest {
		return fmt.Errorf("database schema version %d is newer than this diemcau (%d); use a newer diemcau: %w",
			version, latest, ErrSchemaTooNew)
	}
	return nil
}

// OpenReadOnly opens an existing database for reading only, without creating, migrating or
// changing it (for checks such as diemcau doctor); SchemaVersion tells how old it is.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := isDiemcau(ctx, db, path); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db, path: path}, nil
}

// LatestSchemaVersion is the schema version this diemcau writes.
func LatestSchemaVersion() int { return latestVersion() }
