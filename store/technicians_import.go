package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ImportTechnicians adds or updates technicians in one transaction, all or nothing, with the
// audit entry: a technician already on the roster with the same unit and name is updated.
// It returns how many were added and how many updated.
func (s *Store) ImportTechnicians(ctx context.Context, ts []Technician, audit AuditEntry) (added, updated int, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		added, updated = 0, 0
		for i, t := range ts {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM technicians WHERE unit_id = ? AND name = ? ORDER BY id LIMIT 1`,
				t.UnitID, t.Name).Scan(&id)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				_, err = tx.ExecContext(ctx, `
					INSERT INTO technicians (name, unit_id, phone, email, trained, trained_at) VALUES (?, ?, ?, ?, ?, ?)`,
					t.Name, t.UnitID, t.Phone, t.Email, t.Trained, msOrNull(t.TrainedAt))
				added++
			case err == nil:
				_, err = tx.ExecContext(ctx, `
					UPDATE technicians SET phone = ?, email = ?, trained = ?, trained_at = ? WHERE id = ?`,
					t.Phone, t.Email, t.Trained, msOrNull(t.TrainedAt), id)
				updated++
			}
			if err != nil {
				return fmt.Errorf("technician %d %q: %w", i+1, t.Name, err)
			}
		}
		audit.Detail = fmt.Sprintf("%s: %d added, %d updated", audit.Detail, added, updated)
		return insertAudit(ctx, tx, audit)
	})
	if err != nil {
		return 0, 0, fmt.Errorf("import technicians: %w", err)
	}
	return added, updated, nil
}
