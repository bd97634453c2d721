package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// MeetingsBetween returns the meetings that started in [from, to), by start time.
func (s *Store) MeetingsBetween(ctx context.Context, from, to time.Time) ([]Meeting, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, title, coalesce(host_unit, ''), chair, kind, coalesce(main_bp, ''), status, started_at, ended_at
		FROM meetings WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id`, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		var (
			m              Meeting
			started, ended sql.NullInt64
		)
		if err := rows.Scan(&m.ID, &m.Title, &m.HostUnit, &m.Chair, &m.Kind, &m.MainBP, &m.Status, &started, &ended); err != nil {
			return nil, fmt.Errorf("list meetings: %w", err)
		}
		m.StartedAt, m.EndedAt = timeFromMs(started), timeFromMs(ended)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	return out, nil
}
