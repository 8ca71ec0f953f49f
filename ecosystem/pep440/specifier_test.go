package pep440

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// contains evaluates a specifier set on a version, failing the test on
// invalid input.
func contains(t *testing.T, spec, version string, pre Prereleases) bool {
	t.Helper()
	ss, err := ParseSpecifierSet(spec)
	if err != nil {
		t.Fatal(err)
	}
	return ss.Contains(MustParse(version), pre)
}

// The "tricky cases" of the library evaluation (shared research notes,
// PyPI section), where Go libraries disagree with packaging 24.1. The
// expected values are packaging's, with prereleases=None.
func TestTrickyCases(t *testing.T) {
	for _, tc := range []struct {
		spec, version string
		want          bool
	}{
		{"~=1.4.5", "1.4.9", true},
		{"~=1.4.5", "1.5.0", false},
		{"==1.*", "1.0+local", true},
		{"==1.*", "1.9rc1", false},
		{"!=1.2.*", "1.2.3", false},
		{">1.0", "1.0.post1", false},
		{">1.0", "1.0+local", false},
		{">1.0", "1.1.post1", true},
		{"<2.0", "2.0rc1", false},
		{"<2.0", "1.5rc1", false},
		{">=1.0,<2.0", "1.5a1", false},
		{">=1.0a1", "1.5a1", true},
		{"==1.0+local", "1.0", false},
		{"==1.0", "1.0+local", true},
		{">=1!2.0", "3.0", false},
		{"==1!2.*", "1!2.0", true},
		{"<=2.0rc1", "2.0b1", true},
		{"===1.0", "1.0.0", false},
		{">=1.0", "1.0.dev0", false},
		{"!=1.0", "1.0.0", false},
	} {
		if got := contains(t, tc.spec, tc.version, PrereleasesDefault); got != tc.want {
			t.Errorf("%q contains %q = %t, packaging %t", tc.spec, tc.version, got, tc.want)
		}
	}
}

// Rules and quirks of packaging 24.1 that the implementation reproduces.
func TestSpecifierSemantics(t *testing.T) {
	for _, tc := range []struct {
		name, spec, version string
		pre                 Prereleases
		want                bool
	}{
		{"pre-releases admitted", "<2.0", "1.5rc1", PrereleasesInclude, true},
		{"<V never admits V's pre-releases", "<2.0", "2.0rc1", PrereleasesInclude, false},
		{"<V admits them when V is one", "<2.0rc2", "2.0rc1", PrereleasesInclude, true},
		{">V never admits V's post releases", ">1.0", "1.0.post1", PrereleasesInclude, false},
		{">V admits them when V is one", ">1.0.post1", "1.0.post2", PrereleasesDefault, true},
		{"!= does not opt in", "!=1.0a1", "0.9a1", PrereleasesDefault, false},
		{"one opt-in admits for the whole set", ">=1.0a1,!=1.5", "1.6b1", PrereleasesDefault, true},
		{"excluded", ">=1.0a1", "1.6b1", PrereleasesExclude, false},
		{"empty set, final", "", "1.0", PrereleasesDefault, true},
		{"empty set, pre-release", "", "1.0a1", PrereleasesDefault, false},
		{"empty set, pre-release admitted", "", "1.0a1", PrereleasesInclude, true},
		{"dev release is a pre-release", ">=1.0", "1.1.dev0", PrereleasesDefault, false},
		{"=== compares the canonical form", "===1.0.0", "v1.0.0", PrereleasesDefault, true},
		{"=== ignores case", "===1.0+ABC", "1.0+abc", PrereleasesDefault, true},
		{"=== is not version equality", "===1.0", "1.0.0", PrereleasesDefault, false},
		{"=== of a non-version matches nothing", "===foo", "1.0", PrereleasesInclude, false},
		{"=== of a non-version does not opt in", "===1.*,>=0", "1.0a1", PrereleasesDefault, false},
		{"== ignores the candidate's local", "==1.0", "1.0+abc", PrereleasesDefault, true},
		{"== with a local needs it", "==1.0+abc", "1.0+ABC", PrereleasesDefault, true},
		{"prefix pads with zeros", "==1.0.0.*", "1", PrereleasesDefault, true},
		{"prefix respects epochs", "==2.*", "1!2.0", PrereleasesDefault, false},
		{"~= keeps the prefix", "~=2.2", "2.9", PrereleasesDefault, true},
		{"~= keeps the prefix (2)", "~=2.2", "3.0", PrereleasesDefault, false},
		{"~= ignores a pre-release suffix", "~=1.4rc1", "1.5", PrereleasesDefault, true},
		{"~= prefix from an upper-case spelling", "~=1.4.A1", "1.5", PrereleasesDefault, false},
		{"~= prefix from a c spelling", "~=1.4c1", "1.5", PrereleasesDefault, false},
		{"~= prefix from an r spelling", "~=1.4.r1", "1.5", PrereleasesDefault, false},
		{"~= with a v prefix matches nothing", "~=v1.4.5", "1.4.6", PrereleasesDefault, false},
		{"~= without a v prefix", "~=1.4.5", "1.4.6", PrereleasesDefault, true},
		{"duplicate === keeps the first", "===1.0.0,===1", "1.0.0", PrereleasesDefault, true},
		{"duplicate === keeps the first (2)", "===1,===1.0.0", "1.0.0", PrereleasesDefault, false},
		{"whitespace and empty items", " >= 1.0 ,, < 2 ,", "1.5", PrereleasesDefault, true},
	} {
		if got := contains(t, tc.spec, tc.version, tc.pre); got != tc.want {
			t.Errorf("%s: %q contains %q (%v) = %t, want %t", tc.name, tc.spec, tc.version, tc.pre, got, tc.want)
		}
	}
}

func TestSpecifierSetString(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		n        int
		pre      Prereleases
	}{
		{"", "", 0, PrereleasesDefault},
		{" , ", "", 0, PrereleasesDefault},
		{">=1.0.0, !=1.0.1", "!=1.0.1,>=1.0.0", 2, PrereleasesExclude},
		{"<2,>=1.0a1", "<2,>=1.0a1", 2, PrereleasesInclude},
		{"== 1.0 ,==1", "==1.0", 1, PrereleasesExclude},
		{"~=1.0,~=1.0.0", "~=1.0,~=1.0.0", 2, PrereleasesExclude},
		{"===1.0.0,===1", "===1.0.0", 1, PrereleasesExclude},
		{"===", "===", 1, PrereleasesExclude},
	} {
		ss, err := ParseSpecifierSet(tc.in)
		if err != nil {
			t.Errorf("ParseSpecifierSet(%q): %v", tc.in, err)
			continue
		}
		if ss.String() != tc.want || ss.Len() != tc.n || ss.Prereleases() != tc.pre {
			t.Errorf("ParseSpecifierSet(%q) = %q (len %d, %v), want %q (len %d, %v)", tc.in, ss, ss.Len(), ss.Prereleases(), tc.want, tc.n, tc.pre)
		}
	}
}

func TestSpecifierInvalid(t *testing.T) {
	for _, tc := range []struct{ in, reason string }{
		{"~=1", "~= needs at least two release numbers, as in ~=1.0"},
		{"==1.0a1.*", `prefix match "1.0a1.*": only a release (with optional epoch) may precede .*`},
		{"<1.*", `prefix match "1.*" is only allowed with == and !=`},
		{">=1.0+local", `local version label "+local" is only allowed with == and !=`},
		{"1.0", "missing operator (one of ~= == != <= >= < > ===)"},
		{"=>1.0", "missing operator (one of ~= == != <= >= < > ===)"},
		{">=", "missing version after >="},
		{">=1.0 <2", `version "1.0 <2": unexpected ' ' at offset 3 of "1.0 <2"`},
		{"===1.0)", `=== operand "1.0)" must not contain ')'`},
		{"~=1.0.x", `version "1.0.x": unexpected '.' at offset 3 of "1.0.x"`},
	} {
		_, err := ParseSpecifier(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseSpecifier(%q) = %v, want *ParseError", tc.in, err)
			continue
		}
		want := &ParseError{Kind: "specifier", Input: tc.in, Reason: tc.reason}
		if diff := cmp.Diff(want, pe); diff != "" {
			t.Errorf("ParseSpecifier(%q) mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
	_, err := ParseSpecifierSet(">=1.0, <2.*")
	want := `invalid PEP 440 specifier set ">=1.0, <2.*": specifier "<2.*": prefix match "2.*" is only allowed with == and !=`
	if err == nil || err.Error() != want {
		t.Errorf("ParseSpecifierSet error = %v, want %s", err, want)
	}
}

func TestSpecifierAccessors(t *testing.T) {
	s, err := ParseSpecifier("  ~= 1.4.5rc1 ")
	if err != nil {
		t.Fatal(err)
	}
	if s.Operator() != OpCompatible || s.Version() != "1.4.5rc1" || s.String() != "~=1.4.5rc1" || !s.Prereleases() {
		t.Errorf("accessors: %v %q %q %t", s.Operator(), s.Version(), s, s.Prereleases())
	}
	ss := MustParseSpecifierSet(">=1,<2")
	got := []string{}
	for _, s := range ss.Specifiers() {
		got = append(got, s.String())
	}
	if !cmp.Equal(got, []string{">=1", "<2"}) {
		t.Errorf("Specifiers() = %q, want input order", got)
	}
	if Operator(0).String() != "Operator(0)" || OpArbitrary.String() != "===" {
		t.Error("Operator.String")
	}
}

func TestFilter(t *testing.T) {
	vs := []Version{MustParse("1.3"), MustParse("1.5a1"), MustParse("1.4"), MustParse("2.0b1")}
	pres := []Version{MustParse("1.5a1"), MustParse("2.0b1")}
	for _, tc := range []struct {
		name string
		got  []int
		want []int
	}{
		{"set default", MustParseSpecifierSet(">=1.2").Filter(vs, PrereleasesDefault), []int{0, 2}},
		{"set include", MustParseSpecifierSet(">=1.2").Filter(vs, PrereleasesInclude), []int{0, 1, 2, 3}},
		{"set opt-in", MustParseSpecifierSet(">=1.5a1").Filter(vs, PrereleasesDefault), []int{1, 3}},
		{"set: no fallback in packaging 24.1", MustParseSpecifierSet(">=1.5").Filter(vs, PrereleasesDefault), nil},
		{"empty set default", MustParseSpecifierSet("").Filter(vs, PrereleasesDefault), []int{0, 2}},
		{"empty set falls back", MustParseSpecifierSet("").Filter(pres, PrereleasesDefault), []int{0, 1}},
		{"empty set excluded", MustParseSpecifierSet("").Filter(pres, PrereleasesExclude), nil},
		{"specifier falls back", mustSpec(t, ">1.4").Filter(vs, PrereleasesDefault), []int{1, 3}},
		{"specifier prefers finals", mustSpec(t, ">=1.4").Filter(vs, PrereleasesDefault), []int{2}},
		{"specifier excluded", mustSpec(t, ">=1.5").Filter(vs, PrereleasesExclude), nil},
		{"specifier included", mustSpec(t, ">=1.4").Filter(vs, PrereleasesInclude), []int{1, 2, 3}},
	} {
		if !cmp.Equal(tc.got, tc.want) {
			t.Errorf("%s: Filter = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func mustSpec(t *testing.T, s string) Specifier {
	t.Helper()
	spec, err := ParseSpecifier(s)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func TestSpecifierContains(t *testing.T) {
	s := mustSpec(t, ">=1.0a1")
	if !s.Contains(MustParse("1.0b1"), PrereleasesDefault) || s.Contains(MustParse("1.0b1"), PrereleasesExclude) {
		t.Error("Specifier.Contains pre-release rule")
	}
	if mustSpec(t, ">=1.0").Contains(MustParse("1.0b1"), PrereleasesInclude) {
		t.Error(">=1.0 contains 1.0b1")
	}
}
