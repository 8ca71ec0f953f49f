package policy

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/severity"
)

// rangeText compares ranges by their text: ranges have no equality of
// their own, and two ranges written alike are the same range.
var rangeText = cmp.Comparer(func(a, b ecosystem.Range) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.String() == b.String()
})

func mustRange(t *testing.T, eco, s string) ecosystem.Range {
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

func date(y, m, d int) Date { return Date{Year: y, Month: time.Month(m), Day: d} }

func datePtr(y, m, d int) *Date { v := date(y, m, d); return &v }

func TestLoadGood(t *testing.T) {
	absDB, err := filepath.Abs(filepath.Join("testdata", "advisories"))
	if err != nil {
		t.Fatal(err)
	}
	absDefault, err := filepath.Abs(filepath.Join("testdata", "good", "advisories"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		want func(t *testing.T) *Policy
	}{
		{
			file: "full.yaml",
			want: func(t *testing.T) *Policy {
				return &Policy{
					Path:    filepath.Join("testdata", "good", "full.yaml"),
					Project: "Example",
					Severity: severity.Levels{
						{Name: "Critical", Min: 9}, {Name: "High", Min: 7}, {Name: "Moderate", Min: 4}, {Name: "Low", Min: 0.1},
					},
					Advisories: Advisories{IDPrefix: "x_EXAMPLE", Database: absDB, Publisher: "https://example.org/", CSAFURL: "https://example.org/.well-known/csaf/white/"},
					Packages: map[string][]pkgref.Pattern{
						"PyPI": {{Ecosystem: "PyPI", Glob: "example-*"}, {Ecosystem: "PyPI", Glob: "example-core"}},
						"npm":  {{Ecosystem: "npm", Glob: "@example/*"}, {Ecosystem: "npm", Glob: "example-ui"}},
					},
					FixesGoTo: EveryMinor,
					Notice:    DefaultNotice,
					Lines: []Line{
						{
							Name: "v2", Status: StatusSupported, Released: date(2025, 6, 12), Branch: "maint-2.x",
							From:   &Anchor{Package: pkgref.Ref{Ecosystem: "PyPI", Name: "example-app"}, Range: mustRange(t, "PyPI", "~=2.0")},
							Extras: []string{"postgres"},
							Packages: map[pkgref.Ref]ecosystem.Range{
								{Ecosystem: "npm", Name: "@example/forms"}:  mustRange(t, "npm", ">=2.0.0 <3.0.0"),
								{Ecosystem: "npm", Name: "@example/search"}: mustRange(t, "npm", "^1.2.0"),
							},
							Pos: Pos{File: filepath.Join("testdata", "good", "full.yaml"), Line: 14, Column: 5},
						},
						{
							Name: "v1", Status: StatusLTS, Released: date(2024, 3, 4), EndOfLife: datePtr(2026, 10, 31),
							From: &Anchor{Package: pkgref.Ref{Ecosystem: "PyPI", Name: "example-app"}, Range: mustRange(t, "PyPI", ">=1.0,<2.0")},
							Pos:  Pos{File: filepath.Join("testdata", "good", "full.yaml"), Line: 24, Column: 5},
						},
						{
							Name: "1.5", Status: StatusSecurity, Released: date(2024, 3, 4), EndOfLife: datePtr(2025, 1, 1),
							Packages: map[pkgref.Ref]ecosystem.Range{
								{Ecosystem: "npm", Name: "example-ui"}: mustRange(t, "npm", "1.5.x"),
							},
							Pos: Pos{File: filepath.Join("testdata", "good", "full.yaml"), Line: 29, Column: 5},
						},
						{
							Name: "v0", Status: StatusEOL, Released: date(2023, 1, 1),
							Packages: map[pkgref.Ref]ecosystem.Range{
								{Ecosystem: "PyPI", Name: "example-core"}: mustRange(t, "PyPI", "<1"),
							},
							Pos: Pos{File: filepath.Join("testdata", "good", "full.yaml"), Line: 35, Column: 5},
						},
					},
				}
			},
		},
		{
			file: "minimal.yaml",
			want: func(t *testing.T) *Policy {
				return &Policy{
					Path:       filepath.Join("testdata", "good", "minimal.yaml"),
					Project:    "Minimal",
					Severity:   severity.DefaultLevels(),
					Advisories: Advisories{Database: absDefault},
					Packages:   map[string][]pkgref.Pattern{"npm": {{Ecosystem: "npm", Glob: "left-pad"}}},
					FixesGoTo:  LatestMinor,
					Notice:     DefaultNotice,
					Lines: []Line{{
						Name: "1", Status: StatusSupported, Released: date(2016, 3, 23),
						Packages: map[pkgref.Ref]ecosystem.Range{{Ecosystem: "npm", Name: "left-pad"}: mustRange(t, "npm", "^1.0.0")},
						Pos:      Pos{File: filepath.Join("testdata", "good", "minimal.yaml"), Line: 5, Column: 5},
					}},
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Load(filepath.Join("testdata", "good", tt.file))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if diff := cmp.Diff(tt.want(t), got, rangeText); diff != "" {
				t.Errorf("Load (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProjectPackagesAndLines(t *testing.T) {
	p, err := Load(filepath.Join("testdata", "good", "full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ref  string
		want bool
	}{
		{"PyPI:example-app", true},
		{"pypi:Example.App", true},
		{"pkg:pypi/example_core", true},
		{"PyPI:example", false}, // example-* needs the dash
		{"PyPI:other-example-x", false},
		{"npm:@example/forms", true},
		{"pkg:npm/%40example/forms", true},
		{"npm:@example/deep", true},
		{"npm:@other/forms", false},
		{"npm:example-ui", true},
		{"npm:example-app", false}, // a PyPI pattern does not match npm
	} {
		ref, err := pkgref.Parse(tt.ref)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.ref, err)
		}
		if got := p.IsProjectPackage(ref); got != tt.want {
			t.Errorf("IsProjectPackage(%s) = %v, want %v", tt.ref, got, tt.want)
		}
	}
	if l := p.Line("v1"); l == nil || l.Name != "v1" {
		t.Errorf("Line(v1) = %v", l)
	}
	if l := p.Line("V1"); l != nil {
		t.Errorf("Line(V1) = %v, want nil: names match exactly", l)
	}
	if l := p.Line("v9"); l != nil {
		t.Errorf("Line(v9) = %v, want nil", l)
	}
}

func TestSupported(t *testing.T) {
	eol := date(2026, 1, 24)
	tests := []struct {
		name string
		line Line
		asOf Date
		want bool
	}{
		{"day before end of life", Line{Status: StatusSupported, EndOfLife: &eol}, date(2026, 1, 23), true},
		{"end-of-life day itself", Line{Status: StatusSupported, EndOfLife: &eol}, date(2026, 1, 24), true},
		{"day after end of life", Line{Status: StatusSupported, EndOfLife: &eol}, date(2026, 1, 25), false},
		{"a year after", Line{Status: StatusLTS, EndOfLife: &eol}, date(2027, 1, 24), false},
		{"no end of life", Line{Status: StatusSupported}, date(2100, 1, 1), true},
		{"security status", Line{Status: StatusSecurity, EndOfLife: &eol}, date(2026, 1, 1), true},
		{"eol status before its date", Line{Status: StatusEOL, EndOfLife: &eol}, date(2025, 1, 1), false},
		{"eol status without date", Line{Status: StatusEOL}, date(2020, 1, 1), false},
		{"before release", Line{Status: StatusSupported, Released: date(2026, 8, 7)}, date(2026, 1, 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.line.Supported(tt.asOf); got != tt.want {
				t.Errorf("Supported(%s) = %v, want %v", tt.asOf, got, tt.want)
			}
		})
	}
}

// TestInvenio loads the example policy of the repository and checks the
// matrix at the dates the documentation and the June 2024 fix speak of.
func TestInvenio(t *testing.T) {
	p, err := Load(filepath.Join("..", "..", "testdata", "invenio", "patchline.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range p.Lines {
		names = append(names, l.Name)
	}
	if diff := cmp.Diff([]string{"v14", "v13", "v12", "v11", "v10", "v9", "v8", "v7", "v6"}, names); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	supported := func(asOf Date) []string {
		var out []string
		for i := range p.Lines {
			if p.Lines[i].Supported(asOf) {
				out = append(out, p.Lines[i].Name)
			}
		}
		return out
	}
	for _, tt := range []struct {
		asOf Date
		want []string
	}{
		// The unsafe-HTML fix of June 2024 shipped for v9 and v11, not v10.
		{date(2024, 6, 30), []string{"v14", "v13", "v12", "v11", "v9"}},
		{date(2024, 8, 1), []string{"v14", "v13", "v12", "v11", "v9"}},
		{date(2024, 8, 2), []string{"v14", "v13", "v12", "v9"}},
		{date(2025, 2, 1), []string{"v14", "v13", "v12", "v9"}},
		{date(2025, 2, 2), []string{"v14", "v13", "v12"}},
		{date(2026, 1, 24), []string{"v14", "v13", "v12"}},
		{date(2026, 8, 7), []string{"v14", "v13"}},
		{date(2027, 2, 8), []string{"v14"}},
		{date(2022, 12, 31), []string{"v14", "v13", "v12", "v11", "v10", "v9", "v6"}},
	} {
		if diff := cmp.Diff(tt.want, supported(tt.asOf)); diff != "" {
			t.Errorf("supported at %s (-want +got):\n%s", tt.asOf, diff)
		}
	}
	for _, ref := range []string{"PyPI:invenio-app-rdm", "PyPI:invenio_rdm_records", "npm:react-invenio-forms", "npm:react-invenio-deposit"} {
		r, err := pkgref.Parse(ref)
		if err != nil {
			t.Fatal(err)
		}
		if !p.IsProjectPackage(r) {
			t.Errorf("%s is not a project package", ref)
		}
	}
	if r, _ := pkgref.Parse("PyPI:invenio-search"); p.IsProjectPackage(r) {
		t.Errorf("invenio-search is a project package; the example lists its packages one by one")
	}
	if p.Advisories.IDPrefix != "x_INVENIO" || p.FixesGoTo != LatestMinor {
		t.Errorf("advisories = %+v, fixes_go_to = %s", p.Advisories, p.FixesGoTo)
	}
	if l := p.Line("v13"); l == nil || l.Branch != "maint-13.x" || l.From == nil || l.From.Package.String() != "PyPI:invenio-app-rdm" {
		t.Errorf("v13 = %+v", l)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(deep); err == nil {
		// A patchline.yaml above the temporary directory would make this
		// test meaningless rather than wrong.
		t.Skip("a patchline.yaml exists above the temporary directory")
	}
	policyAt := filepath.Join(root, "a", FileName)
	if err := os.WriteFile(policyAt, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A directory named patchline.yaml is not a policy.
	if err := os.Mkdir(filepath.Join(root, "a", "b", FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := Find(deep)
	if err != nil {
		t.Fatal(err)
	}
	if got != policyAt {
		t.Errorf("Find(%s) = %s, want %s", deep, got, policyAt)
	}
	got, err = Find(filepath.Join(root, "a"))
	if err != nil {
		t.Fatal(err)
	}
	if got != policyAt {
		t.Errorf("Find(a) = %s, want %s", got, policyAt)
	}
	t.Chdir(filepath.Join(root, "a"))
	if got, err := Find("."); err != nil || got != FileName {
		t.Errorf("Find(.) = %q, %v; want %q", got, err, FileName)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want a not-exist error", err)
	}
}

func BenchmarkParseInvenio(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "invenio", "patchline.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(FileName, data); err != nil {
			b.Fatal(err)
		}
	}
}
