package main

import (
	"go/ast"
	"testing"
)

// storeReads are the *store.Store methods a command may call itself: reads for a report or a
// check, and the handle's own Close. Everything else changes the record and goes through
// live's Desk, which checks the role and writes the audit row in the change's transaction.
var storeReads = map[string]bool{
	"Close": true, "BridgePoint": true, "BridgePoints": true, "Recordings": true, "Meeting": true,
	"Upgraded": true, "Path": true,
}

// engineReads are the functions of meeting and endpoints a command may hand a *store.Store to:
// they read and write nothing.
var engineReads = map[string]bool{"LoadLog": true, "LoadAnnual": true, "LoadRoster": true}

// TestCommandsChangeNothingButThroughTheDesk: no root command file (cmd_*.go, tests aside)
// calls a *store.Store method that changes the record, nor hands a store to a function of
// meeting or endpoints that is not a read: `diemcau booking|group|technician|calendar …`,
// `import bridgepoints`, `bridgepoint rotate|sip-trust` act as the control center's identity
// through live.Manager.As, and none builds a meeting.Desk of its own. A store is one held in a variable, parameter or field of type
// *store.Store, one returned by openStore or store.Open, or a field named st or Store.
func TestCommandsChangeNothingButThroughTheDesk(t *testing.T) {
	fset, files := parseSources(t, "cmd_*.go")
	for _, f := range files {
		held := storesHeld(f)
		isStore := func(e ast.Expr) bool {
			switch x := e.(type) {
			case *ast.Ident:
				return held[x.Name]
			case *ast.SelectorExpr:
				return x.Sel.Name == "st" || x.Sel.Name == "Store"
			}
			return false
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				if sel, ok := lit.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Desk" {
					if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "meeting" {
						t.Errorf("%s: a command builds a meeting.Desk on the store: act through live's Desk", fset.Position(lit.Pos()))
					}
				}
			}
			return true
		})
		eachSelectorCall(f, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
			if isStore(sel.X) && !storeReads[sel.Sel.Name] {
				t.Errorf("%s: a command calls %s on a *store.Store: act through live's Desk (or add a read to storeReads)",
					fset.Position(call.Pos()), sel.Sel.Name)
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && (pkg.Name == "meeting" || pkg.Name == "endpoints") && !engineReads[sel.Sel.Name] {
				for _, arg := range call.Args {
					if isStore(arg) {
						t.Errorf("%s: a command hands a *store.Store to %s.%s: act through live's Desk",
							fset.Position(call.Pos()), pkg.Name, sel.Sel.Name)
					}
				}
			}
		})
	}
	if len(files) < 10 {
		t.Fatalf("only %d command files checked: is the test run from the repository's root?", len(files))
	}
}

// storesHeld are the names f declares as *store.Store (fields, parameters, variables) or
// assigns from openStore(…) or store.Open(…).
func storesHeld(f *ast.File) map[string]bool {
	held := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if isStorePointer(n.Type) {
				for _, name := range n.Names {
					held[name.Name] = true
				}
			}
		case *ast.ValueSpec:
			if n.Type != nil && isStorePointer(n.Type) {
				for _, name := range n.Names {
					held[name.Name] = true
				}
			}
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 || len(n.Lhs) == 0 {
				return true
			}
			call, ok := n.Rhs[0].(*ast.CallExpr)
			if !ok {
				return true
			}
			opens := false
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				opens = fn.Name == "openStore"
			case *ast.SelectorExpr:
				pkg, ok := fn.X.(*ast.Ident)
				opens = ok && pkg.Name == "store" && fn.Sel.Name == "Open"
			}
			if id, ok := n.Lhs[0].(*ast.Ident); ok && opens {
				held[id.Name] = true
			}
		}
		return true
	})
	return held
}
