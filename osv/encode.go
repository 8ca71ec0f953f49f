package osv

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Marshal returns the canonical JSON encoding of r (see the package
// documentation). It does not validate r.
func Marshal(r *Record) ([]byte, error) {
	v, err := r.Value()
	if err != nil {
		return nil, fmt.Errorf("encoding OSV record %q: %w", r.ID, err)
	}
	return EncodeValue(v)
}

// Value returns r as a decoded JSON value, the form the schema validator
// and EncodeValue take. Empty strings, lists and objects are left out, as
// are absent timestamps.
func (r *Record) Value() (map[string]any, error) {
	m := map[string]any{}
	putStr(m, "schema_version", r.SchemaVersion)
	putStr(m, "id", r.ID)
	putTime(m, "modified", r.Modified)
	putTime(m, "published", r.Published)
	putTime(m, "withdrawn", r.Withdrawn)
	putStrs(m, "aliases", r.Aliases)
	putStrs(m, "related", r.Related)
	putStrs(m, "upstream", r.Upstream)
	putStr(m, "summary", r.Summary)
	putStr(m, "details", r.Details)
	if err := putSeverities(m, r.Severity); err != nil {
		return nil, err
	}
	if len(r.Affected) > 0 {
		list := make([]any, len(r.Affected))
		for i, a := range r.Affected {
			v, err := a.value()
			if err != nil {
				return nil, fmt.Errorf("affected[%d]: %w", i, err)
			}
			list[i] = v
		}
		m["affected"] = list
	}
	if len(r.References) > 0 {
		list := make([]any, len(r.References))
		for i, ref := range r.References {
			e := map[string]any{}
			putStr(e, "type", string(ref.Type))
			putStr(e, "url", ref.URL)
			if err := merge(e, ref.Unknown); err != nil {
				return nil, fmt.Errorf("references[%d]: %w", i, err)
			}
			list[i] = e
		}
		m["references"] = list
	}
	if len(r.Credits) > 0 {
		list := make([]any, len(r.Credits))
		for i, c := range r.Credits {
			e := map[string]any{}
			putStr(e, "name", c.Name)
			putStrs(e, "contact", c.Contact)
			putStr(e, "type", string(c.Type))
			if err := merge(e, c.Unknown); err != nil {
				return nil, fmt.Errorf("credits[%d]: %w", i, err)
			}
			list[i] = e
		}
		m["credits"] = list
	}
	if err := putObject(m, "database_specific", r.DatabaseSpecific); err != nil {
		return nil, err
	}
	if err := merge(m, r.Unknown); err != nil {
		return nil, err
	}
	return m, nil
}

func (a Affected) value() (map[string]any, error) {
	m := map[string]any{}
	p := map[string]any{}
	putStr(p, "ecosystem", a.Package.Ecosystem)
	putStr(p, "name", a.Package.Name)
	putStr(p, "purl", a.Package.Purl)
	if err := merge(p, a.Package.Unknown); err != nil {
		return nil, fmt.Errorf("package: %w", err)
	}
	m["package"] = p
	if err := putSeverities(m, a.Severity); err != nil {
		return nil, err
	}
	if len(a.Ranges) > 0 {
		list := make([]any, len(a.Ranges))
		for i, r := range a.Ranges {
			e := map[string]any{}
			putStr(e, "type", string(r.Type))
			putStr(e, "repo", r.Repo)
			events := make([]any, len(r.Events))
			for j, ev := range r.Events {
				o := map[string]any{}
				putStr(o, "introduced", ev.Introduced)
				putStr(o, "fixed", ev.Fixed)
				putStr(o, "last_affected", ev.LastAffected)
				putStr(o, "limit", ev.Limit)
				if err := merge(o, ev.Unknown); err != nil {
					return nil, fmt.Errorf("ranges[%d].events[%d]: %w", i, j, err)
				}
				events[j] = o
			}
			// events is required by the schema: an empty list is written
			// so that validation names the problem.
			e["events"] = events
			if err := putObject(e, "database_specific", r.DatabaseSpecific); err != nil {
				return nil, fmt.Errorf("ranges[%d]: %w", i, err)
			}
			if err := merge(e, r.Unknown); err != nil {
				return nil, fmt.Errorf("ranges[%d]: %w", i, err)
			}
			list[i] = e
		}
		m["ranges"] = list
	}
	putStrs(m, "versions", a.Versions)
	if err := putObject(m, "ecosystem_specific", a.EcosystemSpecific); err != nil {
		return nil, err
	}
	if err := putObject(m, "database_specific", a.DatabaseSpecific); err != nil {
		return nil, err
	}
	if err := merge(m, a.Unknown); err != nil {
		return nil, err
	}
	return m, nil
}

func putStr(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func putTime(m map[string]any, k string, t Time) {
	if !t.IsZero() {
		m[k] = t.String()
	}
}

func putStrs(m map[string]any, k string, v []string) {
	if len(v) == 0 {
		return
	}
	list := make([]any, len(v))
	for i, s := range v {
		list[i] = s
	}
	m[k] = list
}

func putSeverities(m map[string]any, sev []Severity) error {
	if len(sev) == 0 {
		return nil
	}
	list := make([]any, len(sev))
	for i, s := range sev {
		e := map[string]any{}
		putStr(e, "type", string(s.Type))
		putStr(e, "score", s.Score)
		if err := merge(e, s.Unknown); err != nil {
			return fmt.Errorf("severity[%d]: %w", i, err)
		}
		list[i] = e
	}
	m["severity"] = list
	return nil
}

func putObject(m map[string]any, k string, o Object) error {
	if len(o) == 0 {
		return nil
	}
	v, err := normalize(map[string]any(o))
	if err != nil {
		return fmt.Errorf("%s: %w", k, err)
	}
	m[k] = v
	return nil
}

// merge adds the unknown fields of an object; one that names a field of the
// model is a programming error, reported rather than silently dropped.
func merge(m map[string]any, unknown Object) error {
	for k, v := range unknown {
		if _, ok := m[k]; ok || modelField(k) {
			return fmt.Errorf("unknown field %q is a field of the model", k)
		}
		nv, err := normalize(v)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		m[k] = nv
	}
	return nil
}

// modelField reports whether k is a key that the model decodes somewhere;
// it is enough to catch Unknown maps built by hand with a model key.
func modelField(k string) bool {
	switch k {
	case "schema_version", "id", "modified", "published", "withdrawn", "aliases",
		"related", "upstream", "summary", "details", "severity", "affected",
		"references", "credits", "database_specific", "package", "ranges",
		"versions", "ecosystem_specific", "ecosystem", "name", "purl", "type",
		"repo", "events", "introduced", "fixed", "last_affected", "limit",
		"score", "url", "contact":
		return true
	}
	return false
}

// normalize converts a value built in Go into the decoded-JSON form. Values
// already in that form are returned as they are; anything else goes through
// encoding/json, with numbers kept as json.Number.
func normalize(v any) (any, error) {
	switch v := v.(type) {
	case nil, bool, string, json.Number:
		return v, nil
	case Object:
		return normalize(map[string]any(v))
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			ne, err := normalize(e)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = ne
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			ne, err := normalize(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = ne
		}
		return out, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// MarshalJSON encodes the record as Marshal does, so that a Record inside
// another value (a report, a JSON API answer) is encoded the same way.
func (r Record) MarshalJSON() ([]byte, error) {
	v, err := r.Value()
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// UnmarshalJSON decodes a record as Parse does for a JSON file.
func (r *Record) UnmarshalJSON(data []byte) error {
	v, err := decodeJSON("record", data)
	if err != nil {
		return err
	}
	rec, err := FromValue(v)
	if err != nil {
		return err
	}
	*r = *rec
	return nil
}

// MarshalJSON encodes the timestamp as a JSON string (see String).
func (t Time) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// UnmarshalJSON decodes a timestamp leniently, as the reader does.
func (t *Time) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*t = timeFromText(s)
	return nil
}
