package store

import (
	"context"
	"database/sql"
	"fmt"
)

// The registers' changes a person makes through live's facade, each with its audit row in the
// change's transaction: both are written or neither. The unaudited forms (ImportRegistry,
// SetJoinCredential, SetSIPAddressTrust, AddTechnician) remain for tooling and tests that seed
// a store.

// ImportRegistryAudited is ImportRegistry with audit written in the same transaction.
func (s *Store) ImportRegistryAudited(ctx context.Context, units []Unit, bps []BridgePoint, audit AuditEntry) error {
	err := s.withAudit(ctx, audit, func(tx *sql.Tx) error { return importRegistry(ctx, tx, units, bps) })
	if err != nil {
		return fmt.Errorf("import registry: %w", err)
	}
	return nil
}

// SetJoinCredentialAudited is SetJoinCredential with audit written in the same transaction.
// The audit's detail is the caller's: it must hold neither the secret nor its hashes.
func (s *Store) SetJoinCredentialAudited(ctx context.Context, id, hash, ha1 string, audit AuditEntry) error {
	return s.withAudit(ctx, audit, func(tx *sql.Tx) error { return setJoinCredential(ctx, tx, id, hash, ha1) })
}

// SetSIPAddressTrustAudited is SetSIPAddressTrust with audit written in the same transaction.
func (s *Store) SetSIPAddressTrustAudited(ctx context.Context, id string, trust bool, audit AuditEntry) error {
	return s.withAudit(ctx, audit, func(tx *sql.Tx) error { return setSIPAddressTrust(ctx, tx, id, trust) })
}

// AddTechnicianAudited is AddTechnician with audit written in the same transaction, its
// detail prefixed with the new technician's id ("technician ID: detail").
func (s *Store) AddTechnicianAudited(ctx context.Context, t Technician, audit AuditEntry) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = addTechnician(ctx, tx, t); err != nil {
			return err
		}
		audit.Detail = fmt.Sprintf("technician %d: %s", id, audit.Detail)
		return insertAudit(ctx, tx, audit)
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// withAudit runs change and inserts audit in one transaction: both or neither.
func (s *Store) withAudit(ctx context.Context, audit AuditEntry, change func(tx *sql.Tx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := change(tx); err != nil {
			return err
		}
		return insertAudit(ctx, tx, audit)
	})
}
