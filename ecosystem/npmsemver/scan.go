package npmsemver

// Scanners for the pieces of node-semver's version expressions. Each takes a
// start index and returns the end of the longest match there, or the start
// when nothing matches, with the bounds of node-semver's "safe" expressions.
// Indexes past the end of the string read as no character, like JavaScript's
// undefined.

// Limits of node-semver's "safe" regular expressions, which replace \d* and
// [a-zA-Z0-9-]+ by bounded repetitions. They matter only in ranges, where a
// partial version's pre-release can be dropped by desugaring (1.2.x-pre)
// instead of reaching the 256-character version limit.
const (
	maxDigitRun = maxLength       // \d{0,256}
	maxIdentRun = maxLength - 6   // [a-zA-Z0-9-]{0,250} and {1,250}
	maxNumber   = maxDigitRun + 1 // [1-9]\d{0,256}
)

func at(s string, i int) byte {
	if i >= 0 && i < len(s) {
		return s[i]
	}
	return 0
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// digitsEnd returns the end of the run of digits at s[i:], reading at most
// limit of them.
func digitsEnd(s string, i, limit int) int {
	end := i
	for end < len(s) && isDigit(s[end]) && end-i < limit {
		end++
	}
	return end
}

// numberEnd matches a version number: 0|[1-9]\d{0,256} in strict mode,
// \d{1,256} in loose mode.
func numberEnd(s string, i int, loose bool) int {
	if !loose && at(s, i) == '0' {
		return i + 1
	}
	if loose {
		return digitsEnd(s, i, maxDigitRun)
	}
	return digitsEnd(s, i, maxNumber)
}

// prereleaseIDEnd matches one pre-release identifier, trying the
// alphanumeric form \d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250} before the numeric
// one as node-semver's alternation does.
func prereleaseIDEnd(s string, i int, loose bool) int {
	d := digitsEnd(s, i, maxDigitRun)
	if c := at(s, d); isLetter(c) || c == '-' {
		end := d + 1
		for end < len(s) && isIdentChar(s[end]) && end-(d+1) < maxIdentRun {
			end++
		}
		return end
	}
	return numberEnd(s, i, loose)
}

// prereleaseEnd matches a pre-release suffix at s[i:], including its "-"
// (optional in loose mode), or returns i.
func prereleaseEnd(s string, i int, loose bool) int {
	hyphen := at(s, i) == '-'
	if !loose && !hyphen {
		return i
	}
	idStart := i
	if hyphen {
		idStart++
	}
	end := prereleaseIDEnd(s, idStart, loose)
	if end == idStart {
		if !loose || !hyphen {
			return i
		}
		// In loose mode the "-" can itself be the identifier.
		end = prereleaseIDEnd(s, i, loose)
	}
	for at(s, end) == '.' {
		next := prereleaseIDEnd(s, end+1, loose)
		if next == end+1 {
			break
		}
		end = next
	}
	return end
}

// buildIDEnd matches [a-zA-Z0-9-]{1,250}.
func buildIDEnd(s string, i int) int {
	end := i
	for end < len(s) && isIdentChar(s[end]) && end-i < maxIdentRun {
		end++
	}
	return end
}

// buildEnd matches build metadata at s[i:], including its "+", or returns i.
func buildEnd(s string, i int) int {
	if at(s, i) != '+' {
		return i
	}
	end := buildIDEnd(s, i+1)
	if end == i+1 {
		return i
	}
	for at(s, end) == '.' {
		next := buildIDEnd(s, end+1)
		if next == end+1 {
			break
		}
		end = next
	}
	return end
}
