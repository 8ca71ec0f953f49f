package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/patchline/patchline/advisory/cve5/cve5test"
)

// cveCollections names, by collectionURL, the ecosystems' keys the test
// compares under (lower-case OSV ecosystem names).
var cveCollections = map[string]string{"https://pypi.org": "pypi", "https://www.npmjs.com": "npm"}

// TestFormatsAgreeCVE5 renders every Invenio example report as an OSV
// record and as the CNA container of a CVE record, validates the container
// against the official CVE JSON 5 schema, reads its ranges back as a CVE
// consumer does (a version is affected when the first range that holds it
// says so, changes applied, else by defaultStatus; versions compared in
// the ecosystem's order) and checks that both name the same affected
// versions: every version the OSV record lists, and no other release a
// line contains.
func TestFormatsAgreeCVE5(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	t.Setenv(nowEnv, "2026-11-30T12:00:00Z")
	reports, err := filepath.Glob(filepath.Join(invenio, "reports", "*.yaml"))
	if err != nil || len(reports) == 0 {
		t.Fatalf("no reports: %v", err)
	}
	affected, unaffected := 0, 0
	for _, asOf := range []string{"2024-06-30", "2025-08-01"} {
		base := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml"), "--as-of", asOf}
		render := func(format, rep string) []byte {
			t.Helper()
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), append(base, "--format", format, "advisory", rep), &stdout, &stderr); code != exitOK {
				t.Fatalf("%s as %s at %s: exit %d: %s", rep, format, asOf, code, stderr.String())
			}
			return stdout.Bytes()
		}
		members := map[string][]string{} // "npm/name": versions some line contains
		for _, pkgs := range linesMembers(t, append(base, "--format", "json", "lines")) {
			for ref, vs := range pkgs {
				eco, name, _ := strings.Cut(ref, ":")
				key := strings.ToLower(eco) + "/" + name
				members[key] = append(members[key], vs...)
			}
		}
		for _, rep := range reports {
			name := filepath.Base(rep) + " at " + asOf
			var rec struct {
				Affected []struct {
					Package  struct{ Ecosystem, Name string }
					Versions []string
				}
			}
			if err := json.Unmarshal(render("osv", rep), &rec); err != nil {
				t.Fatal(err)
			}
			data := render("cve5", rep)
			if err := cve5test.ValidateContainer(data); err != nil {
				t.Fatalf("%s: %v\n%s", name, err, data)
			}
			c, err := cve5test.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			products := map[string]*cve5test.Product{}
			for i := range c.Affected {
				p := &c.Affected[i]
				key := cveCollections[p.CollectionURL] + "/" + p.PackageName
				if products[key] != nil {
					t.Errorf("%s: %s named twice", name, key)
				}
				products[key] = p
			}
			if len(products) != len(rec.Affected) {
				t.Errorf("%s: %d products in the CVE container, %d entries in the OSV record", name, len(products), len(rec.Affected))
			}
			for _, e := range rec.Affected {
				key := strings.ToLower(e.Package.Ecosystem) + "/" + e.Package.Name
				p := products[key]
				if p == nil {
					t.Errorf("%s: the OSV record names %s, the CVE container does not", name, key)
					continue
				}
				checked := append(slices.Clone(e.Versions), members[key]...)
				for _, v := range checked {
					st, err := p.Status(v)
					if err != nil {
						t.Fatalf("%s: %s@%s: %v", name, key, v, err)
					}
					listed := slices.Contains(e.Versions, v)
					if listed != (st == "affected") {
						t.Errorf("%s: %s@%s is %s in the CVE container; the OSV record lists it: %v", name, key, v, st, listed)
					}
					if listed {
						affected++
					} else {
						unaffected++
					}
				}
			}
		}
	}
	if affected == 0 || unaffected == 0 {
		t.Errorf("compared %d affected and %d unaffected versions: the reports should give both", affected, unaffected)
	}
	t.Logf("compared %d affected and %d unaffected versions", affected, unaffected)
}

// cve5ValidCmd is the scripts' "cve5valid FILE": the file is a CNA
// container valid against the official CVE JSON 5 schema.
func cve5ValidCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: cve5valid FILE")
	}
	err := cve5test.ValidateContainer([]byte(ts.ReadFile(args[0])))
	switch {
	case neg && err == nil:
		ts.Fatalf("%s is a valid CNA container", args[0])
	case !neg && err != nil:
		ts.Fatalf("%s: %v", args[0], err)
	}
}
