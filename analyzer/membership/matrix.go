package membership

import (
	"context"
	"sort"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// Source is where release histories and requirements come from: a
// *registry.Client, or an in-memory registry in tests. Both calls may be
// made concurrently.
type Source interface {
	History(ctx context.Context, p registry.Package) (*registry.History, error)
	Requirements(ctx context.Context, h *registry.History, versions []string) ([]*registry.Requirements, error)
}

// Matrix is the membership of every line of a policy.
type Matrix struct {
	Policy *policy.Policy
	// Lines are in the policy's order, newest first.
	Lines []*Line
	// Histories are the release histories of every project package the
	// lines declare or reach.
	Histories map[pkgref.Ref]*registry.History
}

// Line is the membership of one release line.
type Line struct {
	Policy *policy.Line
	// Packages are the line's members by project package; a package the
	// line has no release of is absent.
	Packages map[pkgref.Ref]*Members
	// Upstream are the requirements on non-project packages that the
	// line's walk met, by upstream package.
	Upstream map[pkgref.Ref]*Upstream
	// Unresolved are requirements on project packages that name no
	// registry release (a direct URL, an npm tag or git reference), in
	// walk order.
	Unresolved []Unresolved
	// Incomplete are the walked releases whose requirements the registry
	// could give only in part (requirements that do not parse were
	// skipped) or not at all: the line may have members the walk did not
	// find. In package, then history order.
	Incomplete []*registry.Requirements

	requires map[node][]Requirement
}

// Requirement is a requirement of a member release on a project package
// that the walk followed, and the releases it admits.
type Requirement struct {
	Package pkgref.Ref
	Spec    string // as the registry states it
	// Admits are the admitted releases, ascending; all are members.
	Admits []*registry.Release
}

// Requires returns the requirements on project packages that the walk
// followed from the member rel of package ref, in the order the release
// declares them: the edges along which the line's releases reach one
// another, so that what a release brings in can be traced to the end.
func (l *Line) Requires(ref pkgref.Ref, rel *registry.Release) []Requirement {
	return l.requires[node{ref, rel}]
}

// Members are the releases of one package that belong to a line.
type Members struct {
	Package pkgref.Ref
	// Releases are ascending in the ecosystem's order.
	Releases []*registry.Release

	eco    ecosystem.Ecosystem
	origin map[*registry.Release]origin
}

// origin is how a member came in: declared, in the anchor's range, or
// admitted by a requirement of the parent release.
type origin struct {
	how         how
	parent      node
	requirement string
}

type how int

const (
	byAnchor how = iota + 1
	byDeclaration
	byRequirement
)

// node is one release of one package.
type node struct {
	ref pkgref.Ref
	rel *registry.Release
}

// Upstream are the requirements a line's members declare on one
// non-project package.
type Upstream struct {
	Package pkgref.Ref
	// Constraints are the distinct specifiers, sorted by their text.
	Constraints []*Constraint
}

// Constraint is one distinct requirement specifier on an upstream package,
// and the member releases that declare it.
type Constraint struct {
	// Specifier is the version range as text; "" admits every version.
	Specifier string
	// Range is the parsed specifier; nil when the requirement names no
	// range the registry can answer (URL is then set, or the npm
	// specification is a tag or git reference).
	Range ecosystem.Range
	// URL is a PEP 508 direct reference, or the npm specification that is
	// not a range.
	URL string
	// DeclaredBy are the member releases declaring it, sorted by package
	// and version.
	DeclaredBy []Declarer
}

// Declarer is a member release that declares a requirement.
type Declarer struct {
	Package     pkgref.Ref
	Version     string
	Requirement string // the requirement as the registry states it

	at int // position of the release in its history, for sorting
}

// Unresolved is a requirement on a project package that admits no
// registry release.
type Unresolved struct {
	Package     pkgref.Ref // the declaring release's package
	Version     string
	Requirement string
}

// Versions returns the members' parsed versions, ascending.
func (m *Members) Versions() []ecosystem.Version {
	out := make([]ecosystem.Version, len(m.Releases))
	for i, r := range m.Releases {
		out[i] = r.Parsed
	}
	return out
}

// Find returns the member equal to v, or nil.
func (m *Members) Find(v ecosystem.Version) *registry.Release {
	i := sort.Search(len(m.Releases), func(i int) bool { return m.eco.Compare(m.Releases[i].Parsed, v) >= 0 })
	if i < len(m.Releases) && m.eco.Compare(m.Releases[i].Parsed, v) == 0 {
		return m.Releases[i]
	}
	return nil
}

// Contains reports whether a release equal to v is a member.
func (m *Members) Contains(v ecosystem.Version) bool { return m.Find(v) != nil }

// Members returns the line's members of a package, or nil when it has none.
func (l *Line) Members(ref pkgref.Ref) *Members { return l.Packages[ref] }

// Refs returns the line's member packages, sorted.
func (l *Line) Refs() []pkgref.Ref { return sortedRefs(l.Packages) }

// UpstreamRefs returns the upstream packages the line requires, sorted.
func (l *Line) UpstreamRefs() []pkgref.Ref { return sortedRefs(l.Upstream) }

// Containing returns the lines that have a member equal to v of ref, in
// policy order.
func (m *Matrix) Containing(ref pkgref.Ref, v ecosystem.Version) []*Line {
	var out []*Line
	for _, l := range m.Lines {
		if mem := l.Packages[ref]; mem != nil && mem.Contains(v) {
			out = append(out, l)
		}
	}
	return out
}

// Refs returns every project package some line has members of, sorted.
func (m *Matrix) Refs() []pkgref.Ref {
	set := map[pkgref.Ref]bool{}
	for _, l := range m.Lines {
		for r := range l.Packages {
			set[r] = true
		}
	}
	return sortedRefs(set)
}

func sortedRefs[V any](m map[pkgref.Ref]V) []pkgref.Ref {
	out := make([]pkgref.Ref, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return pkgref.Compare(out[i], out[j]) < 0 })
	return out
}
