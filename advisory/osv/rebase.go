package osv

import (
	"strings"

	"github.com/patchline/patchline/ecosystem"
	model "github.com/patchline/patchline/osv"
)

// Rebase puts what a build derived from the registry and the policy into
// a record published elsewhere (a GHSA or PYSEC record read as a report):
// the affected entries' ECOSYSTEM ranges, versions and per-line verdicts,
// regenerated, and the keys of database_specific that the build writes.
// Everything else of the original stays as it was: id, aliases, related,
// texts, severity, references, credits, published, its own
// database_specific keys, fields the model does not know, and per package
// its GIT ranges, severity and ecosystem_specific and database_specific
// keys (merged over every original entry of the package, GHSA writing one
// per branch: where two entries give one key, the later one's value
// stays). Neither record is modified.
func Rebase(orig, built *model.Record) *model.Record {
	r := *orig
	r.SchemaVersion = model.SchemaVersion
	r.Modified = built.Modified
	if r.Published.IsZero() {
		r.Published = built.Published
	}
	r.Affected = make([]model.Affected, len(built.Affected))
	for i, e := range built.Affected {
		e.Ranges = append([]model.Range(nil), e.Ranges...)
		// The original entries of the package, in order (a later one's
		// keys over an earlier one's), then the build's over them.
		var eco, db model.Object
		for _, o := range orig.Affected {
			if !samePackage(o.Package, e.Package) {
				continue
			}
			for _, rg := range o.Ranges {
				if rg.Type != model.RangeEcosystem && rg.Type != model.RangeSemver {
					e.Ranges = append(e.Ranges, rg) // GIT: not ours to derive
				}
			}
			if len(e.Severity) == 0 {
				e.Severity = o.Severity
			}
			eco = merged(eco, o.EcosystemSpecific)
			db = merged(db, o.DatabaseSpecific)
		}
		e.EcosystemSpecific = merged(eco, e.EcosystemSpecific)
		e.DatabaseSpecific = merged(db, e.DatabaseSpecific)
		r.Affected[i] = e
	}
	r.DatabaseSpecific = merged(orig.DatabaseSpecific, built.DatabaseSpecific)
	return &r
}

// merged returns base with over's keys laid over it, or nil when both are
// empty; neither is modified.
func merged(base, over model.Object) model.Object {
	if len(base) == 0 && len(over) == 0 {
		return nil
	}
	out := model.Object{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// samePackage reports whether two OSV packages are one: the same
// ecosystem and the same name once normalised.
func samePackage(a, b model.Package) bool {
	if a.Ecosystem != b.Ecosystem {
		return false
	}
	base, _, _ := strings.Cut(a.Ecosystem, ":")
	e, err := ecosystem.Lookup(base)
	if err != nil {
		return a.Name == b.Name
	}
	na, errA := e.NormalizeName(a.Name)
	nb, errB := e.NormalizeName(b.Name)
	if errA != nil || errB != nil {
		return a.Name == b.Name
	}
	return na == nb
}
