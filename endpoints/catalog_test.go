package endpoints

import "testing"

// The catalogue takes a loosely written English tag (en-US) as English and anything else as
// Vietnamese. (That every string has both languages with the same verbs is the one catalogue
// test's, in the root package.)
func TestCatalogLanguages(t *testing.T) {
	if got := localize("en-US", txtBadIP, "x"); got != `invalid IP address "x"` {
		t.Errorf("en-US: %q", got)
	}
	if got := localize("fr", txtBadIP, "x"); got != `địa chỉ IP không hợp lệ: "x"` {
		t.Errorf("unknown language should fall back to Vietnamese: %q", got)
	}
}
