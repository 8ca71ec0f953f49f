package lockfile

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode/utf8"
)

// fastYAML reads the plain YAML that pnpm and Yarn write into a tree of
// ynode, line by line and without a token stream, which makes it several
// times faster than the general parser on lockfiles. It understands block
// mappings, plain and quoted scalars, one level of flow mapping or
// sequence holding scalars ("{integrity: sha512-...}", "[arm64]"),
// comments and "---" between documents; it returns ok false on anything
// else (block sequences, anchors, tags, multi-line scalars, tabs, CRLF,
// escapes it does not know), and parseYAML then reads the file with the
// general parser. It never accepts a text the general parser rejects or
// reads differently: FuzzFastYAML holds it to that.
func fastYAML(src []byte) (docs []*ynode, ok bool) {
	// The general parser's rules on encodings and control characters are
	// its own: the fast path takes text YAML calls printable only.
	if !yamlPrintable(src) {
		return nil, false
	}
	// One copy of the text: every key and scalar is a substring of it.
	data := string(src)
	var alloc nodeAlloc
	// Each open mapping or sequence collects its entries in a buffer of
	// its depth, reused; once closed, they are copied into slices cut
	// from large blocks, so that a mapping costs no allocation of its own.
	type level struct {
		indent int
		node   *ynode
		ents   []fastEntry
	}
	var (
		stack   []level
		buffers [][]fastEntry
		pending *ynode // a mapping value whose key ended its line: a nested block or null
		pendInd int    // the indent of pending's key
		lineNo  int
		// marker is set from a "---" to the first content after it: a
		// marker that no content follows makes an empty document, which
		// is the general parser's to read.
		marker bool
	)
	push := func(indent int, n *ynode) {
		d := len(stack)
		for len(buffers) <= d {
			buffers = append(buffers, nil)
		}
		stack = append(stack, level{indent, n, buffers[d][:0]})
	}
	pop := func() {
		l := stack[len(stack)-1]
		alloc.finish(l.node, l.ents)
		buffers[len(stack)-1] = l.ents[:0]
		stack = stack[:len(stack)-1]
	}
	endDoc := func() {
		if stack != nil {
			root := stack[0].node
			for len(stack) > 0 {
				pop()
			}
			docs = append(docs, root)
		}
		stack, pending = nil, nil
	}
	// addKey adds "key: rest" at indent to the mapping on top of the stack.
	addKey := func(key, rest string, indent int) bool {
		top := &stack[len(stack)-1]
		var val *ynode
		if rest == "|" || rest == "|-" || rest == "|+" {
			v, lines, tail, ok := fastLiteral(data, indent, rest)
			if !ok {
				return false
			}
			val = alloc.node(ynode{kind: yScalar, line: lineNo, str: v})
			data = tail
			defer func(n int) { lineNo += n }(lines)
		} else if rest == "" {
			val = alloc.node(ynode{kind: yNull, line: lineNo})
			pending, pendInd = val, indent
		} else if val, ok = alloc.value(rest, lineNo); !ok {
			return false
		}
		top.ents = append(top.ents, fastEntry{key, lineNo, val})
		return true
	}
	for len(data) > 0 {
		lineNo++
		var line string
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, ""
		}
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		content := line[indent:]
		if len(content) == 0 || content[0] == '#' {
			continue
		}
		if indent == 0 && (strings.HasPrefix(content, "---") || strings.HasPrefix(content, "...")) {
			if content != "---" || marker && stack == nil {
				return nil, false
			}
			endDoc()
			marker = true
			continue
		}
		item := content == "-" || strings.HasPrefix(content, "- ")
		if pending != nil {
			switch {
			case indent > pendInd && !item:
				pending.kind, pending.line = yMap, lineNo
				push(indent, pending)
			case indent >= pendInd && item:
				// A block sequence may sit at its key's own indent.
				pending.kind, pending.line = ySeq, lineNo
				push(indent, pending)
			}
			pending = nil
		}
		if stack == nil {
			if indent != 0 || item {
				return nil, false
			}
			push(0, alloc.node(ynode{kind: yMap, line: lineNo}))
			marker = false
		}
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			if top.indent > indent || !item && top.indent == indent && top.node.kind == ySeq {
				pop()
				continue
			}
			break
		}
		if len(stack) == 0 || len(stack) > maxYAMLDepth {
			return nil, false
		}
		top := &stack[len(stack)-1]
		if top.indent != indent || (top.node.kind == ySeq) != item {
			return nil, false
		}
		if !item {
			key, rest, ok := fastKey(content)
			if !ok || !addKey(key, rest, indent) {
				return nil, false
			}
			continue
		}
		// A sequence item: a scalar, or a mapping whose first key follows
		// the dash.
		body := strings.TrimLeft(content[1:], " ")
		if body == "" || body[0] == '#' || body[0] == '-' {
			return nil, false
		}
		if key, rest, ok := fastKey(body); ok && !strings.HasPrefix(body, "{") && !strings.HasPrefix(body, "[") {
			m := alloc.node(ynode{kind: yMap, line: lineNo})
			top.ents = append(top.ents, fastEntry{val: m})
			col := indent + len(content) - len(body)
			push(col, m)
			if !addKey(key, rest, col) {
				return nil, false
			}
			continue
		}
		if body[0] == '"' || body[0] == '\'' {
			if _, rest, ok := fastQuoted(body); ok && strings.HasPrefix(rest, ":") {
				return nil, false
			}
		}
		v, ok := alloc.value(body, lineNo)
		if !ok {
			return nil, false
		}
		top.ents = append(top.ents, fastEntry{val: v})
	}
	if marker && stack == nil {
		return nil, false
	}
	endDoc()
	return docs, len(docs) > 0
}

// fastLiteral reads the lines of a literal block scalar ("key: |-") that
// follow its key, at an indent greater than the key's, and returns its
// value, the number of lines it took and the data after them. Blank lines
// first, blank lines inside, and lines indented deeper than the first are
// left to the general parser.
func fastLiteral(data string, keyIndent int, header string) (value string, lines int, rest string, ok bool) {
	var b strings.Builder
	blockIndent := -1
	for len(data) > 0 {
		line, next, more := strings.Cut(data, "\n")
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		if indent == len(line) {
			// Blank lines end the scalar when a line indented no deeper
			// than the key, or the end of the file, follows them; blank
			// lines inside it, kept ones (|+) and spaces past the key's
			// indent (content, when past the block's) are the parser's.
			if header == "|+" || !blanksEnd(data, keyIndent) {
				return "", 0, "", false
			}
			break
		}
		if indent <= keyIndent {
			break
		}
		if blockIndent < 0 {
			blockIndent = indent
		}
		if indent != blockIndent {
			return "", 0, "", false
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line[indent:])
		lines++
		data = next
		if !more {
			return "", 0, "", false // the file ends inside the scalar
		}
	}
	if lines == 0 {
		return "", 0, "", false
	}
	if header != "|-" {
		b.WriteByte('\n')
	}
	return b.String(), lines, data, true
}

// blanksEnd reports whether the lines of data, after any blank ones with
// no space past indent, end or continue at an indent no greater than
// indent.
func blanksEnd(data string, indent int) bool {
	for len(data) > 0 {
		var line string
		line, data, _ = strings.Cut(data, "\n")
		n := 0
		for n < len(line) && line[n] == ' ' {
			n++
		}
		if n < len(line) || n > indent {
			return n <= indent
		}
	}
	return true
}

// printableASCII holds the ASCII bytes yamlPrintable lets through.
var printableASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = true
	}
	t['\n'] = true
	return t
}()

// yamlPrintable reports text that is valid UTF-8 and made of the
// characters YAML calls printable, newlines, and no tabs or carriage
// returns.
func yamlPrintable(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if !printableASCII[c] {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0xa0, r >= 0xd800 && r <= 0xdfff, r == 0xfeff, r == 0xfffe, r == 0xffff,
			r == 0x2028, r == 0x2029: // YAML's other line breaks, NEL among them, are the parser's
			return false
		}
		i += n
	}
	return true
}

// surrogateEscapeRE finds a \u escape of a UTF-16 surrogate.
var surrogateEscapeRE = regexp.MustCompile(`\\u[dD][89a-fA-F]`)

// maxFastKey bounds the keys the fast path takes, below YAML's limit of
// 1,024 characters for an implicit key whatever the spaces around it.
const maxFastKey = 1000

// fastKey splits "key: value" (or "key:") into the key's text and the
// value's, a comment removed. ok is false for anything but a plain,
// single- or double-quoted key followed by ":".
func fastKey(s string) (key, rest string, ok bool) {
	key, rest, ok = fastKeyParts(s)
	// YAML allows an implicit key 1,024 characters at most.
	if ok && len(s)-len(rest) > maxFastKey {
		return "", "", false
	}
	return key, rest, ok
}

func fastKeyParts(s string) (key, rest string, ok bool) {
	switch s[0] {
	case '"', '\'':
		key, s, ok = fastQuoted(s)
		if !ok || !strings.HasPrefix(s, ":") {
			return "", "", false
		}
		s = s[1:]
	default:
		if strings.IndexByte("-?:,[]{}#&*!|>%@`", s[0]) >= 0 {
			return "", "", false
		}
		i := strings.Index(s, ": ")
		if i < 0 {
			if !strings.HasSuffix(s, ":") {
				return "", "", false
			}
			i = len(s) - 1
		}
		key, s = s[:i], s[i+1:]
		if key == "<<" || strings.Contains(key, " #") || strings.HasSuffix(key, " ") {
			return "", "", false // a merge key, a comment, odd spacing
		}
	}
	if s != "" && s[0] != ' ' {
		return "", "", false
	}
	s = strings.TrimLeft(s, " ")
	if strings.HasPrefix(s, "#") {
		s = ""
	}
	return key, s, true
}

// nodeAlloc hands out nodes, and the slices of closed mappings and
// sequences, from blocks: one allocation for many.
type nodeAlloc struct {
	block []ynode
	strs  []string
	ints  []int
	ptrs  []*ynode
	maps  []ymap
}

// fastEntry is a mapping entry (or, without key, a sequence item) of a
// mapping or sequence still open.
type fastEntry struct {
	key  string
	line int
	val  *ynode
}

// cut returns n elements of *block with no room to grow, refilling it
// with a block of its own size (or n, if larger) when it runs short.
func cut[T any](block *[]T, n int) []T {
	if n > len(*block) {
		*block = make([]T, max(n, 4096))
	}
	s := (*block)[:n:n]
	*block = (*block)[n:]
	return s
}

// finish gives a closed mapping or sequence its entries.
func (a *nodeAlloc) finish(n *ynode, ents []fastEntry) {
	if len(ents) == 0 {
		return
	}
	n.vals = cut(&a.ptrs, len(ents))
	for i, e := range ents {
		n.vals[i] = e.val
	}
	if n.kind != yMap {
		return
	}
	m := &cut(&a.maps, 1)[0]
	m.keys, m.keyLines = cut(&a.strs, len(ents)), cut(&a.ints, len(ents))
	for i, e := range ents {
		m.keys[i], m.keyLines[i] = e.key, e.line
	}
	n.m = m
}

func (a *nodeAlloc) node(n ynode) *ynode {
	if len(a.block) == 0 {
		a.block = make([]ynode, 256)
	}
	p := &a.block[0]
	*p, a.block = n, a.block[1:]
	return p
}

// value reads a mapping value that follows its key on the same line.
func (a *nodeAlloc) value(s string, line int) (*ynode, bool) {
	switch s[0] {
	case '{', '[':
		return a.flow(s, line)
	case '"', '\'':
		v, rest, ok := fastQuoted(s)
		if !ok || !fastTail(rest) {
			return nil, false
		}
		return a.node(ynode{kind: yScalar, line: line, str: v}), true
	}
	v, ok := fastPlain(s, false)
	if !ok {
		return nil, false
	}
	return a.scalar(v, line), true
}

// scalar makes the node of a plain scalar: the words YAML reads as null
// are null, anything else keeps its text.
func (a *nodeAlloc) scalar(v string, line int) *ynode {
	switch v {
	case "null", "Null", "NULL", "~":
		return a.node(ynode{kind: yNull, line: line})
	}
	return a.node(ynode{kind: yScalar, line: line, str: v})
}

// fastPlain checks a plain scalar (to the end of the line, a comment
// removed) and returns its text without trailing spaces. In a flow
// collection it may not hold the flow indicators, nor "#": a comment there
// ends the line inside the collection, which is the general parser's
// to read.
func fastPlain(s string, flow bool) (string, bool) {
	if i := strings.Index(s, " #"); i >= 0 && !flow {
		s = s[:i]
	}
	s = strings.TrimRight(s, " ")
	if s == "" || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", s[0]) >= 0 && !(s[0] == '-' && len(s) > 1 && s[1] != ' ') {
		return "", false
	}
	if strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || flow && strings.ContainsAny(s, ",[]{}#") {
		return "", false
	}
	return s, true
}

// fastQuoted reads a quoted scalar at the start of s and returns its value
// and what follows the closing quote.
func fastQuoted(s string) (value, rest string, ok bool) {
	q := s[0]
	// Most quoted scalars hold no escape: the closing quote is the first.
	if j := strings.IndexByte(s[1:], q); j >= 0 {
		i := j + 1
		if strings.IndexByte(s[1:i], '\\') < 0 && !(q == '\'' && i+1 < len(s) && s[i+1] == '\'') {
			return s[1:i], s[i+1:], true
		}
	}
	escaped := false
	i := 1
	for ; i < len(s); i++ {
		if s[i] == q {
			if q == '\'' && i+1 < len(s) && s[i+1] == '\'' {
				escaped = true
				i++
				continue
			}
			break
		}
		if q == '"' && s[i] == '\\' {
			escaped = true
			i++
		}
	}
	if i >= len(s) {
		return "", "", false
	}
	value, rest = s[1:i], s[i+1:]
	if !escaped {
		return value, rest, true
	}
	if q == '\'' {
		return strings.ReplaceAll(value, "''", "'"), rest, true
	}
	// The escapes JSON shares with YAML mean the same in both; any other
	// is left to the general parser.
	if strings.Contains(value, `\/`) || surrogateEscapeRE.MatchString(value) {
		return "", "", false // JSON takes a lone surrogate, YAML does not
	}
	if err := json.Unmarshal([]byte(s[:i+1]), &value); err != nil {
		return "", "", false
	}
	return value, rest, true
}

// fastTail reports whether what follows a value is only a comment.
func fastTail(s string) bool {
	t := strings.TrimLeft(s, " ")
	return t == "" || t[0] == '#' && len(t) < len(s)
}

// flow reads "{k: v, ...}" or "[a, b]" holding scalars only.
func (a *nodeAlloc) flow(s string, line int) (*ynode, bool) {
	open := s[0]
	close := byte('}')
	out := a.node(ynode{kind: yMap, line: line})
	if open == '[' {
		close, out.kind = ']', ySeq
	} else {
		out.m = &cut(&a.maps, 1)[0]
	}
	s = strings.TrimLeft(s[1:], " ")
	for {
		if s == "" {
			return nil, false
		}
		if s[0] == close {
			if !fastTail(s[1:]) {
				return nil, false
			}
			return out, true
		}
		var key string
		if open == '{' {
			var ok bool
			if s[0] == '"' || s[0] == '\'' {
				key, s, ok = fastQuoted(s)
			} else {
				i := strings.Index(s, ": ")
				if i < 0 {
					return nil, false
				}
				key, s = s[:i], s[i:]
				key, ok = fastPlain(key, true) // "{a : b}": the key is "a"
			}
			if !ok || !strings.HasPrefix(s, ": ") || len(key) > maxFastKey {
				return nil, false
			}
			s = strings.TrimLeft(s[2:], " ")
			if s == "" {
				return nil, false
			}
		}
		var val *ynode
		if s[0] == '"' || s[0] == '\'' {
			v, rest, ok := fastQuoted(s)
			if !ok {
				return nil, false
			}
			val, s = a.node(ynode{kind: yScalar, line: line, str: v}), rest
		} else {
			end := strings.IndexAny(s, ",]}")
			if end < 0 {
				return nil, false
			}
			v, ok := fastPlain(s[:end], true)
			if !ok {
				return nil, false
			}
			val, s = a.scalar(v, line), s[end:]
		}
		if open == '{' {
			out.m.keys = append(out.m.keys, key)
			out.m.keyLines = append(out.m.keyLines, line)
		}
		out.vals = append(out.vals, val)
		s = strings.TrimLeft(s, " ")
		if s == "" || s[0] != ',' && s[0] != close {
			return nil, false
		}
		if s[0] == ',' {
			s = strings.TrimLeft(s[1:], " ")
			if s != "" && s[0] == close {
				return nil, false // a trailing comma: leave it to the parser
			}
		}
	}
}
