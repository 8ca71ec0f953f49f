package pep440

import (
	"fmt"
	"sort"
	"strings"
)

// SpecifierSet is a comma-separated set of specifiers that must all hold,
// such as ">=1.0,!=1.3,<2". The empty set matches every version (subject to
// the pre-release rule). It is immutable and safe for concurrent use.
type SpecifierSet struct {
	specs    []Specifier
	optIn    bool // some specifier admits pre-releases by default
	optInErr bool // packaging may raise when asked (see Specifier.Prereleases)
}

// ParseSpecifierSet parses a specifier set as packaging's SpecifierSet(s):
// the string is split on ",", items are stripped of whitespace, empty items
// are skipped (so "" and "," are the empty set), and each item must be a
// valid specifier.
//
// Like packaging, the set keeps its specifiers in a set keyed by operator
// and canonical operand, and the first of two equal specifiers wins. The
// key ignores trailing ".0" release components (except for ~=), which
// matters only for ===: "===1.0.0,===1" is the single specifier "===1.0.0"
// and matches 1.0.0, while "===1,===1.0.0" is "===1" and does not. This is
// packaging 24.1's behaviour, kept on purpose because it is the reference.
func ParseSpecifierSet(str string) (SpecifierSet, error) {
	var set SpecifierSet
	seen := map[[2]string]bool{}
	for item := range strings.SplitSeq(str, ",") {
		item = trimPySpace(item)
		if item == "" {
			continue
		}
		s, reason := parseSpecifier(item)
		if reason != "" {
			return SpecifierSet{}, &ParseError{
				Kind:   "specifier set",
				Input:  str,
				Reason: fmt.Sprintf("specifier %q: %s", item, reason),
			}
		}
		key := [2]string{s.op.String(), canonicalizeVersion(s.version, s.op != OpCompatible)}
		if seen[key] {
			continue
		}
		seen[key] = true
		set.specs = append(set.specs, s)
		set.optIn = set.optIn || s.optIn
		set.optInErr = set.optInErr || s.optInErr
	}
	return set, nil
}

// MustParseSpecifierSet is ParseSpecifierSet for inputs known to be valid;
// it panics on an invalid set.
func MustParseSpecifierSet(str string) SpecifierSet {
	s, err := ParseSpecifierSet(str)
	if err != nil {
		panic(err)
	}
	return s
}

// Len returns the number of distinct specifiers.
func (ss SpecifierSet) Len() int { return len(ss.specs) }

// Specifiers returns the distinct specifiers in input order.
func (ss SpecifierSet) Specifiers() []Specifier {
	return append([]Specifier(nil), ss.specs...)
}

// String returns packaging's str(SpecifierSet): the specifiers sorted as
// strings and joined by ",".
func (ss SpecifierSet) String() string {
	strs := make([]string, len(ss.specs))
	for i, s := range ss.specs {
		strs[i] = s.String()
	}
	sort.Strings(strs)
	return strings.Join(strs, ",")
}

// Prereleases returns packaging's SpecifierSet.prereleases as a tri-state:
// PrereleasesDefault (None) for the empty set, else PrereleasesInclude when
// some specifier admits pre-releases and PrereleasesExclude otherwise.
func (ss SpecifierSet) Prereleases() Prereleases {
	switch {
	case len(ss.specs) == 0:
		return PrereleasesDefault
	case ss.optIn:
		return PrereleasesInclude
	}
	return PrereleasesExclude
}

// Contains reports whether v satisfies every specifier, as packaging's
// SpecifierSet.contains(v, prereleases). With PrereleasesDefault a
// pre-release or dev release is excluded unless some specifier admits
// pre-releases (see Specifier.Prereleases).
func (ss SpecifierSet) Contains(v Version, pre Prereleases) bool {
	if v.IsPrerelease() && !pre.resolve(ss.optIn) {
		return false
	}
	for i := range ss.specs {
		if !ss.specs[i].match(&v) {
			return false
		}
	}
	return true
}

// Filter returns the indices of vs that packaging's SpecifierSet.filter
// yields, in input order.
//
// For a non-empty set that is exactly the versions Contains accepts:
// packaging 24.1 resolves the default pre-release rule for the whole set
// before filtering, so it does not fall back to pre-releases when no final
// release matches (">=1.5" keeps nothing of 1.3 and 1.5a1). Only the empty
// set falls back: with PrereleasesDefault it returns the final releases, or
// the pre-releases when there are no final releases at all.
func (ss SpecifierSet) Filter(vs []Version, pre Prereleases) []int {
	var out []int
	if len(ss.specs) > 0 {
		for i := range vs {
			if ss.Contains(vs[i], pre) {
				out = append(out, i)
			}
		}
		return out
	}
	var pres []int
	for i := range vs {
		if vs[i].IsPrerelease() && pre != PrereleasesInclude {
			pres = append(pres, i)
		} else {
			out = append(out, i)
		}
	}
	if len(out) == 0 && pre == PrereleasesDefault {
		return pres
	}
	return out
}
