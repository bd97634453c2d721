package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SiteGroup is a named, user-defined set of bridge points, in the order they were given.
type SiteGroup struct {
	ID        string // short id used in booking files, e.g. "huyen-dak-doa-cu"
	Name      string
	Members   []string // bridge point ids
	UpdatedAt time.Time
	UpdatedBy string
}

// ErrExists means a record with that id is already stored.
var ErrExists = errors.New("already exists")

// SiteGroups returns every user-defined group by id, with its members.
func (s *Store) SiteGroups(ctx context.Context) ([]SiteGroup, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, updated_at, updated_by FROM site_groups ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list groups: %w", err)
	}
	var gs []SiteGroup
	for rows.Next() {
		var (
			g  SiteGroup
			at int64
		)
		if err := rows.Scan(&g.ID, &g.Name, &at, &g.UpdatedBy); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list groups: %w", err)
		}
		g.UpdatedAt = time.UnixMilli(at).UTC()
		gs = append(gs, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list groups: %w", err)
	}
	for i := range gs {
		if gs[i].Members, err = groupMembers(ctx, s.db, gs[i].ID); err != nil {
			return nil, err
		}
	}
	return gs, nil
}

// groupMembers reads a group's bridge points in order.
func groupMembers(ctx context.Context, q querier, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT bridge_point FROM site_group_members WHERE group_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("group %s members: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var bp string
		if err := rows.Scan(&bp); err != nil {
			return nil, fmt.Errorf("group %s members: %w", id, err)
		}
		out = append(out, bp)
	}
	return out, rows.Err()
}

// SaveSiteGroups writes groups in one transaction with the audit entry, all or nothing: a
// group of a new id is added (ErrNotFound under GroupUpdate), one already stored has its name
// and members replaced (ErrExists under GroupCreate).
func (s *Store) SaveSiteGroups(ctx context.Context, gs []SiteGroup, mode GroupWrite, audit AuditEntry) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, g := range gs {
			if err := saveGroup(ctx, tx, g, mode); err != nil {
				return fmt.Errorf("group %s: %w", g.ID, err)
			}
		}
		return insertAudit(ctx, tx, audit)
	})
	if err != nil {
		return fmt.Errorf("save groups: %w", err)
	}
	return nil
}

// GroupWrite says whether saving a group may create it, replace it, or both.
type GroupWrite int

// The ways of saving groups.
const (
	GroupCreate GroupWrite = iota // new ids only (group add)
	GroupUpdate                   // stored ids only (group edit)
	GroupUpsert                   // either (group import)
)

func saveGroup(ctx context.Context, tx *sql.Tx, g SiteGroup, mode GroupWrite) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM site_groups WHERE id = ?`, g.ID).Scan(&n); err != nil {
		return err
	}
	switch {
	case n > 0 && mode == GroupCreate:
		return ErrExists
	case n == 0 && mode == GroupUpdate:
		return ErrNotFound
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO site_groups (id, name, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
		ON CONFLICT (id) DO UPDATE SET name = ?2, updated_at = ?3, updated_by = ?4`,
		g.ID, g.Name, msOrNow(g.UpdatedAt), g.UpdatedBy); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM site_group_members WHERE group_id = ?`, g.ID); err != nil {
		return err
	}
	for i, bp := range g.Members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO site_group_members (group_id, position, bridge_point) VALUES (?, ?, ?)`,
			g.ID, i+1, bp); err != nil {
			return fmt.Errorf("bridge point %q: %w", bp, err)
		}
	}
	return nil
}
