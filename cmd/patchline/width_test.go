package main

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTablesFitTheTerminal runs every command that prints a table on the
// Invenio example and the field fixtures at 100 and 80 columns: no line is
// wider than COLUMNS. Text is wrapped between words only, so a single word
// longer than the width (a URL, a long package name) would stand alone on a
// wider line (TestWrapKeepsWords); none of these inputs has one.
func TestTablesFitTheTerminal(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	root := filepath.Dir(filepath.Dir(invenio))
	field := filepath.Join(root, "testdata", "field")
	npm := fieldRegistry(t, field).URL + "/"
	cache := t.TempDir()
	inv := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml")}
	// Reports are named as users name them, from the project's directory.
	report := func(_, name string) string { return filepath.Join("reports", name) }
	type runIn struct {
		dir  string
		args []string
	}
	var cases []runIn
	for _, asOf := range []string{"2024-06-30", "2026-08-01"} {
		for _, r := range []string{"unsafe-html.yaml", "npm-forms.yaml", "pending-communities.yaml", "upstream-axios.yaml"} {
			cases = append(cases,
				runIn{invenio, slices.Concat(inv, []string{"--as-of", asOf, "analyze", "--versions", report(invenio, r)})},
				runIn{invenio, slices.Concat(inv, []string{"--as-of", asOf, "check", report(invenio, r)})})
		}
		cases = append(cases, runIn{invenio, slices.Concat(inv, []string{"--as-of", asOf, "lines"})})
	}
	cases = append(cases,
		runIn{invenio, slices.Concat(inv, []string{"lines", "--explain", "PyPI:invenio-records-resources@6.0.0"})},
		runIn{invenio, slices.Concat(inv, []string{"lines", "--explain", "npm:react-searchkit@3.0.0"})},
		runIn{invenio, slices.Concat(inv, []string{"releases", "PyPI:invenio-app-rdm", "npm:react-invenio-forms", "PyPI:invenio-communities"})})
	for _, project := range []struct{ dir, asOf string }{{"express", "2025-01-01"}, {"nextjs", "2025-06-01"}, {"nextjs", "2025-12-31"}, {"angular", "2026-12-06"}} {
		dir := filepath.Join(field, project.dir)
		fld := []string{"--cache-dir", cache, "--npm-registry", npm, "--policy", filepath.Join(dir, "patchline.yaml"), "--as-of", project.asOf}
		reports, err := filepath.Glob(filepath.Join(dir, "reports", "*.yaml"))
		if err != nil || len(reports) == 0 {
			t.Fatalf("no reports in %s: %v", dir, err)
		}
		for _, r := range reports {
			r = report(dir, filepath.Base(r))
			cases = append(cases, runIn{dir, slices.Concat(fld, []string{"analyze", "--versions", r})}, runIn{dir, slices.Concat(fld, []string{"check", r})})
		}
		cases = append(cases, runIn{dir, slices.Concat(fld, []string{"lines"})})
	}
	cases = append(cases, runIn{field, []string{"--cache-dir", cache, "--npm-registry", npm, "releases", "npm:express", "npm:next", "npm:path-to-regexp"}})

	for _, columns := range []int{100, 80} {
		t.Setenv("COLUMNS", strconv.Itoa(columns))
		for _, c := range cases {
			t.Chdir(c.dir)
			args := c.args
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), args, &stdout, &stderr); code != exitOK && code != exitGate {
				t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
			}
			for _, line := range strings.Split(stdout.String(), "\n") {
				if utf8.RuneCountInString(line) > columns {
					t.Errorf("COLUMNS=%d %s: a line of %d columns:\n%s", columns, strings.Join(args[len(args)-3:], " "), utf8.RuneCountInString(line), line)
				}
			}
		}
	}
}
