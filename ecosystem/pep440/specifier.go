package pep440

import (
	"fmt"
	"strings"
)

// Operator is a PEP 440 comparison operator.
type Operator uint8

// The operators, in packaging's spelling.
const (
	OpCompatible   Operator = iota + 1 // ~=
	OpEqual                            // ==
	OpNotEqual                         // !=
	OpLessEqual                        // <=
	OpGreaterEqual                     // >=
	OpLess                             // <
	OpGreater                          // >
	OpArbitrary                        // ===
)

var opSpellings = [...]string{
	OpCompatible: "~=", OpEqual: "==", OpNotEqual: "!=", OpLessEqual: "<=",
	OpGreaterEqual: ">=", OpLess: "<", OpGreater: ">", OpArbitrary: "===",
}

func (o Operator) String() string {
	if o > 0 && int(o) < len(opSpellings) {
		return opSpellings[o]
	}
	return fmt.Sprintf("Operator(%d)", uint8(o))
}

// Specifier is one parsed version specifier such as ">=1.0" or "==2.*".
// It is immutable and safe for concurrent use.
type Specifier struct {
	op      Operator
	version string // the operand as written, whitespace stripped

	v        Version       // the operand, for all but === and X.*
	prefix   prefixPattern // for X.* and ~=
	wildcard bool          // == or != with a trailing .*

	identity   string // Python lower case of the operand, for ===
	identityOK bool   // false: no version's canonical form can equal it

	// optIn is packaging's Specifier.prereleases: whether an inclusive
	// operator names a pre-release. optInErr records that packaging would
	// raise there instead (=== with an operand that is not a version).
	optIn, optInErr bool
}

// Operator returns the specifier's operator.
func (s Specifier) Operator() Operator { return s.op }

// Version returns the operand as written (without surrounding whitespace),
// including a trailing ".*".
func (s Specifier) Version() string { return s.version }

// String returns operator and operand, as packaging's str(Specifier).
func (s Specifier) String() string { return s.op.String() + s.version }

// Prereleases reports whether, by default, the specifier admits
// pre-releases: true when one of ==, >=, <=, ~=, === names a pre-release
// or dev release. An === operand that is not a valid version does not
// admit them (packaging raises InvalidVersion when asked).
func (s Specifier) Prereleases() bool { return s.optIn }

// ParseSpecifier parses one specifier with packaging's rules: surrounding
// whitespace and whitespace after the operator are allowed; a local label
// (+...) only with == and !=; a trailing ".*" only with == and != and only
// after a plain release ("==1.0a1.*" is invalid); ~= needs at least two
// release numbers; === takes any string without whitespace, ";" or ")",
// even an empty one.
func ParseSpecifier(str string) (Specifier, error) {
	s, reason := parseSpecifier(str)
	if reason != "" {
		return Specifier{}, &ParseError{Kind: "specifier", Input: str, Reason: reason}
	}
	return s, nil
}

func parseSpecifier(str string) (Specifier, string) {
	t := trimPySpace(str)
	var s Specifier
	switch {
	case t == "":
		return s, "empty specifier"
	case strings.HasPrefix(t, "==="):
		s.op = OpArbitrary
	case strings.HasPrefix(t, "~="):
		s.op = OpCompatible
	case strings.HasPrefix(t, "=="):
		s.op = OpEqual
	case strings.HasPrefix(t, "!="):
		s.op = OpNotEqual
	case strings.HasPrefix(t, "<="):
		s.op = OpLessEqual
	case strings.HasPrefix(t, ">="):
		s.op = OpGreaterEqual
	case strings.HasPrefix(t, "<"):
		s.op = OpLess
	case strings.HasPrefix(t, ">"):
		s.op = OpGreater
	default:
		return s, "missing operator (one of ~= == != <= >= < > ===)"
	}
	s.version = trimPySpace(t[len(s.op.String()):])
	if s.op == OpArbitrary {
		return s, s.initArbitrary()
	}
	if s.version == "" {
		return s, fmt.Sprintf("missing version after %s", s.op)
	}
	if head, ok := strings.CutSuffix(s.version, ".*"); ok {
		return s, s.initWildcard(head)
	}
	v, at, ok := parse(s.version)
	if !ok {
		return s, fmt.Sprintf("version %q: %s", s.version, failReason(s.version, at))
	}
	s.v = v
	switch {
	case len(v.local) > 0 && s.op != OpEqual && s.op != OpNotEqual:
		return s, fmt.Sprintf("local version label %q is only allowed with == and !=", "+"+v.Local())
	case s.op == OpCompatible && len(v.release) < 2:
		return s, fmt.Sprintf("~= needs at least two release numbers, as in ~=%s.0", s.version)
	}
	if s.op == OpCompatible {
		prefix, ok := compatiblePrefix(s.version)
		if !ok {
			return s, "no release prefix to match"
		}
		s.prefix = newPrefixPattern(prefix)
	}
	switch s.op {
	case OpEqual, OpLessEqual, OpGreaterEqual, OpCompatible:
		s.optIn = v.IsPrerelease()
	}
	return s, ""
}

func (s *Specifier) initArbitrary() string {
	for _, r := range s.version {
		if r == ';' || r == ')' || isPySpace(r) {
			return fmt.Sprintf("=== operand %q must not contain %q", s.version, r)
		}
	}
	s.identity, s.identityOK = identityKey(s.version)
	if v, _, ok := parse(s.version); ok {
		s.optIn = v.IsPrerelease()
	} else {
		s.optInErr = true
	}
	return ""
}

// initWildcard checks `v? (N!)? N(.N)* .*`, the only shape allowed before
// the ".*".
func (s *Specifier) initWildcard(head string) string {
	if s.op != OpEqual && s.op != OpNotEqual {
		return fmt.Sprintf("prefix match %q is only allowed with == and !=", s.version)
	}
	p := 0
	if p < len(head) && (head[p] == 'v' || head[p] == 'V') {
		p++
	}
	d := digitsEnd(head, p)
	if d < len(head) && d > p && head[d] == '!' {
		p = d + 1
		d = digitsEnd(head, p)
	}
	for d > p && d < len(head) && head[d] == '.' {
		p = d + 1
		d = digitsEnd(head, p)
	}
	if d == p || d != len(head) {
		return fmt.Sprintf("prefix match %q: only a release (with optional epoch) may precede .*", s.version)
	}
	s.wildcard = true
	s.prefix = newPrefixPattern(head)
	// packaging strips the .* before asking whether == names a pre-release;
	// a plain release never does.
	return ""
}

// Contains reports whether v satisfies the specifier, as packaging's
// Specifier.contains(v, prereleases).
func (s Specifier) Contains(v Version, pre Prereleases) bool {
	if v.IsPrerelease() && !pre.resolve(s.optIn) {
		return false
	}
	return s.match(&v)
}

// Filter returns the indices of the versions that satisfy the specifier, in
// input order, as packaging's Specifier.filter: with PrereleasesDefault,
// pre-releases are returned only when the specifier admits them or when no
// final release matches.
func (s Specifier) Filter(vs []Version, pre Prereleases) []int {
	var out, pres []int
	for i := range vs {
		v := &vs[i]
		if v.IsPrerelease() && pre == PrereleasesExclude || !s.match(v) {
			continue
		}
		if v.IsPrerelease() && pre == PrereleasesDefault && !s.optIn {
			pres = append(pres, i)
			continue
		}
		out = append(out, i)
	}
	if len(out) == 0 {
		return pres
	}
	return out
}

// match applies the operator alone, without the pre-release rule.
func (s *Specifier) match(v *Version) bool {
	switch s.op {
	case OpCompatible:
		return compare(v, &s.v, false) >= 0 && s.prefix.match(v)
	case OpEqual:
		return s.equal(v)
	case OpNotEqual:
		return !s.equal(v)
	case OpLessEqual:
		return compare(v, &s.v, false) <= 0
	case OpGreaterEqual:
		return compare(v, &s.v, false) >= 0
	case OpLess:
		// <V excludes pre-releases of V itself unless V is one.
		return compare(v, &s.v, true) < 0 &&
			(s.v.IsPrerelease() || !v.IsPrerelease() || !baseEqual(v, &s.v))
	case OpGreater:
		// >V excludes post releases of V unless V is one, and local
		// versions of V's release.
		return compare(v, &s.v, true) > 0 &&
			(s.v.IsPostRelease() || !v.IsPostRelease() || !baseEqual(v, &s.v)) &&
			(len(v.local) == 0 || !baseEqual(v, &s.v))
	case OpArbitrary:
		// packaging compares the candidate's canonical form, not what was
		// written, case-insensitively.
		return s.identityOK && v.canon == s.identity
	}
	return false
}

// equal is ==: a prefix match for X.*; otherwise version equality, ignoring
// the candidate's local label unless the operand has one.
func (s *Specifier) equal(v *Version) bool {
	if s.wildcard {
		return s.prefix.match(v)
	}
	return compare(v, &s.v, len(s.v.local) > 0) == 0
}
