package main

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/patchline/patchline/advisory/csaf/csaftest"
)

// TestCSAFValid renders every report of testdata as CSAF at several dates
// (the Invenio example's reports on the registry snapshot, express's and
// the Next.js-like project's on their recorded npm documents), adds the CSAF
// documents of the golden files, and checks every one: by the local
// pre-check always, and by @secvisogram/csaf-validator-lib where it is
// installed (required in .ci/run), which must find no error of the schema
// or of a mandatory test and nothing of informative test 6.3.10. The
// findings of the other optional and informative tests are logged, counted
// by test.
func TestCSAFValid(t *testing.T) {
	docs := csafDocuments(t)
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		for _, p := range csaftest.Problems(docs[name]) {
			t.Errorf("%s: %s", name, p)
		}
	}
	t.Run("validator", func(t *testing.T) {
		lib := csaftest.Validator(t)
		findings := map[string]int{}
		for name, r := range csaftest.Validate(t, lib, docs) {
			for _, f := range r.Failures() {
				t.Errorf("%s: %s", name, f)
			}
			for _, f := range r.Findings() {
				// "6.2.11: /document/references: missing canonical url"
				// counts as "6.2.11: missing canonical url".
				if parts := strings.SplitN(f, ": ", 3); len(parts) == 3 {
					f = parts[0] + ": " + parts[2]
				}
				findings[f]++
			}
		}
		t.Logf("@secvisogram/csaf-validator-lib: %d documents without a schema, mandatory or 6.3.10 failure", len(docs))
		for _, f := range slices.Sorted(maps.Keys(findings)) {
			t.Logf("  finding %s: %d times", f, findings[f])
		}
	})
}

// csafDocuments renders every report of testdata as CSAF, by
// "report at as-of date", and reads the CSAF documents of the golden files.
func csafDocuments(t *testing.T) map[string][]byte {
	t.Helper()
	docs := reportDocuments(t, "csaf")["csaf"]
	rendered := len(docs)
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range ar.Files {
			if strings.HasSuffix(doc.Name, ".csaf.json") {
				docs[f+": "+doc.Name] = doc.Data
			}
		}
	}
	if rendered < 12 || len(docs)-rendered < 3 {
		t.Fatalf("%d documents rendered and %d golden ones: want every report's and the goldens of the Invenio example and express", rendered, len(docs)-rendered)
	}
	return docs
}
