package lint

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
	"github.com/patchline/patchline/registry"
	"github.com/patchline/patchline/registry/fetch"
)

// registryPackage maps an OSV package to the registry package it names,
// when patchline reads that ecosystem's registry.
func registryPackage(p osv.Package) (registry.Package, bool) {
	base, _, _ := strings.Cut(p.Ecosystem, ":")
	if base != "PyPI" && base != "npm" {
		return registry.Package{}, false
	}
	e, err := ecosystem.Lookup(base)
	if err != nil {
		return registry.Package{}, false
	}
	name, err := e.NormalizeName(p.Name)
	if err != nil {
		return registry.Package{}, false
	}
	return registry.Package{Ecosystem: e.Name(), Name: name}, true
}

// fetchers bounds the histories requested at once; the client bounds the
// requests per host on its own.
const fetchers = 16

// histories reads the release history of every package the records name.
// A package the registry does not know is Missing, not a failure; the
// failures are returned together, and their packages are left out.
func histories(ctx context.Context, c *registry.Client, recs []*record, workers int) (map[registry.Package]*check.Releases, error) {
	seen := map[registry.Package]bool{}
	var pkgs []registry.Package
	for _, rec := range recs {
		for _, a := range rec.packages {
			if p, ok := registryPackage(a); ok && !seen[p] {
				seen[p] = true
				pkgs = append(pkgs, p)
			}
		}
	}
	slices.SortFunc(pkgs, func(a, b registry.Package) int { return strings.Compare(a.String(), b.String()) })
	out := make(map[registry.Package]*check.Releases, len(pkgs))
	errs := make([]error, len(pkgs))
	var mu sync.Mutex
	parallel(max(workers, fetchers), len(pkgs), func(i int) {
		h, err := c.History(ctx, pkgs[i])
		var rs *check.Releases
		switch {
		case errors.Is(err, fetch.ErrNotFound):
			rs = &check.Releases{Missing: true}
		case err != nil:
			errs[i] = err
			return
		default:
			rs = releasesOf(h)
		}
		mu.Lock()
		out[pkgs[i]] = rs
		mu.Unlock()
	})
	return out, errors.Join(errs...)
}

func releasesOf(h *registry.History) *check.Releases {
	rs := &check.Releases{Unpublished: h.Unpublished != nil, Releases: make([]check.Release, len(h.Releases))}
	for i, r := range h.Releases {
		rs.Releases[i] = check.Release{Version: r.Version, Parsed: r.Parsed, Yanked: r.Yanked, YankedWhy: r.YankedReason, Deprecated: r.Deprecated}
	}
	return rs
}
