// Package cvss40 parses and scores CVSS v4.0 vectors. It is a copy of the
// 40 package (import path github.com/pandatix/go-cvss/40, package gocvss40)
// of github.com/pandatix/go-cvss v0.6.4, MIT licence, Copyright (c) 2022
// Lucas TESSON - PandatiX; the licence notice is in LICENSE beside this file.
//
// The copy holds every non-test file of that package (cvss40.go, depth.go,
// errors.go, lookup.go, max.go, severity.go, values.go), each unchanged
// except for:
//
//   - the package clause, gocvss40 → cvss40, to match the directory;
//   - a header comment naming the file's origin;
//   - in cvss40.go, the body of roundup: math.Round(x*10) / 10 became
//     math.Round((x+1e-6)*10) / 10.
//
// Why the change: with the upstream rounding, 450 of the 104,976 CVSS v4.0
// base vectors, and 73 of the 20,000 random vectors with threat,
// environmental and supplemental metrics of the severity package's corpus,
// score 0.1 below FIRST's reference calculator: their unrounded score lies
// within 1e-6 below a .x5 boundary through floating-point error. The reference
// calculator (RedHatProductSecurity/cvss-v4-calculator, the code behind
// FIRST's CVSS v4.0 calculator) rounds with
//
//	Math.round((value + EPSILON) * 10) / 10, EPSILON = 1e-6
//
// in its roundToDecimalPlaces, to absorb the floating-point error of the
// score's interpolation; the change does the same. It is tracked upstream as
// pandatix/go-cvss issue #292. Both math.Round and JavaScript's Math.round
// round halves up for the non-negative values scored here.
//
// Why a copy and not a replace directive: `go install module@version`
// refuses a module whose go.mod has replace directives, and patchline must
// stay installable that way.
//
// Upstream's tests are not copied: they depend on testify, which patchline
// does not use. This package's own tests are in cvss40_test.go, and the
// severity package holds it to the reference scores of every base vector in
// its conformance tests.
package cvss40
