// Package yamlguard bounds what a YAML document may cost before it reaches
// the YAML parser (goccy/go-yaml), whose time or memory grows faster than
// the input on three shapes:
//
//   - size: the parser keeps about 400 bytes per input byte of flow
//     collections ("[a, b]", "{a: b}") and about 100 per byte of block
//     mappings, so a document's size bounds its memory only through a
//     much smaller limit than a JSON document needs;
//   - nesting: "[[[[…" costs memory quadratic in its depth (a 40 KB
//     document of 20,000 brackets takes 640 MB, 200 KB takes 15 GB);
//   - tabs in a double-quoted scalar: for each tab the scanner reads on to
//     the end of the line, so a line of n tabs costs n² steps (160 KB of
//     "x<TAB>" takes seconds).
//
// Check refuses a document on any of them from one linear pass over its
// bytes, before it is parsed. Alias expansion, the fourth way to make a
// small document large, is bounded by the decoders that follow aliases
// (the parser itself does not expand them). docs/security.md gives the
// figures and how they were measured.
package yamlguard

import (
	"bytes"
	"fmt"
)

const (
	// MaxSize is the largest YAML document accepted, 256 KiB: the
	// parser's worst case on it stays near 110 MB and 0.3 s. Policies
	// and reports are written by hand and are a few kilobytes; records
	// exchanged by databases are JSON, which is not bounded by this.
	MaxSize = 256 << 10

	// MaxDepth bounds the nesting of flow collections and of sequences
	// opened on one line ("- - - x"), the two ways to nest deeply in a
	// few bytes; nesting by indentation needs quadratic space and is
	// bounded by MaxSize. An OSV record nests about ten levels.
	MaxDepth = 1000

	// MaxTabWork bounds the sum over the lines of tabs × line length,
	// what the parser's tab handling costs (about 2 ns a step): 16 M
	// steps, some 30 ms. A line of 64 KiB may hold 256 tabs.
	MaxTabWork = 1 << 24
)

// Error is a document refused by Check. Line is 1-based; 0 for the
// document as a whole.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// SizeMessage is the message for a YAML document of size bytes larger
// than MaxSize; size is -1 for a stream of which only the excess is known.
func SizeMessage(size int64) string {
	what := fmt.Sprintf("%d bytes", size)
	if size < 0 {
		what = fmt.Sprintf("more than %d bytes", MaxSize)
	}
	return fmt.Sprintf("%s, larger than the %d KiB limit for a YAML document; refusing to read it", what, MaxSize>>10)
}

// Check returns an *Error if data is larger than MaxSize, nests deeper
// than MaxDepth, or holds more tab work than MaxTabWork; nil otherwise.
// It may over-count nesting when brackets stand inside strings, which only
// matters for text with a thousand unbalanced brackets.
func Check(data []byte) error {
	if len(data) > MaxSize {
		return &Error{Msg: SizeMessage(int64(len(data)))}
	}
	depth, line, tabWork := 0, 1, 0
	for len(data) > 0 {
		text := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			text, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if tabs := bytes.Count(text, []byte{'\t'}); tabs > 0 {
			if tabWork += tabs * len(text); tabWork > MaxTabWork {
				return &Error{Line: line, Msg: fmt.Sprintf("too many tabs on long lines (%d tabs on a line of %d bytes): write \\t in a double-quoted string, or break the line", tabs, len(text))}
			}
		}
		dashes := 0
		lineStart := true
		for i, c := range text {
			switch c {
			case '[', '{':
				depth++
			case ']', '}':
				depth = max(depth-1, 0)
			}
			if lineStart {
				switch {
				case c == ' ' || c == '\t':
				case c == '-' && i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\t'):
					dashes++
				default:
					lineStart = false
				}
			}
			if depth > MaxDepth || dashes > MaxDepth {
				return &Error{Line: line, Msg: fmt.Sprintf("values nested more than %d deep", MaxDepth)}
			}
		}
		line++
	}
	return nil
}
