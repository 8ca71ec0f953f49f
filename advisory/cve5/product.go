package cve5

import (
	"fmt"

	advosv "github.com/patchline/patchline/advisory/osv"
)

// collection is how a CVE record names an ecosystem's packages: the
// collection's public address, the page of one package in it, and the
// versionType whose order is the ecosystem's.
type collection struct {
	url         string
	page        string // a format of the package name
	versionType string
}

// collections are the ecosystems patchline reads, by OSV ecosystem name.
// The addresses are the public sites users know the packages by, not
// registry endpoints: a configured mirror says nothing about where a
// package is published.
var collections = map[string]collection{
	"PyPI": {url: "https://pypi.org", page: "https://pypi.org/project/%s/", versionType: "python"},
	"npm":  {url: "https://www.npmjs.com", page: "https://www.npmjs.com/package/%s", versionType: "semver"},
}

// product is one affected package with the versions of its OSV entry.
func product(vendor string, e advosv.Entry) (Product, error) {
	col, ok := collections[e.Package.Ecosystem]
	if !ok {
		return Product{}, fmt.Errorf("%s:%s: no CVE package collection for the ecosystem", e.Package.Ecosystem, e.Package.Name)
	}
	if vendor == "" {
		vendor = "N/A" // the schema's word for no vendor
	}
	vs, def := versions(e.Intervals, col.versionType)
	return Product{
		Vendor:        vendor,
		Product:       e.Package.Name,
		CollectionURL: col.url,
		PackageName:   e.Package.Name,
		Versions:      vs,
		DefaultStatus: def,
	}, nil
}

// versions states the intervals of affected releases by golang/vulndb's
// rule (see the package documentation): affected ranges over a default of
// unaffected when every interval closes, else the unaffected gaps over a
// default of affected.
func versions(ivs []advosv.Interval, versionType string) ([]Version, Status) {
	if len(ivs) == 0 {
		return nil, Unaffected
	}
	last := ivs[len(ivs)-1]
	if last.Fixed != "" || last.LastAffected != "" {
		var out []Version
		for _, iv := range ivs {
			v := Version{Version: iv.Introduced, Status: Affected, VersionType: versionType, LessThan: iv.Fixed}
			if iv.Fixed == "" {
				v.LessThanOrEqual = iv.LastAffected
			}
			out = append(out, v)
		}
		return out, Unaffected
	}
	var out []Version
	from := "0"
	for i, iv := range ivs {
		if iv.Introduced != from {
			out = append(out, Version{Version: from, Status: Unaffected, VersionType: versionType, LessThan: iv.Introduced})
		}
		if i < len(ivs)-1 {
			from = iv.Next // where the interval ends: its fix, or the release after its last affected one
		}
	}
	return out, Affected
}

// packagePages are references to the affected packages' pages, for a
// report that names no reference: a CVE record needs one.
func packagePages(ps []Product) []Reference {
	var out []Reference
	seen := map[string]bool{}
	for _, p := range ps {
		for _, col := range collections {
			if col.url != p.CollectionURL {
				continue
			}
			u := fmt.Sprintf(col.page, p.PackageName)
			if !seen[u] {
				seen[u] = true
				out = append(out, Reference{URL: u, Tags: []string{"product"}})
			}
		}
	}
	return out
}
