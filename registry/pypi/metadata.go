package pypi

import (
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
	ProvidesExtra   []string
}

// ParseCoreMetadata parses core metadata in its email-header form: "Field:
// value" lines, continuation lines starting with whitespace, header field
// names case-insensitive, the headers ending at the first empty line (the
// description body, which is ignored). Every Requires-Dist value must be a
// valid PEP 508 requirement.
func ParseCoreMetadata(b []byte) (*CoreMetadata, error) {
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	text = strings.TrimPrefix(text, "\ufeff")
	var fields [][2]string
	for n, line := range strings.Split(text, "\n") {
		if line == "" {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if len(fields) == 0 {
				return nil, fmt.Errorf("core metadata line %d: continuation before any field", n+1)
			}
			fields[len(fields)-1][1] += "\n" + strings.TrimSpace(line)
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(k) == "" || strings.ContainsAny(k, " \t") {
			return nil, fmt.Errorf("core metadata line %d: want \"Field: value\", got %q", n+1, line)
		}
		fields = append(fields, [2]string{k, strings.TrimSpace(v)})
	}
	md := &CoreMetadata{}
	for _, f := range fields {
		v := f[1]
		switch strings.ToLower(f[0]) {
		case "metadata-version":
			md.MetadataVersion = v
		case "name":
			md.Name = v
		case "version":
			md.Version = v
		case "requires-python":
			md.RequiresPython = v
		case "provides-extra":
			md.ProvidesExtra = append(md.ProvidesExtra, v)
		case "requires-dist":
			// A folded value is one requirement written over lines.
			r, err := ParseRequirement(strings.ReplaceAll(v, "\n", " "))
			if err != nil {
				return nil, fmt.Errorf("core metadata Requires-Dist: %w", err)
			}
			md.RequiresDist = append(md.RequiresDist, r)
		}
	}
	if md.Name == "" || md.Version == "" {
		return nil, fmt.Errorf("core metadata without Name or Version")
	}
	return md, nil
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
	for _, s := range r.Info.RequiresDist {
		req, err := ParseRequirement(s)
		if err != nil {
			return nil, fmt.Errorf("JSON API requires_dist: %w", err)
		}
		md.RequiresDist = append(md.RequiresDist, req)
	}
	return md, nil
}
