package pep440

import (
	"strconv"
	"strings"
	"testing"
)

// The conformance tests hold this package to packaging 24.1 on the
// committed corpus: every cell must agree. Cells where packaging raises are
// marked in the corpus and carry the answer this package documents instead.

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func bigString(v interface{ String() string }, present bool) string {
	if !present {
		return "-"
	}
	return v.String()
}

func TestConformanceVersions(t *testing.T) {
	m := &mismatches{t: t, name: "versions.tsv"}
	for _, row := range readCorpus(t, "versions.tsv") {
		in, status := unescape(t, row[0]), row[1]
		v, err := Parse(in)
		if status == "invalid" {
			m.check(err != nil, "Parse(%q) = %q, packaging: invalid", in, v)
			continue
		}
		if err != nil {
			m.check(false, "Parse(%q): %v, packaging: %q", in, err, unescape(t, row[2]))
			continue
		}
		var flags strings.Builder
		for _, f := range []struct {
			c  byte
			on bool
		}{{'p', v.IsPrerelease()}, {'P', v.IsPostRelease()}, {'d', v.IsDevRelease()}} {
			if f.on {
				flags.WriteByte(f.c)
			}
		}
		var rel []string
		for _, n := range v.Release() {
			rel = append(rel, n.String())
		}
		letter, preNum := v.Pre()
		pre := "-"
		if letter != "" {
			pre = letter + preNum.String()
		}
		got := []string{
			v.String(), v.Public().String(), v.BaseVersion().String(), dash(flags.String()),
			v.Epoch().String(), strings.Join(rel, "."), pre,
			bigString(v.Post(), v.Post() != nil), bigString(v.Dev(), v.Dev() != nil), dash(v.Local()),
		}
		for i, want := range row[2:] {
			want = unescape(t, want)
			m.check(got[i] == want, "Parse(%q) field %d = %q, packaging %q (status %s)", in, i+2, got[i], want, status)
		}
		if s := v.Original(); s != in {
			t.Errorf("Parse(%q).Original() = %q", in, s)
		}
	}
	m.done(7000)
}

func TestConformanceOrdering(t *testing.T) {
	m := &mismatches{t: t, name: "ordering.tsv"}
	cache := map[string]Version{}
	parsed := func(s string) Version {
		v, ok := cache[s]
		if !ok {
			var err error
			if v, err = Parse(s); err != nil {
				t.Fatalf("ordering corpus holds invalid version %q: %v", s, err)
			}
			cache[s] = v
		}
		return v
	}
	for _, row := range readCorpus(t, "ordering.tsv") {
		a, b := parsed(unescape(t, row[0])), parsed(unescape(t, row[1]))
		want, err := strconv.Atoi(row[2])
		if err != nil {
			t.Fatal(err)
		}
		m.check(Compare(a, b) == want, "Compare(%q, %q) = %d, packaging %d", a.Original(), b.Original(), Compare(a, b), want)
		m.check(Compare(b, a) == -want, "Compare(%q, %q) = %d, packaging %d", b.Original(), a.Original(), Compare(b, a), -want)
	}
	m.done(40000)
}

var preLetter = map[Prereleases]string{PrereleasesDefault: "N", PrereleasesInclude: "T", PrereleasesExclude: "F"}

func TestConformanceSpecifiers(t *testing.T) {
	m := &mismatches{t: t, name: "specifiers.tsv"}
	for _, row := range readCorpus(t, "specifiers.tsv") {
		in, status := unescape(t, row[0]), row[1]
		ss, err := ParseSpecifierSet(in)
		if status == "invalid" {
			m.check(err != nil, "ParseSpecifierSet(%q) = %q, packaging: invalid", in, ss)
			continue
		}
		if err != nil {
			m.check(false, "ParseSpecifierSet(%q): %v, packaging: %q", in, err, unescape(t, row[2]))
			continue
		}
		m.check(ss.String() == unescape(t, row[2]), "ParseSpecifierSet(%q).String() = %q, packaging %q", in, ss, unescape(t, row[2]))
		m.check(strconv.Itoa(ss.Len()) == row[3], "ParseSpecifierSet(%q).Len() = %d, packaging %s", in, ss.Len(), row[3])
		m.check(preLetter[ss.Prereleases()] == strings.ToUpper(row[4]), "ParseSpecifierSet(%q).Prereleases() = %v, packaging %s", in, ss.Prereleases(), row[4])
	}
	m.done(7000)
}

var modes = []Prereleases{PrereleasesDefault, PrereleasesInclude, PrereleasesExclude}

// containsCell is one (specifier set, version, mode) cell of contains.tsv.gz.
type containsCell struct {
	set  *SpecifierSet
	v    *Version
	mode Prereleases
	want bool
}

// forEachContainsCell streams the cells of contains.tsv.gz.
func forEachContainsCell(t testing.TB, fn func(containsCell)) {
	var probes []Version
	inBlock := false
	for _, row := range readCorpus(t, "contains.tsv.gz") {
		line := row[0]
		switch {
		case strings.HasPrefix(line, "B "):
			probes, inBlock = nil, true
		case strings.HasPrefix(line, "P ") && inBlock:
			probes = append(probes, MustParse(unescape(t, line[2:])))
		case strings.HasPrefix(line, "S ") && len(row) == 4:
			in := unescape(t, line[2:])
			ss, err := ParseSpecifierSet(in)
			if err != nil {
				t.Fatalf("contains corpus: %v", err)
			}
			for k, mode := range modes {
				res := row[k+1]
				if len(res) != len(probes) {
					t.Fatalf("contains corpus: %q has %d results for %d probes", in, len(res), len(probes))
				}
				for i := range probes {
					fn(containsCell{&ss, &probes[i], mode, res[i] == 'T' || res[i] == 't'})
				}
			}
		default:
			t.Fatalf("contains corpus: unexpected line %q", line)
		}
	}
}

func TestConformanceContains(t *testing.T) {
	m := &mismatches{t: t, name: "contains.tsv.gz"}
	forEachContainsCell(t, func(c containsCell) {
		got := c.set.Contains(*c.v, c.mode)
		if !m.ok(got == c.want) {
			m.report("ParseSpecifierSet(%q).Contains(%q, %v) = %t, packaging %t", c.set, c.v.Original(), c.mode, got, c.want)
		}
	})
	m.done(1_000_000)
}

func TestConformanceFilter(t *testing.T) {
	m := &mismatches{t: t, name: "filter.tsv"}
	for _, row := range readCorpus(t, "filter.tsv") {
		kind, in := row[0], unescape(t, row[1])
		var vs []Version
		for _, s := range row[5:] {
			vs = append(vs, MustParse(unescape(t, s)))
		}
		var filter func([]Version, Prereleases) []int
		switch kind {
		case "set":
			ss, err := ParseSpecifierSet(in)
			if err != nil {
				t.Fatal(err)
			}
			filter = ss.Filter
		case "spec":
			s, err := ParseSpecifier(in)
			if err != nil {
				t.Fatal(err)
			}
			filter = s.Filter
		default:
			t.Fatalf("filter corpus: unknown kind %q", kind)
		}
		for k, mode := range modes {
			want := strings.TrimPrefix(row[k+2], "x:")
			got := joinInts(filter(vs, mode))
			m.check(got == want, "%s %q Filter(%d versions, %v) = %s, packaging %s\nversions: %q", kind, in, len(vs), mode, got, want, row[5:])
		}
	}
	m.done(8000)
}

func joinInts(xs []int) string {
	if len(xs) == 0 {
		return "-"
	}
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
