package i18n

import (
	"slices"
	"strings"
	"testing"
)

func TestLangAndTag(t *testing.T) {
	for in, want := range map[string]string{"en": EN, "vi": VI, "": VI, "EN": VI, "fr": VI, "en-US": VI} {
		if got := Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"en": EN, " EN ": EN, "en-US": EN, "en_GB": EN, "vi": VI, "": VI, "eng": VI} {
		if got := Tag(in); got != want {
			t.Errorf("Tag(%q) = %q, want %q", in, got, want)
		}
	}
}

type testKey int

func TestCatalogLookupFallsBackToVietnamese(t *testing.T) {
	c := New[testKey]("i18n/test-lookup")
	c.Add(map[testKey]string{1: "một %d", 2: "hai", 3: "ba 100%%"}, map[testKey]string{1: "one %d", 3: "three 100%%"})
	cases := []struct {
		lang string
		k    testKey
		args []any
		want string
	}{
		{"en", 1, []any{5}, "one 5"},
		{"vi", 1, []any{5}, "một 5"},
		{"", 1, []any{5}, "một 5"},
		{"fr", 1, []any{5}, "một 5"},
		{"en", 2, nil, "hai"},         // no English: Vietnamese
		{"en", 3, nil, "three 100%%"}, // no args: as written
		{"en", 9, nil, ""},            // unknown key
	}
	for _, tc := range cases {
		if got := c.Text(tc.lang, tc.k, tc.args...); got != tc.want {
			t.Errorf("Text(%q, %d) = %q, want %q", tc.lang, tc.k, got, tc.want)
		}
	}
	if _, ok := c.Lookup("vi", 9); ok {
		t.Error("Lookup found a key never added")
	}
	if got := c.Table("en")[2]; got != "hai" {
		t.Errorf("Table(en)[2] = %q", got)
	}
}

func TestVerbs(t *testing.T) {
	got := Verbs("%d phút %02d giây, %.1f %% mất, %q %[2]s %.0s và %v%")
	want := []string{"%d", "%02d", "%.1f", "%q", "%[2]s", "%.0s", "%v", "%"}
	if !slices.Equal(got, want) {
		t.Errorf("Verbs = %q, want %q", got, want)
	}
}

// TestCheckFindsEveryKindOfProblem builds catalogues with each fault Check must report, and one
// clean one it must not.
func TestCheckFindsEveryKindOfProblem(t *testing.T) {
	bad := &Catalog[string]{name: "bad", texts: map[string]Text{}}
	bad.Add(map[string]string{"noEN": "chỉ tiếng Việt", "order": "%d người ở %s", "kind": "%d", "width": "%.0f", "blank": " "},
		map[string]string{"noVI": "English only", "order": "%s has %d people", "kind": "%s", "width": "%.1f", "blank": "x"})
	bad.Add(map[string]string{"kind": "lại"}, map[string]string{"kind": "again"})
	twin := &Catalog[string]{name: "bad", texts: map[string]Text{"ok": {VI: "được", EN: "ok"}}}
	problems := strings.Join(Check([]Registered{bad, twin}), "\n")
	for _, want := range []string{
		"bad: key noEN: no English text",
		"bad: key noVI: no Vietnamese text",
		"bad: key blank: no Vietnamese text",
		"bad: key order: fmt verbs differ",
		"bad: key kind: fmt verbs differ",
		"bad: key kind is defined twice",
		"bad: two catalogues have this name",
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("Check did not report %q; it said:\n%s", want, problems)
		}
	}
	if strings.Contains(problems, "key width") || strings.Contains(problems, "key ok") {
		t.Errorf("Check reported a sound entry:\n%s", problems)
	}
}

// TestRegistryListsCataloguesByName: New registers, All returns them sorted by name.
func TestRegistryListsCataloguesByName(t *testing.T) {
	New[string]("i18n/zz-test")
	New[string]("i18n/aa-test")
	var names []string
	for _, c := range All() {
		names = append(names, c.Name())
	}
	a, z := slices.Index(names, "i18n/aa-test"), slices.Index(names, "i18n/zz-test")
	if a < 0 || z < 0 || a > z {
		t.Errorf("All() names = %v", names)
	}
}
