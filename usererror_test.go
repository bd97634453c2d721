package main

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"diemcau/store"
)

// TestNewerDatabaseIsRefusedInTheUsersLanguage: a command run on a database written by a newer
// diemcau stops with the store's refusal, and the technician reads why in their language.
func TestNewerDatabaseIsRefusedInTheUsersLanguage(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "diemcau.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	version, err := st.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	raw, err := sql.Open("sqlite", db) // what a newer diemcau leaves behind
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA user_version = " + strconv.Itoa(version+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	err = runBridgePoint(ctx, []string{"rotate", "--db", db, "XA-IAGRAI"})
	if !errors.Is(err, store.ErrSchemaTooNew) {
		t.Fatalf("rotate on a newer database: %v, want ErrSchemaTooNew", err)
	}
	for lang, want := range map[string]string{"vi": "phiên bản diemcau mới hơn", "en": "written by a newer diemcau"} {
		if got := userError(lang, err); !strings.Contains(got, want) || !strings.Contains(got, strconv.Itoa(version+1)) {
			t.Errorf("%s: %q, want %q and the version found", lang, got, want)
		}
	}
	if got := userError("vi", errors.New("khác")); got != "khác" {
		t.Errorf("another error changed: %q", got)
	}
}
