package check

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/patchline/patchline/osv"
)

var schemaCheck = &CheckDef{
	Code: "OSV001", Name: "schema", Level: Error, Check: checkSchema,
	Description: `The record is valid against the official OSV JSON schema (osv-schema's main branch: release 1.7.5 plus the "x_" prefix for local databases), with formats asserted.`,
}

func checkSchema(in *Input) []Problem {
	v := in.Value
	if v == nil {
		m, err := in.Record.Value()
		if err != nil {
			return []Problem{{Message: err.Error()}}
		}
		v = m
	}
	var ps []Problem
	for _, e := range in.schema().Validate(v) {
		ps = append(ps, Problem{Pointer: e.Location, Message: e.Message})
	}
	return ps
}

// idChars are the characters OSV ids use: GHSA-xxxx-xxxx-xxxx,
// PYSEC-2021-1, openSUSE-SU-2024:10135-1, x_INVENIO-2026-0001.
func idCharOK(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
		r == '-' || r == '_' || r == '.' || r == ':'
}

// IDProblem says why id cannot be the id of a record stored as ID.json in a
// directory, or returns "". It does not look at the prefix.
func IDProblem(id string) string {
	switch {
	case id == "":
		return "the id is empty"
	case strings.ContainsAny(id, `/\`):
		return fmt.Sprintf("id %q contains a path separator", id)
	case strings.Contains(id, ".."):
		return fmt.Sprintf("id %q contains \"..\"", id)
	case strings.HasPrefix(id, "."):
		return fmt.Sprintf("id %q starts with \".\"", id)
	}
	for _, r := range id {
		if !idCharOK(r) {
			return fmt.Sprintf("id %q contains %q: ids use letters, digits and \".-_:\" only", id, r)
		}
	}
	return ""
}

func checkID(in *Input) []Problem {
	id := in.Record.ID
	if id == "" {
		return nil // the schema reports the missing id
	}
	var ps []Problem
	if msg := IDProblem(id); msg != "" {
		ps = append(ps, Problem{Pointer: "/id", Message: msg})
	}
	if s := in.schema(); !s.KnownPrefix(id) {
		ps = append(ps, Problem{Pointer: "/id", Message: s.ExplainPrefix(id)})
	}
	return ps
}

func checkTimestampFormat(in *Input) []Problem {
	var ps []Problem
	for _, f := range timeFields(in.Record) {
		if f.t.IsZero() || f.t.OSVForm() {
			continue
		}
		what := "an OSV timestamp"
		if f.t.Valid() {
			what += fmt.Sprintf(" (it is %s in OSV's form)", f.t.String())
		}
		ps = append(ps, problemf("/"+f.name, "%s %q is not %s: want RFC 3339 in UTC ending in \"Z\", such as 2026-03-04T10:00:00Z",
			f.name, f.t.Text(), what))
	}
	return ps
}

func checkTimestampOrder(in *Input) []Problem {
	r := in.Record
	if r.Modified.IsZero() || !r.Modified.Valid() {
		return nil
	}
	var ps []Problem
	for _, f := range timeFields(r)[1:] {
		if f.t.IsZero() || !f.t.Valid() {
			continue
		}
		if f.t.Time().After(r.Modified.Time()) {
			ps = append(ps, problemf("/"+f.name, "%s %s is after modified %s", f.name, f.t.String(), r.Modified.String()))
		}
	}
	return ps
}

type timeField struct {
	name string
	t    osv.Time
}

func timeFields(r *osv.Record) []timeField {
	return []timeField{{"modified", r.Modified}, {"published", r.Published}, {"withdrawn", r.Withdrawn}}
}

func checkDuplicates(in *Input) []Problem {
	r := in.Record
	var ps []Problem
	dup := func(field string, list []string) {
		seen := map[string]int{}
		for i, s := range list {
			if j, ok := seen[s]; ok {
				ps = append(ps, problemf(osv.Pointer("/"+field, i), "%q is listed twice in %s (also at index %d)", s, field, j))
				continue
			}
			seen[s] = i
		}
	}
	dup("aliases", r.Aliases)
	dup("related", r.Related)
	dup("upstream", r.Upstream)
	for i, a := range r.Aliases {
		if a == r.ID {
			ps = append(ps, problemf(osv.Pointer("/aliases", i), "the record's own id %q is listed as an alias", a))
		}
	}
	for i, a := range r.Affected {
		dup(fmt.Sprintf("affected/%d/versions", i), a.Versions)
	}
	type refKey struct {
		t osv.ReferenceType
		u string
	}
	seen := map[refKey]int{}
	for i, ref := range r.References {
		key := refKey{ref.Type, ref.URL}
		if j, ok := seen[key]; ok {
			ps = append(ps, problemf(osv.Pointer("/references", i), "reference %s %s is listed twice (also at index %d)", ref.Type, ref.URL, j))
			continue
		}
		seen[key] = i
	}
	return ps
}

func checkReferences(in *Input) []Problem {
	var ps []Problem
	for i, ref := range in.Record.References {
		ptr := osv.Pointer("/references", i)
		if !ref.Type.Known() {
			ps = append(ps, problemf(ptr+"/type", "reference type %q is not one of OSV's: %s", ref.Type, joinTypes(osv.ReferenceTypes)))
		}
		u, err := url.Parse(ref.URL)
		switch {
		case ref.URL == "":
			ps = append(ps, problemf(ptr+"/url", "the reference has no URL"))
		case err != nil:
			ps = append(ps, problemf(ptr+"/url", "%q is not a URL: %v", ref.URL, unwrapURLError(err)))
		case u.Scheme == "" || u.Host == "":
			ps = append(ps, problemf(ptr+"/url", "%q is not an absolute URL with a scheme and a host, such as https://example.org/advisory", ref.URL))
		}
	}
	return ps
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

func joinTypes[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, t := range list {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// maxSummary is OSV's recommended summary length.
const maxSummary = 120

func checkSummary(in *Input) []Problem {
	s := in.Record.Summary
	if s == "" {
		return nil
	}
	var ps []Problem
	switch {
	case strings.ContainsAny(strings.TrimRight(s, "\r\n"), "\r\n"):
		ps = append(ps, problemf("/summary", "the summary has several lines; OSV wants one line, longer text belongs in details"))
	case strings.TrimSpace(s) != s:
		ps = append(ps, problemf("/summary", "the summary has leading or trailing white space (%q)", edge(s)))
	}
	if n := utf8.RuneCountInString(s); n > maxSummary {
		ps = append(ps, problemf("/summary", "the summary is %d characters long; OSV recommends at most %d", n, maxSummary))
	}
	return ps
}

// edge shows the white space at the ends of s.
func edge(s string) string {
	t := strings.TrimSpace(s)
	i := strings.Index(s, t)
	return s[:i] + "…" + s[i+len(t):]
}
