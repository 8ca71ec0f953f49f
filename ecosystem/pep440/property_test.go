package pep440

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// model is an independent description of a version, from which both a
// spelling and the expected order are derived.
type model struct {
	epoch    int
	release  []int
	preKind  int // 0 none, 1 a, 2 b, 3 rc
	preNum   int
	post     int // -1 none
	dev      int // -1 none
	local    []any
	spelling string
}

var (
	preSpellings = [][]string{nil, {"a", "alpha", "A"}, {"b", "beta", "B"}, {"rc", "c", "pre", "preview", "RC"}}
	seps         = []string{"", ".", "-", "_"}
)

func genModel() *rapid.Generator[model] {
	return rapid.Custom(func(t *rapid.T) model {
		m := model{
			epoch:   rapid.IntRange(0, 2).Draw(t, "epoch"),
			release: rapid.SliceOfN(rapid.IntRange(0, 12), 1, 4).Draw(t, "release"),
			preKind: rapid.IntRange(0, 3).Draw(t, "pre"),
			preNum:  rapid.IntRange(0, 3).Draw(t, "preNum"),
			post:    rapid.IntRange(-1, 2).Draw(t, "post"),
			dev:     rapid.IntRange(-1, 2).Draw(t, "dev"),
		}
		for i := rapid.IntRange(0, 2).Draw(t, "locals"); i > 0; i-- {
			if rapid.Bool().Draw(t, "numeric") {
				m.local = append(m.local, rapid.IntRange(0, 20).Draw(t, "n"))
			} else {
				m.local = append(m.local, rapid.SampledFrom([]string{"abc", "z", "ubuntu", "a1"}).Draw(t, "s"))
			}
		}
		var b strings.Builder
		if rapid.Bool().Draw(t, "v") {
			b.WriteString("v")
		}
		if m.epoch > 0 || rapid.Bool().Draw(t, "explicit epoch") {
			fmt.Fprintf(&b, "%d!", m.epoch)
		}
		for i, r := range m.release {
			if i > 0 {
				b.WriteString(".")
			}
			fmt.Fprintf(&b, "%0*d", rapid.IntRange(1, 3).Draw(t, "width"), r)
		}
		sep := func() string { return rapid.SampledFrom(seps).Draw(t, "sep") }
		if m.preKind > 0 {
			fmt.Fprintf(&b, "%s%s%s%d", sep(), rapid.SampledFrom(preSpellings[m.preKind]).Draw(t, "spelling"), sep(), m.preNum)
		}
		if m.post >= 0 {
			fmt.Fprintf(&b, "%s%s%s%d", sep(), rapid.SampledFrom([]string{"post", "rev", "r", "POST"}).Draw(t, "postSpelling"), sep(), m.post)
		}
		if m.dev >= 0 {
			fmt.Fprintf(&b, "%sdev%s%d", sep(), sep(), m.dev)
		}
		for i, l := range m.local {
			if i == 0 {
				b.WriteString("+")
			} else {
				b.WriteString(rapid.SampledFrom([]string{".", "-", "_"}).Draw(t, "localSep"))
			}
			fmt.Fprint(&b, l)
		}
		m.spelling = b.String()
		return m
	})
}

// compareModels is PEP 440's order written out directly.
func compareModels(a, b model) int {
	if c := cmp.Compare(a.epoch, b.epoch); c != 0 {
		return c
	}
	trim := func(r []int) []int {
		for len(r) > 0 && r[len(r)-1] == 0 {
			r = r[:len(r)-1]
		}
		return r
	}
	if c := slices.Compare(trim(a.release), trim(b.release)); c != 0 {
		return c
	}
	// pre: dev-only releases first, then a < b < rc, then no pre.
	preKey := func(m model) [2]int {
		switch {
		case m.preKind > 0:
			return [2]int{m.preKind, m.preNum}
		case m.post < 0 && m.dev >= 0:
			return [2]int{-1, 0}
		}
		return [2]int{9, 0}
	}
	pa, pb := preKey(a), preKey(b)
	if c := slices.Compare(pa[:], pb[:]); c != 0 {
		return c
	}
	if c := cmp.Compare(a.post, b.post); c != 0 { // none (-1) first
		return c
	}
	devKey := func(m model) int {
		if m.dev < 0 {
			return 1 << 30
		}
		return m.dev
	}
	if c := cmp.Compare(devKey(a), devKey(b)); c != 0 {
		return c
	}
	switch {
	case a.local == nil && b.local == nil:
		return 0
	case a.local == nil:
		return -1
	case b.local == nil:
		return 1
	}
	for i := 0; i < min(len(a.local), len(b.local)); i++ {
		x, xNum := a.local[i].(int)
		y, yNum := b.local[i].(int)
		var c int
		switch {
		case xNum && yNum:
			c = cmp.Compare(x, y)
		case xNum:
			c = 1
		case yNum:
			c = -1
		default:
			c = strings.Compare(a.local[i].(string), b.local[i].(string))
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a.local), len(b.local))
}

func TestOrderProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms := []model{genModel().Draw(t, "a"), genModel().Draw(t, "b"), genModel().Draw(t, "c")}
		vs := make([]Version, len(ms))
		for i, m := range ms {
			v, err := Parse(m.spelling)
			if err != nil {
				t.Fatalf("Parse(%q): %v", m.spelling, err)
			}
			if again := MustParse(v.String()); Compare(v, again) != 0 || again.String() != v.String() {
				t.Fatalf("%q: canonical %q does not round-trip", m.spelling, v)
			}
			vs[i] = v
		}
		for i := range vs {
			for j := range vs {
				got, want := Compare(vs[i], vs[j]), compareModels(ms[i], ms[j])
				if got != want {
					t.Fatalf("Compare(%q, %q) = %d, model says %d", ms[i].spelling, ms[j].spelling, got, want)
				}
			}
		}
		ab, bc, ac := Compare(vs[0], vs[1]), Compare(vs[1], vs[2]), Compare(vs[0], vs[2])
		if ab <= 0 && bc <= 0 && ac > 0 || ab >= 0 && bc >= 0 && ac < 0 {
			t.Fatalf("not transitive: %q %q %q", ms[0].spelling, ms[1].spelling, ms[2].spelling)
		}
	})
}
