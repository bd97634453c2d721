package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"diemcau/i18n"
)

// TestEveryCatalogue is the one catalogue test: it walks every catalogue registered by every
// package of the program (the root package links them all) and fails on a key without
// Vietnamese or English text, a key whose languages differ in fmt verbs (kind, count or order),
// a key defined twice, or two catalogues with one name. It also fails when a package's
// catalogue is missing from the registry, so no package can leave the mechanism unseen.
func TestEveryCatalogue(t *testing.T) {
	cats := i18n.All()
	var names []string
	keys := 0
	for _, c := range cats {
		names = append(names, c.Name())
		keys += len(c.Entries())
	}
	for _, want := range []string{
		"diemcau/booking", "diemcau/cli", "diemcau/doctor", "diemcau/meeting", "diemcau/ops",
		"diemcau/recordings", "diemcau/usage",
		"bench", "demo", "endpoints", "endpoints/join",
		"live", "live/outage", "mcu",
		"meeting", "meeting/booking", "meeting/floor", "meeting/weekdays",
		"sip", "sshd", "sshd/keys", "sshd/keys-line", "tui",
	} {
		if !slices.Contains(names, want) {
			t.Errorf("no catalogue %q registered (have %v)", want, names)
		}
	}
	for _, p := range i18n.Check(cats) {
		t.Error(p)
	}
	t.Logf("%d catalogues, %d keys checked", len(cats), keys)
	if keys < 1000 {
		t.Errorf("only %d keys registered: a catalogue is not filled", keys)
	}
}

// TestCatalogueLookupsKeepTheirFallbacks: the command line's accessors keep what they did before
// the catalogues were merged into one mechanism: English for "en", Vietnamese for anything else.
func TestCatalogueLookupsKeepTheirFallbacks(t *testing.T) {
	if got := msg("en", "flagUnknown"); got != "there is no flag --%s" {
		t.Errorf(`msg("en") = %q`, got)
	}
	for _, lang := range []string{"vi", "", "fr", "EN"} {
		if got := msg(lang, "flagUnknown"); got != "không có tham số --%s" {
			t.Errorf("msg(%q) = %q", lang, got)
		}
	}
	if got := usageText("en"); !strings.HasPrefix(got, "diemcau — control center") {
		t.Errorf("usageText(en) = %.40q", got)
	}
	if got := usageText("vi"); !strings.HasPrefix(got, "diemcau — Trung tâm") {
		t.Errorf("usageText(vi) = %.40q", got)
	}
}

// TestEveryDeclaredKeyHasText: a key constant declared (in an iota block of a key type some
// catalogue uses) but given no text in any table would show an empty string. It reads every
// package's source, numbers each such block's constants as iota does, and looks each one up
// in the registered catalogues by its printed key ("tui.floorKey(3)").
func TestEveryDeclaredKeyHasText(t *testing.T) {
	have := map[string]bool{}  // printed keys
	types := map[string]bool{} // key types some catalogue uses: "tui.floorKey"
	for _, c := range i18n.All() {
		for _, e := range c.Entries() {
			have[e.Key] = true
			if typ, _, ok := strings.Cut(e.Key, "("); ok {
				types[typ] = true
			}
		}
	}
	checked := 0
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "deploy") {
			return filepath.SkipDir
		}
		pkgs, err := parser.ParseDir(token.NewFileSet(), path, func(fi os.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, 0)
		if err != nil {
			return err
		}
		for name, pkg := range pkgs {
			for file, f := range pkg.Files {
				for _, decl := range f.Decls {
					checked += checkKeyBlock(t, have, types, name, file, decl)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d declared keys checked", checked)
	if checked < 500 {
		t.Errorf("only %d declared keys found: the source walk misses the catalogues", checked)
	}
}

// checkKeyBlock checks one const block "X T = iota; Y; Z" of a key type in types, returning how
// many keys it checked.
func checkKeyBlock(t *testing.T, have, types map[string]bool, pkg, file string, decl ast.Decl) int {
	g, ok := decl.(*ast.GenDecl)
	if !ok || g.Tok != token.CONST || len(g.Specs) == 0 {
		return 0
	}
	first := g.Specs[0].(*ast.ValueSpec)
	typ, ok := first.Type.(*ast.Ident)
	if !ok || len(first.Values) != 1 || !types[pkg+"."+typ.Name] {
		return 0
	}
	if v, ok := first.Values[0].(*ast.Ident); !ok || v.Name != "iota" {
		return 0
	}
	n := 0
	for i, s := range g.Specs {
		spec := s.(*ast.ValueSpec)
		if i > 0 && (spec.Type != nil || len(spec.Values) > 0) {
			break // the block's iota sequence ends here
		}
		for _, id := range spec.Names {
			key := fmt.Sprintf("%s.%s(%d)", pkg, typ.Name, i)
			if id.Name != "_" && !have[key] {
				t.Errorf("%s: key %s (%s) is declared but has no text in any catalogue", file, id.Name, key)
			}
			n++
		}
	}
	return n
}

// TestEveryFlagHasHelpInBothLanguages checks the one catalogue kept apart: a flag's English
// help is its usage string where it is defined, its Vietnamese help is in flagHelpVI. It reads
// the root package's flag definitions (fs.String, fs.StringVar, fs.Var, …) and fails on a flag
// without Vietnamese help, a Vietnamese help for no flag, or the two differing in fmt verbs.
func TestEveryFlagHasHelpInBothLanguages(t *testing.T) {
	pkgs, err := parser.ParseDir(token.NewFileSet(), ".", func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, f := range pkgs["main"].Files {
		ast.Inspect(f, func(n ast.Node) bool {
			name, usage, ok := flagDefinition(n)
			if !ok {
				return true
			}
			defined[name] = true
			if p := i18n.CheckText(i18n.Text{VI: flagHelpVI[name], EN: usage}); p != "" {
				t.Errorf("flag --%s: %s", name, p)
			}
			return true
		})
	}
	if len(defined) < 30 {
		t.Fatalf("only %d flags found in the source: the walk misses their definitions", len(defined))
	}
	for name := range flagHelpVI {
		if !defined[name] {
			t.Errorf("flagHelpVI has help for --%s, which no command defines", name)
		}
	}
}

// flagDefinition is the name and usage of a flag definition call such as
// fs.StringVar(&v, "db", "", "usage") or fs.Int("n", 24, "usage"), with literal name and usage.
func flagDefinition(n ast.Node) (name, usage string, ok bool) {
	call, isCall := n.(*ast.CallExpr)
	if !isCall {
		return "", "", false
	}
	sel, isSel := call.Fun.(*ast.SelectorExpr)
	if !isSel {
		return "", "", false
	}
	nameArg := 0
	switch sel.Sel.Name {
	case "String", "Bool", "Int", "Int64", "Uint", "Float64", "Duration":
		if len(call.Args) != 3 {
			return "", "", false
		}
	case "StringVar", "BoolVar", "IntVar", "Int64Var", "UintVar", "Float64Var", "DurationVar":
		if len(call.Args) != 4 {
			return "", "", false
		}
		nameArg = 1
	case "Var":
		if len(call.Args) != 3 {
			return "", "", false
		}
		nameArg = 1
	default:
		return "", "", false
	}
	name, ok = stringLit(call.Args[nameArg])
	if !ok {
		return "", "", false
	}
	usage, ok = stringLit(call.Args[len(call.Args)-1])
	return name, usage, ok
}

// stringLit is the value of a string literal expression.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}
