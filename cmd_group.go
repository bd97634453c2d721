package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"diemcau/live"
	"diemcau/meeting"
)

// siteList is a repeatable flag: each use adds one site (its id, or its name as said).
type siteList []string

func (l *siteList) String() string     { return strings.Join(*l, "; ") }
func (l *siteList) Set(s string) error { *l = append(*l, s); return nil }

// runGroup handles diemcau group add|list|show|edit|import.
func runGroup(ctx context.Context, args []string) error { return stdCLI().group(ctx, args) }

func (c cli) group(ctx context.Context, args []string) error {
	lang := langFromArgs(args)
	sub := firstArg(args)
	if !slices.Contains([]string{"add", "list", "show", "edit", "import"}, sub) {
		fmt.Fprint(c.errOut, bmsg(lang, "groupUsage"))
		return errUsage
	}
	var cf commonFlags
	fs := newFlagSet("group "+sub, &cf, "diemcau.db")
	actor := fs.String("actor", defaultActor(), "who does it, for the audit log (default $USER)")
	name := fs.String("name", "", "the group's name")
	var add, remove siteList
	fs.Var(&add, "add", "with edit: a site (id or name) or group to add; repeat for more")
	fs.Var(&remove, "remove", "with edit: a site (id or name) to remove; repeat for more")
	pos, err := parseMixed(fs, &cf, args[1:])
	if err != nil {
		return err
	}
	if need := map[string]int{"add": 2, "list": 0, "show": 1, "edit": 1, "import": 1}[sub]; len(pos) < need ||
		sub != "add" && len(pos) > need {
		fmt.Fprint(c.errOut, bmsg(cf.lang, "groupUsage"))
		return errUsage
	}
	d, closeDesk, err := openDesk(ctx, cf, *actor, nil)
	if err != nil {
		return err
	}
	defer closeDesk()
	switch sub {
	case "add":
		return c.saveGroup(ctx, d, meeting.GroupDraft{ID: pos[0], Name: *name, Sites: pos[1:]}, false, cf.lang)
	case "edit":
		g, err := c.editedGroup(ctx, d, pos[0], *name, add, remove, cf.lang)
		if err != nil {
			return err
		}
		return c.saveGroup(ctx, d, g, true, cf.lang)
	case "import":
		f, err := os.Open(pos[0])
		if err != nil {
			return fileError(cf.lang, "group import", pos[0], err)
		}
		defer f.Close()
		drafts, err := meeting.ParseGroupFile(f)
		if err != nil {
			return c.explain(err, cf.lang)
		}
		if err := d.ImportGroups(ctx, drafts); err != nil {
			return c.explain(err, cf.lang)
		}
		fmt.Fprintf(c.out, meeting.BookingText(cf.lang, "group.imported"), pos[0], len(drafts))
		return nil
	case "show":
		return c.groupShow(ctx, d, pos[0], cf.lang)
	}
	return c.groupList(ctx, d, cf.lang)
}

// saveGroup writes draft (update: a stored group changed) and says what was saved.
func (c cli) saveGroup(ctx context.Context, d *live.Desk, draft meeting.GroupDraft, update bool, lang string) error {
	if err := d.SaveGroup(ctx, draft, update); err != nil {
		return c.explain(err, lang)
	}
	groups, err := d.Groups(ctx, lang)
	if err != nil {
		return err
	}
	g, _ := meeting.FindGroup(groups, draft.ID)
	fmt.Fprintf(c.out, meeting.BookingText(lang, "group.saved"), g.ID, g.Name, len(g.Members))
	return nil
}

// editedGroup is the user group id with name (when given) and the sites added and removed.
func (c cli) editedGroup(ctx context.Context, desk *live.Desk, id, name string, add, remove []string, lang string) (meeting.GroupDraft, error) {
	groups, err := desk.Groups(ctx, lang)
	if err != nil {
		return meeting.GroupDraft{}, err
	}
	g, ok := meeting.FindGroup(groups, id)
	switch {
	case !ok:
		return meeting.GroupDraft{}, c.explain(&meeting.GroupError{Problems: []meeting.GroupProblem{
			{Field: "id", Reason: "group.notFound", Args: []any{id}}}}, lang)
	case g.BuiltIn:
		return meeting.GroupDraft{}, c.explain(&meeting.GroupError{Problems: []meeting.GroupProblem{
			{Field: "id", Reason: "group.builtinID", Args: []any{g.ID}}}}, lang)
	}
	d := meeting.GroupDraft{ID: g.ID, Name: g.Name}
	if strings.TrimSpace(name) != "" {
		d.Name = name
	}
	bps, err := desk.BridgePoints(ctx)
	if err != nil {
		return meeting.GroupDraft{}, err
	}
	gone := func(member string) bool {
		return slices.ContainsFunc(remove, func(r string) bool { return meeting.SameSite(bps, member, r) })
	}
	for _, m := range g.Members {
		if !gone(m) {
			d.Sites = append(d.Sites, m)
		}
	}
	d.Sites = append(d.Sites, add...)
	return d, nil
}

// groupList prints every group: id, name, how many sites, built in or not.
func (c cli) groupList(ctx context.Context, d *live.Desk, lang string) error {
	groups, err := d.Groups(ctx, lang)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, meeting.BookingText(lang, "group.listHead"))
	for _, g := range groups {
		kind := meeting.BookingText(lang, "group.user")
		if g.BuiltIn {
			kind = meeting.BookingText(lang, "group.builtin")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", g.ID, g.Name, len(g.Members), kind)
	}
	return tw.Flush()
}

// groupShow prints one group (by id or name) and its sites, id and name.
func (c cli) groupShow(ctx context.Context, d *live.Desk, id, lang string) error {
	groups, err := d.Groups(ctx, lang)
	if err != nil {
		return err
	}
	g, ok := meeting.FindGroup(groups, id)
	if !ok {
		return c.explain(&meeting.GroupError{Problems: []meeting.GroupProblem{
			{Field: "id", Reason: "group.notFound", Args: []any{id}}}}, lang)
	}
	bps, err := d.BridgePoints(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, bp := range bps {
		names[bp.ID] = bp.Name
	}
	fmt.Fprintf(c.out, "%s «%s»: %d\n", g.ID, g.Name, len(g.Members))
	tw := tabwriter.NewWriter(c.out, 0, 0, 2, ' ', 0)
	for i, m := range g.Members {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", strconv.Itoa(i+1), m, names[m])
	}
	return tw.Flush()
}
