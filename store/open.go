package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrSchemaTooNew means the database was written by a newer diemcau; it is left untouched.
var ErrSchemaTooNew = errors.New("database schema is newer than this diemcau")

// ErrNotFound means the requested row does not exist.
var ErrNotFound = errors.New("not found")

// Store is the SQLite log store. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
}

// pragmas apply to every pooled connection: an acknowledged write survives a crash (WAL +
// synchronous=FULL), foreign keys are enforced, and writers wait up to 5 s for the lock.
var pragmas = []string{
	"busy_timeout(5000)",
	"foreign_keys(1)",
	"journal_mode(WAL)",
	"synchronous(FULL)",
}

// Open opens (creating if needed) the database at path and applies pending migrations.
// ":memory:" gives a private in-memory store. It refuses, with ErrSchemaTooNew, a database whose schema is newer than this binary's.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := refuseNewerSchema(ctx, path); err != nil {
		return nil, err
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
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate database %s: %w", path, err)
	}
	return s, nil
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

// refuseNewerSchema reads user_version of an existing database through a read-only
// connection with no pragmas, so a database from a newer diemcau is never modified.
func refuseNewerSchema(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && fi.Size() == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version of %s: %w", path, err)
	}
	return checkVersion(v)
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
