package policy

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzParse checks that no input makes the loader panic, and that a policy
// it accepts is consistent: lines newest first, with unique names.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/good/*.yaml", "../../testdata/invenio/patchline.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	bad, _ := filepath.Glob("testdata/bad/*.txtar")
	for _, file := range bad {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			if af.Name == FileName {
				f.Add(af.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(FileName, data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for i, l := range p.Lines {
			if seen[l.Name] {
				t.Fatalf("accepted duplicate line name %q", l.Name)
			}
			seen[l.Name] = true
			if i > 0 && l.Released.After(p.Lines[i-1].Released) {
				t.Fatalf("accepted lines out of order: %s after %s", l.Name, p.Lines[i-1].Name)
			}
			if l.From != nil && !p.IsProjectPackage(l.From.Package) {
				t.Fatalf("accepted from %s outside the project", l.From.Package)
			}
		}
	})
}
