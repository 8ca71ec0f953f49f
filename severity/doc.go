// Package severity owns CVSS scoring and the policy's severity levels.
//
// It parses CVSS v3.0, v3.1 and v4.0 vector strings, scores them exactly as
// FIRST's calculators do, and maps a score to the level names and
// thresholds of the policy (patchline.yaml's severity section), not to the
// fixed names of the CVSS specifications.
//
// CVSS v3.0 and v3.1 are scored with github.com/pandatix/go-cvss. CVSS v4.0
// is scored with a copy of that module's v4.0 package carrying the
// reference calculator's rounding fix (see internal/cvss40). Both are held
// to ae-cvss-calculator, which agrees with FIRST's reference calculator, by
// the conformance corpora in testdata/ (every v3.0, v3.1 and v4.0 base
// vector, and random vectors with the other metric groups).
//
// CVSS v2 vectors are rejected: OSV and the policy speak of v3 and v4 only.
package severity
