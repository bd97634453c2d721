package i18n

import (
	"fmt"
	"slices"
)

// Text is one message in both languages.
type Text struct {
	VI, EN string
}

// In is the text in lang (Lang's rule); English falls back to Vietnamese when it has none.
func (t Text) In(lang string) string {
	if Lang(lang) == EN && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// Catalog holds the texts of one package (or one part of it) under keys of type K. Build it at
// package level with New and fill it with Add from each file's tables; a key added twice is kept
// as the first text and reported by Check, never silently replaced. Add is for package
// initialisation only: lookups do not lock.
type Catalog[K comparable] struct {
	name  string
	texts map[K]Text
	twice []K
}

// New makes an empty catalogue named name (the package path, and a part if the package has
// several) and registers it, so that Check and the one catalogue test see it.
func New[K comparable](name string) *Catalog[K] {
	c := &Catalog[K]{name: name, texts: map[K]Text{}}
	register(c)
	return c
}

// Add merges one table per language into the catalogue: every key of vi or en becomes an entry
// (a key in only one of them has an empty text in the other, which Check reports). A key the
// catalogue already has is recorded as defined twice and its first text stays.
func (c *Catalog[K]) Add(vi, en map[K]string) *Catalog[K] {
	added := map[K]Text{}
	for k, s := range vi {
		added[k] = Text{VI: s, EN: en[k]}
	}
	for k, s := range en {
		if _, ok := vi[k]; !ok {
			added[k] = Text{EN: s}
		}
	}
	for k, t := range added {
		if _, dup := c.texts[k]; dup {
			c.twice = append(c.twice, k)
			continue
		}
		c.texts[k] = t
	}
	return c
}

// Lookup is the text of k in lang (English falling back to Vietnamese), unformatted, and
// whether the catalogue has k.
func (c *Catalog[K]) Lookup(lang string, k K) (string, bool) {
	t, ok := c.texts[k]
	return t.In(lang), ok
}

// Text is the text of k in lang formatted with args ("" for a key the catalogue lacks). Without
// args the text is returned as it is, so a "%%" stays "%%" where a caller formats it later.
func (c *Catalog[K]) Text(lang string, k K, args ...any) string {
	s, _ := c.Lookup(lang, k)
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Table is every text of the catalogue in lang, by key: for a front end that takes the whole
// catalogue at once (the join page's script).
func (c *Catalog[K]) Table(lang string) map[K]string {
	out := make(map[K]string, len(c.texts))
	for k, t := range c.texts {
		out[k] = t.In(lang)
	}
	return out
}

// Name is the catalogue's name as given to New.
func (c *Catalog[K]) Name() string { return c.name }

// Entries is every entry of the catalogue, with its key printed, sorted by key.
func (c *Catalog[K]) Entries() []Entry {
	out := make([]Entry, 0, len(c.texts))
	for k, t := range c.texts {
		out = append(out, Entry{Key: keyName(k), Text: t})
	}
	slices.SortFunc(out, func(a, b Entry) int { return compareKeys(a.Key, b.Key) })
	return out
}

// Twice is every key added more than once, printed.
func (c *Catalog[K]) Twice() []string {
	out := make([]string, 0, len(c.twice))
	for _, k := range c.twice {
		out = append(out, keyName(k))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// keyName prints a key for a report: its type and value, so that keys of different types in one
// catalogue (the console's per-file key types) are told apart.
func keyName(k any) string {
	if s, ok := k.(string); ok {
		return s
	}
	return fmt.Sprintf("%T(%v)", k, k)
}

// compareKeys orders printed keys by length first, so that numbered keys sort as numbers.
func compareKeys(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
