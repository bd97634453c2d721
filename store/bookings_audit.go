package store

import (
	"context"
	"database/sql"
	"fmt"
)

// insertBookingAudit appends the entries, each detail prefixed with the booking's id.
func insertBookingAudit(ctx context.Context, tx *sql.Tx, id int64, entries []AuditEntry) error {
	for _, e := range entries {
		e.Detail = fmt.Sprintf("booking %d: %s", id, e.Detail)
		if err := insertAudit(ctx, tx, e); err != nil {
			return err
		}
	}
	return nil
}

// insertAudit appends an audit entry inside tx.
func insertAudit(ctx context.Context, tx *sql.Tx, e AuditEntry) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO audit_log (at, meeting_id, actor, action, bridge_point, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		msOrNow(e.At), idOrNull(e.MeetingID), e.Actor, e.Action, textOrNull(e.BridgePoint), e.Detail)
	if err != nil {
		return fmt.Errorf("record action %q by %q: %w", e.Action, e.Actor, err)
	}
	return nil
}
