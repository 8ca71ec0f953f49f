package registry

import (
	"context"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/config"
	"github.com/patchline/patchline/registry/fetch"
	"github.com/patchline/patchline/registry/pypi"
)

// pypiProject is what a History keeps of the project pages to fetch
// requirements later.
type pypiProject struct {
	primary *url.URL // the index-url
	creds   func(*url.URL) string
	files   map[*Release][]indexedFile
}

// pypiHistory reads the project's pages of every configured index
// (pypiPages), PEP 691 JSON or PEP 503 HTML as each Content-Type says, and
// merges them as pip does: every file of every index is a file of its
// release, with no priority among indexes; each release says which
// indexes served it. Versions are PEP 700's lists (versions without files
// included) together with the versions of the files; a file's version
// comes from its name and matches a listed version by version equality.
// A release's upload time is its earliest file's upload-time; it is
// yanked when it has files and all are yanked (PEP 592), with the first
// reason given.
func (c *Client) pypiHistory(ctx context.Context, p Package) (*History, error) {
	cfg, err := c.pipConfig()
	if err != nil {
		return nil, err
	}
	eco, err := ecosystem.Lookup("PyPI")
	if err != nil {
		return nil, err
	}
	creds := func(u *url.URL) string { return config.Lookup(cfg.Credentials, u) }
	pages, err := c.pypiPages(ctx, p, append([]string{cfg.IndexURL}, cfg.ExtraIndexURLs...), creds)
	if err != nil {
		return nil, err
	}
	h := &History{
		Package:    p,
		Provenance: provenance(pages[0].source, pages[0].resp),
		pypi:       &pypiProject{primary: pages[0].index, creds: creds, files: map[*Release][]indexedFile{}},
	}
	byKey := map[string]*Release{}
	invalid := map[string]bool{}
	release := func(v, index string) *Release {
		pv, err := eco.Parse(v)
		if err != nil {
			invalid[v] = true
			return nil
		}
		k := pv.String()
		r, ok := byKey[k]
		if !ok {
			r = &Release{Version: v, Parsed: pv}
			byKey[k] = r
			h.Releases = append(h.Releases, r)
		}
		// With one index, the history's provenance says it all.
		if len(pages) > 1 || len(cfg.ExtraIndexURLs) > 0 {
			if !slices.Contains(r.Indexes, index) {
				r.Indexes = append(r.Indexes, index)
			}
		}
		return r
	}
	for _, pg := range pages {
		for _, v := range pg.page.Versions {
			release(v, pg.indexURL)
		}
	}
	normalize := func(s string) string {
		n, err := eco.NormalizeName(s)
		if err != nil {
			return ""
		}
		return n
	}
	for _, pg := range pages {
		for _, f := range pg.page.Files {
			v, kind, ok := pypi.FileVersion(f.Filename, p.Name, normalize)
			if !ok {
				continue
			}
			if kind == pypi.Other {
				if _, err := eco.Parse(v); err != nil {
					// An installer's name is read by guesswork: one that
					// does not give a version is not an invalid version.
					continue
				}
			}
			if r := release(v, pg.indexURL); r != nil {
				h.pypi.files[r] = append(h.pypi.files[r], indexedFile{File: f, index: pg.index, base: pg.resp.Base})
			}
		}
	}
	sortReleases(eco, h.Releases)
	h.Releases = h.mergeSpellings(eco)
	for _, r := range h.Releases {
		files := h.pypi.files[r]
		r.Files = len(files)
		yanked := len(files) > 0
		for _, f := range files {
			if f.UploadTime != nil && (r.Uploaded.IsZero() || f.UploadTime.Before(r.Uploaded)) {
				r.Uploaded = f.UploadTime.UTC()
			}
			if !f.Yanked.Yanked {
				yanked = false
			} else if r.YankedReason == "" {
				r.YankedReason = f.Yanked.Reason
			}
		}
		r.Yanked = yanked
		if !yanked {
			r.YankedReason = ""
		}
	}
	for v := range invalid {
		h.Invalid = append(h.Invalid, v)
	}
	sort.Strings(h.Invalid)
	h.Releases, h.WithoutFiles = splitFileless(h.Releases)
	return h, nil
}

// mergeSpellings makes one release of versions that are equal but spelt
// differently (PEP 440: "3.13" and "3.13.0" are one version, and pip
// installs either for the other). h.Releases must be sorted. The release
// keeps the spelling of its most files (the first published one on a
// tie) as Version, every spelling in Spellings, and all their files.
func (h *History) mergeSpellings(eco ecosystem.Ecosystem) []*Release {
	out := h.Releases[:0:0]
	for i := 0; i < len(h.Releases); {
		j := i + 1
		for j < len(h.Releases) && eco.Compare(h.Releases[i].Parsed, h.Releases[j].Parsed) == 0 {
			j++
		}
		group := h.Releases[i:j]
		i = j
		if len(group) == 1 {
			out = append(out, group[0])
			continue
		}
		keep := group[0]
		for _, r := range group[1:] {
			if len(h.pypi.files[r]) > len(h.pypi.files[keep]) {
				keep = r
			}
		}
		merged := &Release{Version: keep.Version, Parsed: keep.Parsed, Spellings: []string{keep.Version}}
		for _, r := range group {
			if r != keep {
				merged.Spellings = append(merged.Spellings, r.Version)
			}
			for _, idx := range r.Indexes {
				if !slices.Contains(merged.Indexes, idx) {
					merged.Indexes = append(merged.Indexes, idx)
				}
			}
			h.pypi.files[merged] = append(h.pypi.files[merged], h.pypi.files[r]...)
			delete(h.pypi.files, r)
		}
		out = append(out, merged)
	}
	return out
}

// splitFileless separates the releases without files: PEP 700 lists them,
// but there is nothing of them to install, so they are never a line's
// member, an affected version users can have, or a fix.
func splitFileless(rs []*Release) (withFiles, without []*Release) {
	withFiles = rs[:0:0]
	for _, r := range rs {
		if r.Files == 0 {
			without = append(without, r)
		} else {
			withFiles = append(withFiles, r)
		}
	}
	return withFiles, without
}

// pypiRequirements reads one release's requirements from the core
// metadata of one of its files (metadataFile), verifying the declared
// sha256 (and sha384/sha512) digests. Without core metadata the index's
// JSON API answers, when the index URL ends in "/simple/" (the layout of
// PyPI and its mirrors): INDEX/../pypi/NAME/VERSION/json.
//
// What the index's data cannot give is not an error: a release without
// files, without core metadata and JSON API, whose metadata is missing
// (404), malformed or names another release, is returned Incomplete, and
// requirements that do not parse are Skipped. Errors are left for what
// CI must treat as an outage: the network, HTTP errors after retries,
// truncated or oversized bodies, digest mismatches, offline misses.
func (c *Client) pypiRequirements(ctx context.Context, h *History, r *Release) (*Requirements, error) {
	if h.pypi == nil {
		return nil, fmt.Errorf("%s: history was not read from a PyPI index", h.Package)
	}
	p := h.Package
	incomplete := func(src Source, u, why string) *Requirements {
		return &Requirements{Package: p, Version: r.Version, Dependencies: []Dependency{}, Incomplete: why,
			Provenance: Provenance{Source: src, URL: u}}
	}
	if r.Files == 0 {
		return incomplete(SourceSimpleJSON, h.Provenance.URL, "the release has no files"), nil
	}
	if f, ok := metadataFile(h.pypi.files[r]); ok {
		fileURL, err := f.base.Parse(f.URL)
		if err != nil {
			return incomplete(SourceSimpleJSON, h.Provenance.URL, fmt.Sprintf("file %s has a bad URL: %v", f.Filename, err)), nil
		}
		fileURL.Fragment = "" // PEP 503 hash fragments are not part of the URL
		mdURL := fileURL.String() + ".metadata"
		hashes := f.Metadata().Hashes
		resp, err := c.f.Get(ctx, fetch.Request{URL: mdURL, Package: p.Name, SHA256: strings.ToLower(hashes["sha256"]), Credentials: h.pypi.creds, RootCAs: c.pipCAs,
			Validate: func(b []byte) error { _, err := c.pep508.ParseCoreMetadata(b); return err }})
		if isDataProblem(err) {
			return incomplete(SourceCoreMetadata, mdURL, "core metadata of "+f.Filename+": "+err.Error()), nil
		}
		if err != nil {
			return nil, &Error{Package: p, Version: r.Version, URL: mdURL, Err: err}
		}
		if err := verifyOtherHashes(resp.Body, hashes); err != nil {
			return nil, &Error{Package: p, Version: r.Version, URL: mdURL, Err: err}
		}
		md, err := c.pep508.ParseCoreMetadata(resp.Body)
		if err != nil {
			return incomplete(SourceCoreMetadata, mdURL, "core metadata of "+f.Filename+": "+err.Error()), nil
		}
		return c.pypiReqs(p, r, md, provenance(SourceCoreMetadata, resp))
	}
	apiURL, ok := jsonAPIURL(releaseIndex(h, r), p.Name, r.Version)
	if !ok {
		return incomplete(SourceSimpleJSON, h.Provenance.URL,
			"the index serves no core metadata (PEP 658) for this release, and its URL does not end in /simple/, so it offers no JSON API to fall back on"), nil
	}
	resp, err := c.f.Get(ctx, fetch.Request{URL: apiURL, Package: p.Name, Accept: "application/json", Credentials: h.pypi.creds, RootCAs: c.pipCAs,
		Validate: func(b []byte) error { _, err := c.pep508.ParseReleaseJSON(b); return err }})
	if isDataProblem(err) {
		return incomplete(SourceJSONAPI, apiURL, "the index serves no core metadata (PEP 658) for this release, and its JSON API cannot answer: "+err.Error()), nil
	}
	if err != nil {
		return nil, &Error{Package: p, Version: r.Version, URL: apiURL, Err: err}
	}
	md, err := c.pep508.ParseReleaseJSON(resp.Body)
	if err != nil {
		return incomplete(SourceJSONAPI, apiURL, err.Error()), nil
	}
	return c.pypiReqs(p, r, md, provenance(SourceJSONAPI, resp))
}

// releaseIndex is the index whose JSON API can answer for r: the first
// that served one of its files, else the first that listed it.
func releaseIndex(h *History, r *Release) *url.URL {
	if files := h.pypi.files[r]; len(files) > 0 {
		return files[0].index
	}
	if len(r.Indexes) > 0 {
		if u, err := url.Parse(r.Indexes[0]); err == nil {
			return u
		}
	}
	return h.pypi.primary
}

// isDataProblem reports whether a fetch failed on what the index serves
// (nothing at that URL, or a body that is not what it should be) rather
// than on reaching it.
func isDataProblem(err error) bool {
	return err != nil && (errors.Is(err, fetch.ErrNotFound) || errors.Is(err, fetch.ErrInvalid))
}

// metadataFile picks the file whose core metadata is read, as pip would
// pick the distribution to install on a current CPython: a wheel for
// Python 3 (a py3, py3X, py2.py3 or cp3X tag) first, else the sdist, and
// a wheel for other Pythons only when nothing else offers metadata, so
// that isort 4.3.4's py2-only wheel, whose name sorts first, does not make
// it "require futures" everywhere. Non-yanked files before yanked ones;
// then by file name, so that the choice is stable.
func metadataFile(files []indexedFile) (indexedFile, bool) {
	best, found := indexedFile{}, false
	rank := func(f indexedFile) int {
		n := 4 // a wheel for another Python
		switch {
		case strings.HasSuffix(f.Filename, ".whl") && forPython3(f.Filename):
			n = 0
		case pypiSdist(f.Filename):
			n = 2
		}
		if f.Yanked.Yanked {
			n++
		}
		return n
	}
	for _, f := range files {
		if !f.Metadata().Available {
			continue
		}
		if strings.HasSuffix(f.Filename, ".whl") || pypiSdist(f.Filename) {
			if !found || rank(f) < rank(best) || (rank(f) == rank(best) && f.Filename < best.Filename) {
				best, found = f, true
			}
		}
	}
	return best, found
}

// forPython3 reports whether a wheel's python tag set (PEP 425) admits
// CPython 3: "py3", "py38", "cp312", "py2.py3".
func forPython3(wheel string) bool {
	parts := strings.Split(strings.TrimSuffix(wheel, ".whl"), "-")
	if len(parts) < 5 {
		return false
	}
	for _, tag := range strings.Split(parts[len(parts)-3], ".") {
		if strings.HasPrefix(tag, "py3") || strings.HasPrefix(tag, "cp3") {
			return true
		}
	}
	return false
}

func pypiSdist(name string) bool {
	return strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".zip")
}

// jsonAPIURL derives the JSON API URL of a release from a ".../simple/"
// index URL.
func jsonAPIURL(index *url.URL, name, version string) (string, bool) {
	base, ok := strings.CutSuffix(index.Path, "/simple/")
	if !ok {
		return "", false
	}
	u := *index
	u.RawPath = ""
	u.Path = base + "/pypi/" + name + "/" + version + "/json"
	return u.String(), true
}

// verifyOtherHashes checks the digests other than sha256 (which the fetch
// layer verifies) that patchline knows; unknown algorithms are ignored.
func verifyOtherHashes(body []byte, hashes map[string]string) error {
	for alg, want := range hashes {
		var got string
		switch strings.ToLower(alg) {
		case "sha384":
			s := sha512.Sum384(body)
			got = hex.EncodeToString(s[:])
		case "sha512":
			s := sha512.Sum512(body)
			got = hex.EncodeToString(s[:])
		default:
			continue
		}
		if !strings.EqualFold(got, want) {
			return fmt.Errorf("%w: core metadata has %s %s, the index declares %s", fetch.ErrIntegrity, alg, got, want)
		}
	}
	return nil
}

// pypiReqs checks that the metadata describes the release asked for and
// converts its Requires-Dist entries; metadata of another release leaves
// the requirements unknown.
func (c *Client) pypiReqs(p Package, r *Release, md *pypi.CoreMetadata, prov Provenance) (*Requirements, error) {
	eco, err := ecosystem.Lookup("PyPI")
	if err != nil {
		return nil, err
	}
	reqs := &Requirements{Package: p, Version: r.Version, RequiresPython: md.RequiresPython, Provenance: prov, Dependencies: []Dependency{}}
	if n, err := eco.NormalizeName(md.Name); err != nil || n != p.Name {
		reqs.Incomplete = fmt.Sprintf("%s: the metadata names the project %q", prov.URL, md.Name)
		return reqs, nil
	}
	if v, err := eco.Parse(md.Version); err != nil || eco.Compare(v, r.Parsed) != 0 {
		reqs.Incomplete = fmt.Sprintf("%s: the metadata names the version %q", prov.URL, md.Version)
		return reqs, nil
	}
	deps, err := c.deps.list(eco, md.RequiresDist)
	if err != nil {
		return nil, &Error{Package: p, Version: r.Version, URL: prov.URL, Err: err}
	}
	reqs.Dependencies = deps
	for _, sk := range md.SkippedRequires {
		reqs.Skipped = append(reqs.Skipped, SkippedRequirement{Spec: sk.Requirement, Reason: sk.Err.Error()})
	}
	for _, e := range md.ProvidesExtra {
		if n, err := eco.NormalizeName(e); err == nil {
			e = n
		}
		reqs.Extras = append(reqs.Extras, e)
	}
	return reqs, nil
}
