package impact

import (
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// Verdict is the impact on a line, or on one package within a line.
type Verdict string

// The verdicts, from best to worst.
const (
	NotAffected Verdict = "not-affected"
	Fixed       Verdict = "fixed"
	Unsupported Verdict = "unsupported"
	Affected    Verdict = "affected"
)

func (v Verdict) rank() int {
	switch v {
	case Fixed:
		return 1
	case Unsupported:
		return 2
	case Affected:
		return 3
	}
	return 0
}

// Worse returns the worse of two verdicts.
func Worse(a, b Verdict) Verdict {
	if b.rank() > a.rank() {
		return b
	}
	return a
}

// Rule is how the report's fixed versions were assigned to a line.
type Rule string

const (
	// RulePolicy: the fix is a member of the line.
	RulePolicy Rule = "policy"
	// RuleSeries: no line contains the fix; it went to the lines with
	// members of its series.
	RuleSeries Rule = "series"
)

// Analysis is the impact of one report on every line of a policy.
type Analysis struct {
	Report    *report.Report
	AsOf      policy.Date
	FixesGoTo policy.FixesGoTo
	// Lines are in the policy's order, newest first.
	Lines []*Line
	// Outside are the reported packages no line contains, in report order.
	Outside []Outside
	// Unplaced are the report's fixed versions that no line takes: no line
	// contains them and none has releases of their series (a typo, or a
	// series the policy does not list). They decide nothing, and are
	// reported so that they are not lost silently.
	Unplaced []Unplaced

	// Matrix is the membership the report was judged against, and
	// Upstream the histories of the reported upstream packages; kept so
	// that AffectedInHistory can judge a package's whole history by the
	// same rules.
	Matrix   *membership.Matrix
	Upstream map[pkgref.Ref]*registry.History
}

// Line is the impact on one line.
type Line struct {
	Policy    *policy.Line
	Supported bool
	// Unreleased is set when the line did not exist yet at the as-of date:
	// before its release date, with no release of its anchor out by then.
	// Such a line is judged on nothing and holds no packages.
	Unreleased bool
	Verdict    Verdict
	// Packages are the reported packages the line contains (project
	// packages with members, upstream packages it requires), in report
	// order.
	Packages []*Package
}

// Package is the impact on one package within one line.
type Package struct {
	Package pkgref.Ref
	// Upstream is set for a package the project does not publish.
	Upstream bool
	Verdict  Verdict

	// Project packages.

	// Members is the number of the line's releases of the package.
	Members int
	// Affected are the affected members, ascending.
	Affected []*registry.Release
	// ReportFixes are the report's fixed versions that belong to the
	// line, ascending, each with the rule that assigned it.
	ReportFixes []ReportFix
	// FixedIn are the published fixing releases: one for the line, or
	// one per affected minor with every-minor.
	FixedIn []*registry.Release
	// Pending are the releases still to be made (verdict affected).
	Pending []Pending

	// Upstream packages.

	// Constraints are the line's requirements on the package, each with
	// what it admits.
	Constraints []Constraint
}

// ReportFix is a fixed version of the report that belongs to a line.
type ReportFix struct {
	Version ecosystem.Version
	Rule    Rule
}

// Pending is a patch release still to be made on a line.
type Pending struct {
	Version ecosystem.Version
	// After is the newest release of the minor it follows.
	After *registry.Release
	// Planned is set when the report names it as the line's planned fix.
	Planned bool
}

// Constraint is one requirement of a line on an upstream package.
type Constraint struct {
	*membership.Constraint
	// Affected are the affected upstream releases the constraint admits,
	// ascending.
	Affected []*registry.Release
	// FirstFixed is the first release the constraint admits above the
	// affected ones that is neither affected, yanked nor deprecated; nil
	// when it admits none.
	FirstFixed *registry.Release
	// Unknown is set when the requirement names no range (a direct URL):
	// it cannot be judged.
	Unknown bool
}

// Outside is a reported package that no line contains.
type Outside struct {
	Package pkgref.Ref
	// Upstream is set for a package the project does not publish: then no
	// line requires it; otherwise no line has a release of it.
	Upstream bool
}

// Unplaced is a fixed version of the report that belongs to no line.
type Unplaced struct {
	Package pkgref.Ref
	Version ecosystem.Version
}
