package sip

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/icholy/digest"
)

// Realm is the digest realm of the server's challenges; the HA1 a Credentials gives is
// computed for it (endpoints.SIPRealm is the same string).
const Realm = "diemcau"

// nonceLifetime is how long a challenge's nonce is accepted; an older one is answered with a
// fresh challenge marked stale (the terminal retries without asking its user).
const nonceLifetime = 5 * time.Minute

// Credential is what admits a bridge point's terminal.
type Credential struct {
	// HA1 is hex MD5(id ":" Realm ":" password); empty when the bridge point has none.
	HA1 string
	// TrustedIP, when not empty, admits calls from this address without a digest.
	TrustedIP string
}

// nonces makes and checks stateless digest nonces: a time and an HMAC of it and the source.
type nonces struct{ key []byte }

func newNonces() (*nonces, error) {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("SIP nonce key: %w", err)
	}
	return &nonces{key: k}, nil
}

func (n *nonces) sign(at int64, source string) []byte {
	m := hmac.New(sha256.New, n.key)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(at))
	m.Write(b[:])
	m.Write([]byte(source))
	return append(b[:], m.Sum(nil)[:16]...)
}

// make returns a nonce for a challenge sent to source.
func (n *nonces) make(source string, now time.Time) string {
	return base64.RawURLEncoding.EncodeToString(n.sign(now.Unix(), source))
}

// check reports whether nonce was made by this server for source, and whether it is stale.
func (n *nonces) check(nonce, source string, now time.Time) (valid, stale bool) {
	raw, err := base64.RawURLEncoding.DecodeString(nonce)
	if err != nil || len(raw) != 24 {
		return false, false
	}
	at := int64(binary.BigEndian.Uint64(raw[:8]))
	if !hmac.Equal(raw, n.sign(at, source)) {
		return false, false
	}
	age := now.Sub(time.Unix(at, 0))
	return true, age > nonceLifetime || age < -time.Minute
}

// challenge is the WWW-Authenticate value for source.
func (n *nonces) challenge(source string, now time.Time, stale bool) string {
	c := digest.Challenge{Realm: Realm, Nonce: n.make(source, now), Algorithm: "MD5", QOP: []string{"auth"}, Stale: stale}
	return c.String()
}

// verdict is the outcome of a digest check.
type verdict int

const (
	noCredentials  verdict = iota // no Authorization for this realm: challenge
	staleNonce                    // right password, old nonce: challenge again, stale
	badCredentials                // wrong user, password, nonce or form: refuse
	goodCredentials
)

// verifyDigest checks an Authorization header value of a request (method, its Request-URI) for
// bridge point user against ha1.
func (n *nonces) verifyDigest(header, method, user, ha1, source string, now time.Time) verdict {
	if header == "" {
		return noCredentials
	}
	c, err := digest.ParseCredentials(header)
	if err != nil {
		return badCredentials
	}
	if c.Realm != Realm {
		return noCredentials
	}
	if ha1 == "" || c.Username != user || (c.Algorithm != "" && !strings.EqualFold(c.Algorithm, "MD5")) {
		return badCredentials
	}
	valid, stale := n.check(c.Nonce, source, now)
	if !valid {
		return badCredentials
	}
	ha2 := md5hex(method + ":" + c.URI)
	var want string
	switch c.QOP {
	case "":
		want = md5hex(ha1 + ":" + c.Nonce + ":" + ha2)
	case "auth":
		want = md5hex(fmt.Sprintf("%s:%s:%08x:%s:auth:%s", ha1, c.Nonce, c.Nc, c.Cnonce, ha2))
	default:
		return badCredentials
	}
	if subtle.ConstantTimeCompare([]byte(strings.ToLower(c.Response)), []byte(want)) != 1 {
		return badCredentials
	}
	if stale {
		return staleNonce
	}
	return goodCredentials
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
