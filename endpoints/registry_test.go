package endpoints

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"diemcau/store"
)

// newTestRegistry opens a registry over a real SQLite file in t.TempDir().
func newTestRegistry(t *testing.T) (*Registry, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "diemcau.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return NewRegistry(st), st
}

// importFile imports a file from testdata/ and fails the test on any error.
func importFile(t *testing.T, r *Registry, name string) int {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := r.Import(context.Background(), f, "vi")
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return n
}

func TestVerifyJoin(t *testing.T) {
	r, _ := newTestRegistry(t)
	ctx := context.Background()
	importFile(t, r, "registry-good.csv")
	secret, err := r.Rotate(ctx, "XA-IAGRAI")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, bp, secret string
		known, ok        bool
	}{
		{"unknown bridge point", "KHONG-CO", secret, false, false},
		{"no secret issued", "SO-KHCN", "", true, false},
		{"no secret issued, any guess", "SO-KHCN", "abc", true, false},
		{"wrong secret", "XA-IAGRAI", secret + "x", true, false},
		{"empty secret", "XA-IAGRAI", "", true, false},
		{"another site's secret", "SO-KHCN", secret, true, false},
		{"right secret", "XA-IAGRAI", secret, true, true},
	}
	for _, c := range cases {
		known, ok, err := r.VerifyJoin(ctx, c.bp, c.secret)
		if err != nil || known != c.known || ok != c.ok {
			t.Errorf("%s: VerifyJoin = (%v, %v, %v), want (%v, %v, nil)", c.name, known, ok, err, c.known, c.ok)
		}
	}
}

func TestRotateInvalidatesOldSecret(t *testing.T) {
	r, st := newTestRegistry(t)
	ctx := context.Background()
	importFile(t, r, "registry-good.csv")
	first, err := r.Rotate(ctx, "SO-KHCN")
	if err != nil {
		t.Fatal(err)
	}
	second, err := r.Rotate(ctx, "SO-KHCN")
	if err != nil {
		t.Fatal(err)
	}
	if first == second {
		t.Fatal("two rotations gave the same secret")
	}
	urlSafe := regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`) // 256 bits, base64url without padding
	if !urlSafe.MatchString(second) {
		t.Fatalf("secret %q is not 43 URL-safe base64 characters", second)
	}
	if _, ok, _ := r.VerifyJoin(ctx, "SO-KHCN", first); ok {
		t.Fatal("old secret still accepted after rotation")
	}
	if _, ok, _ := r.VerifyJoin(ctx, "SO-KHCN", second); !ok {
		t.Fatal("new secret refused")
	}
	bp, err := st.BridgePoint(ctx, "SO-KHCN")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(bp.SecretHash, second) || !strings.HasPrefix(bp.SecretHash, "sha256:") || len(bp.SecretHash) != 7+64 {
		t.Fatalf("stored %q: want sha256: and 64 hex digits, never the secret", bp.SecretHash)
	}
	if _, err := r.Rotate(ctx, "KHONG-CO"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Rotate of unknown bridge point: %v, want ErrNotFound", err)
	}
}

func TestReimportKeepsSecrets(t *testing.T) {
	r, _ := newTestRegistry(t)
	ctx := context.Background()
	importFile(t, r, "registry-good.csv")
	secret, err := r.Rotate(ctx, "XA-IAGRAI")
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, r, "registry-good.csv")
	if _, ok, err := r.VerifyJoin(ctx, "XA-IAGRAI", secret); !ok || err != nil {
		t.Fatalf("secret lost by reimport: ok=%v err=%v", ok, err)
	}
}
