package npmsemver

import (
	"strings"
	"testing"
)

var seedVersions = []string{
	"1.2.3", "v1.2.3", " 1.2.3 ", "=1.2.3", "1.2.3-alpha.1", "1.2.3-0a.00a.--", "1.2.3+build.01",
	"1.2.3-9007199254740993", "9007199254740991.0.0", "9007199254740992.0.0", "01.2.3", "1.2.3-01", "1.2",
	"\u00a01.2.3\ufeff", "1.2.3-" + strings.Repeat("a", 250),
}

var seedRanges = []string{
	"^0.0.3", "^0.0.x", "^0.x", "~1.2", "~> 1.2", "1.2.3 - 2", "1.2 - 2.3", ">=1.0.0-beta <2", "<2.0.0-0",
	"1.x || >=2.5.0", "*", "", " v1.2.3 ", "=1.2.3", ">= 1.2.3 < 2", "<=1.9.9-rc.1 || ~x", "<1.x >=1",
	"1.2.3 - =2.0.0", "1.0.0 - 1.0.9007199254740991", "x.5.6 - 1.2.3", "1.2.3 +a 2", "1.2.3*", "**",
	">=v0.0.0 <=0.0.0-beta", "^9007199254740991.0.0", "1.2.x-" + strings.Repeat("a", 251),
}

// FuzzParseVersion checks that parsing never panics and that the formatted
// version is itself a valid version that parses to an equal one.
func FuzzParseVersion(f *testing.F) {
	for _, s := range seedVersions {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		w, err := Parse(v.String())
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", s, v, err)
		}
		if w.String() != v.String() || Compare(v, w) != 0 || w.Build() != "" {
			t.Fatalf("Parse(%q) = %q, reparsed as %q (compare %d)", s, v, w, Compare(v, w))
		}
		if next := v.IncPatch(); Compare(next, v) <= 0 {
			t.Fatalf("IncPatch(%q) = %q is not above it", v, next)
		}
	})
}

// FuzzCompare checks that the order is antisymmetric and transitive and
// agrees with equality of the formatted versions.
func FuzzCompare(f *testing.F) {
	for i := range seedVersions {
		f.Add(seedVersions[i], seedVersions[(i+1)%len(seedVersions)], seedVersions[(i+5)%len(seedVersions)])
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		va, err1 := Parse(a)
		vb, err2 := Parse(b)
		vc, err3 := Parse(c)
		if err1 != nil || err2 != nil || err3 != nil {
			return
		}
		checkOrder(t, va, vb, vc)
	})
}

// fataler is what checkOrder needs of *testing.T and *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkOrder asserts the order axioms on one triple. Transitivity is only
// asserted when no pre-release has a numeric identifier above 2^53:
// node-semver compares those as rounded JavaScript numbers and stops at the
// first tie, so 1.0.0-9007199254740993.1 = 1.0.0-9007199254740992.2 =
// 1.0.0-9007199254740993.3 while the first is below the last, and this
// package follows it.
func checkOrder(t fataler, a, b, c *Version) {
	t.Helper()
	ab, ba := Compare(a, b), Compare(b, a)
	if ab != -ba {
		t.Fatalf("Compare(%q, %q) = %d but Compare(%q, %q) = %d", a, b, ab, b, a, ba)
	}
	if a.String() == b.String() && ab != 0 {
		t.Fatalf("Compare(%q, %q) = %d for equal formatted versions", a, b, ab)
	}
	if hasUnsafeNumber(a) || hasUnsafeNumber(b) || hasUnsafeNumber(c) {
		return
	}
	bc, ac := Compare(b, c), Compare(a, c)
	if ab <= 0 && bc <= 0 && ac > 0 || ab >= 0 && bc >= 0 && ac < 0 {
		t.Fatalf("not transitive: %q %q %q: %d %d %d", a, b, c, ab, bc, ac)
	}
}

func hasUnsafeNumber(v *Version) bool {
	for _, id := range v.pre {
		if id.numeric && id.num > maxSafeInteger {
			return true
		}
	}
	return false
}

// FuzzParseRange checks that parsing never panics, that the normal form
// (String) is a valid range in the same mode, and that it selects the same
// versions: every version with includePrerelease, and every release by
// default. (By default node-semver drops ">=0.0.0" when it reparses, which
// can change which pre-releases a set admits, so pre-releases are not
// compared there.) It also checks that includePrerelease only ever widens a
// range.
func FuzzParseRange(f *testing.F) {
	for i, r := range seedRanges {
		f.Add(r, seedVersions[i%len(seedVersions)])
	}
	f.Fuzz(func(t *testing.T, s, extra string) {
		var parsed [2]*Range
		for i, o := range []Options{{}, {IncludePrerelease: true}} {
			r, err := ParseRange(s, o)
			if err != nil {
				continue
			}
			parsed[i] = r
			n, err := ParseRange(r.String(), o)
			if err != nil {
				t.Fatalf("ParseRange(%q, %+v) = %q, which does not parse: %v", s, o, r, err)
			}
			for _, v := range probeVersions(r, extra) {
				if (o.IncludePrerelease || !v.Prerelease()) && r.Test(v) != n.Test(v) {
					t.Fatalf("ParseRange(%q, %+v) = %q: Test(%q) = %v, but %v for the normal form",
						s, o, r, v, r.Test(v), n.Test(v))
				}
			}
		}
		if parsed[0] == nil || parsed[1] == nil {
			return
		}
		for _, v := range probeVersions(parsed[0], extra) {
			// node-semver drops ">=0.0.0" in the default mode (replaceGTE0)
			// but, with includePrerelease, only ">=0.0.0-0": "~0.0.0
			// 0.0.0-0" admits 0.0.0-0 by default and not with
			// includePrerelease, in node-semver as here (the seed kept).
			if v.major == 0 && v.minor == 0 && v.patch == 0 && len(v.pre) > 0 {
				continue
			}
			if parsed[0].Test(v) && !parsed[1].Test(v) {
				t.Fatalf("range %q admits %q by default but not with includePrerelease (%q, %q)",
					s, v, parsed[0], parsed[1])
			}
		}
	})
}

// probeVersions returns versions on and next to the bounds of r, and extra
// when it is a valid version.
func probeVersions(r *Range, extra string) []*Version {
	var out []*Version
	if v, err := Parse(extra); err == nil {
		out = append(out, v)
	}
	for _, set := range r.sets {
		for _, c := range set {
			if c.v == nil {
				continue
			}
			out = append(out, c.v, c.v.IncPatch())
			for _, suffix := range []string{"-0", "-alpha", "-alpha.1"} {
				if v, err := Parse(c.v.String() + suffix); err == nil {
					out = append(out, v)
				}
			}
		}
	}
	return out
}
