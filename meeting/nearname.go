package meeting

import (
	"slices"
	"strings"
)

// maxHints is how many near names a refusal suggests.
const maxHints = 3

// suggest names up to three bridge points near s, as "ID (name)": those whose ID or name
// contains s (case, diacritics and a leading "UBND" aside), else those within a few typing
// mistakes of it; "" when none is.
func (r registry) suggest(s string) string {
	var cands []nearCandidate
	for _, bp := range r.order {
		cands = append(cands, nearCandidate{label: bp.ID + " (" + bp.Name + ")", keys: []string{bp.ID, bp.Name}})
	}
	return strings.Join(nearest(s, cands), ", ")
}

// suggestGroup names up to three groups near s, as "id (name)".
func (r registry) suggestGroup(s string) string {
	var cands []nearCandidate
	for _, g := range r.groups {
		cands = append(cands, nearCandidate{label: g.ID + " (" + g.Name + ")", keys: []string{g.ID, g.Name}})
	}
	return strings.Join(nearest(s, cands), ", ")
}

// nearCandidate is something s may have meant: its label in a hint and the texts it goes by.
type nearCandidate struct {
	label string
	keys  []string
}

// nearest returns the labels of the candidates whose keys contain s, or failing that are
// within a quarter of s's length of edits (at least one, at most three), closest first.
func nearest(s string, cands []nearCandidate) []string {
	q := FoldName(s)
	if len([]rune(q)) < 3 {
		return nil
	}
	var out []string
	for _, c := range cands {
		if slices.ContainsFunc(c.keys, func(k string) bool { return strings.Contains(FoldName(k), q) }) {
			out = append(out, c.label)
			if len(out) == maxHints {
				return out
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	limit := min(3, max(1, len([]rune(q))/4))
	type scored struct {
		label string
		d     int
	}
	var near []scored
	for _, c := range cands {
		best := limit + 1
		for _, k := range c.keys {
			best = min(best, editDistance(q, FoldName(k)))
		}
		if best <= limit {
			near = append(near, scored{c.label, best})
		}
	}
	slices.SortStableFunc(near, func(a, b scored) int { return a.d - b.d })
	for _, n := range near[:min(len(near), maxHints)] {
		out = append(out, n.label)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in characters.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}
