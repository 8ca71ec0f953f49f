package osv

import (
	"fmt"
	"time"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
	model "github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/registry"
)

// Options adjusts Record.
type Options struct {
	// Now is the instant of the build: the record's modified time and,
	// for a report without embargo, its published time (the database
	// keeps the first published time of a record once it is public).
	Now time.Time
	// Histories are release histories of reported packages that the
	// analysis has none of (packages no line contains or requires), so
	// that they get versions and a range too.
	Histories map[pkgref.Ref]*registry.History
}

// Record builds the OSV record of an analysed report. The record carries
// the report's id, which may be empty (the database allocates one); it is
// not validated here: the database validates what it stores, and callers
// that print a record validate it themselves.
func Record(an *impact.Analysis, opts Options) (*model.Record, error) {
	r := an.Report
	rec := &model.Record{
		SchemaVersion: model.SchemaVersion,
		ID:            r.ID,
		Modified:      model.NewTime(opts.Now),
		Published:     model.NewTime(opts.Now),
		Aliases:       append([]string(nil), r.Aliases...),
		Summary:       r.Summary,
		Details:       r.Details,
	}
	if r.EmbargoUntil != nil {
		rec.Published = model.NewTime(*r.EmbargoUntil)
	}
	if s := r.Severity; s != nil {
		typ := model.SeverityCVSSv3
		if s.Version == "4.0" {
			typ = model.SeverityCVSSv4
		}
		rec.Severity = []model.Severity{{Type: typ, Score: s.Vector}}
	}
	runs, upstreamOnly, err := packageRuns(an, opts)
	if err != nil {
		return nil, err
	}
	for _, pr := range runs {
		e, err := pr.entry(an)
		if err != nil {
			return nil, err
		}
		rec.Affected = append(rec.Affected, e)
	}
	if upstreamOnly {
		// The record is about the project's releases that force the
		// upstream package's affected versions: the upstream advisory is
		// named as such, never as an alias of this record.
		rec.Upstream, rec.Aliases = rec.Aliases, nil
	}
	for _, ref := range r.References {
		rec.References = append(rec.References, model.Reference{Type: model.ReferenceType(ref.Type), URL: ref.URL})
	}
	for _, c := range r.Credits {
		rec.Credits = append(rec.Credits, model.Credit{Name: c.Name, Contact: append([]string(nil), c.Contact...), Type: model.CreditType(c.Type)})
	}
	rec.DatabaseSpecific = recordSpecific(an)
	return rec, nil
}

// PackageRanges is one package that a publication of an analysed report
// is about, with the exact runs of its affected releases over its whole
// history (see the package documentation): what Record writes as the
// package's ECOSYSTEM range.
type PackageRanges struct {
	Package pkgref.Ref
	// Events are in version order, run by run: introduced ("0" when the
	// run starts at the oldest release and the report names no introduced
	// version), then the fixed release that ends the run, or its
	// last_affected release, or nothing for a run open to the newest
	// release.
	Events []model.Event
	// Requires is, for an entry about the project's releases that force
	// affected versions of an upstream package, that upstream package;
	// the zero Ref otherwise.
	Requires pkgref.Ref
}

// AffectedRanges returns the packages of the record of an analysed report,
// in the record's order, with the events of their ranges: the one
// compression of the affected releases that every publication format
// writes in its own syntax. For a report on upstream packages only, with
// no release of the project forcing their affected versions, it returns
// ErrNoRecord, as Record does.
func AffectedRanges(an *impact.Analysis, opts Options) ([]PackageRanges, error) {
	runs, _, err := packageRuns(an, opts)
	if err != nil {
		return nil, err
	}
	out := make([]PackageRanges, len(runs))
	for i, pr := range runs {
		out[i] = PackageRanges{Package: pr.ref, Events: pr.events()}
		if pr.upstream != nil {
			out[i].Requires = pr.upstream.Package
		}
	}
	return out, nil
}

// packageRun is one package of the record and its affected releases.
type packageRun struct {
	ref pkgref.Ref
	h   *registry.History
	hit []bool // by h.Releases
	// reported is the report's entry of a project package, upstream that
	// of the upstream package whose versions ref's releases force, with
	// the per-line verdicts of the declaring package.
	reported, upstream *report.Affected
	upstreamLines      []any
}

// packageRuns gives the packages of the record in order: each reported
// project package, and for each reported upstream package the project
// packages whose releases force its affected versions. upstreamOnly is
// set when the report is about upstream packages only; with no forcing
// release then, the error is ErrNoRecord.
func packageRuns(an *impact.Analysis, opts Options) (runs []packageRun, upstreamOnly bool, err error) {
	r := an.Report
	upstreamOnly = len(r.Affected) > 0
	for i := range r.Affected {
		a := &r.Affected[i]
		if an.Matrix != nil && !an.Matrix.Policy.IsProjectPackage(a.Package) {
			us, err := upstreamRuns(an, a)
			if err != nil {
				return nil, false, err
			}
			runs = append(runs, us...)
			continue
		}
		upstreamOnly = false
		h := an.History(a.Package)
		if h == nil {
			h = opts.Histories[a.Package]
		}
		if h == nil {
			return nil, false, fmt.Errorf("%s: %s: no release history: no line contains the package and none was given", r.Path, a.Package)
		}
		runs = append(runs, packageRun{ref: a.Package, h: h, hit: an.AffectedInHistory(a, h), reported: a})
	}
	if upstreamOnly && len(runs) == 0 {
		return nil, true, ErrNoRecord
	}
	return runs, upstreamOnly, nil
}

// events compresses the run's affected releases (compress).
func (pr *packageRun) events() []model.Event {
	if pr.reported == nil {
		return compress(pr.h.Releases, pr.hit, nil, false)
	}
	return compress(pr.h.Releases, pr.hit, lastAffectedOf(pr.reported), fromZero(pr.reported))
}

// entry builds the record's affected entry of the package.
func (pr *packageRun) entry(an *impact.Analysis) (model.Affected, error) {
	purl, ok := model.BuildPackageURL(pr.ref.Ecosystem, pr.ref.Name)
	if !ok {
		return model.Affected{}, fmt.Errorf("%s: no package URL for the ecosystem %s", pr.ref, pr.ref.Ecosystem)
	}
	e := model.Affected{
		Package:  model.Package{Ecosystem: pr.ref.Ecosystem, Name: pr.ref.Name, Purl: purl},
		Ranges:   ranges(pr.events()),
		Versions: affectedVersions(pr.h.Releases, pr.hit),
	}
	if pr.upstream != nil {
		e.DatabaseSpecific = model.Object{
			"requires": pr.upstream.Package.String(),
			"lines":    pr.upstreamLines,
		}
	} else {
		e.DatabaseSpecific = entrySpecific(an, pr.ref)
	}
	return e, nil
}

// fromZero reports whether the report's affected range starts at "0": it
// names no introduced version (or, in OSV form, some interval names none),
// or it is a range in the ecosystem's syntax, whose lower bound is not
// read here. A report that says "introduced: 1.0.0" gets 1.0.0, even where
// 1.0.0 is the oldest release the registry has.
func fromZero(a *report.Affected) bool {
	switch a.Form {
	case report.FormFixed:
		return a.Introduced == nil
	case report.FormRanges:
		for _, iv := range a.Intervals {
			if iv.Introduced == nil {
				return true
			}
		}
		return false
	}
	return true
}
