package lockfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// maxYAMLDepth bounds the nesting of mappings and sequences in a YAML
// lockfile. pnpm and Yarn write at most six levels (an importer's
// dependency's fields); the bound leaves room for hand edits and stops
// a crafted file before its tree is built.
const maxYAMLDepth = 64

// maxYAMLAliased bounds the values a YAML lockfile reaches through
// aliases, each use of an alias counting every value under its anchor
// (the aliases inside it expanded too). pnpm and Yarn write no anchors;
// the tree shares an aliased value rather than copying it, but the
// readers walk it once per use, so that 20,000 importers aliasing one of
// 2,000 dependencies (289 KB) took 11 s and 5 GB before the bound.
const maxYAMLAliased = 16384

// ynode is a YAML value with the line it starts on: a mapping (ordered
// keys, each with the line of the key), a sequence, or a scalar kept as
// its source text, so that an unquoted 1.10 stays "1.10".
type ynode struct {
	kind ykind
	line int
	str  string   // scalars
	vals []*ynode // mapping values, parallel to m.keys; sequence items
	m    *ymap    // mappings; kept apart so that scalars stay small
}

// ymap holds a mapping's keys.
type ymap struct {
	keys     []string
	keyLines []int          // the line of each key
	index    map[string]int // built on the first lookup in a large mapping
}

// keys returns a mapping's keys, nil for anything else.
func (n *ynode) keys() []string {
	if n == nil || n.m == nil {
		return nil
	}
	return n.m.keys
}

// keyLine returns the line of a mapping's i-th key.
func (n *ynode) keyLine(i int) int { return n.m.keyLines[i] }

type ykind uint8

const (
	yNull ykind = iota
	yScalar
	yMap
	ySeq
)

// get returns the value of key in a mapping, or nil.
func (n *ynode) get(key string) *ynode {
	if n == nil || n.kind != yMap || n.m == nil {
		return nil
	}
	m := n.m
	if len(m.keys) > 16 {
		if m.index == nil {
			m.index = make(map[string]int, len(m.keys))
			for i := len(m.keys) - 1; i >= 0; i-- {
				m.index[m.keys[i]] = i // the first of duplicate keys wins
			}
		}
		if i, ok := m.index[key]; ok {
			return n.vals[i]
		}
		return nil
	}
	for i, k := range m.keys {
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

// yamlErrRE takes the line out of the YAML library's error text, which
// carries it only in the message.
var yamlErrRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserErrRE matches the messages of the library's parser (as
// opposed to its scanner), which it reports one line early: it prints the
// 0-based line of where the construct began.
var yamlParserErrRE = regexp.MustCompile(`^(did not find expected (<document start>|key|node content|',' or '\]'|',' or '\}'|'-' indicator)|found (undefined tag handle|duplicate %YAML directive|incompatible YAML document|duplicate %TAG directive))`)

// parseYAML parses the YAML documents of a lockfile and converts their
// syntax trees, keeping lines; empty documents are dropped. A syntax error
// is an *Error at its line.
//
// The parser is go.yaml.in/yaml/v3, whose scanner is linear in the input
// on deep flow nesting and stops at 10,000 levels by itself; the
// conversion stops at maxYAMLDepth. Aliases are shared, never copied, so
// that an alias bomb costs no more than its text.
func parseYAML(path string, format Format, data []byte) ([]*ynode, error) {
	if docs, ok := fastYAML(data); ok {
		return docs, nil
	}
	return parseYAMLGeneral(path, format, data)
}

// parseYAMLGeneral is parseYAML with the general parser only.
func parseYAMLGeneral(path string, format Format, data []byte) ([]*ynode, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*ynode
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			break
		}
		if err != nil {
			e := &Error{Path: path, Format: format, Msg: fmt.Sprintf("not a valid %s: %v", format, err), Err: err}
			if m := yamlErrRE.FindStringSubmatch(err.Error()); m != nil {
				e.Line, _ = strconv.Atoi(m[1])
				if yamlParserErrRE.MatchString(m[2]) {
					e.Line++
				}
				// The parser names the line after the one it stopped on;
				// at the end of the input there is none.
				if last := bytes.Count(data, []byte("\n")) + 1; e.Line > last {
					e.Line = last
				}
				e.Msg = fmt.Sprintf("not a valid %s: %s", format, m[2])
			}
			return nil, e
		}
		if len(doc.Content) == 0 {
			continue
		}
		c := yconv{done: map[*yaml.Node]*ynode{}, sizes: map[*ynode]int{}}
		root, err := c.node(doc.Content[0])
		if err != nil {
			return nil, &Error{Path: path, Format: format, Line: c.line, Msg: fmt.Sprintf("not a valid %s: %v", format, err)}
		}
		docs = append(docs, root)
	}
	if len(docs) == 0 {
		return nil, &Error{Path: path, Format: format, Line: 1, Msg: fmt.Sprintf("not a valid %s: the file is empty", format)}
	}
	return docs, nil
}

// parseYAMLDocument is parseYAML for formats that have one document.
func parseYAMLDocument(path string, format Format, data []byte) (*ynode, error) {
	docs, err := parseYAML(path, format, data)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, &Error{Path: path, Format: format, Line: docs[1].line, Msg: fmt.Sprintf("not a valid %s: want one YAML document, found %d", format, len(docs))}
	}
	return docs[0], nil
}

type yconv struct {
	// done holds the converted anchored nodes, which aliases share; a nil
	// entry is an anchored node still being converted.
	done  map[*yaml.Node]*ynode
	line  int // the line of the node being converted, for errors
	depth int
	// expanded counts the values converted so far as if every alias were
	// a copy; sizes holds that count for each anchored value, and aliased
	// the values reached through aliases, bounded by maxYAMLAliased.
	expanded int
	aliased  int
	sizes    map[*ynode]int
}

func (c *yconv) node(n *yaml.Node) (*ynode, error) {
	c.line = n.Line
	switch n.Kind {
	case yaml.ScalarNode:
		c.expanded++
		out := &ynode{kind: yScalar, line: n.Line, str: n.Value}
		if n.Tag == "!!null" {
			out = &ynode{kind: yNull, line: n.Line}
		}
		if n.Anchor != "" {
			c.done[n] = out
			c.sizes[out] = 1
		}
		return out, nil
	case yaml.AliasNode:
		v, ok := c.done[n.Alias]
		if !ok || v == nil {
			return nil, fmt.Errorf("alias %q refers to a node that contains it", n.Value)
		}
		size := c.sizes[v]
		c.expanded += size
		if c.aliased += size; c.aliased > maxYAMLAliased {
			return nil, fmt.Errorf("aliases expand to more than %d values", maxYAMLAliased)
		}
		return v, nil
	case yaml.MappingNode, yaml.SequenceNode:
	default:
		return nil, fmt.Errorf("unexpected YAML node kind %d", n.Kind)
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxYAMLDepth {
		return nil, fmt.Errorf("nested more than %d levels deep", maxYAMLDepth)
	}
	if n.Anchor != "" {
		c.done[n] = nil
	}
	start := c.expanded
	c.expanded++
	out := &ynode{kind: ySeq, line: n.Line}
	if n.Kind == yaml.MappingNode {
		out.kind = yMap
		out.m = &ymap{keys: make([]string, 0, len(n.Content)/2), keyLines: make([]int, 0, len(n.Content)/2)}
		out.vals = make([]*ynode, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			c.line = k.Line
			if k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				return nil, errors.New("mapping key is not a scalar")
			}
			if k.Tag == "!!merge" {
				return nil, errors.New("merge keys are not supported")
			}
			v, err := c.node(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out.m.keys = append(out.m.keys, k.Value)
			out.m.keyLines = append(out.m.keyLines, n.Content[i].Line)
			out.vals = append(out.vals, v)
		}
	} else {
		out.vals = make([]*ynode, 0, len(n.Content))
		for _, item := range n.Content {
			v, err := c.node(item)
			if err != nil {
				return nil, err
			}
			out.vals = append(out.vals, v)
		}
	}
	if n.Anchor != "" {
		c.done[n] = out
		c.sizes[out] = c.expanded - start
	}
	return out, nil
}
