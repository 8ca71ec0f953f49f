package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/patchline/patchline/analyzer/policy"
)

// FuzzParse checks that no input makes the loader panic, and that a report
// it accepts is usable: every entry has a form, and asking it about its own
// fixed versions does not fail.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/good/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	bad, _ := filepath.Glob("testdata/bad/*.txtar")
	for _, file := range bad {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			if af.Name == reportFile {
				f.Add(af.Data)
			}
		}
	}
	pol, err := policy.Load(filepath.Join("testdata", "patchline.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(reportFile, data, pol)
		if err != nil {
			return
		}
		if r.Summary == "" || len(r.Affected) == 0 {
			t.Fatalf("accepted a report without summary or affected entries")
		}
		for i := range r.Affected {
			a := &r.Affected[i]
			if a.Form < FormFixed || a.Form > FormRanges || a.Ecosystem() == nil {
				t.Fatalf("entry %s has form %v", a.Package, a.Form)
			}
			for _, f := range a.FixedVersions() {
				if a.Form == FormRanges && a.Affected(f) {
					// A fix may lie inside another interval; that is the
					// author's statement, not a loader error.
					continue
				}
				_ = a.AffectedGivenFix(f, f)
			}
		}
	})
}
