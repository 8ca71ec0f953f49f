package ecosystem

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustNPM(t *testing.T) Ecosystem {
	t.Helper()
	e, err := Lookup(" NPM ")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name() != "npm" {
		t.Fatalf("Name() = %q", e.Name())
	}
	return e
}

func mustParseNPM(t *testing.T, e Ecosystem, s string) Version {
	t.Helper()
	v, err := e.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestNPMParse(t *testing.T) {
	e := mustNPM(t)
	for _, tc := range []struct {
		in, want string
		pre      bool
	}{
		{"1.2.3", "1.2.3", false},
		{" v1.2.3 ", "1.2.3", false}, // a line break around it is refused (versiontext_test.go)
		{"1.0.0-alpha.10", "1.0.0-alpha.10", true},
		{"4.0.0-rc.1+build.5", "4.0.0-rc.1", true},
	} {
		v, err := e.Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if v.String() != tc.want || v.Prerelease() != tc.pre {
			t.Errorf("Parse(%q) = %q (pre-release %v), want %q (%v)", tc.in, v, v.Prerelease(), tc.want, tc.pre)
		}
		if v.(NPMVersion).SemVer().String() != tc.want {
			t.Errorf("Parse(%q).SemVer() = %q", tc.in, v.(NPMVersion).SemVer())
		}
	}
}

func TestNPMErrors(t *testing.T) {
	e := mustNPM(t)
	for _, tc := range []struct {
		kind, in string
		want     *Error
	}{
		{"version", "=1.2.3", &Error{Ecosystem: "npm", Kind: "version", Input: "=1.2.3", Reason: `major version "=1" is not a number`}},
		{"version", "1.2", &Error{Ecosystem: "npm", Kind: "version", Input: "1.2", Reason: `"1.2" is not of the form MAJOR.MINOR.PATCH; did you mean 1.2.0?`}},
		{"version", "1.2.3-01", &Error{Ecosystem: "npm", Kind: "version", Input: "1.2.3-01", Reason: `numeric pre-release identifier "01" has a leading zero`}},
		{"range", ">=1.0.0 <2 || 1.x.3", &Error{Ecosystem: "npm", Kind: "range", Input: ">=1.0.0 <2 || 1.x.3", Reason: `invalid comparator "1.x.3": minor version "x" is not a number`}},
		{"range", ">", &Error{Ecosystem: "npm", Kind: "range", Input: ">", Reason: `invalid comparator ">": "" is not of the form MAJOR.MINOR.PATCH`}},
	} {
		var err error
		if tc.kind == "version" {
			_, err = e.Parse(tc.in)
		} else {
			_, err = e.ParseRange(tc.in)
		}
		var got *Error
		if !errors.As(err, &got) {
			t.Errorf("%s %q: error %v (%T) is not *Error", tc.kind, tc.in, err, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s %q: error mismatch (-want +got):\n%s", tc.kind, tc.in, diff)
		}
	}
	_, err := e.Parse("01.2.3")
	if want := `invalid npm version "01.2.3": major version "01" has a leading zero`; err == nil || err.Error() != want {
		t.Errorf("error message = %v, want %s", err, want)
	}
}

func TestNPMContains(t *testing.T) {
	e := mustNPM(t)
	for _, tc := range []struct {
		rng, ver string
		def, pre bool
	}{
		{"^4.0.0", "4.2.1", true, true},
		{"^4.0.0", "5.0.0-rc.1", false, false},
		{"^0.10.0", "0.11.0", false, false},
		{">=3.0.0 <3.4.1 || >=4.0.0 <4.2.0", "3.4.0", true, true},
		{">=3.0.0 <3.4.1 || >=4.0.0 <4.2.0", "4.2.0", false, false},
		{">=3.0.0 <3.4.1 || >=4.0.0 <4.2.0", "4.1.0-beta.3", false, true},
		{">=3.0.0 <3.4.1 || >=4.0.0 <4.2.0", "4.0.0-beta.3", false, false},
		{"<2.0.0", "2.0.0-rc.1", false, true},
		{">=1.0.0-beta <2", "1.0.0-rc.1", true, true},
		{">=1.0.0-beta <2", "1.5.0-rc.1", false, true},
		{"*", "1.0.0-rc.1", false, true},
		{"", "1.0.0", true, true},
		{"<=1.9.9-rc.1 || ~x", "1.9.9-0", false, true},
		{"1.2.3 - 2.3.4", "2.3.4", true, true},
		{"1.2.3 - 2.3.4", "2.3.4-beta", false, true},
		// Valid only without includePrerelease: then nothing matches with it.
		{"1.0.0 - 1.0.9007199254740991", "1.0.5", true, false},
	} {
		r, err := e.ParseRange(tc.rng)
		if err != nil {
			t.Errorf("ParseRange(%q): %v", tc.rng, err)
			continue
		}
		v := mustParseNPM(t, e, tc.ver)
		if got := r.Contains(v, false); got != tc.def {
			t.Errorf("%q Contains(%s, false) = %v, want %v", tc.rng, tc.ver, got, tc.def)
		}
		if got := r.Contains(v, true); got != tc.pre {
			t.Errorf("%q Contains(%s, true) = %v, want %v", tc.rng, tc.ver, got, tc.pre)
		}
	}
}

func TestNPMRangeString(t *testing.T) {
	e := mustNPM(t)
	r, err := e.ParseRange("  >=1.2.3  <2 \n")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.String(), ">=1.2.3  <2"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestNPMFilter(t *testing.T) {
	e := mustNPM(t)
	var vs []Version
	for _, s := range []string{"4.1.0", "3.9.9", "4.0.0-rc.2", "4.0.0", "5.0.0", "4.9.9-beta.1", "4.2.0+build"} {
		vs = append(vs, mustParseNPM(t, e, s))
	}
	r, err := e.ParseRange("^4.0.0")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{0, 3, 6}, r.Filter(vs, false)); diff != "" {
		t.Errorf("Filter(pre=false) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{0, 3, 5, 6}, r.Filter(vs, true)); diff != "" {
		t.Errorf("Filter(pre=true) (-want +got):\n%s", diff)
	}
	// No fallback: a range that selects only pre-releases selects nothing.
	only, err := e.ParseRange(">=4.0.0-0 <4.0.0")
	if err != nil {
		t.Fatal(err)
	}
	if got := only.Filter(vs[:1], false); len(got) != 0 {
		t.Errorf("Filter with no match = %v, want none", got)
	}
}

func TestNPMCompareAndSort(t *testing.T) {
	e := mustNPM(t)
	in := []string{"1.0.0", "1.0.0-rc.1", "1.0.0-beta.11", "1.0.0-beta.2", "0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "v1.0.0+b"}
	var vs []Version
	for _, s := range in {
		vs = append(vs, mustParseNPM(t, e, s))
	}
	Sort(e, vs)
	var got []string
	for _, v := range vs {
		got = append(got, v.String())
	}
	want := []string{"0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sort (-want +got):\n%s", diff)
	}
	if c := e.Compare(mustParseNPM(t, e, "1.2.3+a"), mustParseNPM(t, e, "1.2.3+b")); c != 0 {
		t.Errorf("build metadata changes the order: %d", c)
	}
}

func TestNPMSeriesAndNextPatch(t *testing.T) {
	e := mustNPM(t)
	for _, tc := range []struct{ in, series, next string }{
		{"13.1.2", "13", "13.1.3"},
		{"13.0.0-rc.1", "13", "13.0.0"},
		{"0.10.4", "0.10", "0.10.5"},
		{"0.0.3", "0.0", "0.0.4"},
		{"1.0.0-alpha.10", "1", "1.0.0"},
		{"2.3.4+build.9", "2", "2.3.5"},
	} {
		v := mustParseNPM(t, e, tc.in)
		if got := e.Series(v); got != tc.series {
			t.Errorf("Series(%s) = %q, want %q", tc.in, got, tc.series)
		}
		next := e.NextPatch(v)
		if next.String() != tc.next || next.Prerelease() {
			t.Errorf("NextPatch(%s) = %q, want %q", tc.in, next, tc.next)
		}
		if e.Compare(next, v) <= 0 {
			t.Errorf("NextPatch(%s) = %s does not sort after it", tc.in, next)
		}
	}
}

func TestNPMNormalizeName(t *testing.T) {
	e := mustNPM(t)
	for _, tc := range []struct {
		in, want string // want "" means invalid
	}{
		{"react-invenio-forms", "react-invenio-forms"},
		{"@inveniosoftware/react-invenio-forms", "@inveniosoftware/react-invenio-forms"},
		{"@inveniosoftware%2freact-invenio-forms", "@inveniosoftware/react-invenio-forms"},
		{"@inveniosoftware%2Freact-invenio-forms", "@inveniosoftware/react-invenio-forms"},
		{"lodash.merge", "lodash.merge"},
		{"@scope/_private", "@scope/_private"},
		{"events", "events"}, // a Node.js core module name, and a real package
		{"a", "a"},
		{strings.Repeat("a", 214), strings.Repeat("a", 214)},
		{"", ""},
		// Legacy names exist on registries: accepted, never folded.
		{strings.Repeat("a", 215), strings.Repeat("a", 215)},
		{"JSONStream", "JSONStream"},
		{"React", "React"},
		{"ex!claim", "ex!claim"},
		{"@scope/ti~lde", "@scope/ti~lde"},
		{".hidden", ""},
		{"_private", ""},
		{"-dash", ""},
		{" react", ""},
		{"react ", ""},
		{"re act", ""},
		{"node_modules", ""},
		{"favicon.ico", ""},
		{"caf\u00e9", ""},
		{"a/b", ""},
		{"@scope", ""},
		{"@scope/", ""},
		{"@/name", ""},
		{"@a/b/c", ""},
		{"@scope/.name", ""},
		{"@sc ope/name", ""},
		{"@scope%2fname%2fx", ""},
		{"%40scope%2fname", ""},
		{"name%2fx", ""},
	} {
		got, err := e.NormalizeName(tc.in)
		if tc.want == "" {
			var ee *Error
			if !errors.As(err, &ee) || ee.Ecosystem != "npm" || ee.Kind != "package name" || ee.Input != tc.in || ee.Reason == "" {
				t.Errorf("NormalizeName(%q) = %q, %v; want *Error for the input", tc.in, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("NormalizeName(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	_, err := e.NormalizeName(" react")
	if want := `invalid npm package name " react": must not have leading or trailing whitespace`; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestNPMForeignVersionPanics(t *testing.T) {
	e := mustNPM(t)
	defer func() {
		if recover() == nil {
			t.Error("Compare with a foreign version did not panic")
		}
	}()
	e.Compare(mustParseNPM(t, e, "1.0.0"), notNPMVersion{})
}

// notNPMVersion stands for a version of another ecosystem.
type notNPMVersion struct{}

func (notNPMVersion) String() string   { return "1.0.0" }
func (notNPMVersion) Prerelease() bool { return false }

func TestNPMMinorSeries(t *testing.T) {
	e := mustNPM(t)
	for in, want := range map[string]string{"4.17.3": "4.17", "4.17.3-rc.1": "4.17", "0.0.3": "0.0", "v1.2.3+b": "1.2"} {
		v, err := e.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.MinorSeries(v); got != want {
			t.Errorf("MinorSeries(%s) = %q, want %q", in, got, want)
		}
	}
}

// Published advisories write some npm versions short ("14.0"); scanners
// read them padded, and so does patchline for other databases' records.
func TestAsScannersRead(t *testing.T) {
	npm, _ := Lookup("npm")
	pypi, _ := Lookup("PyPI")
	tests := []struct {
		eco  Ecosystem
		in   string
		want string
		ok   bool
	}{
		{npm, "14.0", "14.0.0", true},
		{npm, "15", "15.0.0", true},
		{npm, "v14.0", "14.0.0", true},
		{npm, "14.0.0", "", false}, // valid: nothing to repair
		{npm, "14.0-canary.1", "", false},
		{npm, "14.x", "", false},
		{npm, "01.2", "", false},
		{npm, "14.0\n", "", false},
		{pypi, "14.0", "", false},
	}
	for _, tt := range tests {
		got, ok := AsScannersRead(tt.eco, tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("AsScannersRead(%s, %q) = %q, %v; want %q, %v", tt.eco.Name(), tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// A series ends at the first version of the next one.
func TestSeriesEnd(t *testing.T) {
	npm, _ := Lookup("npm")
	pypi, _ := Lookup("PyPI")
	tests := []struct {
		eco   Ecosystem
		v     string
		minor bool
		want  string
	}{
		{npm, "4.17.3", false, "<5.0.0"},
		{npm, "5.0.0-beta.3", false, "<6.0.0"},
		{npm, "0.10.4", false, "<0.11.0"},
		{npm, "4.17.3", true, "<4.18.0"},
		{pypi, "13.1.2", false, "<14"},
		{pypi, "13.1.2", true, "<13.2"},
		{pypi, "13", true, "<13.1"},
		{pypi, "14.0.0rc1", false, "<15"},
		{pypi, "1!2.0.5", false, "<1!3"},
	}
	for _, tt := range tests {
		v, err := tt.eco.Parse(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		if got := SeriesEnd(tt.eco, v, tt.minor); got != tt.want {
			t.Errorf("SeriesEnd(%s %s, minor %v) = %q, want %q", tt.eco.Name(), tt.v, tt.minor, got, tt.want)
		}
	}
}
