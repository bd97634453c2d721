package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SIPCredential is what admits a bridge point's SIP room system (migration 0011).
type SIPCredential struct {
	// HA1 is the SIP digest's MD5(id ":" realm ":" join secret); empty when the secret was
	// issued before SIP existed (rotate it).
	HA1 string
	// TrustAddress admits calls from the bridge point's device_ip without a digest.
	TrustAddress bool
}

// SetJoinCredential stores, in one transaction, the hash of a bridge point's new join secret
// and the SIP digest HA1 derived from it; ErrNotFound when the bridge point does not exist.
func (s *Store) SetJoinCredential(ctx context.Context, id, hash, ha1 string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return setJoinCredential(ctx, tx, id, hash, ha1) })
}

// setJoinCredential stores a bridge point's join secret hash and SIP HA1 inside tx.
func setJoinCredential(ctx context.Context, tx *sql.Tx, id, hash, ha1 string) error {
	res, err := tx.ExecContext(ctx, `UPDATE bridge_points SET secret_hash = ? WHERE id = ?`, textOrNull(hash), id)
	if err != nil {
		return fmt.Errorf("set secret of bridge point %q: %w", id, err)
	}
	if err := affectedOne(res, fmt.Sprintf("set secret of bridge point %q", id)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO sip_credentials (bridge_point_id, ha1_md5) VALUES (?, ?)
		ON CONFLICT (bridge_point_id) DO UPDATE SET ha1_md5 = excluded.ha1_md5`, id, textOrNull(ha1))
	if err != nil {
		return fmt.Errorf("set SIP credential of bridge point %q: %w", id, err)
	}
	return nil
}

// SetSIPAddressTrust turns address trust on or off for a bridge point; ErrNotFound when it
// does not exist.
func (s *Store) SetSIPAddressTrust(ctx context.Context, id string, trust bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return setSIPAddressTrust(ctx, tx, id, trust) })
}

// setSIPAddressTrust turns a bridge point's address trust on or off inside tx.
func setSIPAddressTrust(ctx context.Context, tx *sql.Tx, id string, trust bool) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM bridge_points WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("SIP address trust of bridge point %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("SIP address trust of bridge point %q: %w", id, err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO sip_credentials (bridge_point_id, trust_address) VALUES (?, ?)
		ON CONFLICT (bridge_point_id) DO UPDATE SET trust_address = excluded.trust_address`, id, trust)
	if err != nil {
		return fmt.Errorf("SIP address trust of bridge point %q: %w", id, err)
	}
	return nil
}

// SIPCredential returns a bridge point's SIP credential; the zero value when none was stored.
func (s *Store) SIPCredential(ctx context.Context, id string) (SIPCredential, error) {
	var c SIPCredential
	var ha1 sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT ha1_md5, trust_address FROM sip_credentials WHERE bridge_point_id = ?`, id).
		Scan(&ha1, &c.TrustAddress)
	if errors.Is(err, sql.ErrNoRows) {
		return SIPCredential{}, nil
	}
	if err != nil {
		return SIPCredential{}, fmt.Errorf("SIP credential of bridge point %q: %w", id, err)
	}
	c.HA1 = ha1.String
	return c, nil
}
