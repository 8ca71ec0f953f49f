package osv

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// FieldError is a value of the wrong JSON type for a field of the model.
type FieldError struct {
	Pointer string // JSON pointer of the value, e.g. /affected/0/versions/3
	Msg     string
}

func (e *FieldError) Error() string {
	if e.Pointer == "" {
		return "record: " + e.Msg
	}
	return e.Pointer + ": " + e.Msg
}

// FieldErrors is every FieldError of one record.
type FieldErrors []*FieldError

func (es FieldErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap gives errors.As access to each *FieldError.
func (es FieldErrors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// FromValue builds a Record from a decoded JSON value (see ParseDocument).
// Fields of a wrong JSON type are reported together as FieldErrors; unknown
// fields are kept in Unknown; nothing else is checked.
func FromValue(v any) (*Record, error) {
	var d valueDecoder
	r := d.record(v)
	if len(d.errs) > 0 {
		sort.SliceStable(d.errs, func(i, j int) bool { return d.errs[i].Pointer < d.errs[j].Pointer })
		return nil, d.errs
	}
	return r, nil
}

// valueDecoder walks a decoded value. The path to the current value is
// kept as a stack of tokens and turned into a JSON pointer only for an
// error: building pointers for every field would cost more than the
// decoding itself.
type valueDecoder struct {
	path []string
	errs FieldErrors
}

func (d *valueDecoder) push(tok string) { d.path = append(d.path, tok) }
func (d *valueDecoder) pushIndex(i int) { d.path = append(d.path, strconv.Itoa(i)) }
func (d *valueDecoder) pop()            { d.path = d.path[:len(d.path)-1] }

func (d *valueDecoder) fail(format string, args ...any) {
	tokens := make([]any, len(d.path))
	for i, t := range d.path {
		tokens[i] = t
	}
	d.errs = append(d.errs, &FieldError{Pointer: Pointer("", tokens...), Msg: fmt.Sprintf(format, args...)})
}

var (
	pointerEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// Pointer appends reference tokens (strings, or integers for array
// indices) to a JSON pointer, escaping them as RFC 6901 requires.
func Pointer(base string, tokens ...any) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		switch t := t.(type) {
		case string:
			if strings.ContainsAny(t, "~/") {
				t = pointerEscaper.Replace(t)
			}
			b.WriteString(t)
		default:
			fmt.Fprint(&b, t)
		}
	}
	return b.String()
}

// jsonType names the JSON type of a decoded value for messages.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number, float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// object walks an object's members, calling field for each; field returns
// false for a member the model does not know, which goes into the returned
// Object.
func (d *valueDecoder) object(v any, field func(key string, v any) bool) Object {
	m, ok := v.(map[string]any)
	if !ok {
		if len(d.path) == 0 {
			d.fail("got %s, want an object (an OSV record)", jsonType(v))
		} else {
			d.fail("got %s, want object", jsonType(v))
		}
		return nil
	}
	var unknown Object
	for k, e := range m {
		d.push(k)
		if !field(k, e) {
			if unknown == nil {
				unknown = Object{}
			}
			unknown[k] = e
		}
		d.pop()
	}
	return unknown
}

func (d *valueDecoder) str(v any) string {
	s, ok := v.(string)
	if !ok {
		d.fail("got %s, want string", jsonType(v))
	}
	return s
}

func (d *valueDecoder) strs(v any) []string {
	if v == nil { // the schema allows null for aliases
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		d.fail("got %s, want array of strings", jsonType(v))
		return nil
	}
	out := make([]string, 0, len(a))
	for i, e := range a {
		s, ok := e.(string)
		if !ok {
			d.pushIndex(i)
			d.fail("got %s, want string", jsonType(e))
			d.pop()
			continue
		}
		out = append(out, s)
	}
	return out
}

func (d *valueDecoder) time(v any) Time {
	s, ok := v.(string)
	if !ok {
		d.fail("got %s, want string", jsonType(v))
		return Time{}
	}
	return timeFromText(s)
}

func (d *valueDecoder) free(v any) Object {
	m, ok := v.(map[string]any)
	if !ok {
		d.fail("got %s, want object", jsonType(v))
		return nil
	}
	return Object(m)
}

// list walks an array; null is an absent list (the schema allows it for
// severity, affected and references).
func (d *valueDecoder) list(v any, elem func(any)) {
	if v == nil {
		return
	}
	a, ok := v.([]any)
	if !ok {
		d.fail("got %s, want array", jsonType(v))
		return
	}
	for i, e := range a {
		d.pushIndex(i)
		elem(e)
		d.pop()
	}
}

func (d *valueDecoder) record(v any) *Record {
	r := &Record{}
	r.Unknown = d.object(v, func(k string, v any) bool {
		switch k {
		case "schema_version":
			r.SchemaVersion = d.str(v)
		case "id":
			r.ID = d.str(v)
		case "modified":
			r.Modified = d.time(v)
		case "published":
			r.Published = d.time(v)
		case "withdrawn":
			r.Withdrawn = d.time(v)
		case "aliases":
			r.Aliases = d.strs(v)
		case "related":
			r.Related = d.strs(v)
		case "upstream":
			r.Upstream = d.strs(v)
		case "summary":
			r.Summary = d.str(v)
		case "details":
			r.Details = d.str(v)
		case "severity":
			r.Severity = d.severities(v)
		case "affected":
			d.list(v, func(e any) { r.Affected = append(r.Affected, d.affected(e)) })
		case "references":
			d.list(v, func(e any) { r.References = append(r.References, d.reference(e)) })
		case "credits":
			d.list(v, func(e any) { r.Credits = append(r.Credits, d.credit(e)) })
		case "database_specific":
			r.DatabaseSpecific = d.free(v)
		default:
			return false
		}
		return true
	})
	return r
}

func (d *valueDecoder) severities(v any) []Severity {
	var out []Severity
	d.list(v, func(e any) {
		var s Severity
		s.Unknown = d.object(e, func(k string, v any) bool {
			switch k {
			case "type":
				s.Type = SeverityType(d.str(v))
			case "score":
				s.Score = d.str(v)
			default:
				return false
			}
			return true
		})
		out = append(out, s)
	})
	return out
}

func (d *valueDecoder) affected(v any) Affected {
	var a Affected
	a.Unknown = d.object(v, func(k string, v any) bool {
		switch k {
		case "package":
			a.Package.Unknown = d.object(v, func(k string, v any) bool {
				switch k {
				case "ecosystem":
					a.Package.Ecosystem = d.str(v)
				case "name":
					a.Package.Name = d.str(v)
				case "purl":
					a.Package.Purl = d.str(v)
				default:
					return false
				}
				return true
			})
		case "severity":
			a.Severity = d.severities(v)
		case "ranges":
			d.list(v, func(e any) { a.Ranges = append(a.Ranges, d.rng(e)) })
		case "versions":
			a.Versions = d.strs(v)
		case "ecosystem_specific":
			a.EcosystemSpecific = d.free(v)
		case "database_specific":
			a.DatabaseSpecific = d.free(v)
		default:
			return false
		}
		return true
	})
	return a
}

func (d *valueDecoder) rng(v any) Range {
	var r Range
	r.Unknown = d.object(v, func(k string, v any) bool {
		switch k {
		case "type":
			r.Type = RangeType(d.str(v))
		case "repo":
			r.Repo = d.str(v)
		case "events":
			d.list(v, func(e any) {
				var ev Event
				ev.Unknown = d.object(e, func(k string, v any) bool {
					switch k {
					case "introduced":
						ev.Introduced = d.str(v)
					case "fixed":
						ev.Fixed = d.str(v)
					case "last_affected":
						ev.LastAffected = d.str(v)
					case "limit":
						ev.Limit = d.str(v)
					default:
						return false
					}
					return true
				})
				r.Events = append(r.Events, ev)
			})
		case "database_specific":
			r.DatabaseSpecific = d.free(v)
		default:
			return false
		}
		return true
	})
	return r
}

func (d *valueDecoder) reference(v any) Reference {
	var r Reference
	r.Unknown = d.object(v, func(k string, v any) bool {
		switch k {
		case "type":
			r.Type = ReferenceType(d.str(v))
		case "url":
			r.URL = d.str(v)
		default:
			return false
		}
		return true
	})
	return r
}

func (d *valueDecoder) credit(v any) Credit {
	var c Credit
	c.Unknown = d.object(v, func(k string, v any) bool {
		switch k {
		case "name":
			c.Name = d.str(v)
		case "contact":
			c.Contact = d.strs(v)
		case "type":
			c.Type = CreditType(d.str(v))
		default:
			return false
		}
		return true
	})
	return c
}
