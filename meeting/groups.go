package meeting

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"diemcau/store"
)

// Group is a named set of bridge points a booking (or any choice of sites) may take whole:
// built in from the registry's unit kinds, or defined by users and kept in the store.
type Group struct {
	ID      string
	Name    string
	BuiltIn bool
	Members []string // bridge point ids
}

// builtinGroup is a group that follows the registry: the bridge points of units of kinds
// (every kind when nil).
type builtinGroup struct {
	id    string
	key   string // the name's key in the booking catalogue
	kinds []string
}

// builtinGroups are the groups every registry has, with the ids booking files use.
var builtinGroups = []builtinGroup{
	{"tat-ca-xa-phuong", "group.communesWards", []string{"commune", "ward"}},
	{"tat-ca-xa", "group.communes", []string{"commune"}},
	{"tat-ca-phuong", "group.wards", []string{"ward"}},
	{"cac-so-ban-nganh", "group.agencies", []string{"agency"}},
	{"toan-bo", "group.all", nil},
}

// BuiltinGroups returns the built-in groups of a registry, named in lang, members in the
// registry's order.
func BuiltinGroups(units []store.Unit, bps []store.BridgePoint, lang string) []Group {
	kind := map[string]string{}
	for _, u := range units {
		kind[u.ID] = u.Kind
	}
	out := make([]Group, 0, len(builtinGroups))
	for _, b := range builtinGroups {
		g := Group{ID: b.id, Name: bt(lang, b.key), BuiltIn: true}
		for _, bp := range bps {
			if b.kinds == nil || slices.Contains(b.kinds, kind[bp.UnitID]) {
				g.Members = append(g.Members, bp.ID)
			}
		}
		out = append(out, g)
	}
	return out
}

// isBuiltinGroup reports whether id is a built-in group's.
func isBuiltinGroup(id string) bool {
	return slices.ContainsFunc(builtinGroups, func(b builtinGroup) bool { return b.id == id })
}

// LoadGroups returns the built-in groups of the stored registry, then the users' groups.
func LoadGroups(ctx context.Context, st *store.Store, lang string) ([]Group, error) {
	units, err := st.Units(ctx)
	if err != nil {
		return nil, err
	}
	bps, err := st.BridgePoints(ctx)
	if err != nil {
		return nil, err
	}
	stored, err := st.SiteGroups(ctx)
	if err != nil {
		return nil, err
	}
	return groupsOf(units, bps, stored, lang), nil
}

// groupsOf is the built-in groups of a registry, then the stored ones.
func groupsOf(units []store.Unit, bps []store.BridgePoint, stored []store.SiteGroup, lang string) []Group {
	out := BuiltinGroups(units, bps, lang)
	for _, g := range stored {
		out = append(out, Group{ID: g.ID, Name: g.Name, Members: g.Members})
	}
	return out
}

// FindGroup finds a group by its id, or by its name as people say it.
func FindGroup(groups []Group, s string) (Group, bool) {
	s = strings.TrimSpace(s)
	for _, g := range groups {
		if g.ID == s {
			return g, true
		}
	}
	q := FoldName(s)
	for _, g := range groups {
		if FoldName(g.Name) == q {
			return g, true
		}
	}
	return Group{}, false
}

// groupID is the form of a user group's id: lower-case letters, digits and dashes.
var groupID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// GroupProblem is one thing wrong with a group as given: Line is the line of a group file, 0
// when it came from the command line; Field names the column or flag.
type GroupProblem struct {
	Line   int
	Field  string
	Reason string // catalogue key
	Args   []any
}

// GroupError lists every problem of the groups given; nothing was written.
type GroupError struct {
	Problems []GroupProblem
}

// Error is the Vietnamese message.
func (e *GroupError) Error() string { return e.Message("vi") }

// Message lists the problems in lang, each with its line (for a file) and field.
func (e *GroupError) Message(lang string) string {
	var b strings.Builder
	b.WriteString(bt(lang, "group.refused"))
	for _, p := range e.Problems {
		reason := bt(lang, p.Reason, p.Args...)
		switch {
		case p.Line > 0:
			b.WriteString("\n  " + bt(lang, "tech.lineField", p.Line, p.Field, reason))
		case p.Field != "":
			b.WriteString("\n  " + bt(lang, "tech.flag", p.Field, reason))
		default:
			b.WriteString("\n  " + reason)
		}
	}
	return b.String()
}

// GroupDraft is a user group as typed: its sites by id, name as said, or another group.
type GroupDraft struct {
	ID, Name  string
	Sites     []string
	Line      int   // the group's first line in a file; 0 from the command line
	SiteLines []int // in a file, the line of each site
}

// resolveDraft checks a draft against the registry and the groups and returns the group to
// store, its sites expanded (another group's members in place) without repeats.
func resolveDraft(d GroupDraft, reg registry, groups []Group, e *GroupError) store.SiteGroup {
	bad := func(field, reason string, args ...any) {
		e.Problems = append(e.Problems, GroupProblem{Line: d.Line, Field: field, Reason: reason, Args: args})
	}
	idField, nameField, siteField := "id", "name", "site"
	if d.Line > 0 {
		idField, nameField, siteField = "group_id", "group_name", "bridge_point"
	}
	switch {
	case !groupID.MatchString(d.ID):
		bad(idField, "group.badID", d.ID)
	case isBuiltinGroup(d.ID):
		bad(idField, "group.builtinID", d.ID)
	}
	g := store.SiteGroup{ID: d.ID, Name: strings.TrimSpace(d.Name)}
	if g.Name == "" {
		bad(nameField, "tech.required")
	}
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			g.Members = append(g.Members, id)
		}
	}
	for i, s := range d.Sites {
		s = strings.TrimSpace(s)
		if i < len(d.SiteLines) {
			line := d.SiteLines[i]
			bad = func(field, reason string, args ...any) {
				e.Problems = append(e.Problems, GroupProblem{Line: line, Field: field, Reason: reason, Args: args})
			}
		}
		if _, ok := reg.bps[s]; ok {
			add(s)
			continue
		}
		if id, ok := reg.byName(s); ok {
			add(id)
			continue
		}
		if other, ok := FindGroup(groups, s); ok && other.ID != d.ID {
			for _, id := range other.Members {
				add(id)
			}
			continue
		}
		if hint := reg.suggest(s); hint != "" {
			bad(siteField, "unknownBPHint", s, hint)
		} else {
			bad(siteField, "unknownBP", s)
		}
	}
	if len(d.Sites) == 0 {
		bad(siteField, "group.noSites")
	}
	return g
}

// GroupWrite says how SaveGroups may write: new groups only, stored ones only, or either.
type GroupWrite = store.GroupWrite

// SaveGroups checks drafts and writes them in one transaction, audited as actor with action
// ("group_add", "group_edit", "group_import"); any problem refuses them all with *GroupError.
func SaveGroups(ctx context.Context, st *store.Store, drafts []GroupDraft, mode GroupWrite, action, actor string, now time.Time) error {
	units, err := st.Units(ctx)
	if err != nil {
		return err
	}
	bps, err := st.BridgePoints(ctx)
	if err != nil {
		return err
	}
	groups, err := LoadGroups(ctx, st, "vi")
	if err != nil {
		return err
	}
	reg := newRegistry(units, bps)
	e := &GroupError{}
	var out []store.SiteGroup
	ids := map[string]int{}
	for _, d := range drafts {
		g := resolveDraft(d, reg, groups, e)
		g.UpdatedAt, g.UpdatedBy = now, actor
		if prev, dup := ids[g.ID]; dup {
			e.Problems = append(e.Problems, GroupProblem{Line: d.Line, Field: "group_id", Reason: "group.twice", Args: []any{g.ID, prev}})
		}
		ids[g.ID] = d.Line
		out = append(out, g)
	}
	if len(e.Problems) > 0 {
		return e
	}
	var detail []string
	for _, g := range out {
		detail = append(detail, fmt.Sprintf("%s «%s» (%d)", g.ID, g.Name, len(g.Members)))
	}
	err = st.SaveSiteGroups(ctx, out, mode, store.AuditEntry{At: now, Actor: actor, Action: action,
		Detail: strings.Join(detail, ", ")})
	return groupWriteError(err, drafts)
}

// SameSite reports whether s names bridge point id: the id itself, or its name as said.
func SameSite(bps []store.BridgePoint, id, s string) bool {
	if strings.TrimSpace(s) == id {
		return true
	}
	for _, bp := range bps {
		if bp.ID == id {
			return FoldName(bp.Name) == FoldName(s)
		}
	}
	return false
}
