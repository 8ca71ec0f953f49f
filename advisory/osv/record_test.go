package osv_test

// The OSV records built from analyses of hand-made histories
// (internal/memregistry).

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	advisory "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/internal/analysistest"
	"github.com/patchline/patchline/internal/memregistry"
	model "github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/database"
	"github.com/patchline/patchline/registry"
)

// branchPolicy has three maintained branches of lib, each declared.
const branchPolicy = `
project: Example
advisories: {id_prefix: x_EX}
packages:
  PyPI: [lib]
lines:
  - {name: v3, status: supported, released: 2026-01-01, branch: maint-3.x, packages: {"PyPI:lib": ">=3,<4"}}
  - {name: v2, status: lts, released: 2025-01-01, branch: maint-2.x, packages: {"PyPI:lib": ">=2,<3"}}
  - {name: v1, status: security, released: 2024-01-01, branch: maint-1.x, packages: {"PyPI:lib": ">=1,<2"}}
`

// branchRegistry: lib's history with pre-releases and yanked releases in
// and around the affected runs of every branch.
func branchRegistry() *memregistry.Registry {
	r := memregistry.New()
	for _, v := range []string{
		"0.9.0",
		"1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4",
		"2.0.0rc1", "2.0.0", "2.0.1", "2.0.2", "2.0.3",
		"3.0.0a1", "3.0.0b1", "3.0.0", "3.0.1",
		"4.0.0.dev1",
	} {
		rel := r.Add("PyPI:lib", v)
		if v == "1.0.1" || v == "3.0.0b1" || v == "2.0.3" {
			rel.Yanked()
		}
	}
	return r
}

// record analyses a report on the registry and builds its record.
func record(t *testing.T, polYAML string, reg *memregistry.Registry, reportYAML, asOf string) (*impact.Analysis, *model.Record) {
	t.Helper()
	an := analysistest.Analyze(t, polYAML, reg, reportYAML, asOf)
	rec, err := advisory.Record(an, advisory.Options{Now: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if rec.ID == "" {
		rec.ID = "x_EX-2026-0001"
	}
	if _, err := database.Validate(rec); err != nil {
		t.Fatalf("built record is not valid: %v", err)
	}
	return an, rec
}

func events(r model.Range) []string {
	var out []string
	for _, e := range r.Events {
		k, v, _ := e.Kind()
		out = append(out, string(k)+" "+v)
	}
	return out
}

// osvAffected evaluates a range as OSV consumers do: a version is affected
// when the last event at or below it (in version order) is introduced, or
// it equals a last_affected.
func osvAffected(t *testing.T, eco ecosystem.Ecosystem, r model.Range, v ecosystem.Version) bool {
	t.Helper()
	in := false
	for _, e := range r.Events {
		k, s, _ := e.Kind()
		if k == model.EventIntroduced && s == "0" {
			in = true
			continue
		}
		ev, err := eco.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		c := eco.Compare(v, ev)
		switch {
		case k == model.EventIntroduced && c >= 0:
			in = true
		case k == model.EventFixed && c >= 0, k == model.EventLastAffected && c > 0:
			in = false
		}
	}
	return in
}

// checkExact checks that range and versions say the same of every release
// of the history, and that every line's affected members are listed.
func checkExact(t *testing.T, an *impact.Analysis, rec *model.Record) {
	t.Helper()
	for i, a := range an.Report.Affected {
		e := rec.Affected[i]
		h := an.History(a.Package)
		for _, rel := range h.Releases {
			listed := slices.Contains(e.Versions, rel.Version)
			ranged := false
			for _, r := range e.Ranges {
				ranged = ranged || osvAffected(t, a.Ecosystem(), r, rel.Parsed)
			}
			if listed != ranged {
				t.Errorf("%s %s: in versions %v, in range %v", a.Package, rel.Version, listed, ranged)
			}
		}
		for _, l := range an.Lines {
			for _, p := range l.Packages {
				for _, rel := range p.Affected {
					if p.Package == a.Package && !slices.Contains(e.Versions, rel.Version) {
						t.Errorf("%s: line %s has %s affected, the record does not list it", a.Package, l.Policy.Name, rel.Version)
					}
				}
			}
		}
	}
}

// A package fixed on three maintained branches gets three
// introduced/fixed pairs and exactly the versions in between, with
// pre-releases and yanked releases where they fall.
func TestRecordPerBranchFixes(t *testing.T) {
	an, rec := record(t, branchPolicy, branchRegistry(),
		"summary: s\naffected: [{package: PyPI:lib, introduced: 1.0.0, fixed: [1.0.3, 2.0.2, 3.0.1]}]\n", "2026-06-01")
	if len(rec.Affected) != 1 || len(rec.Affected[0].Ranges) != 1 {
		t.Fatalf("want one entry with one range, got %+v", rec.Affected)
	}
	e := rec.Affected[0]
	wantEvents := []string{
		"introduced 1.0.0", "fixed 1.0.3",
		"introduced 2.0.0rc1", "fixed 2.0.2",
		"introduced 3.0.0a1", "fixed 3.0.1",
	}
	if diff := cmp.Diff(wantEvents, events(e.Ranges[0])); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	wantVersions := []string{"1.0.0", "1.0.1", "1.0.2", "2.0.0rc1", "2.0.0", "2.0.1", "3.0.0a1", "3.0.0b1", "3.0.0"}
	if diff := cmp.Diff(wantVersions, e.Versions); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
	checkExact(t, an, rec)
	if diff := cmp.Diff(model.Package{Ecosystem: "PyPI", Name: "lib", Purl: "pkg:pypi/lib"}, e.Package); diff != "" {
		t.Errorf("package (-want +got):\n%s", diff)
	}
}

// The encodings of the ends of runs: open where no fix exists,
// last_affected only where the report names it, "0" for a run from the
// first release, and fixed pairs from OSV-style ranges.
func TestRecordRangeEnds(t *testing.T) {
	tests := []struct {
		name   string
		entry  string
		events []string
	}{
		{"no fix: open", "{package: PyPI:lib, introduced: 3.0.0, fixed: []}",
			[]string{"introduced 3.0.0"}},
		{"from the first release", "{package: PyPI:lib, fixed: [1.0.3]}",
			[]string{"introduced 0", "fixed 1.0.3"}},
		{"last_affected named, newest release", "{package: PyPI:lib, introduced: 4.0.0.dev1, last_affected: 4.0.0.dev1}",
			[]string{"introduced 4.0.0.dev1", "last_affected 4.0.0.dev1"}},
		{"last_affected named, a release above it: fixed", "{package: PyPI:lib, introduced: 2.0.0, last_affected: 2.0.1}",
			[]string{"introduced 2.0.0", "fixed 2.0.2"}},
		{"ranges with last_affected beyond the newest", "{package: PyPI:lib, ranges: [{introduced: 1.0.0, fixed: 1.0.2}, {introduced: 3.0.1, last_affected: 4.1.0}]}",
			[]string{"introduced 1.0.0", "fixed 1.0.2", "|", "introduced 3.0.1", "last_affected 4.1.0"}},
		{"a yanked release ends a run: last_affected, in a range of its own", "{package: PyPI:lib, introduced: 1.0.0, fixed: [1.0.3, 2.0.3, 3.0.1]}",
			[]string{"introduced 1.0.0", "fixed 1.0.3", "introduced 3.0.0a1", "fixed 3.0.1", "|", "introduced 2.0.0rc1", "last_affected 2.0.2"}},
		{"range syntax", `{package: PyPI:lib, range: [">=2.0.0,<2.0.2", ">=3.0.0"]}`,
			[]string{"introduced 2.0.0", "fixed 2.0.2", "introduced 3.0.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an, rec := record(t, branchPolicy, branchRegistry(), "summary: s\naffected: ["+tt.entry+"]\n", "2026-06-01")
			var got []string
			for i, r := range rec.Affected[0].Ranges {
				if i > 0 {
					got = append(got, "|")
				}
				got = append(got, events(r)...)
			}
			if diff := cmp.Diff(tt.events, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			checkExact(t, an, rec)
		})
	}
}

// A CVSS 4.0 vector is a CVSS_V4 severity.
func TestRecordCVSS4(t *testing.T) {
	_, rec := record(t, branchPolicy, branchRegistry(),
		"summary: s\nseverity: CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\naffected: [{package: PyPI:lib, fixed: [1.0.3]}]\n", "2026-06-01")
	want := []model.Severity{{Type: model.SeverityCVSSv4, Score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}}
	if diff := cmp.Diff(want, rec.Severity); diff != "" {
		t.Errorf("severity (-want +got):\n%s", diff)
	}
	if got := rec.DatabaseSpecific["severity"]; got != "Critical" {
		t.Errorf("level %v, want Critical", got)
	}
}

// database_specific carries the policy's level name, the weaknesses (as
// GitHub's records do, which report.FromOSV reads back) and the verdicts.
func TestRecordDatabaseSpecific(t *testing.T) {
	_, rec := record(t, branchPolicy, branchRegistry(),
		"summary: s\nseverity: CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:N\ncwe_ids: [CWE-79, CWE-116]\naffected: [{package: PyPI:lib, introduced: 2.0.0, fixed: [2.0.2]}]\n", "2026-06-01")
	data, err := model.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	pol, err := policy.Parse("patchline.yaml", []byte(branchPolicy))
	if err != nil {
		t.Fatal(err)
	}
	back, err := report.FromOSV("record.json", rec, pol)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.CWEIDs, []string{"CWE-79", "CWE-116"}) {
		t.Errorf("the weaknesses read back: %q", back.CWEIDs)
	}
	for _, want := range []string{`"severity": "Moderate"`, `"type": "CVSS_V3"`, `"fixed_in": [`, `"verdict": "fixed"`, `"membership": "declared"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("record lacks %s:\n%s", want, data)
		}
	}
	// The per-line verdicts appear once, in the affected entry, beside the
	// versions they concern.
	if _, ok := rec.DatabaseSpecific["lines"]; ok {
		t.Errorf("record-level database_specific repeats the lines:\n%s", data)
	}
}

// upstreamPolicy: app's lines require the upstream package flask.
const upstreamPolicy = `
project: Example
packages:
  PyPI: [app]
lines:
  - {name: v2, status: supported, released: 2026-01-01, from: "PyPI:app >=2,<3"}
  - {name: v1, status: eol, released: 2025-01-01, from: "PyPI:app >=1,<2"}
`

// A report on an upstream package gives a record about the project's
// releases that force affected versions of it (design §2.4): app 1.0.0
// admits only affected flask releases; 1.1.0 admits the fixed 2.2.5 too,
// and 2.0.0 none affected. The upstream advisory is named in upstream,
// never as an alias; a reported package no line requires gets no entry.
func TestRecordUpstream(t *testing.T) {
	reg := memregistry.New()
	reg.Add("PyPI:app", "1.0.0", "flask>=2.0,<2.2")
	reg.Add("PyPI:app", "1.1.0", "flask>=2.0,<2.3")
	reg.Add("PyPI:app", "2.0.0", "flask>=2.3")
	for _, v := range []string{"2.0.0", "2.2.0", "2.2.5", "2.3.0rc1", "2.3.2", "2.3.3", "3.0.0"} {
		rel := reg.Add("PyPI:flask", v)
		if v == "2.3.2" {
			rel.Yanked()
		}
	}
	pol, err := policy.Parse("patchline.yaml", []byte(upstreamPolicy))
	if err != nil {
		t.Fatal(err)
	}
	m, err := membership.Compute(context.Background(), pol, reg)
	if err != nil {
		t.Fatal(err)
	}
	analyzeReport := func(text string) *impact.Analysis {
		t.Helper()
		rep, err := report.Parse("report.yaml", []byte(text), pol)
		if err != nil {
			t.Fatal(err)
		}
		up := map[pkgref.Ref]*registry.History{}
		for i := range rep.Affected {
			ref := rep.Affected[i].Package
			if h, err := reg.History(context.Background(), registry.Package{Ecosystem: ref.Ecosystem, Name: ref.Name}); err == nil {
				up[ref] = h
			}
		}
		an, err := impact.Analyze(m, rep, policy.Date{Year: 2026, Month: 6, Day: 1}, up)
		if err != nil {
			t.Fatal(err)
		}
		return an
	}
	an := analyzeReport("summary: s\naliases: [GHSA-9wv6-86v2-598j]\naffected: [{package: PyPI:flask, range: '<2.2.5'}]\n")
	rec, err := advisory.Record(an, advisory.Options{Now: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	rec.ID = "x_EX-2026-0001"
	if _, err := database.Validate(rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Affected) != 1 || rec.Affected[0].Package.Name != "app" {
		t.Fatalf("want one entry about app, got %+v", rec.Affected)
	}
	e := rec.Affected[0]
	if diff := cmp.Diff([]string{"introduced 1.0.0", "fixed 1.1.0"}, events(e.Ranges[0])); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"1.0.0"}, e.Versions); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"GHSA-9wv6-86v2-598j"}, rec.Upstream); diff != "" {
		t.Errorf("upstream (-want +got):\n%s", diff)
	}
	if len(rec.Aliases) != 0 {
		t.Errorf("the upstream advisory is republished as an alias: %v", rec.Aliases)
	}
	if got := e.DatabaseSpecific["requires"]; got != "PyPI:flask" {
		t.Errorf("requires %v, want PyPI:flask", got)
	}

	// No release forces an affected version: no record.
	an = analyzeReport("summary: s\naffected: [{package: PyPI:flask, range: '<1.0'}, {package: PyPI:Flask-Other, range: '<1'}]\n")
	if _, err := advisory.Record(an, advisory.Options{}); !errors.Is(err, advisory.ErrNoRecord) {
		t.Errorf("want ErrNoRecord, got %v", err)
	}
}

// An advisory published before patchline kept it keeps its first
// publication date (published: in the report), before the embargo's end.
func TestRecordPublished(t *testing.T) {
	_, rec := record(t, branchPolicy, branchRegistry(),
		"summary: s\npublished: 2021-11-30\nembargo_until: 2021-12-01T10:00:00Z\naffected: [{package: PyPI:lib, fixed: [1.0.3]}]\n", "2026-06-01")
	if got := rec.Published.Time(); !got.Equal(time.Date(2021, 11, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("published %v, want 2021-11-30T00:00:00Z", got)
	}
}
