package pypi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// CoreMetadata is the part of a distribution's core metadata (METADATA or
// PKG-INFO) that patchline reads.
type CoreMetadata struct {
	MetadataVersion string
	Name            string
	Version         string
	RequiresPython  string
	RequiresDist    []Requirement
	// SkippedRequires are the Requires-Dist values that are not valid
	// PEP 508 requirements, left out of RequiresDist.
	SkippedRequires []Skipped
	ProvidesExtra   []string
}

// ParseCoreMetadata parses core metadata in its email-header form: "Field:
// value" lines, continuation lines starting with whitespace, header field
// names case-insensitive, the headers ending at the first empty line (the
// description body, which is ignored). A Requires-Dist value that is not a
// valid PEP 508 requirement is left out and listed in SkippedRequires.
func ParseCoreMetadata(b []byte) (*CoreMetadata, error) {
	return (*Requirements)(nil).ParseCoreMetadata(b)
}

// ParseCoreMetadata is the package function ParseCoreMetadata with the
// Requires-Dist values parsed through rs (so RequiresDist may be shared
// with other results: read-only). Only the header lines are
// looked at, and only the fields patchline reads are kept; every header
// line is still checked to be a field or a continuation.
func (rs *Requirements) ParseCoreMetadata(b []byte) (*CoreMetadata, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	md := &CoreMetadata{}
	// A field's value continues on the following lines that start with
	// whitespace; most values are one line and are taken from b as is.
	var key, value []byte
	var folded strings.Builder
	isFolded, started := false, false
	// Requirements are parsed once every header line is known to be
	// well-formed, so that a malformed line is reported first.
	var requires []string
	flush := func() {
		if !started {
			return
		}
		var v string
		if isFolded {
			v = folded.String()
		}
		text := func() string {
			if !isFolded {
				v = string(value)
			}
			return v
		}
		switch {
		case asciiEqualFold(key, "requires-dist"):
			// A folded value is one requirement written over lines.
			requires = append(requires, strings.ReplaceAll(text(), "\n", " "))
		case asciiEqualFold(key, "provides-extra"):
			md.ProvidesExtra = append(md.ProvidesExtra, text())
		case asciiEqualFold(key, "name"):
			md.Name = text()
		case asciiEqualFold(key, "version"):
			md.Version = text()
		case asciiEqualFold(key, "requires-python"):
			md.RequiresPython = text()
		case asciiEqualFold(key, "metadata-version"):
			md.MetadataVersion = text()
		}
	}
	for n := 1; len(b) > 0; n++ {
		var line []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			line, b = b, nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if !started {
				return nil, fmt.Errorf("core metadata line %d: continuation before any field", n)
			}
			if !isFolded {
				folded.Reset()
				folded.Write(value)
				isFolded = true
			}
			folded.WriteByte('\n')
			folded.Write(bytes.TrimSpace(line))
			continue
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok || len(bytes.TrimSpace(k)) == 0 || bytes.ContainsAny(k, " \t") {
			return nil, fmt.Errorf("core metadata line %d: want \"Field: value\", got %q", n, line)
		}
		flush()
		started, isFolded = true, false
		key, value = k, bytes.TrimSpace(v)
	}
	flush()
	md.RequiresDist, md.SkippedRequires = rs.ParseList(requires)
	if md.Name == "" || md.Version == "" {
		return nil, fmt.Errorf("core metadata without Name or Version")
	}
	return md, nil
}

// asciiEqualFold reports whether the field name b is name (lower case),
// ignoring ASCII case as email headers do.
func asciiEqualFold(b []byte, name string) bool {
	if len(b) != len(name) {
		return false
	}
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

// ReleaseJSON is the part of the JSON API's /pypi/NAME/VERSION/json answer
// that patchline reads.
type ReleaseJSON struct {
	Info struct {
		Name           string   `json:"name"`
		Version        string   `json:"version"`
		RequiresDist   []string `json:"requires_dist"`
		RequiresPython *string  `json:"requires_python"`
		ProvidesExtra  []string `json:"provides_extra"`
	} `json:"info"`
}

// ParseReleaseJSON parses a JSON API release answer into core metadata.
func ParseReleaseJSON(b []byte) (*CoreMetadata, error) {
	return (*Requirements)(nil).ParseReleaseJSON(b)
}

// ParseReleaseJSON is the package function ParseReleaseJSON with the
// requirements parsed through rs.
func (rs *Requirements) ParseReleaseJSON(b []byte) (*CoreMetadata, error) {
	var r ReleaseJSON
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("invalid JSON API answer: %w", err)
	}
	if r.Info.Name == "" || r.Info.Version == "" {
		return nil, fmt.Errorf("invalid JSON API answer: no info.name or info.version")
	}
	md := &CoreMetadata{Name: r.Info.Name, Version: r.Info.Version, ProvidesExtra: r.Info.ProvidesExtra}
	if r.Info.RequiresPython != nil {
		md.RequiresPython = *r.Info.RequiresPython
	}
	md.RequiresDist, md.SkippedRequires = rs.ParseList(r.Info.RequiresDist)
	return md, nil
}
