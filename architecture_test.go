package main

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// houseRules are the project packages each package may import (docs/ARCHITECTURE.md): data
// flows one way, the engines (mcu, store) import no project package, the rules (meeting) sit
// on the store and the registry, the console renders and calls them. A package not listed
// here fails the test until its place in the house is written down. The leaves in
// importableByAll (the message catalogues) may be imported by every package, the engines too.
var houseRules = map[string][]string{
	"diemcau/i18n":                     {},
	"diemcau/store":                    {},
	"diemcau/audio/g711":               {},
	"diemcau/audio/g722":               {},
	"diemcau/audio/mix":                {},
	"diemcau/audio/opus":               {},
	"diemcau/audio/internal/ffmpegvec": {},
	"diemcau/mcu":                      {},
	"diemcau/endpoints":                {"diemcau/store"},
	"diemcau/sip":                      {"diemcau/mcu", "diemcau/audio/g711", "diemcau/audio/g722", "diemcau/audio/mix", "diemcau/audio/opus"},
	"diemcau/sip/baresiptest":          {}, // tests only: runs a real baresip
	"diemcau/ops":                      {"diemcau/mcu", "diemcau/store", "diemcau/meeting"},
	"diemcau/meeting":                  {"diemcau/store", "diemcau/endpoints"},
	"diemcau/live":                     {"diemcau/mcu", "diemcau/meeting", "diemcau/store", "diemcau/endpoints"},
	"diemcau/tui":                      {"diemcau/live", "diemcau/mcu", "diemcau/meeting", "diemcau/store", "diemcau/endpoints"},
	"diemcau/sshd":                     {"diemcau/tui"},
	"diemcau/tui/tuitest":              {"diemcau/live", "diemcau/mcu", "diemcau/store"},
	"diemcau":                          {"*"}, // main: flags and wiring

	// Tooling beside the product: it may use the registry and the engines; only the root
	// commands import it (TestProductImportsNoTooling).
	"diemcau/softep":          {"diemcau/endpoints", "diemcau/mcu", "diemcau/store"},
	"diemcau/softep/whiptest": {}, // the soft endpoint's test answerer
	"diemcau/demo":            {"diemcau/softep", "diemcau/endpoints", "diemcau/mcu", "diemcau/store"},
	"diemcau/softsip":         {"diemcau/audio/g722", "diemcau/softep"}, // a SIP room system in software
	"diemcau/bench":           {"diemcau/softep", "diemcau/softsip", "diemcau/sip", "diemcau/endpoints", "diemcau/mcu", "diemcau/store"},
	"diemcau/store/storetest": {"diemcau/store"}, // test support: a real store with a live meeting
}

// tooling are the packages that are not the product: the soft endpoint, the demo, the bench.
var tooling = []string{"diemcau/softep", "diemcau/softep/whiptest", "diemcau/softsip", "diemcau/demo", "diemcau/bench"}

// TestProductImportsNoTooling checks the rows: no product package may import the tooling; only
// the root commands wire it in.
func TestProductImportsNoTooling(t *testing.T) {
	for pkg, allowed := range houseRules {
		if pkg == "diemcau" || slices.Contains(tooling, pkg) {
			continue
		}
		for _, imp := range allowed {
			if imp == "*" || slices.Contains(tooling, imp) {
				t.Errorf("product package %s may import %s; only the root commands may use the tooling", pkg, imp)
			}
		}
	}
}

// importableByAll are the leaves every package may import: they import no project package
// themselves, so they cannot carry a dependency into an engine.
var importableByAll = []string{"diemcau/i18n"}

// TestImportsKeepTheHouseRules reads every package's imports (tests excluded) and fails when one
// reaches a project package its row does not allow, or when a package has no row.
func TestImportsKeepTheHouseRules(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "deploy") {
			return filepath.SkipDir // deploy/pkg is a module of its own
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				return nil
			}
			return err
		}
		importPath := "diemcau"
		if path != "." {
			importPath += "/" + filepath.ToSlash(path)
		}
		allowed, ok := houseRules[importPath]
		if !ok {
			t.Errorf("package %s has no row in the house rules (architecture_test.go, docs/ARCHITECTURE.md)", importPath)
			return nil
		}
		for _, imp := range pkg.Imports {
			if imp != "diemcau" && !strings.HasPrefix(imp, "diemcau/") {
				continue
			}
			if !slices.Contains(allowed, "*") && !slices.Contains(allowed, imp) && !slices.Contains(importableByAll, imp) {
				t.Errorf("%s imports %s, which the house rules do not allow (allowed: %v)", importPath, imp, allowed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
