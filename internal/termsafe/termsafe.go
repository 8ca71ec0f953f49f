// Package termsafe escapes text from registries and inputs where it meets
// a terminal, a CI log or a Markdown page: control characters (ESC, BEL,
// CR, the C1 controls, ...), the bidirectional controls that reorder what
// a reader sees (U+202E and friends, "Trojan Source"), and the Unicode line
// and paragraph separators. A registry's deprecation message or a report's
// summary can then neither set the terminal's title, clear the screen, fake
// a table row nor hide text.
//
// Escapes are Go's (\x1b, \u202e, \n), so the text stays readable and
// what it contains stays visible. In JSON, \u202e is the escape JSON itself
// uses, so a writer may also sit under JSON output: strings keep their
// value, and encoding/json already escapes the control characters.
package termsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// unsafe reports whether r must be escaped; layout tells whether "\n" and
// "\t" are allowed (the program's own line breaks and table cells).
func unsafe(r rune, layout bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !layout
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r < 0x61c:
		return false
	}
	switch r {
	case '\u061c', '\u200e', '\u200f', // arabic letter mark, LRM, RLM
		'\u2028', '\u2029', // line and paragraph separators
		'\ufeff': // zero width no-break space (byte order mark)
		return true
	}
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' // embeddings, overrides, isolates
}

// Unsafe reports whether r is escaped in a field: a control character
// (line breaks and tabs included), a line or paragraph separator, a
// bidirectional control or a byte-order mark.
func Unsafe(r rune) bool { return unsafe(r, false) }

// Describe names what kind of unsafe character r is, for messages.
func Describe(r rune) string {
	switch {
	case r == '\u2028' || r == '\u2029':
		return fmt.Sprintf("the line or paragraph separator %U", r)
	case r == '\ufeff':
		return "a byte-order mark (U+FEFF)"
	case r >= 0x600:
		return fmt.Sprintf("the bidirectional control %U", r)
	}
	return fmt.Sprintf("the control character %U", r)
}

// escape appends the escape of r (or of the invalid byte b when r is
// utf8.RuneError of width 1).
func escape(sb *strings.Builder, r rune, b byte, width int) {
	switch {
	case r == utf8.RuneError && width == 1:
		fmt.Fprintf(sb, `\x%02x`, b)
	case r == '\n':
		sb.WriteString(`\n`)
	case r == '\t':
		sb.WriteString(`\t`)
	case r == '\r':
		sb.WriteString(`\r`)
	case r < 0x80:
		fmt.Fprintf(sb, `\x%02x`, r)
	default:
		fmt.Fprintf(sb, `\u%04x`, r)
	}
}

// Field escapes s for one table cell, heading or line of output: every
// unsafe character, line breaks and tabs included, and invalid UTF-8.
func Field(s string) string { return clean(s, false) }

// Text escapes s for text that may span lines (a report's details in
// Markdown): as Field, but "\n" and "\t" stay.
func Text(s string) string { return clean(s, true) }

func clean(s string, layout bool) string {
	i := firstUnsafe(s, layout)
	if i < 0 {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	sb.WriteString(s[:i])
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && w == 1) || unsafe(r, layout) {
			escape(&sb, r, s[i], w)
		} else {
			sb.WriteString(s[i : i+w])
		}
		i += w
	}
	return sb.String()
}

// firstUnsafe returns the index of the first byte to escape, or -1.
func firstUnsafe(s string, layout bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && w == 1) || unsafe(r, layout) {
			return i
		}
		i += w
	}
	return -1
}

// Writer escapes, in everything written through it, what Text escapes. It
// is the last line of defence under a command's output: fields are
// escaped where they are printed (Field), and no control sequence in any
// other text reaches the terminal.
type Writer struct {
	w     io.Writer
	carry []byte // the start of a rune split across writes
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Unwrap returns the underlying writer, for the program's own terminal
// control (a progress line), which must not be escaped.
func (t *Writer) Unwrap() io.Writer { return t.w }

// Write escapes p and writes it; it reports len(p) on success.
func (t *Writer) Write(p []byte) (int, error) {
	buf := p
	if len(t.carry) > 0 {
		buf = append(t.carry, p...)
		t.carry = nil
	}
	// A rune cut at the end of this write is completed by the next one.
	if cut := incompleteTail(buf); cut > 0 {
		t.carry = append([]byte(nil), buf[len(buf)-cut:]...)
		buf = buf[:len(buf)-cut]
	}
	s := string(buf)
	if _, err := io.WriteString(t.w, clean(s, true)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a rune left incomplete by the last write (escaped, as it is
// invalid UTF-8).
func (t *Writer) Flush() error {
	if len(t.carry) == 0 {
		return nil
	}
	s := string(t.carry)
	t.carry = nil
	_, err := io.WriteString(t.w, clean(s, true))
	return err
}

// incompleteTail returns how many bytes at the end of b start a rune that
// is not complete yet.
func incompleteTail(b []byte) int {
	for n := 1; n <= 3 && n <= len(b); n++ {
		c := b[len(b)-n]
		if c < 0x80 {
			return 0
		}
		if c >= 0xc0 { // a leading byte
			if utf8.FullRune(b[len(b)-n:]) {
				return 0
			}
			return n
		}
	}
	return 0
}
