package pep440

import (
	"errors"
	"strings"
	"testing"
)

// Seeds: the hand-written cases below plus a sample of the committed
// corpus's inputs (every one of them is checked by the conformance tests;
// a sample keeps the fuzzer's baseline coverage run short).
const seedStride = 13

func addVersionSeeds(f *testing.F) []string {
	seeds := []string{"1.0", "v1!2.0rc1.post2.dev3+abc.1", " 1.0-1 ", "1.0prev\u0131ew1", "1.0+\u0130", "1..0", ""}
	for i, row := range readCorpus(f, "versions.tsv") {
		if i%seedStride == 0 {
			seeds = append(seeds, unescape(f, row[0]))
		}
	}
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, s := range addVersionSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s || pe.Reason == "" {
				t.Fatalf("Parse(%q) error %#v", s, err)
			}
			return
		}
		if Compare(v, v) != 0 || v.Original() != s {
			t.Fatalf("Parse(%q): not equal to itself or lost its input", s)
		}
		canon := v.String()
		if strings.ContainsRune(canon, combiningDot) {
			return // like packaging's, not re-parseable (see TestParseCanonical)
		}
		for _, w := range []Version{v, v.Public(), v.BaseVersion()} {
			again, err := Parse(w.String())
			if err != nil {
				t.Fatalf("Parse(%q): canonical form %q does not parse: %v", s, w, err)
			}
			if again.String() != w.String() {
				t.Fatalf("Parse(%q): %q re-parses as %q", s, w, again)
			}
		}
		// Re-parsing normalises the unusual "poſt" letter (see compare), so
		// equality holds except for that spelling.
		if again := MustParse(canon); Compare(v, again) != 0 && !strings.ContainsRune(strings.ToLower(s), longS) {
			t.Fatalf("Parse(%q) = %q, which re-parses as a different version", s, canon)
		}
		if c := Compare(v.Public(), v); c > 0 || (c != 0) != (v.Local() != "") {
			t.Fatalf("Parse(%q): Public() compares %d", s, c)
		}
	})
}

func FuzzCompare(f *testing.F) {
	seeds := addVersionSeeds(f)
	for i := 0; i+2 < len(seeds); i += 3 {
		f.Add(seeds[i], seeds[i+1], seeds[i+2])
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		va, errA := Parse(a)
		vb, errB := Parse(b)
		vc, errC := Parse(c)
		if errA != nil || errB != nil || errC != nil {
			return
		}
		ab, bc, ac := Compare(va, vb), Compare(vb, vc), Compare(va, vc)
		if Compare(vb, va) != -ab {
			t.Fatalf("Compare(%q, %q) = %d but reversed %d", a, b, ab, Compare(vb, va))
		}
		if ab <= 0 && bc <= 0 && ac > 0 || ab >= 0 && bc >= 0 && ac < 0 {
			t.Fatalf("not transitive: %q %q %q: %d %d %d", a, b, c, ab, bc, ac)
		}
	})
}

func FuzzParseSpecifierSet(f *testing.F) {
	versions := addVersionSeeds(f)
	for i, row := range readCorpus(f, "specifiers.tsv") {
		if i%(seedStride/3) == 0 {
			f.Add(unescape(f, row[0]), versions[i%len(versions)])
		}
	}
	f.Add("~=1.4.A1.R1", "1.4a1.post3")
	f.Add("==1.5.*", "1.5prev\u0131ew1")
	f.Fuzz(func(t *testing.T, spec, version string) {
		ss, err := ParseSpecifierSet(spec)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != spec || pe.Reason == "" {
				t.Fatalf("ParseSpecifierSet(%q) error %#v", spec, err)
			}
			return
		}
		again, err := ParseSpecifierSet(ss.String())
		if err != nil || again.String() != ss.String() || again.Len() != ss.Len() || again.Prereleases() != ss.Prereleases() {
			t.Fatalf("ParseSpecifierSet(%q) = %q, which re-parses as %q, %v", spec, ss, again, err)
		}
		v, err := Parse(version)
		if err != nil {
			return
		}
		incl, def, excl := ss.Contains(v, PrereleasesInclude), ss.Contains(v, PrereleasesDefault), ss.Contains(v, PrereleasesExclude)
		if excl && !def || def && !incl {
			t.Fatalf("%q on %q: include %t, default %t, exclude %t", spec, version, incl, def, excl)
		}
		for _, mode := range modes {
			if again.Contains(v, mode) != ss.Contains(v, mode) {
				t.Fatalf("%q and its String %q disagree on %q", spec, ss, version)
			}
			if ss.Len() > 0 && (len(ss.Filter([]Version{v}, mode)) == 1) != ss.Contains(v, mode) {
				t.Fatalf("%q: Filter and Contains disagree on %q", spec, version)
			}
		}
	})
}
