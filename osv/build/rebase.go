package build

import "github.com/patchline/patchline/osv"

// Rebase puts what a build derived from the registry and the policy into
// a record published elsewhere (a GHSA or PYSEC record read as a report):
// the affected entries, regenerated, and the keys of database_specific
// that the build writes. Everything else of the original stays as it was:
// id, aliases, related, texts, severity, references, credits, published,
// its own database_specific keys and fields the model does not know.
// Neither record is modified.
func Rebase(orig, built *osv.Record) *osv.Record {
	r := *orig
	r.SchemaVersion = osv.SchemaVersion
	r.Modified = built.Modified
	if r.Published.IsZero() {
		r.Published = built.Published
	}
	r.Affected = built.Affected
	ds := osv.Object{}
	for k, v := range orig.DatabaseSpecific {
		ds[k] = v
	}
	for k, v := range built.DatabaseSpecific {
		ds[k] = v
	}
	r.DatabaseSpecific = ds
	return &r
}
