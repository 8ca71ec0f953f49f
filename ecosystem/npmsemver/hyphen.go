package npmsemver

import "strings"

// hyphenRange rewrites "A - B" when it is the whole alternative:
// from A, ">=A" (with the partial's missing components as 0), and to B,
// "<=B" or, when B is partial, "<" the next release after it.
func hyphenRange(s string, incPr bool) string {
	i := 0
	if at(s, 0) == ' ' {
		i = 1
	}
	fromEnd := partialEnd(s, i)
	if !strings.HasPrefix(s[fromEnd:], " - ") {
		return s
	}
	toStart := fromEnd + 3
	toEnd := partialEnd(s, toStart)
	if rest := s[toEnd:]; rest != "" && rest != " " {
		return s
	}
	fromText, toText := s[i:fromEnd], s[toStart:toEnd]
	f, ok1 := parsePartial(fromText)
	t, ok2 := parsePartial(toText)
	if !ok1 || !ok2 {
		return s
	}
	z := ""
	if incPr {
		z = "-0"
	}
	var from, to string
	switch {
	case isX(f.major):
	case isX(f.minor):
		from = ">=" + f.major + ".0.0" + z
	case isX(f.patch):
		from = ">=" + f.major + "." + f.minor + ".0" + z
	case f.pre != "":
		from = ">=" + fromText
	default:
		from = ">=" + fromText + z
	}
	switch {
	case isX(t.major):
	case isX(t.minor):
		to = "<" + jsIncrement(t.major) + ".0.0-0"
	case isX(t.patch):
		to = "<" + t.major + "." + jsIncrement(t.minor) + ".0-0"
	case t.pre != "":
		to = "<=" + t.major + "." + t.minor + "." + t.patch + "-" + t.pre
	case incPr:
		to = "<" + t.major + "." + t.minor + "." + jsIncrement(t.patch) + "-0"
	default:
		to = "<=" + toText
	}
	return strings.Trim(from+" "+to, " ")
}

// partialEnd returns where a partial version that starts at s[i:] (after its
// "v", "=" and space prefix) ends: partial versions hold no spaces.
func partialEnd(s string, i int) int {
	for i < len(s) && (s[i] == 'v' || s[i] == '=' || s[i] == ' ') {
		i++
	}
	if j := strings.IndexByte(s[i:], ' '); j >= 0 {
		return i + j
	}
	return len(s)
}
