// Package strictyaml reads the YAML files that people write for patchline
// (the policy and reports) strictly, with a position for every problem.
//
// goccy/go-yaml parses the text; its parser rejects syntax errors and
// duplicate keys with line and column. The decoding into Go values is done
// here, over goccy's syntax tree, rather than by goccy's reflective decoder
// in Strict mode, because that decoder stops at the first problem and names
// Go types ("cannot unmarshal uint64 into Go struct field") instead of the
// user's keys. Walking the tree lets the loaders report every unknown key,
// wrong type and invalid value of a file at once, each as
// file:line:column: path: message with the offending value.
//
// Reading rules, the same for every file:
//   - One document per file; an empty file is an empty document (null). A
//     leading byte order mark is ignored.
//   - Keys are scalars; the YAML merge key (<<) is not supported: it is a
//     YAML 1.1 feature that hides where a value comes from.
//   - Anchors and aliases are followed. Expansion is bounded so that an
//     "exponential entity" file fails with an error instead of running out
//     of memory.
//   - A file larger than yamlguard.MaxSize (256 KiB), nested deeper than
//     yamlguard.MaxDepth or with tabs that would cost the parser quadratic
//     time is refused before it is parsed (docs/security.md).
//   - A text field takes any scalar except a boolean or null, as written:
//     version 1.10 stays "1.10", not the float 1.1. Numbers must be plain
//     numbers: a quoted "9.0" is not a number.
//   - The tag !!str forces text; the other standard tags (!!int, !!map, ...)
//     are accepted and change nothing; any other tag is an error.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/patchline/patchline/internal/readlimit"
	"github.com/patchline/patchline/internal/yamlguard"
)

// maxSteps bounds how many nodes a decode may visit; maxAliased bounds
// those reached through an alias, counting each expansion afresh. Real
// policies and reports visit a few thousand nodes and seldom use aliases;
// a file of nested aliases ("billion laughs") is refused after 16,384.
const (
	maxSteps   = 1 << 20
	maxAliased = 1 << 14
)

// Decoder collects the problems found while reading one file.
type Decoder struct {
	file    string
	errs    Errors
	anchors map[string][]anchorDef
	steps   int
	aliased int
	over    bool
}

type anchorDef struct {
	offset int
	value  ast.Node
}

// Parse parses data, the contents of file, as one YAML document and returns
// the decoder and the document's root node. Syntax errors are recorded in the
// decoder; the root is then null.
func Parse(file string, data []byte) (*Decoder, Node) {
	d := &Decoder{file: file, anchors: map[string][]anchorDef{}}
	root := Node{d: d, present: true, pos: Pos{File: file, Line: 1, Column: 1}}
	// YAML allows a byte order mark at the start of the stream; goccy
	// would read it as part of the first key.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if err := yamlguard.Check(data); err != nil {
		ge := err.(*yamlguard.Error)
		pos := Pos{File: file, Line: ge.Line}
		if pos.Line > 0 {
			pos.Column = 1
		}
		d.add(pos, "", "%s", ge.Msg)
		root.bad = true
		return d, root
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		d.syntaxError(err)
		root.bad = true
		return d, root
	}
	var docs []*ast.DocumentNode
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			if _, ok := doc.Body.(*ast.CommentGroupNode); ok {
				continue
			}
			docs = append(docs, doc)
		}
	}
	switch len(docs) {
	case 0:
		return d, root
	case 1:
	default:
		d.add(d.pos(docs[1].Body), "", "want one YAML document, found %d (remove the second ---)", len(docs))
		root.bad = true
		return d, root
	}
	d.collectAnchors(docs[0].Body)
	return d, d.node(docs[0].Body, "", false)
}

// Err returns the problems found so far, in file order, as Errors, or nil.
func (d *Decoder) Err() error {
	if len(d.errs) == 0 {
		return nil
	}
	errs := append(Errors(nil), d.errs...)
	sortErrors(errs)
	return errs
}

// Errorf records a problem at pos about path.
func (d *Decoder) Errorf(pos Pos, path, format string, args ...any) {
	d.add(pos, path, format, args...)
}

func (d *Decoder) add(pos Pos, path, format string, args ...any) {
	if d.over {
		return
	}
	d.errs = append(d.errs, &Error{Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...)})
}

var duplicateKeyMsg = regexp.MustCompile(`^mapping key (".*") already defined at \[(\d+):(\d+)\]$`)

func (d *Decoder) syntaxError(err error) {
	var yerr yaml.Error
	if !errors.As(err, &yerr) {
		d.add(Pos{File: d.file}, "", "invalid YAML: %v", err)
		return
	}
	pos := Pos{File: d.file}
	if tk := yerr.GetToken(); tk != nil && tk.Position != nil {
		pos.Line, pos.Column = tk.Position.Line, tk.Position.Column
	}
	msg := yerr.GetMessage()
	if m := duplicateKeyMsg.FindStringSubmatch(msg); m != nil {
		d.add(pos, "", "duplicate key %s (first defined at %s:%s:%s)", m[1], d.file, m[2], m[3])
		return
	}
	d.add(pos, "", "invalid YAML: %s", msg)
}

// collectAnchors records every anchor of the document with its offset, so
// that an alias resolves to the nearest anchor of that name before it, as
// YAML specifies, whatever order the loaders read keys in.
func (d *Decoder) collectAnchors(n ast.Node) {
	switch n := n.(type) {
	case *ast.AnchorNode:
		if n.Name != nil && n.Name.GetToken() != nil {
			name := n.Name.GetToken().Value
			d.anchors[name] = append(d.anchors[name], anchorDef{offset: offsetOf(n), value: n.Value})
		}
		d.collectAnchors(n.Value)
	case *ast.MappingNode:
		for _, v := range n.Values {
			d.collectAnchors(v)
		}
	case *ast.MappingValueNode:
		d.collectAnchors(n.Key)
		d.collectAnchors(n.Value)
	case *ast.MappingKeyNode:
		d.collectAnchors(n.Value)
	case *ast.SequenceNode:
		for _, v := range n.Values {
			d.collectAnchors(v)
		}
	case *ast.TagNode:
		d.collectAnchors(n.Value)
	}
}

func offsetOf(n ast.Node) int {
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Offset
	}
	return 0
}

// pos returns the position where a node starts: the first key of a block
// mapping rather than its first colon, which is where goccy puts it.
func (d *Decoder) pos(n ast.Node) Pos {
	p := Pos{File: d.file}
	if n == nil {
		return p
	}
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 && m.Values[0].Key != nil {
		n = m.Values[0].Key
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		n = mv.Key
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		p.Line, p.Column = tk.Position.Line, tk.Position.Column
	}
	return p
}

// node wraps a syntax node as a present value at path, following anchors,
// aliases and tags. aliased is true for a node reached through an alias.
func (d *Decoder) node(n ast.Node, path string, aliased bool) Node {
	out := Node{d: d, present: true, path: path, pos: d.pos(n), aliased: aliased}
	for hops := 0; ; hops++ {
		d.steps++
		if out.aliased {
			d.aliased++
		}
		if (d.steps > maxSteps || d.aliased > maxAliased) && !d.over {
			d.add(out.pos, path, "document too large: aliases expand to more than %d nodes", maxAliased)
			d.over = true
		}
		if d.over || hops > maxSteps {
			return out
		}
		switch v := n.(type) {
		case nil:
			return out
		case *ast.CommentGroupNode:
			return out
		case *ast.AnchorNode:
			n = v.Value
		case *ast.AliasNode:
			name := ""
			if v.Value != nil && v.Value.GetToken() != nil {
				name = v.Value.GetToken().Value
			}
			target, ok := d.lookupAnchor(name, offsetOf(v))
			if !ok {
				d.add(out.pos, path, "alias *%s refers to no anchor before it", name)
				out.bad = true
				return out
			}
			n = target
			out.aliased = true
		case *ast.TagNode:
			tag := ""
			if v.Start != nil {
				tag = v.Start.Value
			}
			switch tag {
			case "!!str", "!<tag:yaml.org,2002:str>":
				out.str = true
			case "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!timestamp":
			default:
				d.add(out.pos, path, "unsupported tag %s", tag)
				out.bad = true
				return out
			}
			n = v.Value
		default:
			out.n = n
			out.pos = d.pos(n)
			return out
		}
	}
}

func (d *Decoder) lookupAnchor(name string, offset int) (ast.Node, bool) {
	defs := d.anchors[name]
	for i := len(defs) - 1; i >= 0; i-- {
		if defs[i].offset < offset {
			return defs[i].value, true
		}
	}
	return nil, false
}

// ReadFile reads the YAML file at path, what it is ("policy", "report")
// naming it in read errors, for a loader to Parse. A file larger than
// yamlguard.MaxSize is refused before it is read (a stream, after one byte
// more), with Errors positioned at the file, as an invalid file is.
func ReadFile(path, what string) ([]byte, error) {
	data, err := readlimit.ReadFile(path, yamlguard.MaxSize)
	var tl *readlimit.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, Errors{{Pos: Pos{File: path}, Msg: yamlguard.SizeMessage(tl.Size)}}
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	return data, nil
}
