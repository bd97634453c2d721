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
	files, err := filepath.Glob(filepath.Join("tui", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		held := map[string]bool{} // names declared as *store.Store anywhere in the file
		ast.Inspect(f, func(n ast.Node) bool {
			if field, ok := n.(*ast.Field); ok && isStorePointer(field.Type) {
				for _, name := range field.Names {
					held[name.Name] = true
				}
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
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
			return true
		})
	}
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
