package store

import (
	"context"
	"fmt"
)

// SIPAddressTrusted returns the bridge points whose SIP room system is admitted by its address
// (trust_address, migration 0011): the registry's word that the site's terminal is a SIP one.
func (s *Store) SIPAddressTrusted(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT bridge_point_id FROM sip_credentials WHERE trust_address = 1`)
	if err != nil {
		return nil, fmt.Errorf("SIP address trust: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("SIP address trust: %w", err)
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("SIP address trust: %w", err)
	}
	return out, nil
}
