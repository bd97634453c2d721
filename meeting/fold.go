package meeting

import (
	"strings"
	"unicode"
)

// vietnameseBase maps each Vietnamese letter with diacritics to its base letter.
var vietnameseBase = func() map[rune]rune {
	groups := map[rune]string{
		'a': "àáạảãâầấậẩẫăằắặẳẵ",
		'e': "èéẹẻẽêềếệểễ",
		'i': "ìíịỉĩ",
		'o': "òóọỏõôồốộổỗơờớợởỡ",
		'u': "ùúụủũưừứựửữ",
		'y': "ỳýỵỷỹ",
		'd': "đ",
	}
	m := make(map[rune]rune, 80)
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// Fold lowercases s and strips Vietnamese diacritics, so "Ia Grai" matches "ia grải".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if unicode.Is(unicode.Mn, r) {
			continue // combining marks of decomposed text
		}
		if base, ok := vietnameseBase[r]; ok {
			r = base
		}
		b.WriteRune(r)
	}
	return b.String()
}

// spokenPrefixes are the words a bridge point's name starts with that people leave out when
// they say it: "UBND xã Ia Grai" is said "Xã Ia Grai".
var spokenPrefixes = []string{"ubnd ", "uy ban nhan dan "}

// FoldName is Fold of a site's name as people say it: without a leading "UBND" (or "Ủy ban
// nhân dân") and with spaces collapsed, so "Xã Ia Grai" and "UBND xã Ia Grai" fold alike.
func FoldName(s string) string {
	f := strings.Join(strings.Fields(Fold(s)), " ")
	for _, p := range spokenPrefixes {
		if rest, ok := strings.CutPrefix(f, p); ok && rest != "" {
			return rest
		}
	}
	return f
}
