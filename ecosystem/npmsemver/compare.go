package npmsemver

import "strings"

// Compare orders a and b as semver.compare does: by major, minor and patch,
// then a version without pre-release above one with, then pre-release
// identifiers left to right. Build metadata is ignored, so 1.2.3+a and
// 1.2.3+b compare equal.
func Compare(a, b *Version) int {
	if c := cmpUint(a.major, b.major); c != 0 {
		return c
	}
	if c := cmpUint(a.minor, b.minor); c != 0 {
		return c
	}
	if c := cmpUint(a.patch, b.patch); c != 0 {
		return c
	}
	return comparePre(a.pre, b.pre)
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// comparePre is SemVer.comparePre. A shorter list of otherwise equal
// identifiers sorts first. The first pair of differing identifiers decides,
// even when compareIdentifiers calls them equal: two numeric identifiers
// above 2^53 that round to the same JavaScript number make node-semver stop
// and report the versions equal, and so does this function. The order is
// therefore not transitive on such identifiers (x.993.1 = x.992.2 =
// x.993.3 yet x.993.1 < x.993.3); below 2^53 it is a total preorder.
func comparePre(a, b []identifier) int {
	switch {
	case len(a) > 0 && len(b) == 0:
		return -1
	case len(a) == 0 && len(b) > 0:
		return 1
	}
	for i := 0; ; i++ {
		switch {
		case i >= len(a) && i >= len(b):
			return 0
		case i >= len(b):
			return 1
		case i >= len(a):
			return -1
		}
		if a[i].s != b[i].s {
			return compareIdentifiers(a[i], b[i])
		}
	}
}

// compareIdentifiers is node-semver's: numeric identifiers compare by value
// and sort below alphanumeric ones, which compare as strings (ASCII, so byte
// order equals JavaScript's UTF-16 order).
func compareIdentifiers(a, b identifier) int {
	switch {
	case a.numeric && b.numeric:
		switch {
		case a.num < b.num:
			return -1
		case a.num > b.num:
			return 1
		}
		return 0
	case a.numeric:
		return -1
	case b.numeric:
		return 1
	}
	return strings.Compare(a.s, b.s)
}
