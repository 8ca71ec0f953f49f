package pep440

import "strings"

// Compare orders a and b as packaging does (-1, 0 or +1): by epoch, then
// release with trailing zeros ignored (1.0 == 1.0.0), then the pre-release
// (a dev release without pre or post sorts before every pre-release of its
// release, a final release after them), then the post release (absent sorts
// first), then the dev release (absent sorts last), then the local label
// (absent sorts first; numeric parts sort above string parts).
func Compare(a, b Version) int { return compare(&a, &b, true) }

// Compare is the method form of the package-level Compare.
func (v Version) Compare(w Version) int { return compare(&v, &w, true) }

// Equal reports whether v and w are the same version (Compare == 0), for
// example "1.0" and "1.0.0", or "1.0+ABC" and "1.0+abc".
func (v Version) Equal(w Version) bool { return compare(&v, &w, true) == 0 }

// compare orders a and b. With withLocal false it orders
// Version(a.public) and b instead, as packaging's specifiers do: the local
// labels are ignored, and a's post-release letter is the one that a
// re-parse of its canonical form gives, "post" (canonical forms always
// spell it so, even for the unusual "poſt" that packaging otherwise keeps).
func compare(a, b *Version, withLocal bool) int {
	if c := cmpNum(a.epoch, b.epoch); c != 0 {
		return c
	}
	if c := cmpRelease(a, b); c != 0 {
		return c
	}
	if c := cmpInt(a.preRank(), b.preRank()); c != 0 {
		return c
	}
	if a.pre.present() {
		if c := cmpLabel(a.pre, b.pre); c != 0 {
			return c
		}
	}
	aPost := a.post
	if !withLocal && aPost.present() {
		aPost.letter = "post"
	}
	if c := cmpOptional(aPost, b.post, -1); c != 0 {
		return c
	}
	if c := cmpOptional(a.dev, b.dev, +1); c != 0 {
		return c
	}
	if !withLocal {
		return 0
	}
	return cmpLocal(a.local, b.local)
}

// cmpRelease compares the release tuples with trailing zeros dropped, as
// tuples: element by element, then the shorter one first.
func cmpRelease(a, b *Version) int {
	n := min(a.relLen, b.relLen)
	for i := 0; i < n; i++ {
		if c := cmpNum(a.release[i], b.release[i]); c != 0 {
			return c
		}
	}
	return cmpInt(a.relLen, b.relLen)
}

// baseEqual reports whether a and b have the same epoch and release, which
// is packaging's Version(a.base_version) == Version(b.base_version).
func baseEqual(a, b *Version) bool {
	return cmpNum(a.epoch, b.epoch) == 0 && cmpRelease(a, b) == 0
}

// preRank places the pre-release key of packaging's _cmpkey: -1 for the
// -Infinity given to a dev release with neither pre nor post, +1 for the
// +Infinity of no pre-release, 0 for an actual pre-release.
func (v *Version) preRank() int {
	switch {
	case v.pre.present():
		return 0
	case !v.post.present() && v.dev.present():
		return -1
	}
	return 1
}

// cmpOptional compares two optional labels; absent sorts as the given
// infinity.
func cmpOptional(a, b label, absent int) int {
	switch {
	case a.present() && b.present():
		return cmpLabel(a, b)
	case a.present():
		return -absent
	case b.present():
		return absent
	}
	return 0
}

// cmpLabel compares (letter, number) tuples. Letters differ only for the
// unusual spellings described at matchKeyword.
func cmpLabel(a, b label) int {
	if c := strings.Compare(a.letter, b.letter); c != 0 {
		return c
	}
	return cmpNum(a.num, b.num)
}

func cmpLocal(a, b []localPart) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := a[i], b[i]
		var c int
		switch {
		case x.numeric && y.numeric:
			c = cmpNum(x.s, y.s)
		case x.numeric:
			c = 1
		case y.numeric:
			c = -1
		default:
			c = strings.Compare(x.s, y.s)
		}
		if c != 0 {
			return c
		}
	}
	return cmpInt(len(a), len(b))
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
