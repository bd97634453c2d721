package live

import (
	"regexp"
	"slices"
	"testing"
)

// TestDraftTextsInBothLanguages: every draft text has Vietnamese and English with the same verbs.
func TestDraftTextsInBothLanguages(t *testing.T) {
	verb := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	if len(draftTextVI) != len(draftTextEN) {
		t.Fatalf("vi has %d texts, en %d", len(draftTextVI), len(draftTextEN))
	}
	for key, vi := range draftTextVI {
		en, ok := draftTextEN[key]
		if !ok {
			t.Errorf("%s: no English", key)
			continue
		}
		if !slices.Equal(verb.FindAllString(vi, -1), verb.FindAllString(en, -1)) {
			t.Errorf("%s: verbs differ: %q / %q", key, vi, en)
		}
	}
}
