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

// NotYetReleased is what every output says of a line that did not exist yet
// at the as-of date (Line.Unreleased), in place of its verdict: such a line
// is judged on nothing, and "not-affected" beside the versions a record lists
// read as a contradiction.
const NotYetReleased Verdict = "unreleased"

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

// Shown is the line's verdict as outputs give it: NotYetReleased for a line
// that did not exist yet at the as-of date, else Verdict.
func (l *Line) Shown() Verdict {
	if l.Unreleased {
		return NotYetReleased
	}
	return l.Verdict
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
	// Releases are the line's releases of the package, ascending: what
	// the affected ones are counted among, with their gaps.
	Releases []*registry.Release
	// Affected are the affected members the line is judged on (its
	// final releases and the pre-releases below its newest final
	// release), ascending.
	Affected []*registry.Release
	// AffectedPrereleases are the affected pre-releases above the line's
	// newest final release, ascending: listed apart, they decide nothing
	// (design §2.3). For an upstream package, the line's pre-releases
	// whose requirements reach affected upstream versions.
	AffectedPrereleases []*registry.Release
	// FixedPrerelease is the first pre-release above the affected ones
	// of AffectedPrereleases that is neither affected, yanked nor
	// deprecated; nil when there is none.
	FixedPrerelease *registry.Release
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
	// Declaring are the project packages whose releases in the line name
	// the package in their metadata, each judged on its own newest final
	// release; the package's verdict is the worst of theirs.
	Declaring []Declaring
	// Prereleases are the line's pre-releases, of any project package,
	// whose requirements reach affected versions directly or through the
	// project packages they require, by package and version. Listed
	// apart, they decide nothing.
	Prereleases []MemberRelease
}

// Class is what a requirement on an upstream package lets users install,
// as npm's metavulnerability calculation and pip's resolver see it.
type Class string

const (
	// Excludes: the requirement admits no affected version.
	Excludes Class = "excludes"
	// Admits: it admits affected versions and a fixed one: a fresh
	// install gets a fixed version, a lockfile may still pin an
	// affected one.
	Admits Class = "admits"
	// Forces: it admits affected versions and no fixed one published by
	// the as-of date.
	Forces Class = "forces"
	// Unjudged: it names no range (a URL, a git reference).
	Unjudged Class = "unknown"
)

func (c Class) rank() int {
	switch c {
	case Admits:
		return 1
	case Unjudged:
		return 2
	case Forces:
		return 3
	}
	return 0
}

// Declaring is one project package that declares a requirement on the
// upstream package in a line, judged on its newest final release.
type Declaring struct {
	Package pkgref.Ref
	// Verdict: not-affected when no member admits an affected version;
	// otherwise unsupported when the line is past its end of life,
	// affected when Newest forces affected versions, fixed when it admits
	// a fixed one.
	Verdict Verdict
	// Releases are the package's members in the line, ascending, each
	// with the class of its worst requirement on the upstream package (a
	// release that declares none excludes it).
	Releases []ReleaseClass
	// Newest is the release the package is judged on: its newest final
	// member, or its newest member when it has no final one.
	Newest ReleaseClass
	// FirstFixing is the first final release from which on no member
	// forces affected versions; nil when none forces, or Newest does.
	FirstFixing *registry.Release
	// Raise is, when Newest forces affected versions, the smallest requirement that
	// leaves the affected versions out (">=0.1.10"); "" when the upstream
	// package has no fixed release above them.
	Raise string
	// FreshInstall is, when Newest still admits affected versions, the
	// highest fixed version it admits: what a fresh install gets.
	FreshInstall *registry.Release
}

// ReleaseClass is one member release and what its requirement on the
// upstream package admits.
type ReleaseClass struct {
	Release *registry.Release
	Class   Class
	// Requirement is the specifier (or URL) of its worst requirement on
	// the upstream package; "" when it declares none.
	Requirement string

	constraint *Constraint
}

// Constraint returns the release's worst requirement on the upstream
// package, nil when it declares none.
func (rc ReleaseClass) Constraint() *Constraint { return rc.constraint }

// MemberRelease is a release of a project package in a line.
type MemberRelease struct {
	Package pkgref.Ref
	Release *registry.Release
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
	// Fixed are the releases it admits that are neither affected, yanked
	// nor deprecated, ascending.
	Fixed []*registry.Release
	// Class sums it up.
	Class Class
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
