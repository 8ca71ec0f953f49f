// Package osv is the OSV format of the publication layer: it turns a
// report and its impact (package analyzer/impact) into the OSV record that
// patchline publishes (design §4), in the record model of package
// github.com/patchline/patchline/osv (imported here as model).
//
// # Affected versions
//
// Each reported package gets one affected entry with one ECOSYSTEM range
// (two when some runs end in last_affected, below) and the enumerated
// versions. Both are derived from the package's whole release history, not
// from the lines' members only: a release is affected
// when the report says so, by the rules of the line verdicts
// (impact.Analysis.AffectedInHistory: pre-releases admitted, each fix
// deciding its own line), yanked releases included (users may have them).
//
// The range is the exact compression of that set over the history, in the
// ecosystem's order: every maximal run of consecutive affected releases
// gives an introduced event (its first release, or "0" when the run starts
// at the oldest release and the report names no introduced version:
// versions older than the registry knows are affected too, as the
// report's default introduced "0" says) and a fixed
// event, the release that ends the run. When that release is yanked or
// deprecated it is no fix to send anyone to, and the run is closed by
// last_affected, its own last release, instead: as exact over the
// history, and what a fix check of the registry accepts. A run that
// reaches the newest release has no fixed event, because no fix exists; it
// is closed by a
// last_affected event only when the report itself names the last affected
// version (last_affected, or a ranges interval with last_affected) and
// that version bounds the run: an open range would call every future
// release affected, and an invented last_affected would understate.
// Evaluated as OSV specifies, the ranges match exactly the affected
// releases of the history, and per-line fixes each carry their own
// introduced event. OSV forbids fixed and last_affected events in one
// range, so runs closed by last_affected go into a second range when
// others are fixed.
//
// versions lists the affected releases as the registry spells them, in
// the history's order. It is regenerated on every build, never appended
// to, so a record never lists a version that its range does not cover.
//
// # database_specific
//
// The record's database_specific holds the policy's severity level
// ("severity", e.g. "Moderate": the policy's name, not CVSS's "Medium")
// and the report's weaknesses ("cwe_ids", as GitHub's records have them);
// each affected entry's holds the verdicts of the lines, once ("lines":
// line, verdict, "unreleased" for a line that did not exist yet), with the
// line's affected releases, the fixing releases or the patch releases
// still to make, the affected pre-releases listed apart, and how the
// package came into the line ("membership": anchor, declared, or derived
// through dependency
// metadata). The as-of date itself is not recorded: a record rebuilt on
// another day with the same verdicts is the same record, so that its
// modified time moves only when something a reader sees changes.
//
// # Upstream reports
//
// A report on a package the project does not publish gives a record about
// the project's packages whose releases force affected versions of it
// (design §2.4): their exact ranges and versions, the upstream advisory in
// upstream (not aliases), "requires" naming the upstream package. With no
// such release there is no record (ErrNoRecord): the upstream advisory is
// never republished under the project's id.
//
// # Meta packages
//
// A line derived from a meta package (the policy's from: anchor) contains
// the reported package through the anchor's dependency metadata; the
// per-line verdicts mark such membership "derived", so that a reader of
// the record sees that the line's users received the package through the
// anchor. No affected entry is written for the anchor itself: its
// requirements are ranges that admit both the affected and the fixing
// releases of the package, so an entry for it would either call every
// release of the anchor affected, for ever (a false alarm for everyone who
// installs the fix), or none. Scanners find the affected package in the
// resolved dependency set, where the record names it.
package osv
