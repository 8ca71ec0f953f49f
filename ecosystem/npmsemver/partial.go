package npmsemver

// partial is node-semver's XRANGEPLAIN: a prefix of "v", "=" and spaces,
// then one to three components, each a number or x, X or *, and after three
// components an optional pre-release and build. Absent components are "".
type partial struct {
	major, minor, patch string
	pre                 string // without its "-"
}

// isX is node-semver's isX: an absent component or a wildcard.
func isX(id string) bool {
	return id == "" || id == "x" || id == "X" || id == "*"
}

// parsePartial matches all of s against XRANGEPLAIN. It returns false when s
// is not exactly one partial version.
func parsePartial(s string) (partial, bool) {
	var p partial
	i := 0
	for i < len(s) && (s[i] == 'v' || s[i] == '=' || s[i] == ' ') {
		i++
	}
	comps := [3]*string{&p.major, &p.minor, &p.patch}
	for n, c := range comps {
		end := xrangeIDEnd(s, i)
		if end == i {
			return p, false
		}
		*c = s[i:end]
		i = end
		if i == len(s) {
			return p, true
		}
		if n < 2 {
			if s[i] != '.' {
				return p, false
			}
			i++
		}
	}
	if end := prereleaseEnd(s, i, false); end != i {
		p.pre = s[i+1 : end]
		i = end
	}
	i = buildEnd(s, i)
	return p, i == len(s)
}

// xrangeIDEnd returns the end of XRANGEIDENTIFIER (0, [1-9]\d{0,256}, x, X
// or *) at s[i:], or i if there is none. A number that goes on past the
// limit, or a 0 followed by digits, ends where the expression stops, and the
// caller then finds the next character out of place.
func xrangeIDEnd(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == 'x' || c == 'X' || c == '*' || c == '0':
		return i + 1
	case isDigit(c):
		return digitsEnd(s, i, maxNumber)
	}
	return i
}
