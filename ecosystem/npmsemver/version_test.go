package npmsemver

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		want  string // formatted; "" when invalid
		pre   []string
		build string
	}{
		{in: "1.2.3", want: "1.2.3"},
		{in: "v1.2.3", want: "1.2.3"},
		{in: "  v1.2.3\t\n", want: "1.2.3"},
		{in: "\u00a0\ufeff1.2.3\u3000", want: "1.2.3"}, // JavaScript trim() whitespace
		{in: "1.2.3-alpha.1", want: "1.2.3-alpha.1", pre: []string{"alpha", "1"}},
		{in: "1.2.3-0a.00a.0-1.--", want: "1.2.3-0a.00a.0-1.--", pre: []string{"0a", "00a", "0-1", "--"}},
		{in: "1.2.3+build.01", want: "1.2.3", build: "build.01"},
		{in: "v1.2.3-rc.1+exp.sha.5114f85", want: "1.2.3-rc.1", pre: []string{"rc", "1"}, build: "exp.sha.5114f85"},
		{in: "9007199254740991.0.0", want: "9007199254740991.0.0"},
		{in: "1.2.3-9007199254740993", want: "1.2.3-9007199254740993", pre: []string{"9007199254740993"}},
		{in: "1.2.3-" + strings.Repeat("a", 250), want: "1.2.3-" + strings.Repeat("a", 250), pre: []string{strings.Repeat("a", 250)}},

		// Prefixes only ranges accept, or no one.
		{in: "=1.2.3"},
		{in: "v=1.2.3"},
		{in: "==1.2.3"},
		{in: "vv1.2.3"},
		{in: "V1.2.3"},
		{in: "v 1.2.3"},
		{in: "\u00851.2.3"}, // NEL is not JavaScript whitespace
		// Shapes.
		{in: ""},
		{in: "1.2"},
		{in: "1"},
		{in: "1.2.3.4"},
		{in: "1.x.3"},
		{in: "01.2.3"},
		{in: "1.02.3"},
		{in: "1.2.03"},
		{in: "1.2.3-01"},
		{in: "1.2.3-"},
		{in: "1.2.3-a..b"},
		{in: "1.2.3+"},
		{in: "1.2.3+a..b"},
		{in: "1.2.3-a_b"},
		{in: "1.2.3-é"},
		{in: "1.2.3 4"},
		// Limits.
		{in: "9007199254740992.0.0"},
		{in: "0.0.99999999999999999999"},
		{in: strings.Repeat(" ", 251) + "1.2.3", want: "1.2.3"}, // 256 characters
		{in: strings.Repeat(" ", 252) + "1.2.3"},                // 257
		{in: strings.Repeat("\u00a0", 252) + "1.2.3"},           // 257 UTF-16 units
		{in: "1.2.3-" + strings.Repeat("a", 251)},               // 257
		{in: "1.2.3+" + strings.Repeat("b", 250), want: "1.2.3", build: strings.Repeat("b", 250)},
		{in: "\xff1.2.3"}, // not UTF-8
	}
	for _, tt := range tests {
		v, err := Parse(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("Parse(%q) = %q, want error", tt.in, v)
				continue
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != "version" || e.Input != tt.in || e.Reason == "" {
				t.Errorf("Parse(%q) error = %#v, want *Error for the input with a reason", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if v.String() != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, v, tt.want)
		}
		if diff := cmp.Diff(tt.pre, v.PrereleaseIdentifiers(), cmpEmpty); diff != "" {
			t.Errorf("Parse(%q) pre-release (-want +got):\n%s", tt.in, diff)
		}
		if v.Prerelease() != (len(tt.pre) > 0) {
			t.Errorf("Parse(%q).Prerelease() = %v", tt.in, v.Prerelease())
		}
		if v.Build() != tt.build {
			t.Errorf("Parse(%q).Build() = %q, want %q", tt.in, v.Build(), tt.build)
		}
	}
}

var cmpEmpty = cmp.Comparer(func(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return cmp.Equal([]string(a), []string(b))
})

func TestParseErrorMessage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"01.2.3", `invalid npm version "01.2.3": major version "01" has a leading zero`},
		{"1.2.3-01", `invalid npm version "1.2.3-01": numeric pre-release identifier "01" has a leading zero`},
		{"1.2", `invalid npm version "1.2": "1.2" is not of the form MAJOR.MINOR.PATCH`},
		{"=1.2.3", `invalid npm version "=1.2.3": major version "=1" is not a number`},
		{"1.9007199254740992.0", `invalid npm version "1.9007199254740992.0": minor version 9007199254740992 is larger than 9007199254740991`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	// Ascending, as semver.org's precedence example and node-semver's
	// numeric-below-alphanumeric rule order them.
	ascending := []string{
		"0.0.0-0", "0.0.0", "0.0.1", "0.1.0", "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-a",
		"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.3-Z", "1.2.3-a", "1.2.3", "1.10.0", "2.0.0",
		"10.0.0", "9007199254740991.0.0",
	}
	for i, a := range ascending {
		for j, b := range ascending {
			want := cmpUint(uint64(i), uint64(j))
			if got := Compare(MustParse(a), MustParse(b)); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestCompareEqual(t *testing.T) {
	tests := []struct{ a, b string }{
		{"1.2.3+a", "1.2.3+b"}, // build metadata is ignored
		{"v1.2.3", " 1.2.3 "},
		// Above 2^53 numeric identifiers compare as rounded JavaScript
		// numbers, and node-semver stops at the first such tie.
		{"1.2.3-9007199254740993", "1.2.3-9007199254740992"},
		{"1.2.3-9007199254740993.1", "1.2.3-9007199254740992.2"},
	}
	for _, tt := range tests {
		if got := Compare(MustParse(tt.a), MustParse(tt.b)); got != 0 {
			t.Errorf("Compare(%q, %q) = %d, want 0", tt.a, tt.b, got)
		}
	}
}

// node-semver's order is not transitive on numeric pre-release identifiers
// above 2^53; this package reproduces it rather than inventing an order npm
// does not use.
func TestCompareUnsafeNumbersNotTransitive(t *testing.T) {
	a, b, c := MustParse("1.0.0-9007199254740993.1"), MustParse("1.0.0-9007199254740992.2"), MustParse("1.0.0-9007199254740993.3")
	got := []int{Compare(a, b), Compare(b, c), Compare(a, c)}
	if diff := cmp.Diff([]int{0, 0, -1}, got); diff != "" {
		t.Errorf("Compare (-node-semver +got):\n%s", diff)
	}
}

func TestIncPatch(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.2.3", "1.2.4"},
		{"1.2.3+build", "1.2.4"},
		{"1.2.3-rc.1", "1.2.3"},
		{"1.2.0-0", "1.2.0"},
		{"0.0.0", "0.0.1"},
		{"0.10.9", "0.10.10"},
	}
	for _, tt := range tests {
		v := MustParse(tt.in)
		got := v.IncPatch()
		if got.String() != tt.want || got.Prerelease() || got.Build() != "" {
			t.Errorf("%s.IncPatch() = %q (pre %v, build %q), want %q", tt.in, got, got.Prerelease(), got.Build(), tt.want)
		}
		if v.String() != MustParse(tt.in).String() {
			t.Errorf("IncPatch modified its receiver: %q", v)
		}
		if Compare(got, MustParse(tt.want)) != 0 {
			t.Errorf("%s.IncPatch() does not compare equal to %s", tt.in, tt.want)
		}
	}
}

func TestAccessors(t *testing.T) {
	v := MustParse("v3.14.159-rc.2+sha")
	got := []any{v.Major(), v.Minor(), v.Patch(), v.PrereleaseIdentifiers(), v.Build()}
	want := []any{uint64(3), uint64(14), uint64(159), []string{"rc", "2"}, "sha"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accessors (-want +got):\n%s", diff)
	}
}
