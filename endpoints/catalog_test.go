package endpoints

import (
	"strings"
	"testing"
)

// Every string exists in both languages with the same formatting verbs.
func TestCatalogComplete(t *testing.T) {
	if len(catalogVI) != len(catalogEN) {
		t.Fatalf("vi has %d strings, en has %d", len(catalogVI), len(catalogEN))
	}
	for key, vi := range catalogVI {
		en, ok := catalogEN[key]
		if !ok {
			t.Errorf("key %d missing in English", key)
			continue
		}
		if verbs(vi) != verbs(en) {
			t.Errorf("key %d: verbs differ: %q vs %q", key, vi, en)
		}
	}
	if got := localize("en-US", txtBadIP, "x"); got != `invalid IP address "x"` {
		t.Errorf("en-US: %q", got)
	}
	if got := localize("fr", txtBadIP, "x"); got != `địa chỉ IP không hợp lệ: "x"` {
		t.Errorf("unknown language should fall back to Vietnamese: %q", got)
	}
}

func verbs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			b.WriteByte(s[i+1])
			i++
		}
	}
	return b.String()
}
