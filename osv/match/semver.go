package match

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"
)

// semver2 is the regular expression of semver.org for SemVer 2.0.0, the
// version syntax of OSV's SEMVER ranges (which also forbid a leading "v").
var semver2 = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

type semverVersion struct {
	core [3]string // decimal digits without leading zeros
	pre  []string
}

func parseSemver(s string) (semverVersion, error) {
	m := semver2.FindStringSubmatch(s)
	if m == nil {
		return semverVersion{}, fmt.Errorf("invalid SemVer 2.0 version %q", s)
	}
	v := semverVersion{core: [3]string{m[1], m[2], m[3]}}
	if m[4] != "" {
		v.pre = strings.Split(m[4], ".")
	}
	return v, nil
}

// compareSemver orders by SemVer 2.0 precedence (section 11): numeric
// core, then a version with a pre-release below the one without, then
// pre-release identifiers left to right (numeric ones numerically and below
// alphanumeric ones, alphanumeric ones in ASCII order, a shorter list
// first). Build metadata does not count.
func compareSemver(a, b semverVersion) int {
	for i := range a.core {
		if c := compareDigits(a.core[i], b.core[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(a.pre) == 0 && len(b.pre) == 0:
		return 0
	case len(a.pre) == 0:
		return 1
	case len(b.pre) == 0:
		return -1
	}
	for i := 0; i < len(a.pre) && i < len(b.pre); i++ {
		x, y := a.pre[i], b.pre[i]
		xn, yn := isDigits(x), isDigits(y)
		var c int
		switch {
		case xn && yn:
			c = compareDigits(x, y)
		case xn:
			c = -1
		case yn:
			c = 1
		default:
			c = strings.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a.pre), len(b.pre))
}

// compareDigits compares decimal numbers of any size without leading
// zeros.
func compareDigits(a, b string) int {
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
