package osv

import (
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/ecosystem/pkgref"
	model "github.com/patchline/patchline/osv"
)

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
// in the record's order, with the events of their ranges (Entries, as
// events): the one compression of the affected releases that every
// publication format writes in its own syntax. ErrNoRecord as for Entries.
func AffectedRanges(an *impact.Analysis, opts Options) ([]PackageRanges, error) {
	es, err := Entries(an, opts)
	if err != nil {
		return nil, err
	}
	out := make([]PackageRanges, 0, len(es))
	for _, e := range es {
		ref, err := pkgref.New(e.Package.Ecosystem, e.Package.Name)
		if err != nil {
			return nil, err
		}
		pr := PackageRanges{Package: ref, Events: events(e.Intervals)}
		if req, ok := e.DatabaseSpecific["requires"].(string); ok {
			if r, err := pkgref.Parse(req); err == nil {
				pr.Requires = r
			}
		}
		out = append(out, pr)
	}
	return out, nil
}
