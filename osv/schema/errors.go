package schema

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var (
	printer = message.NewPrinter(language.English)
	escaper = strings.NewReplacer("~", "~0", "/", "~1")
)

// collect flattens the validator's error tree into the errors a person
// needs: one per offending value, in OSV's terms. The tree of a "oneOf"
// (an event must set exactly one field) holds one failure per alternative;
// reporting all of them would bury the one that matters.
func (s *Schema) collect(e *jsonschema.ValidationError, out *[]Error) {
	loc := pointer(e.InstanceLocation)
	frag := fragment(e.SchemaURL)
	emit := func(keyword, msg string) {
		*out = append(*out, Error{Location: loc, Keyword: keyword, Message: msg})
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.AllOf, *kind.AnyOf, *kind.Reference:
		if len(e.Causes) == 0 {
			emit(keyword(e.ErrorKind), e.ErrorKind.LocalizedString(printer))
		}
		for _, c := range e.Causes {
			s.collect(c, out)
		}
	case *kind.OneOf:
		if len(k.Subschemas) > 1 {
			if isEvent(frag) {
				emit("oneOf", "an event must set exactly one of introduced, fixed, last_affected and limit; this one sets several")
			} else {
				emit("oneOf", k.LocalizedString(printer))
			}
			return
		}
		// None matched. Alternatives that failed only because their key is
		// missing say nothing; one that failed on its value does.
		var missing []string
		var specific []*jsonschema.ValidationError
		for _, c := range e.Causes {
			if r, ok := c.ErrorKind.(*kind.Required); ok && pointer(c.InstanceLocation) == loc {
				missing = append(missing, r.Missing...)
				continue
			}
			specific = append(specific, c)
		}
		if len(specific) > 0 {
			for _, c := range specific {
				s.collect(c, out)
			}
			return
		}
		if isEvent(frag) {
			emit("oneOf", "an event must set exactly one of introduced, fixed, last_affected and limit; this one sets none")
			return
		}
		emit("oneOf", "must have exactly one of "+quoteAll(missing))
	case *kind.Not:
		emit("not", s.titleOr(frag, k.LocalizedString(printer)))
	case *kind.Contains:
		emit("contains", s.titleOr(frag, k.LocalizedString(printer)))
	case *kind.Pattern:
		emit("pattern", s.patternMessage(frag, k))
	case *kind.Format:
		if frag == "/$defs/timestamp" {
			emit("format", timestampMessage(k.Got))
			return
		}
		emit("format", fmt.Sprintf("%s is not a valid %s: %v", quoteValue(k.Got), k.Want, k.Err))
	case *kind.AdditionalProperties:
		// One error per unknown field, located at the field itself, so
		// that a reader can point at its line.
		for _, p := range k.Properties {
			*out = append(*out, Error{Location: loc + "/" + escapeToken(p), Keyword: "additionalProperties",
				Message: fmt.Sprintf("unknown field %q: OSV does not define it here (free-form data goes under database_specific)", p)})
		}
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = quoteValue(w)
		}
		emit("enum", fmt.Sprintf("%s is not one of %s", quoteValue(k.Got), strings.Join(want, ", ")))
	default:
		emit(keyword(e.ErrorKind), e.ErrorKind.LocalizedString(printer))
		for _, c := range e.Causes {
			s.collect(c, out)
		}
	}
}

func (s *Schema) patternMessage(frag string, k *kind.Pattern) string {
	switch {
	case frag == "/$defs/prefix":
		return s.ExplainPrefix(k.Got)
	case frag == "/$defs/ecosystemWithSuffix":
		return s.ExplainEcosystem(k.Got)
	case frag == "/$defs/timestamp":
		return timestampMessage(k.Got)
	case strings.HasPrefix(frag, "/$defs/severity/items/allOf/"):
		// The allOf entry's "if" names the severity type it applies to.
		entry := strings.TrimSuffix(frag, "/then/properties/score")
		if t, ok := lookup(s.doc, entry+"/if/properties/type/const").(string); ok {
			return fmt.Sprintf("%q is not a valid %s score", k.Got, t)
		}
	case strings.Contains(frag, "/allOf/1/then/properties/events/"):
		return fmt.Sprintf("%q is not a full-length commit hash: GIT range events must be 40 or 64 lower-case hexadecimal digits, or 0", k.Got)
	}
	want := k.Want
	if len(want) > 60 {
		want = want[:57] + "..."
	}
	return fmt.Sprintf("%q does not match the pattern %q", k.Got, want)
}

// ExplainPrefix explains why the schema does not accept an id's prefix and
// names the fix: the "x_" prefix of local databases, or a registered one.
func (s *Schema) ExplainPrefix(id string) string {
	regs := s.RegisteredPrefixes()
	example := strings.Join(pick(regs, "GHSA", "PYSEC", "CVE", "GO", "RUSTSEC"), ", ")
	if s.LocalPrefixAllowed() {
		return fmt.Sprintf("id %q does not start with a prefix OSV knows: a local database uses the prefix \"x_\" (for example %q), a published database a registered prefix (%s, ...; %d in all)",
			id, localExample(id), example, len(regs))
	}
	return fmt.Sprintf("id %q does not start with a prefix registered in OSV schema %s (%s, ...; %d in all); this schema does not accept the \"x_\" prefix of local databases, the schema of osv-schema's main branch does",
		id, s.name, example, len(regs))
}

// localExample proposes the x_ form of an id.
func localExample(id string) string {
	if id == "" {
		return "x_PROJECT-2026-0001"
	}
	return "x_" + strings.TrimPrefix(id, "X_")
}

// ExplainEcosystem explains why the schema does not accept an ecosystem,
// proposing the right spelling when only the case is wrong.
func (s *Schema) ExplainEcosystem(eco string) string {
	base, suffix, hasSuffix := strings.Cut(eco, ":")
	msg := fmt.Sprintf("%q is not an OSV ecosystem", eco)
	for _, name := range s.Ecosystems() {
		if strings.EqualFold(name, base) {
			want := name
			if hasSuffix {
				want += ":" + suffix
			}
			return msg + fmt.Sprintf(" (ecosystem names are case-sensitive: %q)", want)
		}
	}
	return msg + " (see https://ossf.github.io/osv-schema/#defined-ecosystems)"
}

func timestampMessage(got any) string {
	return fmt.Sprintf("%v is not an OSV timestamp: want RFC 3339 in UTC ending in \"Z\", such as 2026-03-04T10:00:00Z", quoteValue(got))
}

// titleOr returns the title of the schema node at frag, or of the allOf
// entry holding it (the title of an if/then rule sits on the entry).
func (s *Schema) titleOr(frag, fallback string) string {
	for p := frag; ; {
		if node, ok := lookup(s.doc, p).(map[string]any); ok {
			if t, ok := node["title"].(string); ok && t != "Open Source Vulnerability" {
				return t
			}
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 || strings.HasSuffix(p, "/items") {
			return fallback
		}
		last := p[i+1:]
		p = p[:i]
		if last != "then" && last != "not" && last != "else" {
			return fallback
		}
	}
}

func isEvent(frag string) bool { return strings.HasSuffix(frag, "/properties/events/items") }

func keyword(k jsonschema.ErrorKind) string {
	if path := k.KeywordPath(); len(path) > 0 {
		return path[len(path)-1]
	}
	return ""
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escaper.Replace(t))
	}
	return b.String()
}

// fragment returns the JSON pointer part of a schema location.
func fragment(url string) string {
	if _, f, ok := strings.Cut(url, "#"); ok {
		return f
	}
	return ""
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// pick returns those of want that are in have, in want's order.
func pick(have []string, want ...string) []string {
	var out []string
	for _, w := range want {
		for _, h := range have {
			if h == w {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// dedupe drops repeated errors (a timestamp can fail both "format" and
// "pattern" with the same message) and sorts them in document order.
func dedupe(errs []Error) []Error {
	seen := map[string]bool{}
	out := errs[:0]
	for _, e := range errs {
		key := e.Location + "\x00" + e.Message
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return pointerLess(out[i].Location, out[j].Location) })
	return out
}

// pointerLess orders JSON pointers by their tokens, array indices
// numerically, so that /affected/2 comes before /affected/10.
func pointerLess(a, b string) bool {
	at, bt := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(at) && i < len(bt); i++ {
		if at[i] == bt[i] {
			continue
		}
		ai, aerr := strconv.Atoi(at[i])
		bi, berr := strconv.Atoi(bt[i])
		if aerr == nil && berr == nil {
			return ai < bi
		}
		return at[i] < bt[i]
	}
	return len(at) < len(bt)
}

// escapeToken escapes a JSON pointer reference token (RFC 6901).
func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
