// Package memregistry owns an in-memory registry: release histories and
// requirements written by hand, served through the same two calls the
// analyzer makes of a real registry client (History and Requirements). The
// analyzer's tests describe hand-made histories with it, so that every
// membership and impact rule can be checked on a graph small enough to
// reason about.
package memregistry

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry"
	"github.com/patchline/patchline/registry/pypi"
)

// Registry holds hand-made release histories. It is safe for concurrent
// use once built, and counts the requirement look-ups it answers so that
// tests can check that only reached versions are asked about.
type Registry struct {
	pkgs map[registry.Package]*pkg

	mu       sync.Mutex
	asked    map[string]int // "PyPI:name@version" → requirement look-ups
	fail     map[registry.Package]error
	historyN int
}

type pkg struct {
	eco  ecosystem.Ecosystem
	rels []*registry.Release
	reqs map[string]*registry.Requirements
}

// New returns an empty registry.
func New() *Registry {
	return &Registry{pkgs: map[registry.Package]*pkg{}, asked: map[string]int{}, fail: map[registry.Package]error{}}
}

// Release is one hand-made release, returned by Add for optional flags.
type Release struct{ r *registry.Release }

// Yanked marks the release yanked (PyPI).
func (r Release) Yanked() Release { r.r.Yanked = true; r.r.YankedReason = "test"; return r }

// Deprecated marks the release deprecated (npm).
func (r Release) Deprecated() Release { r.r.Deprecated = "test"; return r }

// Uploaded sets the release's upload day, YYYY-MM-DD.
func (r Release) Uploaded(day string) Release {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic(err)
	}
	r.r.Uploaded = t
	return r
}

// Add adds a release of the package "ECOSYSTEM:name" with its
// requirements: PEP 508 strings for PyPI ("lib[x]>=1,<2; extra == 'y'"),
// "name@range" for npm (with an optional "kind:" prefix: "peer:react@^18").
// It panics on invalid input: the data is the test's own.
func (reg *Registry) Add(pkgName, version string, deps ...string) Release {
	p, err := registry.ParsePackage(pkgName)
	if err != nil {
		panic(err)
	}
	e, err := ecosystem.Lookup(p.Ecosystem)
	if err != nil {
		panic(err)
	}
	v, err := e.Parse(version)
	if err != nil {
		panic(err)
	}
	pk := reg.pkgs[p]
	if pk == nil {
		pk = &pkg{eco: e, reqs: map[string]*registry.Requirements{}}
		reg.pkgs[p] = pk
	}
	rel := &registry.Release{Version: version, Parsed: v, Files: 1}
	pk.rels = append(pk.rels, rel)
	sort.SliceStable(pk.rels, func(i, j int) bool { return e.Compare(pk.rels[i].Parsed, pk.rels[j].Parsed) < 0 })
	reqs := &registry.Requirements{Package: p, Version: version, Dependencies: []registry.Dependency{}}
	for _, d := range deps {
		reqs.Dependencies = append(reqs.Dependencies, dependency(e, d))
	}
	pk.reqs[version] = reqs
	return Release{rel}
}

func dependency(e ecosystem.Ecosystem, s string) registry.Dependency {
	if e.Name() == "PyPI" {
		r, err := pypi.ParseRequirement(s)
		if err != nil {
			panic(err)
		}
		name, err := e.NormalizeName(r.Name)
		if err != nil {
			panic(err)
		}
		return registry.Dependency{Name: name, Spec: r.String(), Range: r.Range, Specifier: r.Specifier,
			Extras: r.Extras, URL: r.URL, Marker: r.Marker, ForExtras: r.MarkerExtras}
	}
	kind := ""
	if k, rest, ok := strings.Cut(s, ":"); ok {
		kind, s = k, rest
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		panic(fmt.Sprintf("npm dependency %q: want name@range", s))
	}
	d := registry.Dependency{Name: s[:at], Spec: s[at+1:], Kind: kind}
	if r, err := e.ParseRange(d.Spec); err == nil {
		d.Range, d.Specifier = r, r.String()
	}
	return d
}

// Incomplete marks the requirements of the package's release as unknown
// (why), as a registry reports a release without usable metadata: it is
// then walked without requirements.
func (reg *Registry) Incomplete(pkgName, version, why string) {
	p, err := registry.ParsePackage(pkgName)
	if err != nil {
		panic(err)
	}
	r := reg.pkgs[p].reqs[version]
	r.Dependencies, r.Incomplete = []registry.Dependency{}, why
}

// Fail makes every History call for the package fail with err.
func (reg *Registry) Fail(pkgName string, err error) {
	p, perr := registry.ParsePackage(pkgName)
	if perr != nil {
		panic(perr)
	}
	reg.fail[p] = err
}

// History returns the package's releases in ascending order.
func (reg *Registry) History(_ context.Context, p registry.Package) (*registry.History, error) {
	reg.mu.Lock()
	reg.historyN++
	reg.mu.Unlock()
	if err := reg.fail[p]; err != nil {
		return nil, err
	}
	pk := reg.pkgs[p]
	if pk == nil {
		return nil, &registry.Error{Package: p, Err: fmt.Errorf("no such package (404)")}
	}
	return &registry.History{Package: p, Releases: pk.rels}, nil
}

// Requirements returns the requirements of the given versions, in order.
func (reg *Registry) Requirements(_ context.Context, h *registry.History, versions []string) ([]*registry.Requirements, error) {
	pk := reg.pkgs[h.Package]
	if pk == nil {
		return nil, fmt.Errorf("%s: no such package", h.Package)
	}
	out := make([]*registry.Requirements, len(versions))
	reg.mu.Lock()
	defer reg.mu.Unlock()
	for i, v := range versions {
		r := pk.reqs[v]
		if r == nil {
			return nil, fmt.Errorf("%s has no release %s", h.Package, v)
		}
		reg.asked[h.Package.String()+"@"+v]++
		out[i] = r
	}
	return out, nil
}

// Asked returns the releases whose requirements were asked for, sorted,
// each once, and whether any was asked twice.
func (reg *Registry) Asked() (asked []string, twice bool) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	for k, n := range reg.asked {
		asked = append(asked, k)
		twice = twice || n > 1
	}
	sort.Strings(asked)
	return asked, twice
}
