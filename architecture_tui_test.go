package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestConsoleCallsNoStoreMethod: the console reaches the store only through the application
// layer (live's Desk): no file of tui (tests aside) calls a method of a *store.Store, whether
// held in a variable or parameter of that type or reached as a field named Store. tui still
// imports store for its types (docs/ARCHITECTURE.md, "Not yet").
func TestConsoleCallsNoStoreMethod(t *testing.T) {
	fset, files := parseSources(t, filepath.Join("tui", "*.go"))
	for _, f := range files {
		held := storesHeld(f)
		eachSelectorCall(f, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
			switch x := sel.X.(type) {
			case *ast.Ident:
				if held[x.Name] {
					t.Errorf("%s: tui calls %s.%s on a *store.Store: go through live's Desk", fset.Position(call.Pos()), x.Name, sel.Sel.Name)
				}
			case *ast.SelectorExpr:
				if x.Sel.Name == "Store" {
					t.Errorf("%s: tui calls .Store.%s: go through live's Desk", fset.Position(call.Pos()), sel.Sel.Name)
				}
			}
		})
	}
}

// eachSelectorCall calls fn for every call in f of a selector: x.Method(…) or pkg.Func(…).
func eachSelectorCall(f *ast.File, fn func(*ast.CallExpr, *ast.SelectorExpr)) {
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				fn(call, sel)
			}
		}
		return true
	})
}

// parseSources parses the files matching pattern, tests aside.
func parseSources(t *testing.T, pattern string) (*token.FileSet, []*ast.File) {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return fset, files
}

// isStorePointer reports whether a type expression is *store.Store.
func isStorePointer(e ast.Expr) bool {
	star, ok := e.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "store" && sel.Sel.Name == "Store"
}
