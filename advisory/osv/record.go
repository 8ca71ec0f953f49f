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
	switch {
	case r.Published != nil:
		// An advisory made public before keeps its first publication.
		rec.Published = model.NewTime(*r.Published)
	case r.EmbargoUntil != nil:
		rec.Published = model.NewTime(*r.EmbargoUntil)
	}
	if s := r.Severity; s != nil {
		typ := model.SeverityCVSSv3
		if s.Version == "4.0" {
			typ = model.SeverityCVSSv4
		}
		rec.Severity = []model.Severity{{Type: typ, Score: s.Vector}}
	}
	entries, upstreamOnly, err := entries(an, opts)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		rec.Affected = append(rec.Affected, e.Affected)
	}
	if upstreamOnly {
		if len(rec.Affected) == 0 {
			return nil, ErrNoRecord
		}
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

// Entry is one affected entry of the record with the intervals of
// affected releases its ranges state, so that other formats publish
// exactly the versions the record does.
type Entry struct {
	model.Affected
	Intervals []Interval
}

// Entries returns the affected entries of the record Record builds, in
// its order: one per reported package of the project, and for a report
// on an upstream package one per project package some of whose releases
// force affected versions of it. ErrNoRecord when the report is on
// upstream packages only and no release forces them.
func Entries(an *impact.Analysis, opts Options) ([]Entry, error) {
	es, upstreamOnly, err := entries(an, opts)
	if err == nil && upstreamOnly && len(es) == 0 {
		err = ErrNoRecord
	}
	return es, err
}

// entries builds the affected entries and reports whether every reported
// package is an upstream one.
func entries(an *impact.Analysis, opts Options) ([]Entry, bool, error) {
	r := an.Report
	var out []Entry
	upstreamOnly := len(r.Affected) > 0
	for i := range r.Affected {
		a := &r.Affected[i]
		if an.Matrix != nil && !an.Matrix.Policy.IsProjectPackage(a.Package) {
			es, err := upstreamEntries(an, a)
			if err != nil {
				return nil, false, err
			}
			out = append(out, es...)
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
		e, err := affectedEntry(an, a, h)
		if err != nil {
			return nil, false, err
		}
		out = append(out, e)
	}
	return out, upstreamOnly, nil
}

// affectedEntry builds the affected entry of one reported package.
func affectedEntry(an *impact.Analysis, a *report.Affected, h *registry.History) (Entry, error) {
	purl, ok := model.BuildPackageURL(a.Package.Ecosystem, a.Package.Name)
	if !ok {
		return Entry{}, fmt.Errorf("%s: no package URL for the ecosystem %s", a.Package, a.Package.Ecosystem)
	}
	hit := an.AffectedInHistory(a, h)
	e := model.Affected{
		Package:          model.Package{Ecosystem: a.Package.Ecosystem, Name: a.Package.Name, Purl: purl},
		Versions:         affectedVersions(h.Releases, hit),
		DatabaseSpecific: entrySpecific(an, a.Package),
	}
	ivs := intervals(h.Releases, hit, lastAffectedOf(a), fromZero(a))
	e.Ranges = ranges(events(ivs))
	return Entry{e, ivs}, nil
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
