package osv

import "time"

// Record is one OSV record. Field names follow the OSV schema; see
// https://ossf.github.io/osv-schema/ for their meaning.
//
// Unknown holds the fields of the top-level object that the model does not
// know, with their values as decoded JSON (see Object); they are written back
// as read. The OSV schema forbids unknown top-level fields, so a record
// carrying any fails validation; the nested objects allow them.
type Record struct {
	SchemaVersion    string      `json:"schema_version,omitempty"`
	ID               string      `json:"id"`
	Modified         Time        `json:"modified"`
	Published        Time        `json:"published,omitzero"`
	Withdrawn        Time        `json:"withdrawn,omitzero"`
	Aliases          []string    `json:"aliases,omitempty"`
	Related          []string    `json:"related,omitempty"`
	Upstream         []string    `json:"upstream,omitempty"`
	Summary          string      `json:"summary,omitempty"`
	Details          string      `json:"details,omitempty"`
	Severity         []Severity  `json:"severity,omitempty"`
	Affected         []Affected  `json:"affected,omitempty"`
	References       []Reference `json:"references,omitempty"`
	Credits          []Credit    `json:"credits,omitempty"`
	DatabaseSpecific Object      `json:"database_specific,omitempty"`
	Unknown          Object      `json:"-"`
}

// Severity is one severity score.
type Severity struct {
	Type    SeverityType `json:"type"`
	Score   string       `json:"score"`
	Unknown Object       `json:"-"`
}

// Affected is one affected package with its affected versions.
type Affected struct {
	Package           Package    `json:"package"`
	Severity          []Severity `json:"severity,omitempty"`
	Ranges            []Range    `json:"ranges,omitempty"`
	Versions          []string   `json:"versions,omitempty"`
	EcosystemSpecific Object     `json:"ecosystem_specific,omitempty"`
	DatabaseSpecific  Object     `json:"database_specific,omitempty"`
	Unknown           Object     `json:"-"`
}

// Package identifies a package: its OSV ecosystem (possibly with a
// ":suffix"), its name in that ecosystem and, optionally, its package URL
// without a version.
type Package struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	Purl      string `json:"purl,omitempty"`
	Unknown   Object `json:"-"`
}

// Range is one range of affected versions.
type Range struct {
	Type             RangeType `json:"type"`
	Repo             string    `json:"repo,omitempty"`
	Events           []Event   `json:"events"`
	DatabaseSpecific Object    `json:"database_specific,omitempty"`
	Unknown          Object    `json:"-"`
}

// Event is one event of a range. OSV allows exactly one of the four fields
// per event; the model holds what was read, so that a check can report an
// event with none or several.
type Event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
	Unknown      Object `json:"-"`
}

// EventKind names the field an event sets.
type EventKind string

// The event kinds of OSV.
const (
	EventIntroduced   EventKind = "introduced"
	EventFixed        EventKind = "fixed"
	EventLastAffected EventKind = "last_affected"
	EventLimit        EventKind = "limit"
)

// Kind returns which field the event sets and its version; ok is false when
// it sets none or more than one.
func (e Event) Kind() (kind EventKind, version string, ok bool) {
	n := 0
	for _, f := range []struct {
		k EventKind
		v string
	}{
		{EventIntroduced, e.Introduced},
		{EventFixed, e.Fixed},
		{EventLastAffected, e.LastAffected},
		{EventLimit, e.Limit},
	} {
		if f.v != "" {
			kind, version = f.k, f.v
			n++
		}
	}
	if n != 1 {
		return "", "", false
	}
	return kind, version, true
}

// Reference is a link to more information.
type Reference struct {
	Type    ReferenceType `json:"type"`
	URL     string        `json:"url"`
	Unknown Object        `json:"-"`
}

// Credit gives credit to a person or organisation.
type Credit struct {
	Name    string     `json:"name"`
	Contact []string   `json:"contact,omitempty"`
	Type    CreditType `json:"type,omitempty"`
	Unknown Object     `json:"-"`
}

// Object is a free-form JSON object (database_specific, ecosystem_specific,
// unknown fields). Its values are those of encoding/json decoding into any
// with UseNumber: nil, bool, json.Number, string, []any and map[string]any.
// Numbers are json.Number so that they are written back with the digits
// they were read with; Go code that builds an Object may also use the Go
// integer and float types, strings slices and nested Objects, which Marshal
// converts.
type Object map[string]any

// PublicAt reports whether the record is public at now: it has a valid
// published time and that time is not after now. A record without a
// published time is a draft, and one whose published time is still to come
// is under embargo: patchline writes the end of an embargo as the published
// time.
func (r *Record) PublicAt(now time.Time) bool {
	return !r.Published.IsZero() && r.Published.Valid() && !r.Published.Time().After(now)
}

// Embargoed reports whether the record's published time is after now.
func (r *Record) Embargoed(now time.Time) bool {
	return r.Published.Valid() && !r.Published.IsZero() && r.Published.Time().After(now)
}
