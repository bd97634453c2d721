package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one embedded schema step; version N is file NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations is the embedded list, sorted by version and checked to be 1, 2, 3, …
var migrations = mustLoadMigrations()

func mustLoadMigrations() []migration {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		panic(err)
	}
	return ms
}

func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var ms []migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", base)
		}
		body, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// latestVersion is the schema version this binary writes.
func latestVersion() int { return len(migrations) }

// migrate applies every pending migration in one transaction together with the user_version
// bump, re-reading the version under the write lock so two processes opening the same file at
// once do not apply a step twice. A step that fails rolls them all back: the database stays
// exactly at the version it had.
func (s *Store) migrate(ctx context.Context) error {
	return s.applyMigrations(ctx, migrations)
}

// applyMigration applies one step, as migrate does.
func (s *Store) applyMigration(ctx context.Context, m migration) error {
	return s.applyMigrations(ctx, []migration{m})
}

func (s *Store) applyMigrations(ctx context.Context, ms []migration) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var current int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if err := checkVersion(current); err != nil {
			return err
		}
		to := current
		for _, m := range ms {
			if current >= m.version {
				continue
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("apply migration %s: %w", m.name, err)
			}
			to = m.version
		}
		if to == current {
			return nil
		}
		// PRAGMA takes no bound parameters; the version is an int we produced.
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(to)); err != nil {
			return fmt.Errorf("set schema version %d: %w", to, err)
		}
		return nil
	})
}
