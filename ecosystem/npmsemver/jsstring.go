package npmsemver

import (
	"strings"
	"unicode/utf8"
)

// isJSSpace reports whether r is matched by JavaScript's \s and removed by
// String.prototype.trim: the WhiteSpace and LineTerminator code points of
// ECMAScript, which node-semver relies on for trimming versions and for
// collapsing whitespace in ranges. Go's unicode.IsSpace differs (it admits
// U+0085 and rejects U+FEFF), so the set is spelled out.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ',
		'\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// jsTrim is String.prototype.trim.
func jsTrim(s string) string {
	return strings.TrimFunc(s, isJSSpace)
}

// utf16Len is the JavaScript length of s: node-semver's 256-character limit
// counts UTF-16 code units. Bytes that are not valid UTF-8 count as one unit
// each; such input is rejected by the grammar anyway.
func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r > 0xffff {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// collapseSpaces is node-semver's first step on a range:
// range.trim().replace(/\s+/g, ' '). Afterwards the only whitespace left is
// single ASCII spaces, which every later step relies on.
func collapseSpaces(s string) string {
	s = jsTrim(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c != ' ' && isJSSpace(rune(c))) || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inSpace := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isJSSpace(r) {
			if !inSpace {
				b.WriteByte(' ')
			}
			inSpace = true
		} else {
			inSpace = false
			b.WriteString(s[i : i+size]) // invalid UTF-8 is kept byte for byte
		}
		i += size
	}
	return b.String()
}
