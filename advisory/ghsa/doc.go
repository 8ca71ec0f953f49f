// Package ghsa is the GitHub security advisory format of the publication
// layer: it renders an analysed report (package analyzer/impact) as the
// JSON body of GitHub's REST operations that create and update a
// repository security advisory (schemas repository-advisory-create and
// repository-advisory-update of GitHub's REST description), and owns the
// client that sends it (Client: find the advisory a report already has,
// update it, or create a draft).
//
// # Affected versions
//
// GitHub takes one version range string per vulnerability entry, so each
// run of affected releases that advisory/osv's compression gives
// (osv.AffectedRanges: the same runs over the package's whole history as
// the OSV record's ECOSYSTEM range) becomes one entry of vulnerabilities[],
// written in GitHub's range syntax: ">= 4.0.0, < 4.20.0" for a run from
// 4.0.0 fixed by 4.20.0, "< 4.20.0" for a run from the first release,
// "<= 2.0.1" or ">= 2.0.0, <= 2.0.1" for a run closed by its last
// affected release (a yanked or deprecated release ended it, or the report
// names the last affected version), "= 1.2.0" for a run of one release so
// closed, ">= 3.0.0" for a run open to the newest release and ">= 0" for
// every release. patched_versions is the release that ends the run, left
// out when there is none. End-of-life lines have no status of their own
// on GitHub: their affected releases are in the runs, and the description
// says which lines get no fix.
//
// For a report on upstream packages only, the entries are the project's
// packages whose releases force affected versions of them, as in the OSV
// record; with none there is nothing to publish (osv.ErrNoRecord). The
// report's aliases then name the upstream vulnerability: the description
// cites them, and they are neither the advisory's cve_id nor ids that
// match it (MatchIDs).
//
// # The other fields
//
// summary is the report's summary; description its details (the summary
// when it has none), then the verdict and fix of every line, the
// references (the operation has no field for them) and the credits
// without a GitHub account. cve_id is the report's id when it is a CVE id,
// else its first CVE alias (none for an upstream report). cwe_ids are the report's. cvss_vector_string
// is the report's CVSS vector; severity is never sent with it (GitHub
// answers 422 to both) and not without it either, since the policy's
// level names are not GitHub's. A credit goes to credits[] when one of its
// contacts is a GitHub profile URL (https://github.com/LOGIN), with the
// credit's OSV type in lower case ("finder"; "other" when it has none).
package ghsa
