package policy

import (
	"github.com/patchline/patchline/analyzer/internal/strictyaml"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/severity"
)

// Pos is a position in a policy or report file, printed as
// file:line:column.
type Pos = strictyaml.Pos

// Error is one problem of a policy or report file, printed as
// file:line:column: path: message.
type Error = strictyaml.Error

// Errors is every problem found in one file, in file order; Load returns
// it as its error when the file is invalid.
type Errors = strictyaml.Errors

// Policy is a project's maintenance policy: what it publishes, its release
// lines and what each promises, and how it scores and files advisories.
type Policy struct {
	// Path is the file the policy was read from, as given to Load.
	Path string
	// Project is the product's name, for output.
	Project string
	// Severity are the levels CVSS scores map to; DefaultLevels when the
	// policy names none.
	Severity severity.Levels
	// Advisories says where and under which id prefix advisories are filed.
	Advisories Advisories
	// Packages are the name patterns of the packages the project publishes
	// and patches, by ecosystem (OSV spelling).
	Packages map[string][]pkgref.Pattern
	// Lines are the release lines, newest first.
	Lines []Line
	// FixesGoTo says which minors of a supported line get patch releases.
	FixesGoTo FixesGoTo
	// Notice is the advance-notice window; DefaultNotice when not given.
	Notice Notice
}

// Advisories configures the OSV database of the project.
type Advisories struct {
	// IDPrefix is the prefix of the ids allocated in the database, without
	// the dash (x_INVENIO gives x_INVENIO-2026-0001); empty when the policy
	// gives none.
	IDPrefix string
	// Database is the absolute path of the directory of OSV records.
	Database string
	// Publisher is the URL of the project as the publisher of its
	// advisories (the namespace of its CSAF documents); empty when the
	// policy gives none.
	Publisher string
	// CSAFURL is the https URL of the directory the project publishes its
	// CSAF documents in, ending in a slash (the canonical URL of each is
	// there); empty when the policy gives none.
	CSAFURL string
}

// Status is what the policy promises a line.
type Status string

// The statuses of a line. Supported, LTS and Security lines all receive
// security fixes; they differ in what else they get, which patchline does
// not need to know. EOL lines receive nothing.
const (
	StatusSupported Status = "supported"
	StatusLTS       Status = "lts"
	StatusSecurity  Status = "security"
	StatusEOL       Status = "eol"
)

// FixesGoTo says which minors of a supported line get patch releases.
type FixesGoTo string

const (
	// LatestMinor: only the newest minor of a line is patched; a fix for
	// 13.0.x users is a 13.1.x release. The default.
	LatestMinor FixesGoTo = "latest-minor"
	// EveryMinor: every minor of a line that ships affected versions is
	// patched.
	EveryMinor FixesGoTo = "every-minor"
)

// Line is one release line of the product.
type Line struct {
	Name     string
	Status   Status
	Released Date
	// EndOfLife is the last day of support; nil means until further notice.
	EndOfLife *Date
	// Branch is where fixes for the line are made; empty when not given.
	Branch string
	// From is the anchor from which the line's members are derived through
	// dependency metadata; nil when the line lists its members only.
	From *Anchor
	// Extras are the anchor's extras whose requirements count.
	Extras []string
	// Packages are the declared members: a range per package, added to the
	// members derived from From.
	Packages map[pkgref.Ref]ecosystem.Range
	// Pos is where the line is defined, for messages about it.
	Pos Pos
}

// Anchor is a package and the range of its versions that make up a line.
type Anchor struct {
	Package pkgref.Ref
	Range   ecosystem.Range
}

// Supported reports whether the line is supported on the day asOf: its
// status is not eol and its end of life, if any, is not before asOf. The
// end-of-life day itself is still supported: a policy that says "until
// 2026-01-24" owes fixes on that day.
//
// The release date plays no part: a line announced before its release is
// already owed fixes for its pre-releases once the policy lists it with a
// supported status.
func (l *Line) Supported(asOf Date) bool {
	if l.Status == StatusEOL {
		return false
	}
	return l.EndOfLife == nil || !asOf.After(*l.EndOfLife)
}

// IsProjectPackage reports whether the project publishes the package: one of
// the policy's patterns for its ecosystem matches its name.
func (p *Policy) IsProjectPackage(ref pkgref.Ref) bool {
	for _, pat := range p.Packages[ref.Ecosystem] {
		if pat.Match(ref) {
			return true
		}
	}
	return false
}

// Line returns the line with the given name, or nil. Names are matched
// exactly; the loader rejects names that differ only in case.
func (p *Policy) Line(name string) *Line {
	for i := range p.Lines {
		if p.Lines[i].Name == name {
			return &p.Lines[i]
		}
	}
	return nil
}
