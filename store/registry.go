package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
)

// ImportRegistry upserts units and bridge points in one transaction: all or nothing.
// A bridge point whose SecretHash is "" keeps the secret hash it already has.
// Demotions to "sub" are applied before promotions to "main", so the main bridge point
// may move from one site to another in a single import.
func (s *Store) ImportRegistry(ctx context.Context, units []Unit, bps []BridgePoint) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return importRegistry(ctx, tx, units, bps) })
	if err != nil {
		return fmt.Errorf("import registry: %w", err)
	}
	return nil
}

// importRegistry upserts units and bridge points inside tx, demotions before promotions.
func importRegistry(ctx context.Context, tx *sql.Tx, units []Unit, bps []BridgePoint) error {
	ordered := make([]BridgePoint, len(bps))
	copy(ordered, bps)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].Role != "main" && ordered[j].Role == "main" })
	for _, u := range units {
		if err := upsertUnit(ctx, tx, u); err != nil {
			return err
		}
	}
	for _, bp := range ordered {
		if err := upsertBridgePoint(ctx, tx, bp); err != nil {
			return err
		}
	}
	return nil
}

func upsertUnit(ctx context.Context, tx *sql.Tx, u Unit) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO units (id, name, kind) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind`,
		u.ID, u.Name, u.Kind)
	if err != nil {
		return fmt.Errorf("unit %q: %w", u.ID, err)
	}
	return nil
}

func upsertBridgePoint(ctx context.Context, tx *sql.Tx, bp BridgePoint) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO bridge_points (id, name, unit_id, role, room, address, device_ip, secret_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			name = excluded.name, unit_id = excluded.unit_id, role = excluded.role,
			room = excluded.room, address = excluded.address, device_ip = excluded.device_ip,
			secret_hash = coalesce(excluded.secret_hash, bridge_points.secret_hash)`,
		bp.ID, bp.Name, bp.UnitID, bp.Role, bp.Room, bp.Address, bp.DeviceIP, textOrNull(bp.SecretHash))
	if err != nil {
		return fmt.Errorf("bridge point %q: %w", bp.ID, err)
	}
	return nil
}

// Units returns every unit: province first, then agencies, wards and communes, each by name.
func (s *Store) Units(ctx context.Context) ([]Unit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, kind FROM units`)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	defer rows.Close()
	var us []Unit
	for rows.Next() {
		var u Unit
		if err := rows.Scan(&u.ID, &u.Name, &u.Kind); err != nil {
			return nil, fmt.Errorf("list units: %w", err)
		}
		us = append(us, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	sortUnits(us)
	return us, nil
}

const bridgePointColumns = `bp.id, bp.name, bp.unit_id, bp.role, bp.room, bp.address, bp.device_ip,
	coalesce(bp.secret_hash, '')`

func scanBridgePoint(sc interface{ Scan(...any) error }, bp *BridgePoint) error {
	return sc.Scan(&bp.ID, &bp.Name, &bp.UnitID, &bp.Role, &bp.Room, &bp.Address, &bp.DeviceIP, &bp.SecretHash)
}

// BridgePoint returns one bridge point, or an error wrapping ErrNotFound.
func (s *Store) BridgePoint(ctx context.Context, id string) (BridgePoint, error) {
	var bp BridgePoint
	row := s.db.QueryRowContext(ctx, `SELECT `+bridgePointColumns+` FROM bridge_points bp WHERE bp.id = ?`, id)
	err := scanBridgePoint(row, &bp)
	if errors.Is(err, sql.ErrNoRows) {
		return BridgePoint{}, fmt.Errorf("bridge point %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return BridgePoint{}, fmt.Errorf("bridge point %q: %w", id, err)
	}
	return bp, nil
}

// BridgePoints returns the registry: the main bridge point first, then by unit kind
// (province, agency, ward, commune), then by name in Vietnamese order.
func (s *Store) BridgePoints(ctx context.Context) ([]BridgePoint, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+bridgePointColumns+`, u.kind
		FROM bridge_points bp JOIN units u ON u.id = bp.unit_id`)
	if err != nil {
		return nil, fmt.Errorf("list bridge points: %w", err)
	}
	defer rows.Close()
	var list []kindedBridgePoint
	for rows.Next() {
		var k kindedBridgePoint
		err := rows.Scan(&k.bp.ID, &k.bp.Name, &k.bp.UnitID, &k.bp.Role, &k.bp.Room, &k.bp.Address,
			&k.bp.DeviceIP, &k.bp.SecretHash, &k.kind)
		if err != nil {
			return nil, fmt.Errorf("list bridge points: %w", err)
		}
		list = append(list, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list bridge points: %w", err)
	}
	return sortBridgePoints(list), nil
}

// SetSecretHash stores the hash of a bridge point's join credential; ErrNotFound when
// there is no such bridge point. An empty hash revokes the credential.
func (s *Store) SetSecretHash(ctx context.Context, id, hash string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE bridge_points SET secret_hash = ? WHERE id = ?`, textOrNull(hash), id)
	if err != nil {
		return fmt.Errorf("set secret of bridge point %q: %w", id, err)
	}
	return affectedOne(res, fmt.Sprintf("set secret of bridge point %q", id))
}
