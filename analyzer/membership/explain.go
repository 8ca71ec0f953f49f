package membership

import (
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
)

// Step is one release on the path that brought a member into a line.
type Step struct {
	Package pkgref.Ref
	Version string
	// Via says how this release was reached: for the first step "from"
	// (in the anchor's range) or "packages" (in a declared range), with
	// Requirement the range; for the others "requires", with Requirement
	// the previous step's requirement that admits this release.
	Via         string
	Requirement string
}

// Explain returns the path that brought the member equal to v of ref into
// the line, from the anchor release (or the declared range) to the member,
// or nil when it is not a member. The path is the first one the
// breadth-first walk found, so it is a shortest one.
func (l *Line) Explain(ref pkgref.Ref, v ecosystem.Version) []Step {
	m := l.Packages[ref]
	if m == nil {
		return nil
	}
	rel := m.Find(v)
	if rel == nil {
		return nil
	}
	var rev []Step
	n := node{ref, rel}
	for range 1 << 16 { // a path is acyclic: the bound only guards against a bug
		o := l.Packages[n.ref].origin[n.rel]
		st := Step{Package: n.ref, Version: n.rel.Version}
		switch o.how {
		case byAnchor:
			st.Via, st.Requirement = "from", l.Policy.From.Range.String()
		case byDeclaration:
			st.Via, st.Requirement = "packages", l.Policy.Packages[n.ref].String()
		case byRequirement:
			st.Via, st.Requirement = "requires", o.requirement
		}
		rev = append(rev, st)
		if o.how != byRequirement {
			break
		}
		n = o.parent
	}
	out := make([]Step, len(rev))
	for i, s := range rev {
		out[len(rev)-1-i] = s
	}
	return out
}
