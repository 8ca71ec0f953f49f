package strictyaml

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// Kind is the YAML type of a node as the loaders see it.
type Kind int

const (
	Missing Kind = iota // the key is absent
	Null
	String
	Number
	Bool
	Mapping
	Sequence
)

// Node is one value of the document with its path (lines[1].status) and
// position. The zero Node of a Decoder is never handed out: an absent key is
// a Node of kind Missing positioned at its enclosing mapping.
type Node struct {
	d       *Decoder
	n       ast.Node // resolved value; nil for null and absent values
	path    string
	pos     Pos
	present bool
	str     bool // tagged !!str
	bad     bool // a problem was already reported for this node
	aliased bool // reached through an alias: counts towards maxAliased
}

// Path returns the node's path, e.g. lines[1].status; empty for the root.
func (n Node) Path() string { return n.path }

// Pos returns the node's position; for an absent key, the position of the
// mapping that lacks it.
func (n Node) Pos() Pos { return n.pos }

// Present reports whether the key was written, even with a null value.
func (n Node) Present() bool { return n.present }

// IsNull reports whether the value is absent or null.
func (n Node) IsNull() bool { return n.Kind() <= Null }

// Errorf records a problem about this node, unless one was already
// reported for it (a syntax error, a bad alias or tag): a second message
// about the same broken value would only be noise.
func (n Node) Errorf(format string, args ...any) {
	if n.bad {
		return
	}
	n.d.add(n.pos, n.path, format, args...)
}

// Kind returns the node's YAML type.
func (n Node) Kind() Kind {
	if !n.present {
		return Missing
	}
	switch v := n.n.(type) {
	case nil, *ast.NullNode:
		if n.str && v != nil {
			return String
		}
		return Null
	case *ast.StringNode, *ast.LiteralNode:
		return String
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		if n.str {
			return String
		}
		return Number
	case *ast.BoolNode:
		if n.str {
			return String
		}
		return Bool
	case *ast.MappingNode, *ast.MappingValueNode:
		return Mapping
	case *ast.SequenceNode:
		return Sequence
	}
	return Null
}

// Describe names the node's value for messages: "abc" quoted, number 14,
// boolean true, null, a mapping, a sequence.
func (n Node) Describe() string {
	switch n.Kind() {
	case Missing:
		return "nothing"
	case Null:
		return "null"
	case String:
		s, _ := n.scalar()
		return strconv.Quote(s)
	case Number:
		s, _ := n.scalar()
		return "number " + s
	case Bool:
		s, _ := n.scalar()
		return "boolean " + s
	case Mapping:
		return "a mapping"
	}
	return "a sequence"
}

// scalar returns the text of a scalar node as written in the file (after
// unquoting and unescaping).
func (n Node) scalar() (string, bool) {
	switch v := n.n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.NullNode, *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode, *ast.BoolNode:
		if tk := v.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// typeError reports that the node is not of the wanted type, unless a
// problem was already reported for it.
func (n Node) typeError(want string) {
	if n.bad {
		return
	}
	if n.Kind() == Missing {
		n.Errorf("required key is missing (want %s)", want)
		return
	}
	n.Errorf("want %s, got %s", want, n.Describe())
}

// Required reports whether the key is present, recording an error if not.
// want describes the expected value for the message.
func (n Node) Required(want string) bool {
	if n.Kind() == Missing {
		n.typeError(want)
		return false
	}
	return true
}

// Text returns a text value. Strings and numbers are accepted as written;
// null, booleans and collections are errors.
func (n Node) Text() (string, bool) {
	switch n.Kind() {
	case String, Number:
		return n.scalar()
	}
	n.typeError("a string")
	return "", false
}

// Float returns a finite number. Quoted numbers are strings, not numbers.
func (n Node) Float() (float64, bool) {
	if n.Kind() == Number {
		switch v := n.n.(type) {
		case *ast.IntegerNode:
			switch x := v.Value.(type) {
			case int64:
				return float64(x), true
			case uint64:
				return float64(x), true
			}
		case *ast.FloatNode:
			if !math.IsInf(v.Value, 0) && !math.IsNaN(v.Value) {
				return v.Value, true
			}
		}
		if !n.bad {
			s, _ := n.scalar()
			n.Errorf("want a finite number, got %s", s)
		}
		return 0, false
	}
	n.typeError("a number")
	return 0, false
}

// Seq returns the elements of a sequence.
func (n Node) Seq() ([]Node, bool) {
	if n.Kind() != Sequence {
		n.typeError("a list")
		return nil, false
	}
	seq := n.n.(*ast.SequenceNode)
	out := make([]Node, 0, len(seq.Values))
	for i, v := range seq.Values {
		out = append(out, n.d.node(v, fmt.Sprintf("%s[%d]", n.path, i), n.aliased))
	}
	return out, true
}

// Entry is one key-value pair of a mapping.
type Entry struct {
	Key    string
	KeyPos Pos
	Value  Node
}

// Entries returns the pairs of a mapping in file order. Keys that are not
// scalars, and merge keys, are reported and skipped.
func (n Node) Entries() ([]Entry, bool) {
	if n.Kind() != Mapping {
		n.typeError("a mapping")
		return nil, false
	}
	var values []*ast.MappingValueNode
	switch m := n.n.(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	}
	out := make([]Entry, 0, len(values))
	for _, mv := range values {
		var keyNode ast.Node = mv.Key
		if k, ok := keyNode.(*ast.MappingKeyNode); ok {
			keyNode = k.Value
		}
		keyPos := n.d.pos(keyNode)
		if _, ok := keyNode.(*ast.MergeKeyNode); ok {
			n.d.add(keyPos, n.path, "merge keys (<<) are not supported; write the keys out")
			continue
		}
		key := n.d.node(keyNode, n.path, n.aliased)
		text, ok := "", false
		if k := key.Kind(); k == String || k == Number || k == Bool {
			text, ok = key.scalar()
		}
		if !ok {
			n.d.add(keyPos, n.path, "mapping key must be a scalar, got %s", key.Describe())
			continue
		}
		out = append(out, Entry{Key: text, KeyPos: keyPos, Value: n.d.node(mv.Value, childPath(n.path, text), n.aliased)})
	}
	return out, true
}

// Map is a mapping with a fixed set of known keys.
type Map struct {
	node   Node
	fields map[string]Node
}

// Map checks that the node is a mapping whose keys are all among known, and
// reports every unknown key with a suggestion.
func (n Node) Map(known ...string) (Map, bool) {
	m := Map{node: n, fields: map[string]Node{}}
	entries, ok := n.Entries()
	if !ok {
		return m, false
	}
	for _, e := range entries {
		if !slices.Contains(known, e.Key) {
			n.d.add(e.KeyPos, n.path, "unknown key %q%s", e.Key, suggest(e.Key, known))
			continue
		}
		m.fields[e.Key] = e.Value
	}
	return m, true
}

// Get returns the value of key, or a Missing node positioned at the mapping.
func (m Map) Get(key string) Node {
	if v, ok := m.fields[key]; ok {
		return v
	}
	return Node{d: m.node.d, path: childPath(m.node.path, key), pos: m.node.pos}
}

// Node returns the mapping itself.
func (m Map) Node() Node { return m.node }

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// childPath appends a key to a path: lines.name, or packages["npm:x"] when
// the key is not a plain identifier.
func childPath(path, key string) string {
	if !identifier.MatchString(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// suggest proposes the known key closest to an unknown one, or lists the
// known keys when none is close.
func suggest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return fmt.Sprintf(" (did you mean %q?)", k)
		}
		if d := levenshtein(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	sorted := slices.Clone(known)
	slices.Sort(sorted)
	return " (known keys: " + strings.Join(sorted, ", ") + ")"
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
