// Package match owns the question a release gate asks of an OSV database:
// is this exact package version affected by a record, and what fixes it?
//
// It evaluates ranges as OSV consumers do (the specification's
// IncludedInRanges): ECOSYSTEM ranges in the ecosystem's own version order
// (package ecosystem: PEP 440 for PyPI, node-semver for npm), SEMVER
// ranges in SemVer 2.0 precedence, introduced, fixed, last_affected and
// limit events, pre-releases admitted (a vulnerable 2.0rc1 is vulnerable),
// and the enumerated versions list, whose versions count by the
// ecosystem's equality and not by their text. GIT ranges are about commits
// and are not evaluated. The evaluator is shared with package osv/check,
// whose semantic checks order events the same way.
//
// An Index holds the records public at an instant (published and not
// withdrawn), keyed by ecosystem and normalised package name, with every
// range parsed once, so that matching a lockfile of thousands of pins
// against thousands of records costs a map look-up per pin. A record that
// cannot be evaluated for a package patchline implements (an event that
// does not parse) is an error of New, never a silent miss.
//
// The fix a Match names is the one of the version's line: from the per-line
// verdicts a record carries in database_specific (see lineVerdicts), and
// otherwise the first fixed event above the version in the range that
// affects it.
package match
