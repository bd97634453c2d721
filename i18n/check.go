package i18n

import (
	"fmt"
	"strings"
)

// Check is every problem of the registered catalogues, one line each naming the catalogue and
// the key: a text missing (empty or blank) in one language, the two languages' fmt verbs
// differing (in kind, count or order), a key defined twice, two catalogues with one name.
func Check(cats []Registered) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cats {
		if seen[c.Name()] {
			out = append(out, fmt.Sprintf("%s: two catalogues have this name", c.Name()))
		}
		seen[c.Name()] = true
		for _, k := range c.Twice() {
			out = append(out, fmt.Sprintf("%s: key %s is defined twice", c.Name(), k))
		}
		for _, e := range c.Entries() {
			if p := CheckText(e.Text); p != "" {
				out = append(out, fmt.Sprintf("%s: key %s: %s", c.Name(), e.Key, p))
			}
		}
	}
	return out
}

// CheckText is what is wrong with one entry ("" if nothing): a language without text, or verbs
// that differ between the languages.
func CheckText(t Text) string {
	switch {
	case strings.TrimSpace(t.VI) == "":
		return fmt.Sprintf("no Vietnamese text (English %q)", t.EN)
	case strings.TrimSpace(t.EN) == "":
		return fmt.Sprintf("no English text (Vietnamese %q)", t.VI)
	}
	if vi, en := Verbs(t.VI), Verbs(t.EN); kinds(vi) != kinds(en) {
		return fmt.Sprintf("fmt verbs differ: vi %v %q, en %v %q", vi, t.VI, en, t.EN)
	}
	return ""
}

// kinds is the verbs' letters and explicit argument indexes, in order: what must agree between
// the languages (a width or a precision may differ: "%.0f" and "%.1f" take the same argument).
func kinds(verbs []string) string {
	var b strings.Builder
	for _, v := range verbs {
		if open := strings.IndexByte(v, '['); open >= 0 {
			if end := strings.IndexByte(v[open:], ']'); end >= 0 {
				b.WriteString(v[open : open+end+1])
			}
		}
		b.WriteByte(v[len(v)-1])
		b.WriteByte(' ')
	}
	return b.String()
}

// Verbs is the fmt verbs of format in order, each with its flags, width and precision ("%d",
// "%.1f", "%02d", "%.0s"); "%%" is not a verb. An explicit argument index ("%[2]s") is kept as
// written, so reordering arguments is checked too.
func Verbs(format string) []string {
	var out []string
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			out = append(out, format[i:])
			break
		}
		if format[j] != '%' {
			out = append(out, format[i:j+1])
		}
		i = j
	}
	return out
}
