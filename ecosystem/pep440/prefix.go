package pep440

import "strings"

// Prefix matching (`==X.*`, `!=X.*` and the prefix half of `~=`) is defined
// by packaging on strings, not on parsed versions: the specifier is split
// into components by "!" and ".", with a pre-release split off its release
// number ("0rc1" becomes "0", "rc1"), and compared component by component
// with the candidate's canonical public form, zero-padded. For `~=` the
// prefix is cut from the specifier as written, which gives some spellings a
// meaning of their own ("~=1.4.A1" means ">=1.4a1, ==1.4.*" while
// "~=1.4.a1" means ">=1.4a1, ==1.*"; "~=v1.4.5" matches nothing). This file
// reproduces those string operations exactly.

// prefixPattern is a precomputed right-hand side of packaging's
// _compare_equal for a spec ending in ".*".
type prefixPattern struct {
	items  []string // _version_split of the canonicalised spec
	digits int      // leading items that are all digits (its "release")
}

func newPrefixPattern(spec string) prefixPattern {
	items := versionSplit(canonicalizeVersion(spec, false))
	d := 0
	for d < len(items) && allDigits(items[d]) {
		d++
	}
	return prefixPattern{items: items, digits: d}
}

// compatiblePrefix returns what packaging's _compare_compatible passes to
// _compare_equal, without the ".*": all components but the last, leaving out
// the suffix components (those that start with dev, a, b, rc or post).
func compatiblePrefix(spec string) (string, bool) {
	items := versionSplit(spec)
	n := 0
	for n < len(items) && !isSuffixItem(items[n]) {
		n++
	}
	if n < 2 {
		// packaging fails to join an empty list; the grammar of ~= makes
		// this unreachable, but no input may panic.
		return "", false
	}
	return items[0] + "!" + strings.Join(items[1:n-1], "."), true
}

func isSuffixItem(s string) bool {
	for _, p := range []string{"dev", "a", "b", "rc", "post"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// versionSplit is packaging's _version_split.
func versionSplit(s string) []string {
	epoch, rest := "0", s
	if i := strings.LastIndexByte(s, '!'); i >= 0 {
		if i > 0 {
			epoch = s[:i]
		}
		rest = s[i+1:]
	}
	out := []string{epoch}
	for item := range strings.SplitSeq(rest, ".") {
		if n := splitPreItem(item); n > 0 {
			out = append(out, item[:n], item[n:])
		} else {
			out = append(out, item)
		}
	}
	return out
}

// splitPreItem matches `^([0-9]+)((?:a|b|c|rc)[0-9]+)$` and returns the
// length of the first group, or 0.
func splitPreItem(s string) int {
	d := digitsEnd(s, 0)
	if d == 0 {
		return 0
	}
	rest := s[d:]
	switch {
	case strings.HasPrefix(rest, "rc"):
		rest = rest[2:]
	case rest != "" && (rest[0] == 'a' || rest[0] == 'b' || rest[0] == 'c'):
		rest = rest[1:]
	default:
		return 0
	}
	if !allDigits(rest) {
		return 0
	}
	return d
}

// canonicalizeVersion is packaging's utils.canonicalize_version for a
// string: the canonical form of a valid version (with trailing ".0"
// release components removed when strip is set), or s itself.
func canonicalizeVersion(s string, strip bool) string {
	v, _, ok := parse(s)
	if !ok {
		return s
	}
	if !strip {
		return v.canon
	}
	epochEnd := 0
	if v.epoch != "0" {
		epochEnd = len(v.epoch) + 1
	}
	rel := v.canon[epochEnd:v.baseLen]
	for strings.HasSuffix(rel, ".0") {
		rel = rel[:len(rel)-2]
	}
	return v.canon[:epochEnd] + rel + v.canon[v.baseLen:]
}

// match reports whether v's public form starts with the pattern.
//
// The candidate's components are its epoch, its release numbers, then its
// pre-, post- and dev-release components. Usually the pre-release is split
// off the last release number; when its letter is an unusual spelling that
// packaging's split does not recognise, the two stay one non-numeric
// component, and that release number stops counting as one.
func (p *prefixPattern) match(v *Version) bool {
	glued := v.pre.present() && !isSplitLetter(v.pre.letter)
	digits := 1 + len(v.release) // leading numeric components of v
	if glued {
		digits--
	}
	pad := max(0, p.digits-digits) // zeros inserted after them
	for i, want := range p.items {
		var got string
		switch {
		case i < digits:
			if i == 0 {
				got = v.epoch
			} else {
				got = v.release[i-1]
			}
		case i < digits+pad:
			got = "0"
		default:
			var ok bool
			if got, ok = v.splitTail(i - pad - digits); !ok {
				return false
			}
		}
		if got != want {
			return false
		}
	}
	return true
}

func isSplitLetter(s string) bool { return s == "a" || s == "b" || s == "c" || s == "rc" }

// splitTail returns the i-th non-numeric component of v's split public
// form. It allocates, but it is reached only by patterns that themselves
// hold non-numeric components, which only odd `~=` spellings produce.
func (v *Version) splitTail(i int) (string, bool) {
	var tail []string
	if v.pre.present() {
		if isSplitLetter(v.pre.letter) {
			tail = append(tail, v.pre.letter+v.pre.num)
		} else {
			tail = append(tail, v.release[len(v.release)-1]+v.pre.letter+v.pre.num)
		}
	}
	if v.post.present() {
		tail = append(tail, "post"+v.post.num)
	}
	if v.dev.present() {
		tail = append(tail, "dev"+v.dev.num)
	}
	if i >= len(tail) {
		return "", false
	}
	return tail[i], true
}
