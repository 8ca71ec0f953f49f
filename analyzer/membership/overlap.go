package membership

import (
	"slices"

	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// Overlap is a release that the ranges defining two or more lines claim
// (design §2.3): a line is defined by its anchor's range, or by its
// declared ranges when it has no anchor. A version derived or declared
// into two lines as a dependency is normal (a library shared by two majors
// of a meta package); one that defines two lines usually means a bound is
// off by a pre-release or a minor.
type Overlap struct {
	Package pkgref.Ref
	Version string
	// Lines are the claiming lines, in policy order.
	Lines []*Line
}

// Overlaps lists the releases claimed by the ranges of more than one
// line, by package and version.
func (m *Matrix) Overlaps() []Overlap {
	type key struct {
		ref pkgref.Ref
		rel *registry.Release
	}
	claims := map[key][]*Line{}
	var order []key
	for _, l := range m.Lines {
		for ref, mem := range l.Packages {
			for rel, o := range mem.origin {
				defining := o.how == byAnchor || o.how == byDeclaration && l.Policy.From == nil
				if !defining {
					continue
				}
				k := key{ref, rel}
				if claims[k] == nil {
					order = append(order, k)
				}
				claims[k] = append(claims[k], l)
			}
		}
	}
	var out []Overlap
	for _, k := range order {
		if ls := claims[k]; len(ls) > 1 {
			out = append(out, Overlap{Package: k.ref, Version: k.rel.Version, Lines: ls})
		}
	}
	slices.SortFunc(out, func(a, b Overlap) int {
		if c := pkgref.Compare(a.Package, b.Package); c != 0 {
			return c
		}
		h := m.Histories[a.Package]
		return slices.IndexFunc(h.Releases, func(r *registry.Release) bool { return r.Version == a.Version }) -
			slices.IndexFunc(h.Releases, func(r *registry.Release) bool { return r.Version == b.Version })
	})
	return out
}
