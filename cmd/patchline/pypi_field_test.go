package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/registry/registrytest"
)

var fieldPages = filepath.Join("..", "..", "registry", "testdata", "field")

// runAgainst runs the command line against the index s serves.
func runAgainst(t *testing.T, s *registrytest.Server, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	args = append([]string{"--cache-dir", t.TempDir(), "--pypi-index", s.URL + "/simple/"}, args...)
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// An HTML-only index gives the same releases and lines as the JSON index
// of the same data, but for what HTML cannot carry, which the output
// names: upload times, and versions listed without files or under another
// spelling (PEP 700).
func TestHTMLIndexMatchesJSON(t *testing.T) {
	isolate(t)
	jsonIndex := registrytest.ServeRecorded(t, fieldPages, registrytest.JSONPages)
	htmlIndex := registrytest.ServeRecorded(t, fieldPages, registrytest.RenderedHTMLPages)
	pkgs := []string{"PyPI:black", "PyPI:ipython", "PyPI:isort", "PyPI:pyyaml"}

	code, fromJSON, _ := runAgainst(t, jsonIndex, append([]string{"releases"}, pkgs...)...)
	if code != exitOK {
		t.Fatalf("releases from JSON: exit %d", code)
	}
	code, fromHTML, notes := runAgainst(t, htmlIndex, append([]string{"releases"}, pkgs...)...)
	if code != exitOK {
		t.Fatalf("releases from HTML: exit %d: %s", code, notes)
	}
	// What HTML cannot carry: the upload dates, pyyaml's "3.13.0".
	dates := regexp.MustCompile(`\d{4}-\d\d-\d\d`)
	withoutDates := dates.ReplaceAllString(fromJSON, "-         ")
	withoutDates = strings.Replace(withoutDates, "also 3.13.0", "", 1)
	norm := func(s string) string {
		return regexp.MustCompile(` +\n`).ReplaceAllString(regexp.MustCompile(` +`).ReplaceAllString(s, " "), "\n")
	}
	if diff := cmp.Diff(norm(withoutDates), norm(fromHTML)); diff != "" {
		t.Errorf("releases (-JSON without dates +HTML):\n%s", diff)
	}
	for _, p := range pkgs {
		if !strings.Contains(notes, "note: "+p+": read from a PEP 503 HTML page") || !strings.Contains(notes, "no upload times") {
			t.Errorf("no note that %s came from HTML:\n%s", p, notes)
		}
	}

	policy := filepath.Join("testdata", "field", "patchline.yaml")
	code, linesJSON, warnJSON := runAgainst(t, jsonIndex, "--policy", policy, "lines", "--format", "json")
	if code != exitOK {
		t.Fatalf("lines from JSON: exit %d: %s", code, warnJSON)
	}
	code, linesHTML, warnHTML := runAgainst(t, htmlIndex, "--policy", policy, "lines", "--format", "json")
	if code != exitOK {
		t.Fatalf("lines from HTML: exit %d: %s", code, warnHTML)
	}
	if diff := cmp.Diff(linesJSON, linesHTML); diff != "" {
		t.Errorf("lines (-JSON +HTML):\n%s", diff)
	}
	// lines names what the HTML pages could not carry, as releases does.
	for _, p := range []string{"PyPI:ipython", "PyPI:isort", "PyPI:pyyaml"} {
		note := "note: " + p + ": read from a PEP 503 HTML page"
		if !strings.Contains(warnHTML, note) || !strings.Contains(warnHTML, "no upload times") || strings.Contains(warnJSON, note) {
			t.Errorf("lines: the note that %s came from HTML is missing, or given for JSON:\n%s\n---\n%s", p, warnHTML, warnJSON)
		}
	}
	code, tableJSON, _ := runAgainst(t, jsonIndex, "--policy", policy, "lines")
	code2, tableHTML, _ := runAgainst(t, htmlIndex, "--policy", policy, "lines")
	if code != exitOK || code2 != exitOK {
		t.Fatalf("lines as a table: exit %d from JSON, %d from HTML", code, code2)
	}
	if diff := cmp.Diff(tableJSON, tableHTML); diff != "" {
		t.Errorf("lines as a table (-JSON +HTML):\n%s", diff)
	}
	// ipython 4.1.0rc1's malformed requirement is named either way.
	for _, w := range []string{warnJSON, warnHTML, linesJSON} {
		if !strings.Contains(w, `PyPI:ipython 4.1.0rc1: requirement \"setuptools (>=18.5decorator)\" skipped`) &&
			!strings.Contains(w, `PyPI:ipython 4.1.0rc1: requirement "setuptools (>=18.5decorator)" skipped`) {
			t.Errorf("the skipped requirement is not named in:\n%s", w)
		}
	}

	// analyze names the partial release on the line that reached it.
	report := filepath.Join(t.TempDir(), "report.yaml")
	if err := os.WriteFile(report, []byte("summary: A flaw\naffected:\n  - package: PyPI:ipython\n    fixed: [5.7.0]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, analysis, stderr := runAgainst(t, jsonIndex, "--policy", policy, "analyze", "--format", "json", report)
	if code != exitOK {
		t.Fatalf("analyze: exit %d: %s", code, stderr)
	}
	for name, inc := range incompleteByLine(t, analysis) {
		partial := len(inc) == 1 && inc[0].Package == "PyPI:ipython" && inc[0].Version == "4.1.0rc1"
		if partial != (name == "ipython-4") {
			t.Errorf("line %s: incomplete %+v", name, inc)
		}
	}

	// A past date cannot be judged without upload times: refused, exit 2.
	code, _, refused := runAgainst(t, htmlIndex, "--policy", policy, "--as-of", "2020-01-01", "lines")
	if code != exitBadInput || !strings.Contains(refused, "cannot read the history as of 2020-01-01") {
		t.Errorf("--as-of against HTML: exit %d, want %d: %s", code, exitBadInput, refused)
	}
}

// The recorded PEP 503 pages (Poetry's) offer no core metadata, and the
// local index no JSON API: every walked release's requirements are
// unknown. The run goes on (exit 0, never 3), warns once per release, and
// lists each under "incomplete" on the lines that reached it.
func TestIncompleteWithoutMetadata(t *testing.T) {
	isolate(t)
	s := registrytest.ServeRecorded(t, fieldPages, registrytest.HTMLPages)
	code, out, stderr := runAgainst(t, s, "--policy", filepath.Join("testdata", "field", "patchline.yaml"), "lines", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d, want %d: %s", code, exitOK, stderr)
	}
	got := map[string][]string{}
	for name, inc := range incompleteByLine(t, out) {
		for _, r := range inc {
			got[name] = append(got[name], r.Package+" "+r.Version)
			if len(r.Reasons) != 1 || !strings.Contains(r.Reasons[0], "requirements unknown, walked without them: the index serves no core metadata (PEP 658) for this release, and its JSON API cannot answer") {
				t.Errorf("%s %s %s: reasons %q", name, r.Package, r.Version, r.Reasons)
			}
		}
	}
	want := map[string][]string{
		"ipython-7": {"PyPI:ipython 7.5.0"},
		"ipython-5": {"PyPI:ipython 5.7.0"},
		"ipython-4": {"PyPI:ipython 4.1.0rc1", "PyPI:isort 4.3.4", "PyPI:pyyaml 3.13", "PyPI:pyyaml 4.2b2"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("incomplete (-want +got):\n%s", diff)
	}
	for _, w := range []string{"PyPI:ipython 7.5.0", "PyPI:isort 4.3.4", "PyPI:pyyaml 4.2b2"} {
		if strings.Count(stderr, "warning: "+w+": requirements unknown") != 1 {
			t.Errorf("no one warning for %s:\n%s", w, stderr)
		}
	}
}

// incompleteByLine reads the incomplete releases of each line of a lines
// or analyze JSON document, every line present.
func incompleteByLine(t *testing.T, doc string) map[string][]incompleteJSON {
	t.Helper()
	var d struct {
		Lines []struct {
			Name       string
			Incomplete []incompleteJSON
		}
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatal(err)
	}
	out := map[string][]incompleteJSON{}
	for _, l := range d.Lines {
		out[l.Name] = l.Incomplete
	}
	return out
}
