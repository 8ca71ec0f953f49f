// Package pypi owns the wire formats patchline reads from Python package
// indexes: the two forms of a Simple repository API project page, PEP 691
// JSON (with PEP 700 versions and upload times) and PEP 503 HTML, chosen
// by the response's Content-Type, with PEP 592 yanking and PEP 658/714
// core metadata in both; core-metadata files (email-header METADATA with
// Requires-Dist, Requires-Python and Provides-Extra), PEP 508 requirement
// strings, the legacy JSON API (/pypi/NAME/VERSION/json) used as a
// fallback, and distribution file names. It parses; fetching is the
// registry package's job.
package pypi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// ProjectPage is a PEP 691 project page.
type ProjectPage struct {
	Meta struct {
		APIVersion string `json:"api-version"`
	} `json:"meta"`
	Name string `json:"name"`
	// Versions is PEP 700's list of every version of the project,
	// including versions without files; nil on indexes that predate
	// API version 1.1.
	Versions []string `json:"versions"`
	Files    []File   `json:"files"`
}

// File is one distribution file of a project page.
type File struct {
	Filename       string            `json:"filename"`
	URL            string            `json:"url"`
	Hashes         map[string]string `json:"hashes"`
	RequiresPython *string           `json:"requires-python,omitempty"`
	// CoreMetadata is PEP 714's "core-metadata"; DistInfoMetadata the
	// older "data-dist-info-metadata" spelling of PEP 658.
	CoreMetadata     *MetadataRef `json:"core-metadata,omitempty"`
	DistInfoMetadata *MetadataRef `json:"data-dist-info-metadata,omitempty"`
	Yanked           Yanked       `json:"yanked"`
	UploadTime       *time.Time   `json:"upload-time,omitempty"`
	Size             *int64       `json:"size,omitempty"`
}

// MetadataRef says whether a file's core metadata is served at
// URL + ".metadata", and with which hashes.
type MetadataRef struct {
	Available bool
	Hashes    map[string]string
}

func (m *MetadataRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "true":
		*m = MetadataRef{Available: true}
		return nil
	case "false", "null":
		*m = MetadataRef{}
		return nil
	}
	var h map[string]string
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("core-metadata: want true, false or a hash dictionary, got %s", b)
	}
	*m = MetadataRef{Available: true, Hashes: h}
	return nil
}

func (m MetadataRef) MarshalJSON() ([]byte, error) {
	if !m.Available {
		return []byte("false"), nil
	}
	if m.Hashes == nil {
		return []byte("true"), nil
	}
	return json.Marshal(m.Hashes)
}

// Metadata returns the file's core-metadata reference: PEP 714's key
// when present, else PEP 658's.
func (f *File) Metadata() MetadataRef {
	if f.CoreMetadata != nil {
		return *f.CoreMetadata
	}
	if f.DistInfoMetadata != nil {
		return *f.DistInfoMetadata
	}
	return MetadataRef{}
}

// Yanked is PEP 592's yanked value: false, true, or a reason string
// (which means yanked).
type Yanked struct {
	Yanked bool
	Reason string
}

func (y *Yanked) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "true":
		*y = Yanked{Yanked: true}
		return nil
	case "false", "null":
		*y = Yanked{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("yanked: want a boolean or a string, got %s", b)
	}
	*y = Yanked{Yanked: true, Reason: s}
	return nil
}

func (y Yanked) MarshalJSON() ([]byte, error) {
	if y.Yanked && y.Reason != "" {
		return json.Marshal(y.Reason)
	}
	return json.Marshal(y.Yanked)
}

// ParseProjectPage parses a PEP 691 project page of API major version 1.
func ParseProjectPage(b []byte) (*ProjectPage, error) {
	p, ok := scanProjectPage(b)
	if !ok {
		p = &ProjectPage{}
		if err := json.Unmarshal(b, p); err != nil {
			return nil, fmt.Errorf("invalid PEP 691 project page: %w", err)
		}
	}
	major, _, _ := strings.Cut(p.Meta.APIVersion, ".")
	if major != "1" {
		return nil, fmt.Errorf("invalid PEP 691 project page: api-version %q, want 1.x", p.Meta.APIVersion)
	}
	for i, f := range p.Files {
		if f.Filename == "" || f.URL == "" {
			return nil, fmt.Errorf("invalid PEP 691 project page: file %d has no filename or url", i)
		}
	}
	return p, nil
}
