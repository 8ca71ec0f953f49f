// Package policy owns the maintenance policy file, patchline.yaml: its
// format (design §2.1), its strict loading and validation, and the model
// the rest of patchline reads: the project's packages, its release lines
// with their status, dates, branches and members, severity levels, and the
// advisory database.
//
// Loading is strict. Unknown keys, duplicate keys, wrong types, dates not
// written YYYY-MM-DD, unknown statuses and ecosystems, invalid package
// references and ranges, lines without a name or with a duplicate name,
// lines not listed newest first, a from package the project does not
// publish, extras without from, invalid severity levels, an unknown
// fixes_go_to and an id prefix OSV would reject are all errors. Every
// problem of a file is reported at once, each as
//
//	patchline.yaml:14:13: lines[1].status: unknown status "maintained" (want supported, lts, security or eol)
//
// The packages section lists name patterns per ecosystem; they match
// normalised names with path.Match semantics, so * does not cross the / of
// an npm scope (see pkgref.Pattern). Package references in from and in a
// line's packages are ECOSYSTEM:NAME or package URLs (see pkgref.Parse).
//
// Defaults: severity levels are severity.DefaultLevels, fixes_go_to is
// latest-minor, the advance-notice window (notice: {min_days, max_days}) is
// 2 to 5 days, the advisory database is the directory "advisories" next to
// the policy file, and there is no id prefix (commands that allocate ids
// ask for one).
//
// Whether a line is supported is decided by Line.Supported at an as-of
// date; see there for the end-of-life day.
package policy
