package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CalendarDay is a date the control center added to or changed in the holiday calendar.
type CalendarDay struct {
	Date      string // YYYY-MM-DD
	Kind      string // "holiday", "swap_off" or "swap_work"
	Name      string
	UpdatedAt time.Time
	UpdatedBy string
}

// CalendarDays returns the stored calendar days by date.
func (s *Store) CalendarDays(ctx context.Context) ([]CalendarDay, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT date, kind, name, updated_at, updated_by FROM calendar_days ORDER BY date`)
	if err != nil {
		return nil, fmt.Errorf("calendar days: %w", err)
	}
	defer rows.Close()
	var out []CalendarDay
	for rows.Next() {
		var (
			d  CalendarDay
			at int64
		)
		if err := rows.Scan(&d.Date, &d.Kind, &d.Name, &at, &d.UpdatedBy); err != nil {
			return nil, fmt.Errorf("calendar days: %w", err)
		}
		d.UpdatedAt = time.UnixMilli(at).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// ImportCalendarDays adds the days, or replaces the stored ones of the same dates, in one
// transaction with the audit entry: all or nothing.
func (s *Store) ImportCalendarDays(ctx context.Context, days []CalendarDay, audit AuditEntry) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, d := range days {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO calendar_days (date, kind, name, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)
				ON CONFLICT (date) DO UPDATE SET kind = ?2, name = ?3, updated_at = ?4, updated_by = ?5`,
				d.Date, d.Kind, d.Name, msOrNow(d.UpdatedAt), d.UpdatedBy); err != nil {
				return fmt.Errorf("day %s: %w", d.Date, err)
			}
		}
		return insertAudit(ctx, tx, audit)
	})
	if err != nil {
		return fmt.Errorf("import calendar days: %w", err)
	}
	return nil
}
