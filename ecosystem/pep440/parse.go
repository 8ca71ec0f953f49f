package pep440

import (
	"fmt"
	"unicode/utf8"
)

// ParseError reports a string that is not a valid PEP 440 version,
// specifier or specifier set.
type ParseError struct {
	Kind   string // "version", "specifier" or "specifier set"
	Input  string // the string as given
	Reason string // what is wrong, naming the offending part
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("invalid PEP 440 %s %q: %s", e.Kind, e.Input, e.Reason)
}

// Parse parses and normalises a version the way packaging's Version(s)
// does: surrounding whitespace, a leading "v", upper case, the separators
// "-", "_" and "." around pre-, post- and dev-release segments, the
// spellings alpha/beta/c/pre/preview/rev/r, implicit numbers ("1.0a" is
// "1.0a0") and implicit post releases ("1.0-1" is "1.0.post1") are all
// accepted. Anything else is an error of type *ParseError.
func Parse(s string) (Version, error) {
	v, at, ok := parse(s)
	if !ok {
		return Version{}, &ParseError{Kind: "version", Input: s, Reason: failReason(s, at)}
	}
	return v, nil
}

// MustParse is Parse for inputs known to be valid, such as constants; it
// panics on an invalid version.
func MustParse(s string) Version {
	v, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// failReason describes where parsing stopped; at indexes the trimmed input.
func failReason(s string, at int) string {
	t := trimPySpace(s)
	switch {
	case t == "":
		return "empty version"
	case at >= len(t):
		return "unexpected end of version"
	}
	r, _ := utf8.DecodeRuneInString(t[at:])
	return fmt.Sprintf("unexpected %q at offset %d of %q", r, at, t)
}

// parse mirrors packaging's VERSION_PATTERN. The pattern is anchored and
// its optional parts are separated by distinct keywords, so taking every
// optional part greedily, left to right, yields exactly the match (and the
// captured groups) that Python's backtracking regex engine finds. It
// returns the offset in the trimmed input where matching failed.
func parse(s string) (Version, int, bool) {
	t := trimPySpace(s)
	v := Version{original: s, epoch: "0"}
	p := 0
	if p < len(t) && (t[p] == 'v' || t[p] == 'V') {
		p++
	}
	d := digitsEnd(t, p)
	if d == p {
		return Version{}, p, false
	}
	if d < len(t) && t[d] == '!' {
		v.epoch = normNum(t[p:d])
		p = d + 1
		if d = digitsEnd(t, p); d == p {
			return Version{}, p, false
		}
	}
	v.release = append(make([]string, 0, 4), normNum(t[p:d]))
	p = d
	for p+1 < len(t) && t[p] == '.' && isDigit(t[p+1]) {
		d = digitsEnd(t, p+1)
		v.release = append(v.release, normNum(t[p+1:d]))
		p = d
	}
	v.relLen = len(v.release)
	for v.relLen > 0 && v.release[v.relLen-1] == "0" {
		v.relLen--
	}

	if q, l, ok := parseLetter(t, p, preLetters); ok {
		v.pre, p = l, q
	}
	if p+1 < len(t) && t[p] == '-' && isDigit(t[p+1]) {
		d = digitsEnd(t, p+1)
		v.post = label{letter: "post", num: normNum(t[p+1 : d])}
		p = d
	} else if q, l, ok := parseLetter(t, p, postLetters); ok {
		v.post, p = l, q
	}
	if q, l, ok := parseLetter(t, p, devLetters); ok {
		v.dev, p = l, q
	}
	if p < len(t) && t[p] == '+' {
		q, parts, ok := parseLocal(t, p+1)
		if !ok {
			return Version{}, q, false
		}
		v.local, p = parts, q
	}
	if p != len(t) {
		return Version{}, p, false
	}
	v.format()
	return v, 0, true
}

// A keyword of the grammar and the normalised letter it stands for. The
// order is the order of packaging's regex alternatives.
type keyword struct{ spelling, letter string }

var (
	preLetters = []keyword{
		{"alpha", "a"}, {"a", "a"}, {"beta", "b"}, {"b", "b"},
		{"preview", "rc"}, {"pre", "rc"}, {"c", "rc"}, {"rc", "rc"},
	}
	postLetters = []keyword{{"post", "post"}, {"rev", "post"}, {"r", "post"}}
	devLetters  = []keyword{{"dev", "dev"}}
)

func isSep(c byte) bool { return c == '-' || c == '_' || c == '.' }

// parseLetter matches `[-_.]? keyword [-_.]? [0-9]*` at p.
func parseLetter(t string, p int, kws []keyword) (int, label, bool) {
	q := p
	if q < len(t) && isSep(t[q]) {
		q++
	}
	for _, kw := range kws {
		end, letter, ok := matchKeyword(t, q, kw)
		if !ok {
			continue
		}
		if end < len(t) && isSep(t[end]) {
			end++
		}
		d := digitsEnd(t, end)
		return d, label{letter: letter, num: normNum(t[end:d])}, true
	}
	return p, label{}, false
}

// matchKeyword matches kw.spelling case-insensitively at p. The letter is
// the normalised one, except when a non-ASCII rune took part in the match:
// packaging then keeps Python's lower-casing of what was written (for
// example "prevıew" stays a pre-release letter of its own, ordered as a
// string between "b" and "rc"), and so do we.
func matchKeyword(t string, p int, kw keyword) (int, string, bool) {
	ascii := true
	q := p
	for i := 0; i < len(kw.spelling); i++ {
		if q >= len(t) {
			return p, "", false
		}
		r, n := decodeRune(t[q:])
		if foldLetter(r) != kw.spelling[i] {
			return p, "", false
		}
		ascii = ascii && n == 1
		q += n
	}
	if ascii {
		return q, kw.letter, true
	}
	var b []byte
	for _, r := range t[p:q] {
		b = appendLower(b, r)
	}
	return q, string(b), true
}

// parseLocal matches `[a-z0-9]+([-_.][a-z0-9]+)*` at p.
func parseLocal(t string, p int) (int, []localPart, bool) {
	var parts []localPart
	for {
		q := p
		ascii, digits := true, true
		for q < len(t) {
			r, n := decodeRune(t[q:])
			if !isDigit(byte(r)) || n > 1 {
				if foldLetter(r) == 0 {
					break
				}
				digits = false
			}
			ascii = ascii && n == 1
			q += n
		}
		if q == p {
			return p, nil, false
		}
		part := t[p:q]
		switch {
		case digits:
			parts = append(parts, localPart{s: normNum(part), numeric: true})
		case ascii:
			parts = append(parts, localPart{s: asciiLower(part)})
		default:
			var b []byte
			for _, r := range part {
				b = appendLower(b, r)
			}
			parts = append(parts, localPart{s: string(b)})
		}
		if q+1 < len(t) && isSep(t[q]) {
			p = q + 1
			continue
		}
		return q, parts, true
	}
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
