package report

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/severity"
)

func testPolicy(t testing.TB) *policy.Policy {
	t.Helper()
	pol, err := policy.Load(filepath.Join("testdata", "patchline.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return pol
}

// Versions and ranges compare by their text: they have no equality of
// their own. The entry's ecosystem is checked by TestSemantics.
var compareOpts = cmp.Options{
	cmp.Comparer(func(a, b ecosystem.Version) bool {
		if a == nil || b == nil {
			return a == nil && b == nil
		}
		return a.String() == b.String()
	}),
	cmp.Comparer(func(a, b ecosystem.Range) bool {
		if a == nil || b == nil {
			return a == nil && b == nil
		}
		return a.String() == b.String()
	}),
	cmpopts.IgnoreUnexported(Affected{}),
}

func ver(t *testing.T, eco, s string) ecosystem.Version {
	t.Helper()
	e, err := ecosystem.Lookup(eco)
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func rng(t *testing.T, eco, s string) ecosystem.Range {
	t.Helper()
	e, err := ecosystem.Lookup(eco)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.ParseRange(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLoadGood(t *testing.T) {
	pol := testPolicy(t)
	file := filepath.Join("testdata", "good", "full.yaml")
	got, err := Load(file, pol)
	if err != nil {
		t.Fatal(err)
	}
	embargo := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	pos := func(line int) Pos { return Pos{File: file, Line: line, Column: 5} }
	want := &Report{
		Path:         file,
		ID:           "x_EXAMPLE-2026-0003",
		Summary:      "Stored XSS in community descriptions",
		Details:      "Markdown text.\n",
		Aliases:      []string{"CVE-2026-12345", "GHSA-2qrg-x229-3v8q"},
		CWEIDs:       []string{"CWE-79", "CWE-116"},
		CWEPos:       []Pos{{File: file, Line: 35, Column: 11}, {File: file, Line: 35, Column: 19}},
		Severity:     &severity.Result{Vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", Version: "3.1", Score: 5.4, Level: "Medium"},
		EmbargoUntil: &embargo,
		Affected: []Affected{
			{
				Package: pkgref.Ref{Ecosystem: "PyPI", Name: "example-communities"}, Form: FormFixed,
				Introduced: ver(t, "PyPI", "4.0.0"),
				Fixed:      []ecosystem.Version{ver(t, "PyPI", "12.0.9"), ver(t, "PyPI", "13.1.2")},
				PlannedFix: map[string]ecosystem.Version{"v13": ver(t, "PyPI", "13.1.3")},
				Pos:        pos(10),
			},
			{
				Package: pkgref.Ref{Ecosystem: "npm", Name: "example-ui"}, Form: FormRange,
				Ranges: []ecosystem.Range{rng(t, "npm", ">=3.0.0 <3.4.1 || >=4.0.0 <4.2.0")},
				Pos:    pos(14),
			},
			{
				Package: pkgref.Ref{Ecosystem: "PyPI", Name: "example-records"}, Form: FormRanges,
				Intervals: []Interval{
					{Fixed: ver(t, "PyPI", "1.0.2")},
					{Introduced: ver(t, "PyPI", "1.1.0"), Fixed: ver(t, "PyPI", "1.1.1")},
					{Introduced: ver(t, "PyPI", "1.2.0"), LastAffected: ver(t, "PyPI", "1.2.1")},
				},
				Pos: pos(16),
			},
			{
				Package: pkgref.Ref{Ecosystem: "PyPI", Name: "example-app"}, Form: FormRange,
				Ranges: []ecosystem.Range{rng(t, "PyPI", ">=1.0,<1.5"), rng(t, "PyPI", "==2.0.*")},
				Pos:    pos(21),
			},
			{
				Package: pkgref.Ref{Ecosystem: "npm", Name: "@example/forms"}, Form: FormFixed,
				LastAffected: ver(t, "npm", "2.0.0-rc.1"),
				Pos:          pos(23),
			},
			{
				Package: pkgref.Ref{Ecosystem: "PyPI", Name: "flask"}, Form: FormFixed,
				Pos: pos(26),
			},
		},
		References: []Reference{
			{Type: "FIX", URL: "https://github.com/example/example-communities/commit/abc123"},
			{Type: "ADVISORY", URL: "http://example.test/advisory"},
		},
		Credits: []Credit{
			{Name: "Jane Doe", Type: "FINDER"},
			{Name: "Example Security Team", Contact: []string{"security@example.test", "https://example.test/security"}},
		},
	}
	if diff := cmp.Diff(want, got, compareOpts); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
	if !got.Embargoed(embargo.Add(-time.Second)) || got.Embargoed(embargo) {
		t.Errorf("Embargoed is wrong around %s", embargo)
	}
	if got.Package(pkgref.Ref{Ecosystem: "PyPI", Name: "flask"}) == nil || got.Package(pkgref.Ref{Ecosystem: "PyPI", Name: "django"}) != nil {
		t.Errorf("Package finds the wrong entries")
	}
}

func TestLoadWithoutPolicy(t *testing.T) {
	r, err := Load(filepath.Join("testdata", "good", "minimal.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary != "Pending fix" || len(r.Affected) != 1 || r.Severity != nil || r.EmbargoUntil != nil {
		t.Errorf("got %+v", r)
	}
	// Without a policy the default levels apply and any line name is
	// accepted for a planned fix.
	src := "summary: s\nseverity: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N\naffected:\n  - package: PyPI:x\n    fixed: []\n    planned_fix: {v1: 1.0.1}\n"
	r, err = Parse("r.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Severity.Level != "Moderate" || r.Affected[0].PlannedFix["v1"].String() != "1.0.1" {
		t.Errorf("severity %+v, planned fix %v", r.Severity, r.Affected[0].PlannedFix)
	}
}

// TestSemantics asks each entry of the full report about versions around
// its bounds, with pre-releases admitted.
func TestSemantics(t *testing.T) {
	r, err := Load(filepath.Join("testdata", "good", "full.yaml"), testPolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pkg      string
		affected map[string]bool
		fixed    []string
	}{
		{
			pkg: "PyPI:example-communities",
			affected: map[string]bool{
				"3.9.0": false, "4.0.0rc1": false, "4.0.0": true, "11.0.0": true,
				"12.0.8": true, "12.0.9rc1": true, "12.0.9": false, "12.1.0": false,
				// A fixed version fixes its own line only.
				"13.0.0": true, "13.1.1": true, "13.1.2rc1": true, "13.1.2": false, "13.2.0": false,
				// A line released after every fix carries them.
				"14.0.0": false,
			},
			fixed: []string{"12.0.9", "13.1.2"},
		},
		{
			pkg: "npm:example-ui",
			affected: map[string]bool{
				"2.9.9": false, "3.0.0": true, "3.4.0": true, "3.4.1-rc.1": true, "3.4.1": false,
				"4.0.0-beta.1": false, "4.0.0": true, "4.1.9": true, "4.2.0-rc.1": true, "4.2.0": false,
			},
		},
		{
			pkg: "PyPI:example-records",
			affected: map[string]bool{
				"0.1": true, "1.0.2rc1": true, "1.0.2": false, "1.0.9": false, "1.1.0": true, "1.1.1": false,
				"1.2.0": true, "1.2.1": true, "1.2.1.post1": false, "1.2.2": false,
			},
			fixed: []string{"1.0.2", "1.1.1"},
		},
		{
			pkg: "PyPI:example-app",
			affected: map[string]bool{
				"0.9": false, "1.0": true, "1.4.9": true, "1.5rc1": false, "1.5": false,
				"2.0": true, "2.0.3": true, "2.0.4rc1": true, "2.1": false,
			},
		},
		{
			pkg: "npm:@example/forms",
			affected: map[string]bool{
				"0.0.1": true, "1.0.0": true, "2.0.0-rc.1": true, "2.0.0-rc.2": false, "2.0.0": false,
			},
		},
		{
			pkg:      "PyPI:flask",
			affected: map[string]bool{"0.1": true, "3.0.0": true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			ref, err := pkgref.Parse(tt.pkg)
			if err != nil {
				t.Fatal(err)
			}
			a := r.Package(ref)
			if a == nil {
				t.Fatalf("no entry for %s", ref)
			}
			for s, want := range tt.affected {
				if got := a.Affected(ver(t, ref.Ecosystem, s)); got != want {
					t.Errorf("Affected(%s) = %v, want %v", s, got, want)
				}
			}
			var fixed []string
			for _, v := range a.FixedVersions() {
				fixed = append(fixed, v.String())
			}
			if diff := cmp.Diff(tt.fixed, fixed); diff != "" {
				t.Errorf("FixedVersions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAffectedGivenFix states the per-line rule of the fixed form with the
// fixes 9.1.7 and 11.0.6 of the June 2024 unsafe-HTML fix.
func TestAffectedGivenFix(t *testing.T) {
	src := "summary: s\naffected:\n  - package: PyPI:invenio-app-rdm\n    fixed: [11.0.6, 9.1.7]\n"
	r, err := Parse("r.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := &r.Affected[0]
	fix9, fix11 := ver(t, "PyPI", "9.1.7"), ver(t, "PyPI", "11.0.6")
	for _, tt := range []struct {
		v    string
		fix  ecosystem.Version
		want bool
	}{
		{"9.1.6", fix9, true},
		{"9.1.7", fix9, false},
		{"11.0.5", fix11, true},
		{"11.0.6", fix11, false},
		{"10.1.1", nil, true},  // v10 got no fix, and a fix lies above it
		{"12.0.0", nil, false}, // v12 came after every fix
		{"9.0.0", fix11, true}, // whatever fix the caller names applies
		{"11.0.7", fix9, false},
	} {
		if got := a.AffectedGivenFix(ver(t, "PyPI", tt.v), tt.fix); got != tt.want {
			t.Errorf("AffectedGivenFix(%s, %v) = %v, want %v", tt.v, tt.fix, got, tt.want)
		}
	}
	// The other forms ignore the fix.
	src = "summary: s\naffected:\n  - package: PyPI:x\n    range: \"<2\"\n"
	r, err = Parse("r.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Affected[0].AffectedGivenFix(ver(t, "PyPI", "1.5"), ver(t, "PyPI", "1.0")) {
		t.Errorf("range form: the fix changed the answer")
	}
}

func BenchmarkParseFull(b *testing.B) {
	pol := testPolicy(b)
	data, err := os.ReadFile(filepath.Join("testdata", "good", "full.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(reportFile, data, pol); err != nil {
			b.Fatal(err)
		}
	}
}
