// Package jsonscan owns a small JSON reader for the registry's hot
// documents (PEP 691 project pages, cache sidecars), for which
// encoding/json's reflection is most of the cost of an offline analysis.
//
// It is a fast path, not a replacement: it reads only what is plainly
// well-formed and unambiguous, and reports anything else (a syntax
// error, a string with a \u escape or a non-ASCII byte, a number that is
// not a plain integer, an unexpected type) as not handled, so that the
// caller decodes the document with encoding/json instead and gets exactly
// its result or error. Values it skips are still checked to be valid JSON.
package jsonscan

import "strconv"

// Scanner reads one JSON document. A method that returns false has found
// something it does not handle; the scanner is then spent.
type Scanner struct {
	b     []byte
	i     int
	depth int
}

// maxDepth is encoding/json's nesting limit: deeper documents are
// "unusual" and go to encoding/json, which refuses them, rather than
// recursing without bound on a hostile index page.
const maxDepth = 10000

// New returns a scanner at the start of b.
func New(b []byte) *Scanner { return &Scanner{b: b} }

func (s *Scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// Peek returns the first byte of the next value, or 0 at the end.
func (s *Scanner) Peek() byte {
	s.ws()
	if s.i >= len(s.b) {
		return 0
	}
	return s.b[s.i]
}

// AtEnd reports whether only whitespace is left.
func (s *Scanner) AtEnd() bool {
	s.ws()
	return s.i == len(s.b)
}

func (s *Scanner) lit(word string) bool {
	s.ws()
	if len(s.b)-s.i < len(word) || string(s.b[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

// Null consumes a null and reports whether there was one.
func (s *Scanner) Null() bool { return s.Peek() == 'n' && s.lit("null") }

// Bool reads true or false.
func (s *Scanner) Bool() (v, ok bool) {
	switch s.Peek() {
	case 't':
		return true, s.lit("true")
	case 'f':
		return false, s.lit("false")
	}
	return false, false
}

// Object reads an object, calling field for each member with its key;
// field must read the member's value. Duplicate keys are the caller's to
// detect.
func (s *Scanner) Object(field func(key string) bool) bool {
	if s.Peek() != '{' || s.depth >= maxDepth {
		return false
	}
	s.depth++
	defer func() { s.depth-- }()
	s.i++
	if s.Peek() == '}' {
		s.i++
		return true
	}
	for {
		k, ok := s.String()
		if !ok || s.Peek() != ':' {
			return false
		}
		s.i++
		if !field(k) {
			return false
		}
		switch s.Peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		default:
			return false
		}
	}
}

// Array reads an array, calling elem for each element; elem must read it.
func (s *Scanner) Array(elem func() bool) bool {
	if s.Peek() != '[' || s.depth >= maxDepth {
		return false
	}
	s.depth++
	defer func() { s.depth-- }()
	s.i++
	if s.Peek() == ']' {
		s.i++
		return true
	}
	for {
		if !elem() {
			return false
		}
		switch s.Peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return true
		default:
			return false
		}
	}
}

// String reads a string of printable ASCII, with the escapes other than
// \u decoded.
func (s *Scanner) String() (string, bool) {
	raw, ok := s.RawString()
	if !ok {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	esc := false
	for _, c := range body {
		if c == '\\' {
			esc = true
			break
		}
	}
	if !esc {
		return string(body), true
	}
	out := make([]byte, 0, len(body))
	for j := 0; j < len(body); j++ {
		c := body[j]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		j++
		switch body[j] {
		case '"', '\\', '/':
			out = append(out, body[j])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		default:
			return "", false
		}
	}
	return string(out), true
}

// RawString returns the next string token with its quotes, undecoded. It
// handles only printable ASCII and escapes other than \u.
func (s *Scanner) RawString() ([]byte, bool) {
	if s.Peek() != '"' {
		return nil, false
	}
	start := s.i
	for j := s.i + 1; j < len(s.b); j++ {
		switch c := s.b[j]; {
		case c == '"':
			s.i = j + 1
			return s.b[start:s.i], true
		case c == '\\':
			j++
			if j >= len(s.b) {
				return nil, false
			}
			switch s.b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			default:
				return nil, false
			}
		case c < 0x20 || c >= 0x80:
			return nil, false
		}
	}
	return nil, false
}

// Int reads an integer written without fraction or exponent.
func (s *Scanner) Int() (int64, bool) {
	s.ws()
	start := s.i
	j := s.i
	if j < len(s.b) && s.b[j] == '-' {
		j++
	}
	digits := j
	for j < len(s.b) && s.b[j] >= '0' && s.b[j] <= '9' {
		j++
	}
	if j == digits || (s.b[digits] == '0' && j-digits > 1) {
		return 0, false
	}
	if j < len(s.b) {
		switch s.b[j] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	n, err := strconv.ParseInt(string(s.b[start:j]), 10, 64)
	if err != nil {
		return 0, false
	}
	s.i = j
	return n, true
}

// Skip reads any value the scanner handles and drops it.
func (s *Scanner) Skip() bool {
	switch c := s.Peek(); {
	case c == '{':
		return s.Object(func(string) bool { return s.Skip() })
	case c == '[':
		return s.Array(s.Skip)
	case c == '"':
		_, ok := s.RawString()
		return ok
	case c == 't' || c == 'f':
		_, ok := s.Bool()
		return ok
	case c == 'n':
		return s.Null()
	case c == '-' || c >= '0' && c <= '9':
		_, ok := s.Int()
		return ok
	}
	return false
}
