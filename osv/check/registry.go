package check

import (
	"fmt"
	"strings"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/match"
)

// Releases is what a registry says about one package, as the checks marked
// NeedsRegistry see it. The caller reads it (package advisory/lint does, from
// package registry); the checks never touch the network.
type Releases struct {
	// Missing is set when the registry has no such package.
	Missing bool
	// Unpublished is set for an npm package that was unpublished: it has
	// no releases left, and records about it (malware, typically) name
	// versions that cannot be checked.
	Unpublished bool
	// Releases in ascending version order.
	Releases []Release
}

// Release is one published version.
type Release struct {
	Version    string            // as the registry publishes it
	Parsed     ecosystem.Version // the ecosystem's reading of Version
	Yanked     bool              // PyPI, PEP 592
	YankedWhy  string            // the yank reason, if any
	Deprecated string            // npm's deprecation message
}

// find returns the release whose version equals v (parsed: pv) in the
// ecosystem's order (PyPI "1.0" finds "1.0.0"), preferring the one spelt v,
// or nil.
func (rs *Releases) find(e ecosystem.Ecosystem, v string, pv ecosystem.Version) *Release {
	var equal *Release
	for i := range rs.Releases {
		r := &rs.Releases[i]
		if r.Version == v {
			return r
		}
		if equal == nil && e.Compare(r.Parsed, pv) == 0 {
			equal = r
		}
	}
	return equal
}

// registryPackages calls f for each affected entry whose package the
// registry knows, with its ecosystem and releases.
func registryPackages(in *Input, f func(i int, a *osv.Affected, e ecosystem.Ecosystem, rs *Releases)) {
	if in.Registry == nil {
		return
	}
	for i := range in.Record.Affected {
		a := &in.Record.Affected[i]
		e, ok := match.EcosystemOf(a.Package.Ecosystem)
		if !ok || a.Package.Name == "" {
			continue
		}
		rs := in.Registry(a.Package)
		if rs == nil {
			continue
		}
		f(i, a, e, rs)
	}
}

func checkRegistryPackage(in *Input) []Problem {
	var ps []Problem
	registryPackages(in, func(i int, a *osv.Affected, e ecosystem.Ecosystem, rs *Releases) {
		if rs.Missing {
			ps = append(ps, problemf(affectedPtr(i)+"/package/name",
				"the %s registry has no package %q: check the name's spelling, and that it is the name the registry publishes", e.Name(), a.Package.Name))
		}
	})
	return ps
}

// knownReleases calls f for the packages whose releases can be compared
// with the record: present in the registry and not unpublished.
func knownReleases(in *Input, f func(i int, a *osv.Affected, e ecosystem.Ecosystem, rs *Releases)) {
	registryPackages(in, func(i int, a *osv.Affected, e ecosystem.Ecosystem, rs *Releases) {
		if !rs.Missing && !rs.Unpublished {
			f(i, a, e, rs)
		}
	})
}

// rangeEvents calls f for each event of the package's ranges that names a
// version of the package: ECOSYSTEM and SEMVER ranges, without "0" and
// limits.
func rangeEvents(i int, a *osv.Affected, f func(ptr string, kind osv.EventKind, v string)) {
	for j, r := range a.Ranges {
		if r.Type != osv.RangeEcosystem && r.Type != osv.RangeSemver {
			continue
		}
		for k, ev := range r.Events {
			kind, v, ok := ev.Kind()
			if !ok || kind == osv.EventLimit || (kind == osv.EventIntroduced && v == "0") {
				continue
			}
			f(osv.Pointer(rangePtr(i, j), "events", k, string(kind)), kind, v)
		}
	}
}

func checkRegistryVersions(in *Input) []Problem {
	var ps []Problem
	knownReleases(in, func(i int, a *osv.Affected, e ecosystem.Ecosystem, rs *Releases) {
		rangeEvents(i, a, func(ptr string, kind osv.EventKind, v string) {
			if kind == osv.EventFixed {
				return // OSV020
			}
			pv, err := in.parse(e, v)
			if err != nil || rs.find(e, v, pv) != nil {
				return
			}
			if kind == osv.EventLastAffected && len(rs.Releases) > 0 && e.Compare(pv, rs.Releases[len(rs.Releases)-1].Parsed) > 0 {
				return // a bound on releases still to come, as a report may state
			}
			ps = append(ps, problemf(ptr, "%s %s is not a release of %s:%s", kind, v, e.Name(), a.Package.Name))
		})
		for k, v := range a.Versions {
			pv, err := in.parse(e, v)
			if err != nil {
				continue // OSV008
			}
			ptr := osv.Pointer(affectedPtr(i), "versions", k)
			switch r := rs.find(e, v, pv); {
			case r == nil:
				ps = append(ps, problemf(ptr, "version %s is not a release of %s:%s", v, e.Name(), a.Package.Name))
			case r.Version != v:
				ps = append(ps, problemf(ptr, "version %s is published as %s: scanners compare versions listed in versions as strings, so write it as the registry does",
					v, r.Version))
			}
		}
	})
	return ps
}

func checkFixReleased(in *Input) []Problem {
	var ps []Problem
	knownReleases(in, func(i int, a *osv.Affected, e ecosystem.Ecosystem, rs *Releases) {
		rangeEvents(i, a, func(ptr string, kind osv.EventKind, v string) {
			if kind != osv.EventFixed {
				return
			}
			pv, err := in.parse(e, v)
			if err != nil {
				return // OSV008
			}
			name := e.Name() + ":" + a.Package.Name
			switch r := rs.find(e, v, pv); {
			case r == nil:
				ps = append(ps, problemf(ptr, "fixed %s is not a release of %s: users cannot upgrade to it; publish it first, or name the release that fixes the line", v, name))
			case r.Yanked:
				ps = append(ps, problemf(ptr, "fixed %s of %s is yanked%s: a fix must be installable; name the next release that is not yanked", v, name, reason(r.YankedWhy)))
			case r.Deprecated != "":
				ps = append(ps, problemf(ptr, "fixed %s of %s is deprecated%s: a fix must be a release users are told to install", v, name, reason(r.Deprecated)))
			}
		})
	})
	return ps
}

func reason(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (%q)", s)
}

// maxListed bounds the versions one finding names.
const maxListed = 10

func checkVersionsComplete(in *Input) []Problem {
	var ps []Problem
	knownReleases(in, func(i int, a *osv.Affected, e ecosystem.Ecosystem, rs *Releases) {
		if len(a.Versions) == 0 {
			return // no list at all: the ranges speak alone
		}
		ranges, ok := ecosystemRanges(a)
		if !ok {
			return
		}
		exact := make(map[string]bool, len(a.Versions))
		listed := make([]ecosystem.Version, 0, len(a.Versions))
		for _, v := range a.Versions {
			exact[v] = true
			if pv, err := in.parse(e, v); err == nil {
				listed = append(listed, pv)
			}
		}
		var missing []string
		for _, r := range rs.Releases {
			if exact[r.Version] || !affectedByAny(ranges, r.Parsed) || containsVersion(e, listed, r.Parsed) {
				continue
			}
			missing = append(missing, r.Version)
		}
		if len(missing) == 0 {
			return
		}
		shown := missing
		if len(shown) > maxListed {
			shown = append(shown[:maxListed:maxListed], fmt.Sprintf("… (%d more)", len(missing)-maxListed))
		}
		ps = append(ps, problemf(osv.Pointer(affectedPtr(i), "versions"),
			"versions lacks %d release(s) of %s:%s inside the ranges: %s; regenerate the list from the registry",
			len(missing), e.Name(), a.Package.Name, strings.Join(shown, ", ")))
	})
	return ps
}

func containsVersion(e ecosystem.Ecosystem, list []ecosystem.Version, v ecosystem.Version) bool {
	for _, l := range list {
		if e.Compare(l, v) == 0 {
			return true
		}
	}
	return false
}
