package registry

import (
	"context"
	"fmt"
	"net/url"
	"sort"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/fetch"
	"github.com/patchline/patchline/registry/npm"
)

// npmHistory reads an npm package document: every version with its
// publication time (time[version]), deprecation message and dependencies,
// the dist-tags, and the unpublication record of an unpublished package.
// A version without a publication time keeps a zero Uploaded; a version
// string node-semver cannot parse goes to Invalid.
func (c *Client) npmHistory(ctx context.Context, p Package) (*History, error) {
	cfg, err := c.npmConfig(ctx)
	if err != nil {
		return nil, err
	}
	eco, err := ecosystem.Lookup("npm")
	if err != nil {
		return nil, err
	}
	reg := cfg.RegistryFor(p.Name)
	docURL := reg + npm.EscapeName(p.Name)
	resp, err := c.f.Get(ctx, fetch.Request{
		URL:         docURL,
		Package:     p.Name,
		Accept:      npm.AcceptFull,
		RootCAs:     c.npmCAs,
		Credentials: func(u *url.URL) string { return cfg.Authorization(u, reg) },
		Validate:    func(b []byte) error { _, err := npm.Parse(b); return err },
	})
	if err != nil {
		return nil, pageError(p, reg, docURL, err)
	}
	fail := func(err error) error { return &Error{Package: p, URL: docURL, Err: err} }
	doc, err := npm.Parse(resp.Body)
	if err != nil {
		return nil, fail(err)
	}
	if n, err := eco.NormalizeName(doc.Name); err != nil || n != p.Name {
		return nil, fail(fmt.Errorf("the registry answered with the document of %q", doc.Name))
	}
	h := &History{Package: p, DistTags: doc.DistTags, Provenance: provenance(SourcePackageDocument, resp)}
	un, err := doc.Unpublished()
	if err != nil {
		return nil, fail(err)
	}
	if un != nil {
		h.Unpublished = &Unpublished{Time: un.Time.UTC(), Versions: un.Versions}
	}
	for v, ver := range doc.Versions {
		pv, err := eco.Parse(v)
		if err != nil {
			h.Invalid = append(h.Invalid, v)
			continue
		}
		t, _, err := doc.VersionTime(v)
		if err != nil {
			return nil, fail(err)
		}
		r := &Release{Version: v, Parsed: pv, Uploaded: t, Deprecated: string(ver.Deprecated)}
		r.reqs = c.npmRequirements(eco, p, v, ver, h.Provenance)
		h.Releases = append(h.Releases, r)
	}
	sort.Strings(h.Invalid)
	// Map order is random: sort by version string first so that equal
	// versions (build metadata) have a stable order.
	sort.Slice(h.Releases, func(i, j int) bool { return h.Releases[i].Version < h.Releases[j].Version })
	sortReleases(eco, h.Releases)
	return h, nil
}

// npmRange is a dependency spec read as a node-semver range, with the
// range's text; ok is false for a spec that is not a range.
type npmRange struct {
	r  ecosystem.Range
	s  string
	ok bool
}

// npmRequirements turns a version's dependency maps into Dependencies,
// sorted by kind and name. A spec that is not a node-semver range (a URL,
// git reference, tag, alias or workspace reference) keeps a nil Range.
// Each distinct spec is parsed once per Client: a document repeats the
// same few ranges across hundreds of versions.
func (c *Client) npmRequirements(eco ecosystem.Ecosystem, p Package, v string, ver npm.Version, prov Provenance) *Requirements {
	reqs := &Requirements{Package: p, Version: v, Provenance: prov, Dependencies: []Dependency{}}
	add := func(kind string, deps map[string]string) {
		names := make([]string, 0, len(deps))
		for n := range deps {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			k := kind
			if kind == "peer" && ver.PeerDependenciesMeta[n].Optional {
				k = "peer-optional"
			}
			d := Dependency{Name: n, Spec: deps[n], Kind: k}
			if norm, err := eco.NormalizeName(n); err == nil {
				d.Name = norm
			}
			rng, ok := c.npmRanges.Get(d.Spec)
			if !ok {
				if r, err := eco.ParseRange(d.Spec); err == nil {
					rng = npmRange{r, r.String(), true}
				}
				c.npmRanges.Put(d.Spec, rng)
			}
			if rng.ok {
				d.Range, d.Specifier = rng.r, rng.s
			}
			reqs.Dependencies = append(reqs.Dependencies, d)
		}
	}
	// npm installs an optional dependency listed in both maps as
	// optional only.
	deps := map[string]string{}
	for n, s := range ver.Dependencies {
		if _, opt := ver.OptionalDependencies[n]; !opt {
			deps[n] = s
		}
	}
	add("", deps)
	add("optional", ver.OptionalDependencies)
	add("peer", ver.PeerDependencies)
	return reqs
}
