package csaf_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/advisory/csaf"
	"github.com/patchline/patchline/advisory/csaf/csaftest"
	"github.com/patchline/patchline/internal/analysistest"
	"github.com/patchline/patchline/internal/memregistry"
)

const testPolicy = `
project: Example
packages:
  npm: [app]
lines:
  - {name: "3.x", status: supported, released: 2025-06-01, from: "npm:app >=3.0.0 <4.0.0"}
  - {name: "2.x", status: supported, released: 2025-01-01, from: "npm:app >=2.0.0 <3.0.0"}
  - {name: "1.x", status: supported, released: 2024-01-01, end_of_life: 2025-06-30, from: "npm:app >=1.0.0 <2.0.0"}
`

var now = time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)

// render analyses the report against the example's lines, renders it and
// checks the document.
func render(t *testing.T, rep string) *csaf.Document {
	t.Helper()
	doc, err := renderErr(t, rep)
	if err != nil {
		t.Fatal(err)
	}
	data, err := csaf.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range csaftest.Problems(data) {
		t.Errorf("invalid CSAF: %s", p)
	}
	return doc
}

// renderErr analyses the report against the example's lines and renders
// it.
func renderErr(t *testing.T, rep string) (*csaf.Document, error) {
	t.Helper()
	return renderWith(t, rep, csaf.Options{ID: "x_EX-2026-0001", Publisher: "Example", Now: now, Engine: "patchline"})
}

// renderWith analyses the report against the example's lines and renders
// it with the options.
func renderWith(t *testing.T, rep string, opts csaf.Options) (*csaf.Document, error) {
	t.Helper()
	reg := memregistry.New()
	for _, v := range []string{"1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.0.1", "2.1.0", "3.0.0", "3.0.1"} {
		reg.Add("npm:app", v)
	}
	an := analysistest.Analyze(t, testPolicy, reg, rep, "2026-01-01")
	return csaf.Render(an, opts)
}

const affects = `summary: s
details: d
aliases: [GHSA-f82v-jwr5-mffw, CVE-2026-0001]
severity: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
affected: [{package: npm:app, introduced: 1.1.0, fixed: [2.0.1, 3.0.2]}]
`

// Every member version is a product with its status; each line's affected
// members get the line's remediation: its fixing release, none planned past
// the end of life, none available while the planned release is to come.
func TestRender(t *testing.T) {
	doc := render(t, affects)
	v := doc.Vulnerabilities[0]
	want := csaf.ProductStatus{
		Fixed:            []string{"pkg:npm/app@2.0.1", "pkg:npm/app@2.1.0"},
		KnownAffected:    []string{"pkg:npm/app@1.1.0", "pkg:npm/app@1.2.0", "pkg:npm/app@2.0.0", "pkg:npm/app@3.0.0", "pkg:npm/app@3.0.1"},
		KnownNotAffected: []string{"pkg:npm/app@1.0.0"},
	}
	if diff := cmp.Diff(want, v.ProductStatus); diff != "" {
		t.Errorf("product status (-want +got):\n%s", diff)
	}
	var got []string
	for _, r := range v.Remediations {
		got = append(got, r.Category+" "+strings.Join(r.ProductIDs, ",")+": "+r.Details)
	}
	wantRem := []string{
		"none_available pkg:npm/app@3.0.0,pkg:npm/app@3.0.1: A fix for line 3.x is to be released: app 3.0.2 (not released yet).",
		"vendor_fix pkg:npm/app@2.0.0: Upgrade to app 2.0.1 (line 2.x).",
		"no_fix_planned pkg:npm/app@1.1.0,pkg:npm/app@1.2.0: Line 1.x is past its end of life and gets no fix: upgrade to a supported line.",
	}
	if diff := cmp.Diff(wantRem, got); diff != "" {
		t.Errorf("remediations (-want +got):\n%s", diff)
	}
	if v.CVE != "CVE-2026-0001" || len(v.IDs) != 2 || v.IDs[0].Text != "x_EX-2026-0001" || v.IDs[1] != (csaf.ID{SystemName: "GHSA", Text: "GHSA-f82v-jwr5-mffw"}) {
		t.Errorf("cve %q, ids %v", v.CVE, v.IDs)
	}
	if len(v.Scores) != 1 || v.Scores[0].CVSSV3.BaseScore != "9.8" || v.Scores[0].CVSSV3.BaseSeverity != "CRITICAL" || len(v.Scores[0].Products) != 5 {
		t.Errorf("scores %+v", v.Scores)
	}
	if len(v.Flags) != 1 || v.Flags[0].Label != "vulnerable_code_not_present" {
		t.Errorf("flags %+v", v.Flags)
	}
	var groups []string
	for _, g := range doc.ProductTree.ProductGroups {
		groups = append(groups, g.GroupID+" "+strings.Join(g.ProductIDs, ","))
	}
	wantGroups := []string{
		"line:3.x pkg:npm/app@3.0.0,pkg:npm/app@3.0.1",
		"line:2.x pkg:npm/app@2.0.0,pkg:npm/app@2.0.1,pkg:npm/app@2.1.0",
		"line:1.x pkg:npm/app@1.0.0,pkg:npm/app@1.1.0,pkg:npm/app@1.2.0",
	}
	if diff := cmp.Diff(wantGroups, groups); diff != "" {
		t.Errorf("product groups (-want +got):\n%s", diff)
	}
	vendor := doc.ProductTree.Branches[0]
	if vendor.Category != "vendor" || vendor.Name != "Example" || vendor.Branches[0].Name != "app" || len(vendor.Branches[0].Branches) != 8 {
		t.Errorf("product tree %+v", doc.ProductTree.Branches)
	}
	tr := doc.Document.Tracking
	if doc.Document.Category != "csaf_vex" || tr.Status != "final" || tr.ID != "x_EX-2026-0001" || doc.Document.Distribution.TLP.Label != "WHITE" ||
		doc.Document.Publisher.Namespace != csaf.PlaceholderNamespace {
		t.Errorf("document %+v", doc.Document)
	}
}

// Before the embargo ends the document is a draft under TLP AMBER; after,
// final under WHITE.
func TestEmbargo(t *testing.T) {
	for _, tc := range []struct{ until, status, tlp string }{
		{"2026-01-03T00:00:00Z", "draft", "AMBER"},
		{"2026-01-01T00:00:00Z", "final", "WHITE"},
	} {
		doc := render(t, "embargo_until: "+tc.until+"\n"+affects)
		if got := doc.Document.Tracking.Status + " " + doc.Document.Distribution.TLP.Label; got != tc.status+" "+tc.tlp {
			t.Errorf("embargo until %s: %s, want %s %s", tc.until, got, tc.status, tc.tlp)
		}
	}
}

// With the publisher's directory, a final document names its canonical URL
// where directory-based distribution puts it (a folder per year, the file
// named by section 5.1), which the validator's test 6.2.11 accepts; a
// draft under embargo names none.
func TestCanonicalURL(t *testing.T) {
	opts := csaf.Options{ID: "x_EX-2026-0001", Publisher: "Example", Namespace: "https://example.org/",
		Directory: "https://example.org/.well-known/csaf/white/", Now: now, Engine: "patchline"}
	docs := map[string][]byte{}
	for _, tc := range []struct{ embargo, self string }{
		{"", "https://example.org/.well-known/csaf/white/2026/x_ex-2026-0001.json"},
		{"embargo_until: 2026-01-03T00:00:00Z\n", ""},
	} {
		doc, err := renderWith(t, tc.embargo+affects, opts)
		if err != nil {
			t.Fatal(err)
		}
		var self []string
		for _, r := range doc.Document.References {
			if r.Category == "self" {
				self = append(self, r.URL)
			}
		}
		if want := []string{tc.self}; (tc.self == "" && len(self) != 0) || (tc.self != "" && !cmp.Equal(self, want)) {
			t.Errorf("%s document: self references %q, want %q", doc.Document.Tracking.Status, self, tc.self)
		}
		data, err := csaf.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		docs[doc.Document.Tracking.Status] = data
	}
	t.Run("validator", func(t *testing.T) {
		lib := csaftest.Validator(t)
		r := csaftest.Validate(t, lib, map[string][]byte{"final": docs["final"]})["final"]
		for _, f := range append(r.Failures(), r.Findings()...) {
			if strings.HasPrefix(f, "6.2.11") {
				t.Errorf("the validator still finds: %s", f)
			}
		}
	})
}

func TestFileName(t *testing.T) {
	for id, want := range map[string]string{
		"x_INVENIO-2026-0001":   "x_invenio-2026-0001.json",
		"GHSA-f82v-jwr5-mffw":   "ghsa-f82v-jwr5-mffw.json",
		"Example Co:ADV 2026/7": "example_co_adv_2026_7.json", // each run of others is one _
		"a++b..c":               "a++b_c.json",
	} {
		if got := csaf.FileName(id); got != want {
			t.Errorf("FileName(%q) = %q, want %q", id, got, want)
		}
	}
}

// The checks the tests rely on find what they look for: each broken
// document fails the mandatory test (or the schema) it breaks, in the local
// pre-check and, where it is installed, in the validator library.
func TestChecksFindFaults(t *testing.T) {
	good := render(t, affects)
	broken := map[string][]byte{}
	for _, tc := range faults {
		t.Run(tc.name, func(t *testing.T) {
			data, err := csaf.Marshal(good)
			if err != nil {
				t.Fatal(err)
			}
			var cp csaf.Document
			if err := json.Unmarshal(data, &cp); err != nil {
				t.Fatal(err)
			}
			tc.breakIt(&cp)
			doc, err := csaf.Marshal(&cp)
			if err != nil {
				t.Fatal(err)
			}
			broken[tc.name] = doc
			problems := csaftest.Problems(doc)
			if !hasSection(problems, tc.want) {
				t.Errorf("the pre-check finds no %s problem; got %q", tc.want, problems)
			}
		})
	}
	t.Run("validator", func(t *testing.T) {
		results := csaftest.Validate(t, csaftest.Validator(t), broken)
		for _, tc := range faults {
			if got := results[tc.name].Failures(); !hasSection(got, tc.want) {
				t.Errorf("%s: the validator finds no %s problem; got %q", tc.name, tc.want, got)
			}
		}
	})
}

// faults break a valid document, each against one test of the standard
// (or the schema).
var faults = []struct {
	name    string
	breakIt func(d *csaf.Document)
	want    string
}{
	{"no remediation", func(d *csaf.Document) { d.Vulnerabilities[0].Remediations = d.Vulnerabilities[0].Remediations[1:] }, "6.1.27.10"},
	{"no flag", func(d *csaf.Document) { d.Vulnerabilities[0].Flags = nil }, "6.1.27.9"},
	{"contradicting status", func(d *csaf.Document) {
		ps := &d.Vulnerabilities[0].ProductStatus
		ps.Fixed = append(ps.Fixed, ps.KnownAffected[0])
	}, "6.1.6"},
	{"undefined product", func(d *csaf.Document) {
		ps := &d.Vulnerabilities[0].ProductStatus
		ps.Fixed = append(ps.Fixed, "pkg:npm/app@9.9.9")
	}, "6.1.1"},
	{"wrong score", func(d *csaf.Document) { d.Vulnerabilities[0].Scores[0].CVSSV3.BaseScore = "7.5" }, "6.1.9"},
	{"no ids", func(d *csaf.Document) { d.Vulnerabilities[0].CVE, d.Vulnerabilities[0].IDs = "", nil }, "6.1.27.8"},
	{"bad tlp", func(d *csaf.Document) { d.Document.Distribution.TLP.Label = "CLEAR" }, "schema"},
	{"version behind history", func(d *csaf.Document) { d.Document.Tracking.Version = "2" }, "6.1.16"},
}

// hasSection reports whether a problem is of the test (a section number or
// "schema").
func hasSection(problems []string, test string) bool {
	for _, p := range problems {
		if strings.HasPrefix(p, test+":") {
			return true
		}
	}
	return false
}

// The validator library finds no fault of the schema, the mandatory tests
// or informative test 6.3.10 in any document of these tests: affected,
// fixed and not affected versions, an end-of-life line, a fix still to be
// released, an embargo, a CVSS 4.0 vector, no CVE alias, an upstream
// report.
func TestValidator(t *testing.T) {
	lib := csaftest.Validator(t)
	docs := map[string][]byte{}
	for name, rep := range map[string]string{
		"affects":        affects,
		"embargo":        "embargo_until: 2026-01-03T00:00:00Z\n" + affects,
		"cvss4":          strings.Replace(affects, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 1),
		"no cve":         "summary: s\ndetails: d\naffected: [{package: npm:app, introduced: 2.0.0, fixed: [2.1.0, 3.0.1]}]\n",
		"all fixed":      "summary: s\naffected: [{package: npm:app, introduced: 1.0.0, fixed: [1.1.0, 2.0.0, 3.0.0]}]\n",
		"no fix planned": "summary: s\naffected: [{package: npm:app, introduced: 1.0.0, fixed: [2.0.0]}]\n",
	} {
		data, err := csaf.Marshal(render(t, rep))
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = data
	}
	for name, r := range csaftest.Validate(t, lib, docs) {
		for _, f := range r.Failures() {
			t.Errorf("%s: %s", name, f)
		}
		for _, f := range r.Findings() {
			t.Logf("%s: %s", name, f)
		}
	}
}

// A report on an upstream package that no release of the project requires
// has no product, hence no document.
func TestNoProducts(t *testing.T) {
	_, err := renderErr(t, "summary: s\naffected: [{package: npm:left-pad, fixed: [1.3.0]}]\n")
	if !errors.Is(err, csaf.ErrNoProducts) {
		t.Errorf("error %v, want ErrNoProducts", err)
	}
}

// sharedPolicy: app 1.0.0 is in both lines, the newer v2 past its end of
// life (as Invenio's v10 beside the LTS v9), v1 supported.
const sharedPolicy = `
project: Example
packages:
  PyPI: [app]
lines:
  - {name: v2, status: eol, released: 2025-06-01, from: "PyPI:app >=1.0,<1.1"}
  - {name: v1, status: supported, released: 2025-01-01, from: "PyPI:app >=1.0,<3"}
`

// A release that forces an affected upstream version and that a line past
// its end of life shares with a supported line gets both lines'
// remediations: no fix planned in v2, the upgrade within v1.
func TestUpstreamSharedRelease(t *testing.T) {
	reg := memregistry.New()
	reg.Add("PyPI:app", "1.0.0", "flask>=2.0,<2.2")
	reg.Add("PyPI:app", "1.1.0", "flask>=2.0,<2.3")
	reg.Add("PyPI:app", "2.0.0", "flask>=2.3")
	for _, v := range []string{"2.0.0", "2.2.0", "2.2.5", "2.3.3"} {
		reg.Add("PyPI:flask", v)
	}
	an := analysistest.AnalyzeUpstream(t, sharedPolicy, reg, "summary: s\naliases: [GHSA-9wv6-86v2-598j]\naffected: [{package: PyPI:flask, range: '<2.2.5'}]\n", "2026-06-01")
	doc, err := csaf.Render(an, csaf.Options{ID: "x_EX-2026-0001", Publisher: "Example", Now: now, Engine: "patchline"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range doc.Vulnerabilities[0].Remediations {
		got = append(got, r.Category+" "+strings.Join(r.ProductIDs, ",")+": "+r.Details)
	}
	want := []string{
		"no_fix_planned pkg:pypi/app@1.0.0: Line v2 is past its end of life and gets no fix: upgrade to a supported line.",
		"vendor_fix pkg:pypi/app@1.0.0: Upgrade to app 1.1.0 (line v1).",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("remediations (-want +got):\n%s", diff)
	}
	if ka := doc.Vulnerabilities[0].ProductStatus.KnownAffected; len(ka) != 1 {
		t.Errorf("known_affected %v, want app 1.0.0 once", ka)
	}
	data, err := csaf.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range csaftest.Problems(data) {
		t.Errorf("invalid CSAF: %s", p)
	}
}
