// Package report owns the vulnerability report, the draft advisory a
// maintainer writes (design §2.2): its format, its strict loading and
// validation, and the model the analyzer asks whether a version is
// affected and which versions fix it.
//
// Loading is as strict as the policy's (package policy): unknown keys,
// duplicate keys, wrong types, invalid ids and aliases, CWE ids not of
// the form CWE-<number> (cwe_ids, optional), an invalid or
// incomplete CVSS vector, an embargo instant that is not RFC 3339, unknown
// ecosystems, invalid package references, versions and ranges, an entry
// with more than one form of affected versions, and unknown reference and
// credit types are errors, all reported at once with file:line:column and
// the offending value.
//
// An affected package states its versions in one of three forms:
//
//   - introduced (default "0") and fixed, a list of fixing releases of any
//     lines (possibly empty: no fix yet), or last_affected instead of fixes;
//   - range: the ecosystem's range syntax; for PyPI a list of specifier
//     sets any of which matches (a single string is accepted too);
//   - ranges: OSV-style intervals {introduced, fixed | last_affected}.
//
// The first form is not one OSV timeline: a fixed version fixes its own
// line only, and which line a version belongs to is the policy's business.
// Affected.AffectedGivenFix states the rule; Affected.Affected applies it
// with the version's series standing in for its line.
package report
