// Package layers holds the test that keeps the packages' dependencies
// pointing one way (docs/architecture.md): cmd → advisory (publication) →
// analyzer → osv, registry, severity → ecosystem.
package layers

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/patchline/patchline/"

// layer returns the rank of a package of the module; ok is false for the
// helpers under internal/, which any layer may use.
func layer(pkg string) (rank int, ok bool) {
	p := strings.TrimPrefix(pkg, module)
	top, _, _ := strings.Cut(p, "/")
	switch top {
	case "ecosystem":
		return 0, true
	case "osv", "registry", "severity", "weakness":
		return 1, true
	case "analyzer":
		return 2, true
	case "advisory":
		return 3, true
	case "cmd":
		return 4, true
	}
	return 0, false
}

// TestLayers fails when a package imports one of a higher layer, or when a
// package sits in no layer: the osv record model, schema, checks, database
// and matching must never import the analysis, whose records the
// publication layer builds.
func TestLayers(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		from, fromOK := layer(f[0])
		if !fromOK {
			if !strings.HasPrefix(f[0], module+"internal/") {
				t.Errorf("%s is in no layer: add it to layer() and docs/architecture.md", f[0])
			}
			continue
		}
		for _, imp := range f[1:] {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			to, ok := layer(imp)
			if ok && to > from {
				t.Errorf("%s imports %s, a package of a higher layer", f[0], imp)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no import of the module checked")
	}
}
