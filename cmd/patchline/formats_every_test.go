package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/openvex/go-vex/pkg/vex"

	"github.com/patchline/patchline/advisory/cve5/cve5test"
	"github.com/patchline/patchline/advisory/ghsa/ghsatest"
	"github.com/patchline/patchline/osv/schema"
)

// TestEveryReportEveryFormat renders every report of testdata (the Invenio
// example's on the registry snapshot at three dates, express's and the
// Next.js-like project's on their recorded npm documents at two) in each
// format but CSAF (TestCSAFValid holds those to the CSAF validator) and
// checks each document against its official schema or its library: OSV
// against the OSV schema, GitHub's body against the schema of GitHub's
// create operation, the CVE record against the CVE JSON 5 schema, OpenVEX
// by go-vex statement by statement.
func TestEveryReportEveryFormat(t *testing.T) {
	create, _, err := ghsatest.Schemas()
	if err != nil {
		t.Fatal(err)
	}
	validate := map[string]func([]byte) error{
		"osv": func(data []byte) error {
			var doc any
			if err := json.Unmarshal(data, &doc); err != nil {
				return err
			}
			if errs := schema.Main().Validate(doc); len(errs) > 0 {
				return fmt.Errorf("OSV schema: %v", errs)
			}
			return nil
		},
		"ghsa": func(data []byte) error {
			var doc any
			if err := json.Unmarshal(data, &doc); err != nil {
				return err
			}
			return create.Validate(doc)
		},
		"cve5": cve5test.ValidateContainer,
		"openvex": func(data []byte) error {
			doc, err := vex.Parse(data)
			if err != nil {
				return err
			}
			if len(doc.Statements) == 0 {
				return fmt.Errorf("no statement")
			}
			for _, st := range doc.Statements {
				if err := st.Validate(); err != nil {
					return err
				}
			}
			return nil
		},
	}
	formats := slices.Sorted(maps.Keys(validate))
	rendered := reportDocuments(t, formats...)
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			docs := rendered[format]
			if len(docs) < 12 {
				t.Errorf("%d documents: want one for every report at every date", len(docs))
			}
			for _, name := range slices.Sorted(maps.Keys(docs)) {
				if err := validate[format](docs[name]); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
			t.Logf("%d %s documents checked", len(docs), format)
		})
	}
}

// reportDocuments renders every report of testdata in each format, by
// format and "project/report at as-of date": the Invenio example's on the
// registry snapshot, the field projects' on their recorded npm documents
// served by one local registry.
func reportDocuments(t *testing.T, formats ...string) map[string]map[string][]byte {
	t.Helper()
	docs := map[string]map[string][]byte{}
	for _, f := range formats {
		docs[f] = map[string][]byte{}
	}
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
		{"nextjs", []string{"2025-06-01", "2025-12-31"}},
		{"angular", []string{"2026-12-06"}},
	} {
		dir := filepath.Join(field, tc.project)
		for _, asOf := range tc.asOf {
			base := []string{"--cache-dir", cache, "--policy", filepath.Join(dir, "patchline.yaml"), "--as-of", asOf}
			renderReports(t, docs, base, filepath.Join(dir, "reports"), asOf)
		}
	}
	return docs
}

// renderReports renders every report in dir in each format of docs with
// the global flags of base; a report that names no release of the project
// has no document (the command says so instead).
func renderReports(t *testing.T, docs map[string]map[string][]byte, base []string, dir, asOf string) {
	t.Helper()
	reports, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(reports) == 0 {
		t.Fatalf("no reports in %s: %v", dir, err)
	}
	for format, out := range docs {
		for _, rep := range reports {
			renderReport(t, out, format, base, rep, asOf)
		}
	}
}

// renderReport renders one report in the format into out.
func renderReport(t *testing.T, out map[string][]byte, format string, base []string, rep, asOf string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), append(base, "--format", format, "advisory", rep), &stdout, &stderr); code != exitOK {
		t.Fatalf("%s as %s at %s: exit %d: %s", rep, format, asOf, code, stderr.String())
	}
	if !bytes.HasPrefix(stdout.Bytes(), []byte("{")) {
		t.Logf("%s at %s: no %s document: %s", filepath.Base(rep), asOf, format, stdout.Bytes())
		return
	}
	project := filepath.Base(filepath.Dir(filepath.Dir(rep)))
	out[fmt.Sprintf("%s/%s at %s", project, filepath.Base(rep), asOf)] = bytes.Clone(stdout.Bytes())
}
