package lockfile

import (
	"errors"
	"fmt"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// ynode is a YAML value with the line it starts on: a mapping (ordered
// keys, each with the line of the key), a sequence, or a scalar kept as
// its source text, so that an unquoted 1.10 stays "1.10".
type ynode struct {
	kind     ykind
	line     int
	str      string         // scalars
	keys     []string       // mappings
	keyLines []int          // mappings: the line of each key
	vals     []*ynode       // mapping values, parallel to keys; sequence items
	index    map[string]int // built on the first lookup in a large mapping
}

type ykind int

const (
	yNull ykind = iota
	yScalar
	yMap
	ySeq
)

// get returns the value of key in a mapping, or nil.
func (n *ynode) get(key string) *ynode {
	if n == nil || n.kind != yMap {
		return nil
	}
	if len(n.keys) > 16 {
		if n.index == nil {
			n.index = make(map[string]int, len(n.keys))
			for i := len(n.keys) - 1; i >= 0; i-- {
				n.index[n.keys[i]] = i // the first of duplicate keys wins
			}
		}
		if i, ok := n.index[key]; ok {
			return n.vals[i]
		}
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// text returns a scalar's text, "" for anything else.
func (n *ynode) text() string {
	if n == nil || n.kind != yScalar {
		return ""
	}
	return n.str
}

// parseYAML parses the single YAML document of a lockfile with goccy/go-yaml
// and converts its syntax tree, keeping lines. A syntax error is an *Error
// at its line.
func parseYAML(path string, format Format, data []byte) (*ynode, error) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		e := &Error{Path: path, Format: format, Msg: fmt.Sprintf("not a valid %s: %v", format, err), Err: err}
		var tokErr interface {
			GetToken() *token.Token
			GetMessage() string
		}
		if errors.As(err, &tokErr) {
			if tk := tokErr.GetToken(); tk != nil && tk.Position != nil {
				e.Line = tk.Position.Line
			}
			e.Msg = fmt.Sprintf("not a valid %s: %s", format, tokErr.GetMessage())
		}
		return nil, e
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) != 1 {
		return nil, &Error{Path: path, Format: format, Msg: fmt.Sprintf("not a valid %s: want one YAML document, found %d", format, len(docs))}
	}
	c := yconv{anchors: map[string]*ynode{}}
	root, err := c.node(docs[0].Body)
	if err != nil {
		return nil, &Error{Path: path, Format: format, Line: c.line, Msg: fmt.Sprintf("not a valid %s: %v", format, err)}
	}
	return root, nil
}

type yconv struct {
	anchors map[string]*ynode
	line    int // the line of the node being converted, for errors
	depth   int
}

func lineOf(n ast.Node) int {
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line
	}
	return 0
}

func (c *yconv) node(n ast.Node) (*ynode, error) {
	c.line = lineOf(n)
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 100 {
		return nil, errors.New("nested too deeply")
	}
	switch n := n.(type) {
	case nil, *ast.NullNode:
		return &ynode{kind: yNull, line: c.line}, nil
	case *ast.StringNode:
		return &ynode{kind: yScalar, line: c.line, str: n.Value}, nil
	case *ast.LiteralNode:
		return &ynode{kind: yScalar, line: c.line, str: n.Value.Value}, nil
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return &ynode{kind: yScalar, line: c.line, str: n.GetToken().Value}, nil
	case *ast.TagNode:
		return c.node(n.Value)
	case *ast.AnchorNode:
		v, err := c.node(n.Value)
		if err != nil {
			return nil, err
		}
		c.anchors[n.Name.GetToken().Value] = v
		return v, nil
	case *ast.AliasNode:
		v, ok := c.anchors[n.Value.GetToken().Value]
		if !ok {
			return nil, fmt.Errorf("unknown alias %q", n.Value.GetToken().Value)
		}
		return v, nil
	case *ast.MappingNode:
		return c.mapping(lineOf(n), n.Values)
	case *ast.MappingValueNode:
		return c.mapping(lineOf(n.Key), []*ast.MappingValueNode{n})
	case *ast.SequenceNode:
		out := &ynode{kind: ySeq, line: c.line}
		for _, v := range n.Values {
			item, err := c.node(v)
			if err != nil {
				return nil, err
			}
			out.vals = append(out.vals, item)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unexpected YAML %s", n.Type())
}

func (c *yconv) mapping(line int, values []*ast.MappingValueNode) (*ynode, error) {
	out := &ynode{kind: yMap, line: line}
	for _, mv := range values {
		if mv.Key == nil || mv.Key.IsMergeKey() {
			c.line = lineOf(mv)
			return nil, errors.New("merge keys are not supported")
		}
		k, err := c.node(mv.Key)
		if err != nil {
			return nil, err
		}
		if k.kind != yScalar {
			return nil, errors.New("mapping key is not a scalar")
		}
		v, err := c.node(mv.Value)
		if err != nil {
			return nil, err
		}
		out.keys = append(out.keys, k.str)
		out.keyLines = append(out.keyLines, k.line)
		out.vals = append(out.vals, v)
	}
	return out, nil
}
