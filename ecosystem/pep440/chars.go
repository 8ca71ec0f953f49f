package pep440

import (
	"unicode"
	"unicode/utf8"
)

// Python's re module, with IGNORECASE on a str pattern, lets a few
// non-ASCII runes match ASCII letters of the PEP 440 grammar, and str.lower
// maps them in its own way. packaging inherits both, so they are reproduced
// here: the corpus contains such versions.
const (
	capitalIWithDot = '\u0130' // matches "i", lowers to "i\u0307"
	dotlessI        = '\u0131' // matches "i", lowers to itself
	longS           = '\u017f' // matches "s", lowers to itself
	kelvinSign      = '\u212a' // matches "k", lowers to "k"
	combiningDot    = '\u0307' // what U+0130 leaves behind after "i"
)

// isPySpace reports whether r is whitespace for Python's str.isspace, which
// is also what \s matches and what str.strip removes.
func isPySpace(r rune) bool {
	switch {
	case r == ' ', '\t' <= r && r <= '\r', 0x1c <= r && r <= 0x1f:
		return true
	case r < 0x80:
		return false
	}
	switch r {
	case 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return 0x2000 <= r && r <= 0x200a
}

// trimPySpace removes leading and trailing Python whitespace.
func trimPySpace(s string) string {
	for s != "" {
		r, n := decodeRune(s)
		if !isPySpace(r) {
			break
		}
		s = s[n:]
	}
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if !isPySpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// decodeRune decodes the first rune of s with an ASCII fast path.
func decodeRune(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// foldLetter returns the ASCII lower-case letter that r matches under
// Python's case-insensitive matching, or 0 if r matches no ASCII letter.
func foldLetter(r rune) byte {
	switch {
	case 'a' <= r && r <= 'z':
		return byte(r)
	case 'A' <= r && r <= 'Z':
		return byte(r) + 'a' - 'A'
	case r == capitalIWithDot || r == dotlessI:
		return 'i'
	case r == longS:
		return 's'
	case r == kelvinSign:
		return 'k'
	}
	return 0
}

// appendLower appends Python's str.lower of a rune accepted by foldLetter
// (or an ASCII digit).
func appendLower(b []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		return append(b, byte(unicode.ToLower(r)))
	case r == capitalIWithDot:
		return append(b, "i\u0307"...)
	case r == kelvinSign:
		return append(b, 'k')
	}
	return utf8.AppendRune(b, r)
}

// identityKey returns Python's s.lower() when that could equal the
// canonical form of some version, and ok false when it cannot. Canonical
// forms only hold ASCII characters, U+0131, U+017F and U+0307, and the only
// runes whose Python lower case lies within that set are ASCII, those three
// and U+0130 and U+212A, so mapping those exactly suffices for `===`.
func identityKey(s string) (key string, ok bool) {
	b := make([]byte, 0, len(s))
	for s != "" {
		r, n := decodeRune(s)
		s = s[n:]
		switch {
		case r == utf8.RuneError && n == 1:
			return "", false
		case r < utf8.RuneSelf, r == capitalIWithDot, r == kelvinSign,
			r == dotlessI, r == longS, r == combiningDot:
			b = appendLower(b, r)
		default:
			return "", false
		}
	}
	return string(b), true
}
