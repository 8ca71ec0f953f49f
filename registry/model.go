// Package registry owns patchline's view of package registries: the
// release history of a package (every published version with its upload
// time, yanked or deprecated status and dependency requirements) and where
// each piece of it came from. It reads PyPI-compatible indexes through the
// Simple API in JSON (PEP 691/700/592/658/714, with the JSON API as a
// fallback for requirements) and npm registries through the package
// document, over one HTTP layer (package fetch) and one on-disk cache that
// doubles as an offline snapshot (package httpcache).
//
// Open builds a Client from the command line's options and the ecosystems'
// own configuration (package config). Requirements are fetched lazily,
// only for the versions a caller asks about, and concurrently.
package registry

import (
	"fmt"
	"time"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/fetch"
)

// Package identifies a package: its ecosystem ("PyPI" or "npm") and its
// normalised name.
type Package struct {
	Ecosystem string
	Name      string
}

func (p Package) String() string { return p.Ecosystem + ":" + p.Name }

// Source names the document a piece of data was read from.
type Source string

const (
	// SourceSimpleJSON: a PEP 691 project page.
	SourceSimpleJSON Source = "simple-json"
	// SourceSimpleHTML: a PEP 503 project page, which carries no upload
	// times and no list of versions without files.
	SourceSimpleHTML Source = "simple-html"
	// SourceCoreMetadata: a PEP 658 core-metadata file of a distribution.
	SourceCoreMetadata Source = "core-metadata"
	// SourceJSONAPI: the index's JSON API (/pypi/NAME/VERSION/json),
	// used when the index serves no core metadata for a release.
	SourceJSONAPI Source = "json-api"
	// SourcePackageDocument: an npm package document.
	SourcePackageDocument Source = "package-document"
)

// Provenance says where data came from.
type Provenance struct {
	Source Source `json:"source"`
	// URL is the document's URL, never with credentials.
	URL string `json:"url"`
	// FetchedAt is when the document was fetched or last revalidated.
	FetchedAt time.Time `json:"fetched_at"`
	// ETag and LastModified are the document's validators.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Origin is "network", "revalidated" (304) or "cache".
	Origin string `json:"origin"`
}

func provenance(src Source, r *fetch.Response) Provenance {
	return Provenance{
		Source:       src,
		URL:          r.URL.String(),
		FetchedAt:    r.Meta.FetchedAt,
		ETag:         r.Meta.ETag,
		LastModified: r.Meta.LastModified,
		Origin:       r.Origin.String(),
	}
}

// History is the release history of a package.
type History struct {
	Package Package
	// Releases in ascending ecosystem order: every release that can be
	// installed.
	Releases []*Release
	// WithoutFiles are the releases an index lists (PEP 700) without any
	// file, ascending. There is nothing of them to install: they are kept
	// for display and never analysed, and their metadata is never fetched.
	WithoutFiles []*Release
	// Invalid lists version strings the registry publishes that the
	// ecosystem cannot parse; installers ignore them, and so does the
	// analysis.
	Invalid []string
	// DistTags are npm's dist-tags (tag → version).
	DistTags map[string]string
	// Unpublished is set for an npm package that was unpublished; it then
	// has no releases.
	Unpublished *Unpublished
	Provenance  Provenance

	// internal state for lazy requirements
	pypi *pypiProject
}

// Unpublished records an npm package's unpublication.
type Unpublished struct {
	Time     time.Time `json:"time"`
	Versions []string  `json:"versions,omitempty"`
}

// Release is one published version.
type Release struct {
	// Version is the version string as the registry publishes it.
	Version string
	// Indexes are, when pip's configuration names extra indexes, the
	// PyPI indexes that list the release or serve its files (index-url
	// and extra-index-url, in configuration order); nil with one index.
	Indexes []string `json:",omitempty"`
	// Spellings are, when a registry publishes one version under several
	// equal strings (PEP 440 "3.13" and "3.13.0"), all of them, Version
	// first; nil otherwise. They are one release, with the files of all.
	Spellings []string
	// Parsed is the ecosystem's reading of Version.
	Parsed ecosystem.Version
	// Uploaded is the release time: the npm publication time, or the
	// earliest upload time of the release's files on PyPI. Zero when the
	// registry does not say (a PyPI version without files, or an index
	// without PEP 700 upload times).
	Uploaded time.Time
	// Files is the number of distribution files (PyPI); a version listed
	// by PEP 700 without files has none.
	Files int
	// Yanked (PyPI, PEP 592) is true when every file of the release is
	// yanked; YankedReason is the first reason given.
	Yanked       bool
	YankedReason string
	// Deprecated is npm's deprecation message ("" when not deprecated).
	Deprecated string

	// requirements known without another request (npm)
	reqs *Requirements
}

// Requirements are the dependency requirements a release declares.
type Requirements struct {
	Package Package
	Version string
	// RequiresPython is the release's Requires-Python (PyPI).
	RequiresPython string `json:",omitempty"`
	// Extras are the extras the release provides (PyPI Provides-Extra).
	Extras []string `json:",omitempty"`
	// Dependencies may be shared with other releases that declare the
	// same requirements: read-only.
	Dependencies []Dependency
	// Skipped are the requirements the release declares that are not
	// valid PEP 508 requirements: left out, as pip leaves them out.
	Skipped []SkippedRequirement `json:",omitempty"`
	// Incomplete, when set, says why the release's requirements could
	// not be read at all (no core metadata and no JSON API, metadata of
	// another release, a malformed metadata file): Dependencies is then
	// empty, and whoever walks the release must say that what it found
	// may be incomplete.
	Incomplete string `json:",omitempty"`
	Provenance Provenance
}

// SkippedRequirement is a declared requirement that could not be read.
type SkippedRequirement struct {
	Spec   string
	Reason string
}

// Partial reports whether the requirements are known only in part.
func (r *Requirements) Partial() bool { return r.Incomplete != "" || len(r.Skipped) > 0 }

// Warnings says, one line each, what is missing from the requirements.
func (r *Requirements) Warnings() []string {
	var out []string
	if r.Incomplete != "" {
		out = append(out, fmt.Sprintf("%s %s: requirements unknown, walked without them: %s", r.Package, r.Version, r.Incomplete))
	}
	for _, s := range r.Skipped {
		out = append(out, fmt.Sprintf("%s %s: requirement %q skipped: %s", r.Package, r.Version, s.Spec, s.Reason))
	}
	return out
}

// Dependency is one declared requirement.
type Dependency struct {
	// Name is the normalised name of the package depended on.
	Name string
	// Spec is the requirement as the registry states it: the PEP 508
	// string (PyPI) or the range (npm).
	Spec string
	// Range is the version range (PEP 440 specifier set or node-semver
	// range); nil when any version will do, or when the npm spec is not a
	// range (a URL, a git reference, a tag, an alias).
	Range ecosystem.Range `json:"-"`
	// Specifier is Range as text ("" for any version).
	Specifier string `json:",omitempty"`
	// Extras the dependency is installed with (PyPI).
	Extras []string `json:",omitempty"`
	// URL is a PEP 508 direct reference.
	URL string `json:",omitempty"`
	// Marker is the PEP 508 environment marker, as written.
	Marker string `json:",omitempty"`
	// ForExtras are the extras of this release that pull the dependency
	// in (from `extra == "x"` in the marker); empty for a dependency of
	// the release itself.
	ForExtras []string `json:",omitempty"`
	// Kind is "" for a plain dependency, or (npm) "optional", "peer",
	// "peer-optional".
	Kind string `json:",omitempty"`
}
