package osv

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/patchline/patchline/internal/yamlguard"
)

// maxAliasedValues bounds the values a YAML document may reach through
// aliases, counting each expansion afresh, so that a document of nested
// aliases (an "exponential entity" document) fails after a few
// milliseconds instead of exhausting memory. Records rarely use aliases
// at all; the values written out are bounded by yamlguard.MaxSize.
const maxAliasedValues = 1 << 14

var errYAMLExpansion = errors.New("the document expands to too many values (nested aliases?)")

type yamlDecoder struct {
	name      string
	anchors   map[string]ast.Node
	expanding map[string]bool // aliases being expanded, to refuse cycles
	depth     int
	inAlias   int // aliases being expanded around the current value
	aliased   int // values reached through an alias
	pos       map[string]position
	errs      Errors
}

// decodeYAML converts one YAML document into the decoded-JSON form that a
// JSON record decodes to, recording the position of every value.
func decodeYAML(name string, data []byte) (v any, pos map[string]position, err error) {
	// A panic in the third-party parser on hostile input is reported as an
	// error rather than taking the program down.
	defer func() {
		if p := recover(); p != nil {
			v, pos, err = nil, nil, &Error{File: name, Msg: fmt.Sprintf("YAML parser failed: %v", p)}
		}
	}()
	if err := yamlguard.Check(data); err != nil {
		ge := err.(*yamlguard.Error)
		e := &Error{File: name, Line: ge.Line, Msg: ge.Msg}
		if e.Line > 0 {
			e.Column = 1
		}
		return nil, nil, e
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, nil, yamlSyntaxError(name, err)
	}
	var docs []*ast.DocumentNode
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if _, ok := doc.Body.(*ast.CommentGroupNode); ok {
			continue
		}
		docs = append(docs, doc)
	}
	switch len(docs) {
	case 0:
		return nil, nil, &Error{File: name, Msg: "empty document: want one OSV record"}
	case 1:
	default:
		line, col := tokenPos(docs[1].Body)
		if docs[1].Start != nil && docs[1].Start.Position != nil {
			line, col = docs[1].Start.Position.Line, docs[1].Start.Position.Column
		}
		return nil, nil, &Error{File: name, Line: line, Column: col,
			Msg: fmt.Sprintf("%d YAML documents: want one OSV record per file", len(docs))}
	}
	d := &yamlDecoder{name: name, anchors: map[string]ast.Node{}, expanding: map[string]bool{}, pos: map[string]position{}}
	v = d.value(docs[0].Body, "", false)
	if len(d.errs) > 0 {
		return nil, nil, d.errs
	}
	return v, d.pos, nil
}

func yamlSyntaxError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return &Error{File: name, Line: p.Line, Column: p.Column, Msg: ye.GetMessage()}
	}
	return &Error{File: name, Msg: err.Error()}
}

// nodePos is where a value starts: a mapping at its first key (goccy's
// token for a mapping is its first ":").
func nodePos(n ast.Node) (line, col int) {
	switch m := n.(type) {
	case *ast.MappingValueNode:
		return tokenPos(m.Key)
	case *ast.MappingNode:
		if len(m.Values) > 0 && !m.IsFlowStyle {
			return tokenPos(m.Values[0].Key)
		}
	}
	return tokenPos(n)
}

func tokenPos(n ast.Node) (line, col int) {
	if n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return 0, 0
	}
	p := n.GetToken().Position
	return p.Line, p.Column
}

func (d *yamlDecoder) fail(n ast.Node, ptr, format string, args ...any) {
	line, col := tokenPos(n)
	d.errs = append(d.errs, &Error{File: d.name, Line: line, Column: col, Pointer: ptr, Msg: fmt.Sprintf(format, args...)})
}

// value converts a node. free is true inside database_specific and
// ecosystem_specific, where numbers are numbers; elsewhere OSV has only
// strings, and a number is taken as the text written.
func (d *yamlDecoder) value(n ast.Node, ptr string, free bool) any {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > yamlguard.MaxDepth {
		if d.depth == yamlguard.MaxDepth+1 {
			d.fail(n, "", "values nested more than %d deep", yamlguard.MaxDepth)
		}
		return nil
	}
	if d.inAlias > 0 {
		if d.aliased++; d.aliased > maxAliasedValues {
			if d.aliased == maxAliasedValues+1 {
				d.fail(n, ptr, "%v", errYAMLExpansion)
			}
			return nil
		}
	}
	if _, seen := d.pos[ptr]; !seen {
		if line, col := nodePos(n); line > 0 {
			d.pos[ptr] = position{line, col}
		}
	}
	switch n := n.(type) {
	case nil, *ast.NullNode:
		return nil
	case *ast.BoolNode:
		return n.Value
	case *ast.StringNode:
		// goccy reads an integer too large for 64 bits as a string; in a
		// free-form object a plain (unquoted) number stays a number.
		if free && n.Token != nil && n.Token.Type == token.StringType && json.Valid([]byte(n.Value)) && isNumber(n.Value) {
			return json.Number(n.Value)
		}
		return n.Value
	case *ast.LiteralNode:
		return n.Value.Value
	case *ast.IntegerNode:
		if !free {
			return n.Token.Value
		}
		switch x := n.Value.(type) {
		case int64:
			return json.Number(strconv.FormatInt(x, 10))
		case uint64:
			return json.Number(strconv.FormatUint(x, 10))
		}
		return json.Number(fmt.Sprint(n.Value))
	case *ast.FloatNode:
		if !free {
			return n.Token.Value
		}
		if lit := n.Token.Value; json.Valid([]byte(lit)) {
			return json.Number(lit)
		}
		return json.Number(strconv.FormatFloat(n.Value, 'g', -1, 64))
	case *ast.InfinityNode, *ast.NanNode:
		if !free {
			return n.GetToken().Value
		}
		d.fail(n, ptr, "%s cannot be written in JSON", n.GetToken().Value)
		return nil
	case *ast.MappingNode:
		m := map[string]any{}
		for _, mv := range n.Values {
			d.pair(m, mv, ptr, free)
		}
		return m
	case *ast.MappingValueNode:
		m := map[string]any{}
		d.pair(m, n, ptr, free)
		return m
	case *ast.SequenceNode:
		list := make([]any, 0, len(n.Values))
		for i, e := range n.Values {
			list = append(list, d.value(e, Pointer(ptr, i), free))
		}
		return list
	case *ast.AnchorNode:
		if name := scalarText(n.Name); name != "" {
			d.anchors[name] = n.Value
		}
		return d.value(n.Value, ptr, free)
	case *ast.AliasNode:
		name := scalarText(n.Value)
		target, ok := d.anchors[name]
		if !ok {
			d.fail(n, ptr, "alias *%s refers to no anchor defined before it", name)
			return nil
		}
		if d.expanding[name] {
			d.fail(n, ptr, "alias *%s refers to a value that contains it", name)
			return nil
		}
		d.expanding[name] = true
		d.inAlias++
		defer func() {
			delete(d.expanding, name)
			d.inAlias--
		}()
		return d.value(target, ptr, free)
	case *ast.TagNode:
		tag := n.Start.Value
		switch tag {
		case "!!str", "tag:yaml.org,2002:str":
			if s, ok := n.Value.(ast.ScalarNode); ok {
				if sn, ok := s.(*ast.StringNode); ok {
					return sn.Value
				}
				return s.GetToken().Value
			}
			d.fail(n, ptr, "!!str on a value that is not a scalar")
			return nil
		case "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq",
			"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
			"tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq":
			return d.value(n.Value, ptr, free)
		}
		d.fail(n, ptr, "unsupported YAML tag %s", tag)
		return nil
	case *ast.CommentGroupNode:
		return nil
	}
	d.fail(n, ptr, "unsupported YAML construct (%s)", n.Type())
	return nil
}

func (d *yamlDecoder) pair(m map[string]any, mv *ast.MappingValueNode, ptr string, free bool) {
	if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
		d.fail(mv.Key, ptr, "merge keys (<<) are not supported: write the fields out")
		return
	}
	key := scalarText(mv.Key)
	if _, dup := m[key]; dup {
		d.fail(mv.Key, Pointer(ptr, key), "duplicate key %q", key)
		return
	}
	child := Pointer(ptr, key)
	if line, col := tokenPos(mv.Key); line > 0 {
		// A value is reported at its key, which is where the reader looks.
		if _, seen := d.pos[child]; !seen {
			d.pos[child] = position{line, col}
		}
	}
	m[key] = d.value(mv.Value, child, free || key == "database_specific" || key == "ecosystem_specific")
}

// scalarText returns the text of a scalar node as written (a key, an
// anchor or alias name).
func scalarText(n ast.Node) string {
	switch n := n.(type) {
	case nil:
		return ""
	case *ast.StringNode:
		return n.Value
	case *ast.MappingKeyNode:
		return scalarText(n.Value)
	case *ast.TagNode:
		return scalarText(n.Value)
	}
	if t := n.GetToken(); t != nil {
		return strings.TrimSpace(t.Value)
	}
	return ""
}

// isNumber reports whether s, valid JSON, is a JSON number.
func isNumber(s string) bool {
	return s != "" && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))
}
