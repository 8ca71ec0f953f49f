package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/patchline/patchline/registry/registrytest"
)

// The publication gate never passes on a fix that has no files, or that
// the index never served, on ipython's recorded page: 5.7.0, the only
// release of the line ipython-5 and the report's fix for it, served as a
// PEP 700 version without files (as by an index that deleted them), or not
// served at all. The line then has no release to judge, and passed as
// "not affected" before; black 21.11b0 so served passed at a date before
// it existed, or stopped with exit 3 on an index without the JSON API.
func TestCheckFixWithoutFiles(t *testing.T) {
	isolate(t)
	page, err := os.ReadFile(filepath.Join(fieldPages, "simple", "ipython.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	policy := write("patchline.yaml", "project: IPython\npackages:\n  PyPI: [ipython]\nlines:\n"+
		"  - name: ipython-7\n    status: supported\n    released: 2019-04-25\n    from: PyPI:ipython >=7,<8\n"+
		"  - name: ipython-5\n    status: lts\n    released: 2018-05-10\n    from: PyPI:ipython >=5,<6\n")
	report := write("report.yaml", "summary: A flaw\naffected:\n  - package: PyPI:ipython\n    introduced: 5.0.0\n    fixed: [5.7.0, 7.5.0]\n")
	withoutFiles := registrytest.WithoutFilesOf(t, page, "5.7.0")
	neverServed := bytes.Replace(withoutFiles, []byte(`"5.7.0",`), nil, 1)
	gate := func(t *testing.T, index, asOf string, page []byte, extra ...string) (int, string) {
		t.Helper()
		s := registrytest.New()
		t.Cleanup(s.Close)
		s.PutRecordedPage(t, fieldPages, index+"ipython/", "application/vnd.pypi.simple.v1+json", page)
		args := []string{"--cache-dir", t.TempDir(), "--pypi-index", s.URL + index, "--policy", policy}
		if asOf != "" {
			args = append(args, "--as-of", asOf)
		}
		var out bytes.Buffer
		code := run(context.Background(), append(append(args, "check", report), extra...), &out, &out)
		return code, out.String()
	}
	for _, tt := range []struct {
		name, index, asOf string
		page              []byte
		want              int
		say               string
	}{
		{"fix released", "/simple/", "", page, exitOK, "PASS"},
		{"fix without files", "/simple/", "", withoutFiles, exitGate, "PyPI:ipython 5.7.0: the fix is listed by the index without files"},
		{"fix without files, past date", "/simple/", "2019-06-01", withoutFiles, exitGate, "PyPI:ipython 5.7.0: the fix is listed by the index without files"},
		{"fix without files, no JSON API", "/repo/", "2019-06-01", withoutFiles, exitGate, "PyPI:ipython 5.7.0: the fix is listed by the index without files"},
		{"fix never served", "/simple/", "", neverServed, exitGate, "PyPI:ipython 5.7.0: the fix is not on the registry"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out := gate(t, tt.index, tt.asOf, tt.page)
			if code != tt.want || !strings.Contains(out, tt.say) {
				t.Errorf("exit %d, want %d and %q; output:\n%s", code, tt.want, tt.say, out)
			}
		})
	}
	code, out := gate(t, "/simple/", "", withoutFiles, "--format", "json")
	var doc struct {
		Passed  bool
		Reports []struct {
			Unserved []string `json:"unserved_fixes"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != exitGate || doc.Passed || len(doc.Reports) != 1 ||
		!slices.Equal(doc.Reports[0].Unserved, []string{"PyPI:ipython 5.7.0"}) {
		t.Errorf("--format json: exit %d, %v:\n%s", code, err, out)
	}

	// The release stays in the history, marked: "no files" in releases.
	s := registrytest.New()
	t.Cleanup(s.Close)
	s.PutRecordedPage(t, fieldPages, "/simple/ipython/", "application/vnd.pypi.simple.v1+json", withoutFiles)
	code, out, stderr := runAgainst(t, s, "releases", "PyPI:ipython")
	if code != exitOK || !regexp.MustCompile(`(?m)^PyPI:ipython +5\.7\.0 +- +no files$`).MatchString(out) {
		t.Errorf("releases: exit %d, want the release marked \"no files\":\n%s%s", code, out, stderr)
	}
	// analyze names why the fix decides nothing.
	code, out, stderr = runAgainst(t, s, "--policy", policy, "analyze", report)
	if code != exitOK || !strings.Contains(strings.Join(strings.Fields(out), " "), "PyPI:ipython 5.7.0: fixed version listed by the index without files: there is nothing to install") {
		t.Errorf("analyze: exit %d:\n%s%s", code, out, stderr)
	}
}
