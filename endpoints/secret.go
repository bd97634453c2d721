package endpoints

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// A join secret is 256 random bits, URL-safe base64 without padding (43 characters), so it
// fits in a URL fragment. Being random and long, it needs no slow password hash: the store
// keeps "sha256:" + hex(SHA-256(secret)).

const (
	secretBytes      = 32
	secretHashPrefix = "sha256:"
)

// newJoinSecret returns a fresh random join secret.
func newJoinSecret() (string, error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate join secret: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// hashJoinSecret is what the store keeps of a join secret.
func hashJoinSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return secretHashPrefix + hex.EncodeToString(sum[:])
}

// joinSecretMatches compares a presented secret with a stored hash in constant time.
// An empty secret or an empty hash never matches.
func joinSecretMatches(secret, storedHash string) bool {
	if secret == "" || storedHash == "" {
		return false
	}
	got := hashJoinSecret(secret)
	return subtle.ConstantTimeCompare([]byte(got), []byte(storedHash)) == 1
}

// SIPRealm is the digest realm diemcau's SIP server challenges with; SIPDigestHA1 depends on it.
const SIPRealm = "diemcau"

// SIPDigestHA1 is the SIP digest's HA1 for a bridge point whose password is its join secret:
// hex MD5(id ":" SIPRealm ":" secret) (RFC 3261 22.4, RFC 2617 3.2.2.2). It admits a SIP call
// of that bridge point only; the join secret itself cannot be recovered from it.
func SIPDigestHA1(id, secret string) string {
	sum := md5.Sum([]byte(id + ":" + SIPRealm + ":" + secret))
	return hex.EncodeToString(sum[:])
}
