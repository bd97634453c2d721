package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrDuplicate means the unit's roster already has a technician of that name.
var ErrDuplicate = errors.New("already on the roster")

// AddTechnician adds a technician to the roster (Đ6.6) and returns its id.
func (s *Store) AddTechnician(ctx context.Context, t Technician) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = addTechnician(ctx, tx, t)
		return err
	})
	return id, err
}

// addTechnician inserts t inside tx unless its unit's roster has its name (ErrDuplicate).
func addTechnician(ctx context.Context, tx *sql.Tx, t Technician) (int64, error) {
	if t.Name == "" || t.UnitID == "" {
		return 0, errors.New("add technician: name and unit are required")
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO technicians (name, unit_id, phone, email, trained, trained_at)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6
		WHERE NOT EXISTS (SELECT 1 FROM technicians WHERE unit_id = ?2 AND name = ?1)`,
		t.Name, t.UnitID, t.Phone, t.Email, t.Trained, msOrNull(t.TrainedAt))
	if err != nil {
		return 0, fmt.Errorf("add technician %q: %w", t.Name, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return 0, fmt.Errorf("add technician %q: %w", t.Name, ErrDuplicate)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("add technician %q: %w", t.Name, err)
	}
	return id, nil
}

// Technicians returns the roster by unit, then name.
func (s *Store) Technicians(ctx context.Context) ([]Technician, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, name, unit_id, phone, email, trained, trained_at FROM technicians ORDER BY unit_id, name, id`)
	if err != nil {
		return nil, fmt.Errorf("list technicians: %w", err)
	}
	defer rows.Close()
	var ts []Technician
	for rows.Next() {
		var (
			t  Technician
			at sql.NullInt64
		)
		if err := rows.Scan(&t.ID, &t.Name, &t.UnitID, &t.Phone, &t.Email, &t.Trained, &at); err != nil {
			return nil, fmt.Errorf("list technicians: %w", err)
		}
		t.TrainedAt = timeFromMs(at)
		ts = append(ts, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list technicians: %w", err)
	}
	return ts, nil
}
