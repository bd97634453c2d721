package endpoints

import (
	"context"
	"errors"
	"fmt"

	"diemcau/store"
)

// Registry is the bridge-point registry: units, sites, devices and join credentials, kept in
// the store. It satisfies mcu.Credentials.
type Registry struct {
	st *store.Store
}

// NewRegistry returns the registry kept in st.
func NewRegistry(st *store.Store) *Registry {
	return &Registry{st: st}
}

// BridgePoints lists the registry: main first, then by unit kind, then by name.
func (r *Registry) BridgePoints(ctx context.Context) ([]store.BridgePoint, error) {
	return r.st.BridgePoints(ctx)
}

// BridgePoint returns one bridge point; the error wraps store.ErrNotFound when there is none.
func (r *Registry) BridgePoint(ctx context.Context, id string) (store.BridgePoint, error) {
	return r.st.BridgePoint(ctx, id)
}

// VerifyJoin reports whether bridgePoint is registered (known) and whether secret is its
// join credential (ok). ok is false when no secret was ever issued. The secret is never logged.
func (r *Registry) VerifyJoin(ctx context.Context, bridgePoint, secret string) (known, ok bool, err error) {
	bp, err := r.st.BridgePoint(ctx, bridgePoint)
	if errors.Is(err, store.ErrNotFound) {
		return false, false, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("verify join of %q: %w", bridgePoint, err)
	}
	return true, joinSecretMatches(secret, bp.SecretHash), nil
}

// Rotate issues a new join secret for a bridge point, replacing (and so invalidating) the old
// one. Only its hash is stored, with the SIP digest HA1 derived from it (the secret is also
// the SIP password): the plaintext is returned once and must be handed over now.
func (r *Registry) Rotate(ctx context.Context, id string) (secret string, err error) {
	return r.rotate(ctx, id, nil)
}

// RotateAudited is Rotate with audit written in the rotation's transaction. The audit row is
// the caller's and carries neither the secret nor its hashes.
func (r *Registry) RotateAudited(ctx context.Context, id string, audit store.AuditEntry) (secret string, err error) {
	return r.rotate(ctx, id, &audit)
}

// rotate issues and stores a new join secret, with its audit row when audit is not nil.
func (r *Registry) rotate(ctx context.Context, id string, audit *store.AuditEntry) (secret string, err error) {
	secret, err = newJoinSecret()
	if err != nil {
		return "", err
	}
	hash, ha1 := hashJoinSecret(secret), SIPDigestHA1(id, secret)
	if audit == nil {
		err = r.st.SetJoinCredential(ctx, id, hash, ha1)
	} else {
		err = r.st.SetJoinCredentialAudited(ctx, id, hash, ha1, *audit)
	}
	if err != nil {
		return "", fmt.Errorf("rotate join secret of %q: %w", id, err)
	}
	return secret, nil
}

// BridgePointName returns the registered name of a bridge point; it satisfies mcu.Directory.
func (r *Registry) BridgePointName(ctx context.Context, id string) (string, error) {
	bp, err := r.BridgePoint(ctx, id)
	if err != nil {
		return "", err
	}
	return bp.Name, nil
}
