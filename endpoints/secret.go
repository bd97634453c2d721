package endpoints

import (
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
