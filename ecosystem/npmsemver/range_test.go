package npmsemver

import (
	"errors"
	"testing"
)

// The tricky cases of the library evaluation: ranges on which Go semver
// libraries disagree with node-semver.
func TestSatisfiesTricky(t *testing.T) {
	tests := []struct {
		rng, ver    string
		def, incPre bool
	}{
		{"^0.0.3", "0.0.4", false, false},
		{"^0.0.3", "0.0.3", true, true},
		{"^0.2.3", "0.3.0", false, false},
		{"~1.2", "1.2.9", true, true},
		{"~1.2", "1.3.0", false, false},
		{"1.x || >=2.5.0", "2.4.0", false, false},
		{"1.x || >=2.5.0", "3.0.0", true, true},
		{"1.2.3 - 2.3.4", "2.3.4", true, true},
		{"1.2 - 2.3", "2.3.9", true, true},
		{">=1.0.0-beta <2", "1.0.0-rc.1", true, true},
		{">=1.0.0-beta <2", "1.5.0-rc.1", false, true},
		{"<2.0.0", "2.0.0-rc.1", false, true},
		{"^1.2.3", "1.2.4+build.7", true, true},
		{"=1.2.3", "1.2.3", true, true},
		{"v1.2.3", "1.2.3", true, true},
		{">1.2.3-alpha.3", "1.2.3-alpha.7", true, true},
		{">1.2.3-alpha.3", "3.4.5-alpha.9", false, true},
		{"*", "1.0.0-rc.1", false, true},
		{"", "1.0.0", true, true},
		{"<1.x >=1", "1.0.0", false, false},
		{">=1 <1.x", "1.0.0", false, false},
		// node-semver collapses A || * to *, which then excludes
		// pre-releases that A alone would admit.
		{"<=1.9.9-rc.1 || ~x", "1.9.9-0", false, true},
		{"<=1.9.9-rc.1", "1.9.9-0", true, true},
		// A null set disappears next to other alternatives.
		{"<0.0.0-0 || 1.2.3", "1.2.3", true, true},
		{"<x", "0.0.0", false, false},
		// ^0.0.x and ^0.x stay within their minor and major.
		{"^0.0.x", "0.0.9", true, true},
		{"^0.0.x", "0.1.0", false, false},
		{"^0.x", "0.99.0", true, true},
		{"^0.x", "1.0.0", false, false},
		// With includePrerelease, lower bounds of partial ranges start at -0.
		{"~1.2", "1.2.0-alpha", false, true},
		{"1.2.3 - 2", "1.2.3-alpha", false, true},
		{"1.2.3 - 2", "2.9.9-alpha", false, true},
		{"1.2 - 2", "1.2.0-alpha", false, true},
		{"<2.0.0-0", "2.0.0-0", false, false},
		{"<2.0.0-0", "1.9.9-alpha", false, true},
		{"^1.2.3-beta.2", "1.2.3-beta.4", true, true},
		{"^1.2.3-beta.2", "1.2.4-beta.4", false, true},
		{">=0.0.0", "0.0.0-alpha", false, false},
		{"1.2.3*", "1.2.3", true, true},
		{"1.2.3 +a 2", "1.2.3", false, false},
	}
	for _, tt := range tests {
		v := MustParse(tt.ver)
		for _, mode := range []struct {
			o    Options
			want bool
		}{{Options{}, tt.def}, {Options{IncludePrerelease: true}, tt.incPre}} {
			r, err := ParseRange(tt.rng, mode.o)
			if err != nil {
				t.Errorf("ParseRange(%q, %+v): %v", tt.rng, mode.o, err)
				continue
			}
			if got := r.Test(v); got != mode.want {
				t.Errorf("ParseRange(%q, %+v).Test(%s) = %v, want %v (desugared %q)", tt.rng, mode.o, tt.ver, got, mode.want, r)
			}
			if got := Satisfies(v, tt.rng, mode.o); got != mode.want {
				t.Errorf("Satisfies(%s, %q, %+v) = %v, want %v", tt.ver, tt.rng, mode.o, got, mode.want)
			}
		}
	}
}

func TestParseRangeNormalForm(t *testing.T) {
	tests := []struct{ in, def, incPre string }{
		{"^1.2.3", ">=1.2.3 <2.0.0-0", ">=1.2.3 <2.0.0-0"},
		{"^0.2.3", ">=0.2.3 <0.3.0-0", ">=0.2.3 <0.3.0-0"},
		{"^0.0.3", ">=0.0.3 <0.0.4-0", ">=0.0.3 <0.0.4-0"},
		{"^0.0.x", "<0.1.0-0", "<0.1.0-0"}, // >=0.0.0 is dropped as "any"
		{"^0.x", "<1.0.0-0", "<1.0.0-0"},
		{"^1.2.3-beta", ">=1.2.3-beta <2.0.0-0", ">=1.2.3-beta <2.0.0-0"},
		{"^ v1.2", ">=1.2.0 <2.0.0-0", ">=1.2.0-0 <2.0.0-0"},
		{"~1.2", ">=1.2.0 <1.3.0-0", ">=1.2.0-0 <1.3.0-0"},
		{"~> 1.2.3", ">=1.2.3 <1.3.0-0", ">=1.2.3 <1.3.0-0"},
		{"~1", ">=1.0.0 <2.0.0-0", ">=1.0.0-0 <2.0.0-0"},
		{"1.x || >=2.5.0", ">=1.0.0 <2.0.0-0||>=2.5.0", ">=1.0.0-0 <2.0.0-0||>=2.5.0"},
		{"1.2.3 - 2.3.4", ">=1.2.3 <=2.3.4", ">=1.2.3-0 <2.3.5-0"},
		{"1.2 - 2.3", ">=1.2.0 <2.4.0-0", ">=1.2.0-0 <2.4.0-0"},
		{"1.2.3 - 2", ">=1.2.3 <3.0.0-0", ">=1.2.3-0 <3.0.0-0"},
		{"* - 2", "<3.0.0-0", "<3.0.0-0"},
		{">= 1.2.3  <  2", ">=1.2.3 <2.0.0-0", ">=1.2.3 <2.0.0-0"},
		{">1.2", ">=1.3.0", ">=1.3.0-0"},
		{"<=1.2", "<1.3.0-0", "<1.3.0-0"},
		{">*", "<0.0.0-0", "<0.0.0-0"},
		{"=1.x", ">=1.0.0 <2.0.0-0", ">=1.0.0-0 <2.0.0-0"},
		{"*", "", ""},
		{"", "", ""},
		{"x || 1.2.3", "", ""},
		{">=0.0.0", "", ">=0.0.0"},
		{">=0.0.0-0", ">=0.0.0-0", ""},
		{"1.2.3 1.2.3 >=1.2.3", "1.2.3 >=1.2.3", "1.2.3 >=1.2.3"},
		{"1.2.3 <0.0.0-0 2", "<0.0.0-0", "<0.0.0-0"},
		{"<0.0.0-0 || <0.0.0-0", "<0.0.0-0", "<0.0.0-0"},
		{">=1.2.3+build <2+b", ">=1.2.3 <2.0.0-0", ">=1.2.3 <2.0.0-0"},
		{"\u00a0^1.2.3\t||\n2", ">=1.2.3 <2.0.0-0||>=2.0.0 <3.0.0-0", ">=1.2.3 <2.0.0-0||>=2.0.0-0 <3.0.0-0"},
		{"x.5.6 - 1.2.3", "<=1.2.3", "<1.2.4-0"},
		{"1.2.3*", "1.2.3", "1.2.3"},
	}
	for _, tt := range tests {
		for _, mode := range []struct {
			o    Options
			want string
		}{{Options{}, tt.def}, {Options{IncludePrerelease: true}, tt.incPre}} {
			r, err := ParseRange(tt.in, mode.o)
			if err != nil {
				t.Errorf("ParseRange(%q, %+v): %v", tt.in, mode.o, err)
				continue
			}
			if r.String() != mode.want {
				t.Errorf("ParseRange(%q, %+v) = %q, want %q", tt.in, mode.o, r, mode.want)
			}
			if r.IncludePrerelease() != mode.o.IncludePrerelease {
				t.Errorf("ParseRange(%q, %+v).IncludePrerelease() = %v", tt.in, mode.o, r.IncludePrerelease())
			}
		}
	}
}

func TestParseRangeInvalid(t *testing.T) {
	tests := []struct {
		in             string
		validWithIncPr bool
	}{
		{in: ">"},
		{in: ">="},
		{in: "<"},
		{in: "=="},
		{in: "==1.2.3"},
		{in: "v=1.2.3"}, // "v=" is only a prefix inside ^, ~ and x-ranges
		{in: "1.x.3"},
		{in: "x.1"},
		{in: "**"},
		{in: "1.2.3.4"},
		{in: "01.2.3"},
		{in: "1.2.3-01"},
		{in: "latest"},
		{in: "1 | 2"},
		{in: "1.2.3 -2.3.4"},
		{in: "1.2.3 - 2.3.4 - 3"},
		{in: "=1.2.3 - 2"},
		{in: "^9007199254740991.0.0"}, // the upper bound overflows
		{in: "^999999999999999999999"},
		{in: ">=1.2.3\u0085"},
		// Accepted only with includePrerelease, whose desugaring drops the
		// bad text.
		{in: "1.2.3 - =2.0.0", validWithIncPr: true},
	}
	for _, tt := range tests {
		r, err := ParseRange(tt.in, Options{})
		if err == nil {
			t.Errorf("ParseRange(%q) = %q, want error", tt.in, r)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Kind != "range" || e.Input != tt.in || e.Reason == "" {
			t.Errorf("ParseRange(%q) error = %#v, want *Error for the input with a reason", tt.in, err)
		}
		if _, err := ParseRange(tt.in, Options{IncludePrerelease: true}); (err == nil) != tt.validWithIncPr {
			t.Errorf("ParseRange(%q, includePrerelease) error = %v, want valid %v", tt.in, err, tt.validWithIncPr)
		}
		if Satisfies(MustParse("1.2.3"), tt.in, Options{}) {
			t.Errorf("Satisfies(1.2.3, %q) = true for an invalid range", tt.in)
		}
	}
	// The reverse: valid by default, rejected with includePrerelease.
	if _, err := ParseRange("1.0.0 - 1.0.9007199254740991", Options{}); err != nil {
		t.Errorf("default mode: %v", err)
	}
	if _, err := ParseRange("1.0.0 - 1.0.9007199254740991", Options{IncludePrerelease: true}); err == nil {
		t.Errorf("includePrerelease: want error for the overflowing upper bound")
	}
}

func TestParseRangeErrorMessage(t *testing.T) {
	_, err := ParseRange(">=1.2.3 <=1.x.3", Options{})
	want := `invalid npm range ">=1.2.3 <=1.x.3": invalid comparator "<=1.x.3": minor version "x" is not a number`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestRangeRaw(t *testing.T) {
	r, err := ParseRange(" >=1.2.3 \t <2 ", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Raw(), ">=1.2.3 <2"; got != want {
		t.Errorf("Raw() = %q, want %q", got, want)
	}
}

// A release line delimited by a range keeps the pre-releases of its
// exclusive upper bound out: they lead up to the next line (design §2.3).
func TestRangeInLine(t *testing.T) {
	tests := []struct {
		rng, v string
		want   bool
	}{
		{">=4.0.0-rc1 <5.0.0", "4.0.0-rc1", true},
		{">=4.0.0-rc1 <5.0.0", "4.1.0-beta.1", true},
		{">=4.0.0-rc1 <5.0.0", "4.21.2", true},
		{">=4.0.0-rc1 <5.0.0", "5.0.0-alpha.1", false},
		{">=4.0.0-rc1 <5.0.0", "5.0.0-beta.3", false},
		{">=4.0.0 <5.0.0-beta.1", "5.0.0-alpha.1", true}, // the bound is a pre-release itself
		{"4.x", "5.0.0-alpha.1", false},
		{"^4.0.0", "4.2.0-rc.1", true},
		{">=5.0.0-alpha.1 <6.0.0", "5.0.0-beta.3", true},
		{"<5.0.0 || >=6.0.0", "5.0.0-rc.1", false},
		{"<5.0.0 || >=5.0.0-rc.0", "5.0.0-rc.1", true},
	}
	for _, tt := range tests {
		r, err := ParseRange(tt.rng, Options{IncludePrerelease: true})
		if err != nil {
			t.Fatal(err)
		}
		v, err := Parse(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.TestInLine(v); got != tt.want {
			t.Errorf("%q TestInLine(%s) = %v, want %v", tt.rng, tt.v, got, tt.want)
		}
	}
}
