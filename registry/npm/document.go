// Package npm owns the npm registry's package document (the "packument"
// served at REGISTRY/NAME) as patchline reads it: versions with their
// dependencies, optional and peer dependencies and deprecation messages,
// publication times, dist-tags, and the record an unpublished package
// leaves behind. It parses and escapes; fetching is the registry package's
// job.
package npm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// AcceptFull asks for the full document. The abbreviated form
// (application/vnd.npm.install-v1+json) has no "time" field, which
// patchline needs.
const AcceptFull = "application/json"

// Document is the part of a package document that patchline reads.
// Marshalling a Document yields a trimmed document that Parse reads back
// unchanged; the committed fixtures are made that way.
type Document struct {
	Name     string             `json:"name"`
	DistTags map[string]string  `json:"dist-tags,omitempty"`
	Versions map[string]Version `json:"versions,omitempty"`
	// Time maps "created", "modified" and each version to an RFC 3339
	// time; an unpublished package has "unpublished" instead.
	Time map[string]json.RawMessage `json:"time,omitempty"`
}

// Version is one entry of "versions".
type Version struct {
	Name                 string              `json:"name"`
	Version              string              `json:"version"`
	Dependencies         map[string]string   `json:"dependencies,omitempty"`
	OptionalDependencies map[string]string   `json:"optionalDependencies,omitempty"`
	PeerDependencies     map[string]string   `json:"peerDependencies,omitempty"`
	PeerDependenciesMeta map[string]PeerMeta `json:"peerDependenciesMeta,omitempty"`
	Deprecated           Deprecated          `json:"deprecated,omitempty"`
}

// PeerMeta is an entry of peerDependenciesMeta.
type PeerMeta struct {
	Optional bool `json:"optional,omitempty"`
}

// Deprecated is a version's deprecation message. The registry writes a
// string; some old documents carry booleans, read as "deprecated" (true)
// or not deprecated (false), as npm does.
type Deprecated string

func (d *Deprecated) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "null", "false":
		*d = ""
		return nil
	case "true":
		*d = "deprecated"
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("deprecated: want a string, got %s", b)
	}
	*d = Deprecated(s)
	return nil
}

// Unpublished is what the registry keeps of an unpublished package.
type Unpublished struct {
	Time     time.Time `json:"time"`
	Versions []string  `json:"versions,omitempty"`
}

// Parse reads a package document.
func Parse(b []byte) (*Document, error) {
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("invalid npm package document: %w", err)
	}
	if d.Name == "" {
		return nil, fmt.Errorf("invalid npm package document: no \"name\"")
	}
	return &d, nil
}

// VersionTime returns the publication time of version v.
func (d *Document) VersionTime(v string) (time.Time, bool, error) {
	raw, ok := d.Time[v]
	if !ok {
		return time.Time{}, false, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return time.Time{}, false, fmt.Errorf("time[%q]: want a string", v)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("time[%q]: %q is not an RFC 3339 time", v, s)
	}
	return t.UTC(), true, nil
}

// Unpublished returns the unpublication record, or nil when the package
// is published.
func (d *Document) Unpublished() (*Unpublished, error) {
	raw, ok := d.Time["unpublished"]
	if !ok {
		return nil, nil
	}
	var u Unpublished
	if err := json.Unmarshal(raw, &u); err != nil {
		return nil, fmt.Errorf("time.unpublished: %w", err)
	}
	return &u, nil
}

// EscapeName is the path segment of a package name in registry URLs, as
// npm writes it: "@scope/name" becomes "@scope%2fname"; other names are
// used as they are (valid npm names need no escaping).
func EscapeName(name string) string {
	if strings.HasPrefix(name, "@") {
		return strings.Replace(name, "/", "%2f", 1)
	}
	return name
}
