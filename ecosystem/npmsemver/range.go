package npmsemver

import "strings"

// Options are the node-semver options that change what a range means.
// Loose mode is deliberately not offered: npm parses package.json ranges in
// the default mode.
type Options struct {
	// IncludePrerelease admits pre-release versions that would otherwise need
	// a comparator with the same major.minor.patch and a pre-release. It also
	// changes the desugared bounds (~1.2 starts at 1.2.0-0), which is why it
	// is given when the range is parsed, as in node-semver.
	IncludePrerelease bool
}

// Range is a parsed node-semver range: a disjunction of comparator sets.
type Range struct {
	raw   string
	sets  [][]comparator
	incPr bool
}

// ParseRange parses s as new Range(s, options) does. It fails exactly when
// node-semver throws. A few ranges are valid in one mode only (the hyphen
// range "1.2.3 - =2.0.0" is rejected by default but accepted with
// includePrerelease, which never uses the "=2.0.0" text), so validity
// depends on o.
func ParseRange(s string, o Options) (*Range, error) {
	raw := collapseSpaces(s)
	parts := strings.Split(raw, "||")
	sets := make([][]comparator, 0, len(parts))
	for _, part := range parts {
		set, reason := parseSet(strings.Trim(part, " "), o.IncludePrerelease)
		if reason != "" {
			return nil, &Error{Kind: "range", Input: s, Reason: reason}
		}
		sets = append(sets, set)
	}
	return &Range{raw: raw, sets: collapseSets(sets), incPr: o.IncludePrerelease}, nil
}

// parseSet parses one ||-alternative into its comparators, with
// node-semver's simplifications: a null-set comparator (<0.0.0-0) replaces
// the whole set, duplicates are dropped keeping the first position, and the
// any comparator only stands alone.
func parseSet(part string, incPr bool) ([]comparator, string) {
	toks := desugar(part, incPr)
	if len(toks) == 0 {
		return []comparator{{op: opAny}}, ""
	}
	set := make([]comparator, 0, len(toks))
	null := -1
	for _, tok := range toks {
		c, reason := parseComparator(tok)
		if reason != "" {
			// Every comparator is parsed before the set is simplified, so a
			// bad one fails the range even after a null-set one.
			return nil, reason
		}
		if null < 0 && c.isNullSet() {
			null = len(set)
		}
		if !containsComparator(set, c) {
			set = append(set, c)
		}
	}
	if null >= 0 {
		return []comparator{set[null]}, ""
	}
	return set, ""
}

func containsComparator(set []comparator, c comparator) bool {
	for _, d := range set {
		if d.op == c.op && d.v.text == c.v.text {
			return true
		}
	}
	return false
}

// collapseSets applies node-semver's rules for several alternatives: null
// sets are dropped unless all are null (then the first stays), and if any
// remaining alternative is the bare any comparator the whole range becomes
// it, so "<1.0.0-rc.1 || *" no longer admits 1.0.0-rc.0 by default.
func collapseSets(sets [][]comparator) [][]comparator {
	if len(sets) <= 1 {
		return sets
	}
	kept := sets[:0:0]
	for _, s := range sets {
		if !s[0].isNullSetComparator() {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return sets[:1]
	}
	for _, s := range kept {
		if len(s) == 1 && s[0].op == opAny {
			return [][]comparator{s}
		}
	}
	return kept
}

// isNullSetComparator is isNullSet for any comparator, including the any
// comparator, which has no version.
func (c comparator) isNullSetComparator() bool {
	return c.op != opAny && c.isNullSet()
}

// Test reports whether v satisfies the range, as range.test(v) does: some
// comparator set must hold all its comparators for v, and without
// includePrerelease a pre-release v must also share major.minor.patch with
// a pre-release comparator of that set.
func (r *Range) Test(v *Version) bool {
	for _, set := range r.sets {
		if testSet(set, v, r.incPr) {
			return true
		}
	}
	return false
}

func testSet(set []comparator, v *Version, incPr bool) bool {
	for _, c := range set {
		if !c.test(v) {
			return false
		}
	}
	if len(v.pre) == 0 || incPr {
		return true
	}
	// ^1.2.3-pr.1 admits 1.2.3-pr.2 but not 1.2.4-alpha: a pre-release is
	// only admitted on a major.minor.patch the range names with one.
	for _, c := range set {
		if c.op == opAny || len(c.v.pre) == 0 {
			continue
		}
		if c.v.major == v.major && c.v.minor == v.minor && c.v.patch == v.patch {
			return true
		}
	}
	return false
}

// TestInLine reports whether v belongs to the release line the range
// delimits: Test, except that a pre-release v fails a comparator set with
// an exclusive upper bound "<X" where X is a final version with v's
// major.minor.patch. node-semver, even with includePrerelease, orders
// 5.0.0-alpha.1 below 5.0.0 and so inside "<5.0.0", but a line that ends
// before 5.0.0 does not ship 5.0.0's pre-releases: they are the next
// major's. ("4.x" and "^4" already end at 5.0.0-0.)
func (r *Range) TestInLine(v *Version) bool {
	for _, set := range r.sets {
		if testSet(set, v, r.incPr) && !endsAtReleaseOf(set, v) {
			return true
		}
	}
	return false
}

// endsAtReleaseOf reports whether set has an exclusive upper bound at the
// final release that pre-release v leads up to.
func endsAtReleaseOf(set []comparator, v *Version) bool {
	if len(v.pre) == 0 {
		return false
	}
	for _, c := range set {
		if c.op == opLT && len(c.v.pre) == 0 && c.v.major == v.major && c.v.minor == v.minor && c.v.patch == v.patch {
			return true
		}
	}
	return false
}

// String returns node-semver's formatted range (range.range): the
// comparator sets joined by "||", comparators joined by spaces, "" for any
// version.
func (r *Range) String() string {
	var b strings.Builder
	for i, set := range r.sets {
		if i > 0 {
			b.WriteString("||")
		}
		for k, c := range set {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(c.value())
		}
	}
	return b.String()
}

// Raw returns the range as node-semver keeps it: trimmed, with each run of
// whitespace replaced by one space.
func (r *Range) Raw() string { return r.raw }

// IncludePrerelease reports the option the range was parsed with.
func (r *Range) IncludePrerelease() bool { return r.incPr }

// Satisfies is semver.satisfies(v, r, o): false when r is not a valid range.
func Satisfies(v *Version, r string, o Options) bool {
	rg, err := ParseRange(r, o)
	if err != nil {
		return false
	}
	return rg.Test(v)
}
