package report

import (
	"fmt"
	"slices"
	"time"

	"github.com/patchline/patchline/analyzer/internal/strictyaml"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/severity"
)

// Pos is a position in a report file, printed as file:line:column.
type Pos = strictyaml.Pos

// Report is a draft advisory as the maintainer wrote it.
type Report struct {
	// Path is the file the report was read from, as given to Load.
	Path string
	// ID is the advisory id; empty until one is allocated.
	ID      string
	Summary string
	Details string
	Aliases []string
	// CWEIDs are the weaknesses the report names (CWE-79), as written;
	// formats that carry them (GitHub's advisories, CVE records) take
	// them as they are.
	CWEIDs []string
	// CWEPos is where each of CWEIDs is written, for messages about it.
	CWEPos   []Pos
	Severity *severity.Result // nil when the report gives no vector
	// EmbargoUntil is the instant before which nothing may be published;
	// nil when the report is not embargoed.
	EmbargoUntil *time.Time
	// Published is when the advisory was first made public, for one
	// published before patchline kept it (published: in the report); nil
	// when not given. A record's published time is it, before the embargo
	// end and the first write.
	Published  *time.Time
	Affected   []Affected
	References []Reference
	Credits    []Credit
	// Repairs are the versions of another database's record that only
	// its consumers' reading makes valid ("14.0" read as 14.0.0, as
	// osv-scanner reads it), each at its position; callers warn about
	// them. A report written for patchline has none: it stays strict.
	Repairs []Repair
}

// Repair is one version of a record read as scanners read it.
type Repair struct {
	Pos     Pos
	Pointer string // JSON pointer of the value in the record
	From    string // as written
	To      string // as read
	Package string // ECOSYSTEM:NAME
}

func (r Repair) String() string {
	return fmt.Sprintf("%s: %s %q read as %s, as scanners read it (write %s)", r.Pos, r.Package, r.From, r.To, r.To)
}

// Form is how an affected entry states its versions.
type Form int

const (
	// FormFixed: introduced (default "0"), a list of fixing releases of any
	// lines, or a last affected version.
	FormFixed Form = iota + 1
	// FormRange: ranges in the ecosystem's syntax; a version in any of
	// them is affected.
	FormRange
	// FormRanges: OSV-style intervals, one per branch.
	FormRanges
)

func (f Form) String() string {
	switch f {
	case FormFixed:
		return "fixed"
	case FormRange:
		return "range"
	case FormRanges:
		return "ranges"
	}
	return "unknown"
}

// Affected is what one package's entry says is affected.
//
// Every decision admits pre-releases: a vulnerable 2.0rc1 is vulnerable,
// exactly as OSV consumers evaluate events.
type Affected struct {
	Package pkgref.Ref
	Form    Form

	// Form FormFixed. Introduced is nil for "0": every version from the
	// first. Fixed is ascending and may be empty (no fix yet).
	// LastAffected, when set, closes the range instead of a fix; it
	// excludes Fixed, as OSV forbids both in one range.
	Introduced   ecosystem.Version
	Fixed        []ecosystem.Version
	LastAffected ecosystem.Version

	// Form FormRange: any of these ranges matches.
	Ranges []ecosystem.Range

	// Form FormRanges: the intervals, in file order.
	Intervals []Interval

	// PlannedFix is the fixing version the maintainer plans, by line
	// name, for lines that have no published fix yet.
	PlannedFix map[string]ecosystem.Version

	// Pos is where the entry is defined, for messages about it.
	Pos Pos

	eco ecosystem.Ecosystem
}

// Interval is one OSV range of form FormRanges: from Introduced (nil: "0")
// up to Fixed (exclusive) or LastAffected (inclusive), or without end when
// both are nil.
type Interval struct {
	Introduced   ecosystem.Version
	Fixed        ecosystem.Version
	LastAffected ecosystem.Version
}

// Reference is a link of the advisory, typed as OSV types them.
type Reference struct {
	Type string
	URL  string
}

// Credit names a person or organisation credited in the advisory.
type Credit struct {
	Name    string
	Contact []string
	Type    string // empty when not given
}

// Ecosystem returns the version semantics of the entry's package.
func (a *Affected) Ecosystem() ecosystem.Ecosystem { return a.eco }

// Contains reports whether v is in the interval, by the ecosystem's order.
func (i Interval) Contains(e ecosystem.Ecosystem, v ecosystem.Version) bool {
	if i.Introduced != nil && e.Compare(v, i.Introduced) < 0 {
		return false
	}
	switch {
	case i.Fixed != nil:
		return e.Compare(v, i.Fixed) < 0
	case i.LastAffected != nil:
		return e.Compare(v, i.LastAffected) <= 0
	}
	return true
}

// Affected reports whether version v of the package is affected.
//
// For forms FormRange and FormRanges the answer is exact: v is in one of
// the ranges (Range.Contains with pre-releases admitted) or intervals.
//
// For form FormFixed the answer depends on which fix applies to v's line
// (see AffectedGivenFix), which only the policy knows. Without it, Affected
// takes v's series (ecosystem.Series: npm major, PyPI first release
// segment) for its line, as the design does for versions no line claims:
// the applicable fix is the lowest fixed version of v's series, if any.
// The analyzer, which knows the lines, calls AffectedGivenFix instead.
func (a *Affected) Affected(v ecosystem.Version) bool {
	switch a.Form {
	case FormRange:
		for _, r := range a.Ranges {
			if r.Contains(v, true) {
				return true
			}
		}
		return false
	case FormRanges:
		for _, iv := range a.Intervals {
			if iv.Contains(a.eco, v) {
				return true
			}
		}
		return false
	}
	series := a.eco.Series(v)
	for _, f := range a.Fixed { // ascending: the first match is the lowest
		if a.eco.Series(f) == series {
			return a.AffectedGivenFix(v, f)
		}
	}
	return a.AffectedGivenFix(v, nil)
}

// AffectedGivenFix decides form FormFixed for version v, given the fixed
// version that applies to v's line (nil when the report names none for
// it). A fixed version fixes the versions of its own line only (design
// §2.2), so the report's fixes are not one timeline:
//
//   - v below Introduced is not affected;
//   - with LastAffected, v is affected up to and including it;
//   - with a fix for v's line, v is affected below that fix;
//   - with no fix for v's line, v is affected when a fix of the report lies
//     above it (its line sits between fixed lines and got no fix, as v10
//     between fixes 9.1.7 and 11.0.6), or when the report has no fix at
//     all; it is not affected when every fix lies below it: a line
//     released after the fixes carries them (v12 after 11.0.6; the
//     analyzer checks that against the registry's upload times).
//
// For the other forms fix is ignored and the result is Affected(v).
func (a *Affected) AffectedGivenFix(v, fix ecosystem.Version) bool {
	if a.Form != FormFixed {
		return a.Affected(v)
	}
	if a.Introduced != nil && a.eco.Compare(v, a.Introduced) < 0 {
		return false
	}
	switch {
	case a.LastAffected != nil:
		return a.eco.Compare(v, a.LastAffected) <= 0
	case fix != nil:
		return a.eco.Compare(v, fix) < 0
	case len(a.Fixed) == 0:
		return true
	}
	return a.eco.Compare(v, a.Fixed[len(a.Fixed)-1]) < 0
}

// FixedVersions returns the fixing versions the entry names, ascending and
// without duplicates: the fixed list of FormFixed, the fixed ends of
// FormRanges' intervals, none for FormRange (a range has no explicit fix).
func (a *Affected) FixedVersions() []ecosystem.Version {
	var out []ecosystem.Version
	switch a.Form {
	case FormFixed:
		out = slices.Clone(a.Fixed)
	case FormRanges:
		for _, iv := range a.Intervals {
			if iv.Fixed != nil {
				out = append(out, iv.Fixed)
			}
		}
		ecosystem.Sort(a.eco, out)
		out = slices.CompactFunc(out, func(x, y ecosystem.Version) bool { return a.eco.Compare(x, y) == 0 })
	}
	return out
}

// Package returns the entry for ref, or nil.
func (r *Report) Package(ref pkgref.Ref) *Affected {
	for i := range r.Affected {
		if r.Affected[i].Package == ref {
			return &r.Affected[i]
		}
	}
	return nil
}

// Embargoed reports whether the report is under embargo at instant t.
func (r *Report) Embargoed(t time.Time) bool {
	return r.EmbargoUntil != nil && t.Before(*r.EmbargoUntil)
}
