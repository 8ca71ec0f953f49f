package osv

import (
	"errors"
	"fmt"
	"slices"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
	model "github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/registry"
)

// ErrNoRecord is returned by Record for a report on upstream packages when
// no release of the project forces affected versions of them: there is
// nothing of the project's to publish, and the upstream advisory is never
// republished under the project's id.
var ErrNoRecord = errors.New("no release of the project forces affected versions of the reported upstream packages: no record to publish")

// upstreamEntries builds, for a report entry on an upstream package, one
// affected entry per project package some of whose releases force
// affected versions of it (design §2.4): their releases that declare a
// requirement admitting affected versions and no fixed one, as exact
// ranges over the package's whole history. Releases that still admit a
// fixed version are not listed: a fresh install of them gets the fix, and
// scanners find an affected pin in the lockfile through the upstream
// advisory itself.
func upstreamEntries(an *impact.Analysis, a *report.Affected) ([]Entry, error) {
	type declared struct {
		forces map[*registry.Release]bool
		lines  []any
	}
	byPkg := map[pkgref.Ref]*declared{}
	var order []pkgref.Ref
	for _, ld := range an.Declarations(a.Package) {
		l, d := ld.Line, ld.Declaring
		dp := byPkg[d.Package]
		if dp == nil {
			dp = &declared{forces: map[*registry.Release]bool{}}
			byPkg[d.Package] = dp
			order = append(order, d.Package)
		}
		var forcing []any
		for _, rc := range d.Releases {
			if rc.Class == impact.Forces {
				dp.forces[rc.Release] = true
				forcing = append(forcing, rc.Release.Version)
			}
		}
		if len(forcing) == 0 {
			continue
		}
		o := model.Object{"line": l.Policy.Name, "verdict": string(d.Verdict), "versions": forcing}
		if d.FirstFixing != nil {
			o["fixed_in"] = []any{d.FirstFixing.Version}
		}
		dp.lines = append(dp.lines, o)
	}
	slices.SortFunc(order, pkgref.Compare)
	var out []Entry
	for _, ref := range order {
		dp := byPkg[ref]
		if len(dp.forces) == 0 {
			continue
		}
		h := an.History(ref)
		if h == nil {
			return nil, fmt.Errorf("%s: no release history of %s, which requires %s", an.Report.Path, ref, a.Package)
		}
		purl, ok := model.BuildPackageURL(ref.Ecosystem, ref.Name)
		if !ok {
			return nil, fmt.Errorf("%s: no package URL for the ecosystem %s", ref, ref.Ecosystem)
		}
		hit := make([]bool, len(h.Releases))
		for i, r := range h.Releases {
			hit[i] = dp.forces[r]
		}
		ivs := intervals(h.Releases, hit, nil, false)
		out = append(out, Entry{Intervals: ivs, Affected: model.Affected{
			Package:  model.Package{Ecosystem: ref.Ecosystem, Name: ref.Name, Purl: purl},
			Ranges:   ranges(events(ivs)),
			Versions: affectedVersions(h.Releases, hit),
			DatabaseSpecific: model.Object{
				"requires": a.Package.String(),
				"lines":    dp.lines,
			},
		}})
	}
	return out, nil
}
