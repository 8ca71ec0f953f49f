package npmsemver

import "strings"

// trimComparatorWhitespace joins an operator to the version that follows it
// (turning "> 1.2.3" into ">1.2.3"), reproducing node-semver's
// COMPARATORTRIM replacement, (\s*)((?:<|>)?=?)\s*(LOOSEPLAIN|XRANGEPLAIN)
// -> $1$2$3, with the same match boundaries: a candidate starts at "<", ">",
// a "v"/"="/space prefix or a version; one space after the operator is
// removed; the scan resumes after the whole matched version, so that text
// inside a pre-release is never taken for another candidate. s holds only
// single spaces as whitespace.
func trimComparatorWhitespace(s string) string {
	if strings.IndexByte(s, ' ') < 0 {
		return s // nothing to remove
	}
	var b strings.Builder
	copyFrom := 0
	cursor := 0
	for cursor < len(s) {
		matchStart := cursor
		c := s[cursor]
		if c == '<' || c == '>' {
			cursor++
		} else if !isVersionPrefix(c) && !isVersionStart(c) {
			cursor++
			continue
		}
		for cursor < len(s) && isVersionPrefix(s[cursor]) {
			cursor++
		}
		if !isVersionStart(at(s, cursor)) {
			continue
		}
		if ws := removableSpace(s, matchStart); ws >= 0 {
			b.WriteString(s[copyFrom:ws])
			copyFrom = ws + 1
		}
		cursor = versionEnd(s, cursor)
	}
	b.WriteString(s[copyFrom:])
	return b.String()
}

func isVersionPrefix(c byte) bool { return c == 'v' || c == '=' || c == ' ' }

func isVersionStart(c byte) bool { return isDigit(c) || c == 'x' || c == 'X' || c == '*' }

// removableSpace finds the one space the replacement drops: after an
// optional leading space (kept), an optional "<" or ">" and an optional
// "=". It returns -1 when there is none.
func removableSpace(s string, pos int) int {
	if at(s, pos) == ' ' {
		pos++
	}
	if c := at(s, pos); c == '<' || c == '>' {
		pos++
	}
	if at(s, pos) == '=' {
		pos++
	}
	if at(s, pos) == ' ' {
		return pos
	}
	return -1
}

// versionEnd is where the matched version ends: a loose full version
// (LOOSEPLAIN) if there is one, else a partial one (XRANGEPLAIN).
func versionEnd(s string, start int) int {
	if end := looseFullVersionEnd(s, start); end != start {
		return end
	}
	return partialVersionEnd(s, start)
}

// looseFullVersionEnd matches MAJOR.MINOR.PATCH with loose numbers, then a
// loose pre-release and a build, or returns start.
func looseFullVersionEnd(s string, start int) int {
	end := start
	for comp := 0; comp < 3; comp++ {
		next := numberEnd(s, end, true)
		if next == end {
			return start
		}
		end = next
		if comp < 2 {
			if at(s, end) != '.' {
				return start
			}
			end++
		}
	}
	return buildEnd(s, prereleaseEnd(s, end, true))
}

// partialVersionEnd matches up to three strict components, each a number or
// a wildcard, and after three a strict pre-release and build. A component
// that cannot follow its dot leaves the dot unread.
func partialVersionEnd(s string, start int) int {
	end := partialComponentEnd(s, start)
	for comp := 0; comp < 2; comp++ {
		if at(s, end) != '.' {
			return end
		}
		next := partialComponentEnd(s, end+1)
		if next == end+1 {
			return end
		}
		end = next
	}
	return buildEnd(s, prereleaseEnd(s, end, false))
}

func partialComponentEnd(s string, start int) int {
	c := at(s, start)
	if isDigit(c) {
		return numberEnd(s, start, false)
	}
	if isVersionStart(c) {
		return start + 1
	}
	return start
}
