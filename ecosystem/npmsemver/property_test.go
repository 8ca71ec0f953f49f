package npmsemver

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// versionGen draws valid versions biased towards shared prefixes, so that
// pre-release precedence decides many comparisons. With unsafe, numeric
// pre-release identifiers above 2^53 occur too.
func versionGen(unsafe bool) *rapid.Generator[*Version] {
	num := rapid.SampledFrom([]string{"0", "1", "2", "10", "9007199254740991"})
	ids := []string{"0", "1", "2", "10", "9007199254740991", "a", "alpha", "beta", "rc", "-", "0a", "Z"}
	if unsafe {
		ids = append(ids, "9007199254740992", "9007199254740993")
	}
	id := rapid.SampledFrom(ids)
	return rapid.Custom(func(t *rapid.T) *Version {
		s := num.Draw(t, "major") + "." + num.Draw(t, "minor") + "." + num.Draw(t, "patch")
		if n := rapid.IntRange(0, 3).Draw(t, "pre"); n > 0 {
			ids := make([]string, n)
			for i := range ids {
				ids[i] = id.Draw(t, "id")
			}
			s += "-" + strings.Join(ids, ".")
		}
		if rapid.Bool().Draw(t, "build") {
			s += "+b"
		}
		return MustParse(s)
	})
}

func TestOrderProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := versionGen(rapid.Bool().Draw(t, "unsafe"))
		a, b, c := g.Draw(t, "a"), g.Draw(t, "b"), g.Draw(t, "c")
		checkOrder(t, a, b, c)
	})
}

func TestRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := versionGen(true).Draw(t, "v")
		prefix := rapid.SampledFrom([]string{"", "v", " ", "\t v", "\u00a0"}).Draw(t, "prefix")
		w, err := Parse(prefix + v.String())
		if err != nil {
			t.Fatalf("Parse(%q): %v", prefix+v.String(), err)
		}
		if Compare(v, w) != 0 || w.String() != v.String() {
			t.Fatalf("%q reparsed as %q", v, w)
		}
	})
}

// Sorting with Compare and checking every adjacent pair agrees with a
// pairwise check catches orders that are not total.
func TestSortProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vs := rapid.SliceOfN(versionGen(false), 2, 30).Draw(t, "vs")
		slices.SortStableFunc(vs, Compare)
		for i := range vs {
			for j := i + 1; j < len(vs); j++ {
				if Compare(vs[i], vs[j]) > 0 {
					t.Fatalf("after sorting, %q > %q", vs[i], vs[j])
				}
			}
		}
	})
}

// A caret range over a release admits exactly the releases from it up to,
// excluding, the next breaking one.
func TestCaretProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.Uint64Range(0, 3)
		base := MustParse(fmtVersion(n.Draw(t, "M"), n.Draw(t, "m"), n.Draw(t, "p")))
		v := MustParse(fmtVersion(n.Draw(t, "vM"), n.Draw(t, "vm"), n.Draw(t, "vp")))
		r, err := ParseRange("^"+base.String(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var upper *Version
		switch {
		case base.Major() > 0:
			upper = MustParse(fmtVersion(base.Major()+1, 0, 0))
		case base.Minor() > 0:
			upper = MustParse(fmtVersion(0, base.Minor()+1, 0))
		default:
			upper = MustParse(fmtVersion(0, 0, base.Patch()+1))
		}
		want := Compare(v, base) >= 0 && Compare(v, upper) < 0
		if got := r.Test(v); got != want {
			t.Fatalf("^%s Test(%s) = %v, want %v", base, v, got, want)
		}
	})
}

func fmtVersion(m, n, p uint64) string {
	return fmt.Sprintf("%d.%d.%d", m, n, p)
}
