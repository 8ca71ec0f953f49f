package main

import (
	"bytes"
	"context"
	"fmt"
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
	docs := map[string][]byte{}
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	t.Setenv(nowEnv, "2026-11-30T12:00:00Z")
	for _, asOf := range []string{"2024-06-30", "2025-08-01", "2026-08-01"} {
		base := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"), "--as-of", asOf}
		renderReports(t, docs, base, filepath.Join(invenio, "reports"), asOf)
	}
	field := filepath.Join("..", "..", "testdata", "field")
	s := fieldRegistry(t, field)
	t.Setenv("NPM_CONFIG_REGISTRY", s.URL+"/")
	cache := t.TempDir()
	for _, tc := range []struct {
		project string
		asOf    []string
	}{
		{"express", []string{"2024-09-01", "2025-01-01"}},
		{"nextjs", []string{"2025-03-01", "2025-06-01"}},
	} {
		dir := filepath.Join(field, tc.project)
		for _, asOf := range tc.asOf {
			base := []string{"--cache-dir", cache, "--policy", filepath.Join(dir, "patchline.yaml"), "--as-of", asOf}
			renderReports(t, docs, base, filepath.Join(dir, "reports"), asOf)
		}
	}
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

// renderReports renders every report in dir as CSAF with the global flags
// of base; a report that names no release of the project has no document
// (the command says so instead).
func renderReports(t *testing.T, docs map[string][]byte, base []string, dir, asOf string) {
	t.Helper()
	reports, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(reports) == 0 {
		t.Fatalf("no reports in %s: %v", dir, err)
	}
	for _, rep := range reports {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), append(base, "--format", "csaf", "advisory", rep), &stdout, &stderr); code != exitOK {
			t.Fatalf("%s as CSAF at %s: exit %d: %s", rep, asOf, code, stderr.String())
		}
		if !bytes.HasPrefix(stdout.Bytes(), []byte("{")) {
			t.Logf("%s at %s: no CSAF document: %s", filepath.Base(rep), asOf, stdout.Bytes())
			continue
		}
		docs[fmt.Sprintf("%s/%s at %s", filepath.Base(filepath.Dir(dir)), filepath.Base(rep), asOf)] = bytes.Clone(stdout.Bytes())
	}
}
