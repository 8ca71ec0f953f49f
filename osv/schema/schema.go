// Package schema owns the official OSV JSON schemas, embedded in the binary,
// and validation of records against them.
//
// Two schemas are embedded (see PROVENANCE.md): Main, the schema of the
// osv-schema repository's main branch, which is release 1.7.5 plus
// unreleased changes, and Released, the schema of the v1.7.5 tag.
//
// Patchline validates against Main. Its records carry ids that only Main
// accepts: a project without a registered OSV prefix allocates ids with the
// "x_" prefix that OSV reserves for local databases (x_INVENIO-2026-0001),
// and Released predates that prefix, so it rejects every such id. The two
// schemas agree on everything else a PyPI or npm record contains (the other
// changes add ecosystems and prefixes and constrain GIT ranges). Released
// is there for records with a registered prefix that are meant for
// consumers pinned to the release.
//
// Both schemas are compiled once, on first use, with
// santhosh-tekuri/jsonschema (draft 2020-12) asserting formats: draft
// 2020-12 makes "format" an annotation by default, and a "date-time" or
// "uri" that is not one must be an error for a record meant for
// publication.
package schema

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed schema.json
var mainJSON []byte

//go:embed schema-v1.7.5.json
var releasedJSON []byte

// Schema is one compiled OSV schema.
type Schema struct {
	name   string
	source []byte
	once   sync.Once
	sch    *jsonschema.Schema
	doc    map[string]any
	prefix *regexp.Regexp
	eco    *regexp.Regexp
	err    error
}

var (
	mainSchema     = &Schema{name: "main", source: mainJSON}
	releasedSchema = &Schema{name: "1.7.5", source: releasedJSON}
)

// Main returns the schema of osv-schema's main branch: release 1.7.5 plus
// the unreleased changes, among them the "x_" prefix for local databases.
func Main() *Schema { return mainSchema }

// Released returns the schema of the 1.7.5 release.
func Released() *Schema { return releasedSchema }

// Name returns "main" or "1.7.5".
func (s *Schema) Name() string { return s.name }

// Source returns the schema file as embedded.
func (s *Schema) Source() []byte { return bytes.Clone(s.source) }

const schemaURL = "https://raw.githubusercontent.com/ossf/osv-schema/main/validation/schema.json"

func (s *Schema) load() error {
	s.once.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(s.source))
		if err != nil {
			s.err = fmt.Errorf("OSV schema %s: %w", s.name, err)
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		if err := c.AddResource(schemaURL, doc); err != nil {
			s.err = fmt.Errorf("OSV schema %s: %w", s.name, err)
			return
		}
		s.sch, err = c.Compile(schemaURL)
		if err != nil {
			s.err = fmt.Errorf("OSV schema %s: %w", s.name, err)
			return
		}
		s.doc, _ = doc.(map[string]any)
		pattern, _ := lookup(s.doc, "/$defs/prefix/pattern").(string)
		if s.prefix, err = regexp.Compile(pattern); err != nil {
			s.err = fmt.Errorf("OSV schema %s: id prefix pattern: %w", s.name, err)
			return
		}
		pattern, _ = lookup(s.doc, "/$defs/ecosystemWithSuffix/pattern").(string)
		if s.eco, err = regexp.Compile(pattern); err != nil {
			s.err = fmt.Errorf("OSV schema %s: ecosystem pattern: %w", s.name, err)
		}
	})
	return s.err
}

// mustLoad loads an embedded schema; failing to compile one is a defect of
// the build, caught by the package's tests.
func (s *Schema) mustLoad() {
	if err := s.load(); err != nil {
		panic(err)
	}
}

// Error is one way in which a record does not conform to the schema.
type Error struct {
	// Location is the JSON pointer of the offending value in the record,
	// e.g. /affected/0/ranges/0/events; empty for the record as a whole.
	Location string
	// Keyword is the schema keyword that failed: "required", "pattern",
	// "enum", "format", "type", "contains", "oneOf", "not", ...
	Keyword string
	// Message says what is wrong, quoting the offending value.
	Message string
}

func (e Error) Error() string {
	loc := e.Location
	if loc == "" {
		loc = "/"
	}
	return loc + ": " + e.Message
}

// Validate validates a record given as a decoded JSON value (a
// map[string]any with json.Number or float64 numbers, as produced by
// osv.ParseDocument or (*osv.Record).Value) and returns its problems in
// document order, or nil.
func (s *Schema) Validate(v any) []Error {
	s.mustLoad()
	err := s.sch.Validate(v)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Error{{Message: err.Error()}}
	}
	var errs []Error
	s.collect(ve, &errs)
	return dedupe(errs)
}

// KnownPrefix reports whether id starts with a prefix the schema accepts.
func (s *Schema) KnownPrefix(id string) bool {
	s.mustLoad()
	return s.prefix.MatchString(id)
}

// KnownEcosystem reports whether the schema accepts eco as the ecosystem
// of a package: one of its ecosystems, case-sensitive, with an optional
// ":suffix".
func (s *Schema) KnownEcosystem(eco string) bool {
	s.mustLoad()
	return s.eco.MatchString(eco)
}

// Ecosystems returns the ecosystem names the schema accepts (without the
// optional ":suffix"), in the schema's order.
func (s *Schema) Ecosystems() []string {
	s.mustLoad()
	list, _ := lookup(s.doc, "/$defs/ecosystemName/enum").([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if name, ok := e.(string); ok {
			out = append(out, name)
		}
	}
	return out
}

// RegisteredPrefixes returns the registered id prefixes the schema accepts,
// without their "-" and without "x_", sorted, e.g. "GHSA", "PYSEC".
// A prefix written as a character class ("SUSE-[SRFO]U") is returned as
// written.
func (s *Schema) RegisteredPrefixes() []string {
	s.mustLoad()
	pattern := s.prefix.String()
	// The pattern is ^(x_|(A|B|...)-) on main and ^(A|B|...)- on 1.7.5.
	start := strings.LastIndex(pattern, "(")
	end := strings.Index(pattern[start:], ")")
	if start < 0 || end < 0 {
		return nil
	}
	out := strings.Split(pattern[start+1:start+end], "|")
	sort.Strings(out)
	return out
}

// LocalPrefixAllowed reports whether the schema accepts the "x_" prefix of
// local databases.
func (s *Schema) LocalPrefixAllowed() bool { return s.KnownPrefix("x_A") }

var unescaper = strings.NewReplacer("~1", "/", "~0", "~")

// lookup resolves a JSON pointer in the schema document.
func lookup(doc any, pointer string) any {
	cur := doc
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = unescaper.Replace(tok)
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}
