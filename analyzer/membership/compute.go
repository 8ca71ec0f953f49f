package membership

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// Compute walks the dependency graph from every line's anchor and returns
// the membership of every line. It fails when a history or a reached
// release's requirements cannot be read; the error then names every
// package and release that failed in the same batch (offline: every
// document missing from the cache at that depth), and reports
// RegistryFailure.
func Compute(ctx context.Context, pol *policy.Policy, src Source) (*Matrix, error) {
	w := &walker{
		pol:      pol,
		src:      src,
		hist:     map[pkgref.Ref]*registry.History{},
		index:    map[pkgref.Ref]map[*registry.Release]int{},
		reqs:     map[node]*registry.Requirements{},
		admits:   map[admitKey][]*registry.Release{},
		versions: map[pkgref.Ref][]ecosystem.Version{},
		names:    map[[2]string]nameClass{},
		anyPyPI: func() ecosystem.Range {
			r, _ := mustEco("PyPI").ParseRange("")
			return r
		}(),
	}
	return w.run(ctx)
}

type walker struct {
	pol    *policy.Policy
	src    Source
	hist   map[pkgref.Ref]*registry.History
	index  map[pkgref.Ref]map[*registry.Release]int // release → position in its history
	reqs   map[node]*registry.Requirements
	admits map[admitKey][]*registry.Release
	// versions are the parsed versions of each history, for Range.Filter.
	versions map[pkgref.Ref][]ecosystem.Version
	names    map[[2]string]nameClass
	anyPyPI  ecosystem.Range

	lines []*lineWalk
}

type admitKey struct {
	ref  pkgref.Ref
	spec string
}

// lineWalk is the walk's state for one line.
type lineWalk struct {
	out      *Line
	expanded map[node]*expansion
	upstream map[pkgref.Ref]map[string]*Constraint
	declared map[declKey]bool
}

// expansion records what of a release has been expanded in a line: its
// own requirements, and those of which extras.
type expansion struct {
	base   bool
	extras map[string]bool
}

// step is a release to expand at the next level: its own requirements
// (base) and/or those of some extras.
type step struct {
	line   int
	n      node
	base   bool
	extras []string
}

func (w *walker) run(ctx context.Context) (*Matrix, error) {
	// The histories every line needs before the walk: anchors and
	// declared members.
	var first []pkgref.Ref
	for i := range w.pol.Lines {
		pl := &w.pol.Lines[i]
		if pl.From != nil {
			first = append(first, pl.From.Package)
		}
		for ref := range pl.Packages {
			first = append(first, ref)
		}
	}
	if err := w.fetchHistories(ctx, first); err != nil {
		return nil, err
	}

	var frontier []step
	for i := range w.pol.Lines {
		pl := &w.pol.Lines[i]
		lw := &lineWalk{
			out:      &Line{Policy: pl, Packages: map[pkgref.Ref]*Members{}, Upstream: map[pkgref.Ref]*Upstream{}, requires: map[node][]Requirement{}},
			expanded: map[node]*expansion{},
			upstream: map[pkgref.Ref]map[string]*Constraint{},
			declared: map[declKey]bool{},
		}
		w.lines = append(w.lines, lw)
		// Declared members are expanded like the anchor's releases: what
		// they require is installed with the line too.
		for _, ref := range sortedRefs(pl.Packages) {
			for _, rel := range w.hist[ref].Releases {
				if pl.Packages[ref].InLine(rel.Parsed) {
					n := node{ref, rel}
					w.add(lw, n, origin{how: byDeclaration})
					lw.expanded[n] = &expansion{base: true, extras: map[string]bool{}}
					frontier = append(frontier, step{line: i, n: n, base: true})
				}
			}
		}
		if pl.From == nil {
			continue
		}
		extras := normalizeExtras(pl.Extras)
		for _, rel := range w.hist[pl.From.Package].Releases {
			if !pl.From.Range.InLine(rel.Parsed) {
				continue
			}
			n := node{pl.From.Package, rel}
			w.add(lw, n, origin{how: byAnchor})
			st := step{line: i, n: n, base: true, extras: extras}
			if exp := lw.expanded[n]; exp != nil {
				// Also declared: only the line's extras are new.
				st.base = false
				for _, e := range extras {
					exp.extras[e] = true
				}
				if len(extras) == 0 {
					continue
				}
			} else {
				lw.expanded[n] = &expansion{base: true, extras: set(extras)}
			}
			frontier = append(frontier, st)
		}
	}

	for len(frontier) > 0 {
		if err := w.fetchRequirements(ctx, frontier); err != nil {
			return nil, err
		}
		if err := w.fetchHistories(ctx, w.newProjectPackages(frontier)); err != nil {
			return nil, err
		}
		frontier = w.expand(frontier)
	}
	return w.matrix(), nil
}

// add makes n a member of the line, keeping the first origin.
func (w *walker) add(lw *lineWalk, n node, o origin) {
	m := lw.out.Packages[n.ref]
	if m == nil {
		m = &Members{Package: n.ref, eco: mustEco(n.ref.Ecosystem), origin: map[*registry.Release]origin{}}
		lw.out.Packages[n.ref] = m
	}
	if _, ok := m.origin[n.rel]; !ok {
		m.origin[n.rel] = o
	}
}

// counts says which of a release's requirements a step follows.
func (s step) counts(d *registry.Dependency) bool {
	switch d.Kind {
	case "", "optional", "peer":
	default: // peer-optional: npm does not install it
		return false
	}
	if len(d.ForExtras) == 0 {
		return s.base
	}
	for _, e := range d.ForExtras {
		if slices.Contains(s.extras, e) {
			return true
		}
	}
	return false
}

// newProjectPackages lists the project packages that the frontier's
// counted requirements name and whose history is not read yet.
func (w *walker) newProjectPackages(frontier []step) []pkgref.Ref {
	seen := map[pkgref.Ref]bool{}
	var out []pkgref.Ref
	for _, s := range frontier {
		for i := range w.reqs[s.n].Dependencies {
			d := &w.reqs[s.n].Dependencies[i]
			if !s.counts(d) {
				continue
			}
			ref, ok, project := w.depRef(s.n.ref.Ecosystem, d)
			if !ok || !project || w.hist[ref] != nil || seen[ref] || w.rangeOf(ref, d) == nil {
				continue
			}
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
}

// expand follows the counted requirements of every step and returns the
// next level, sorted by line, package and version so that the first path
// to a release does not depend on fetch timing.
func (w *walker) expand(frontier []step) []step {
	pending := map[[2]any]*step{}
	var next []*step
	for _, s := range frontier {
		lw := w.lines[s.line]
		reqs := w.reqs[s.n]
		for i := range reqs.Dependencies {
			d := &reqs.Dependencies[i]
			if !s.counts(d) {
				continue
			}
			ref, ok, project := w.depRef(s.n.ref.Ecosystem, d)
			if !ok {
				continue
			}
			if !project {
				w.recordUpstream(lw, ref, s.n, d)
				continue
			}
			rng := w.rangeOf(ref, d)
			if rng == nil {
				lw.out.Unresolved = append(lw.out.Unresolved, Unresolved{Package: s.n.ref, Version: s.n.rel.Version, Requirement: d.Spec})
				continue
			}
			want := normalizeExtras(d.Extras)
			admitted := w.admitted(ref, d.Specifier, rng)
			lw.out.requires[s.n] = append(lw.out.requires[s.n], Requirement{Package: ref, Spec: d.Spec, Admits: admitted})
			for _, rel := range admitted {
				child := node{ref, rel}
				w.add(lw, child, origin{how: byRequirement, parent: s.n, requirement: d.Spec})
				exp := lw.expanded[child]
				var st step
				if exp == nil {
					exp = &expansion{base: true, extras: map[string]bool{}}
					lw.expanded[child] = exp
					st = step{line: s.line, n: child, base: true}
				} else {
					st = step{line: s.line, n: child}
				}
				for _, e := range want {
					if !exp.extras[e] {
						exp.extras[e] = true
						st.extras = append(st.extras, e)
					}
				}
				if !st.base && len(st.extras) == 0 {
					continue
				}
				key := [2]any{s.line, child}
				if p := pending[key]; p != nil {
					p.base = p.base || st.base
					p.extras = append(p.extras, st.extras...)
					continue
				}
				p := st
				pending[key] = &p
				next = append(next, &p)
			}
		}
	}
	sort.Slice(next, func(i, j int) bool {
		a, b := next[i], next[j]
		if a.line != b.line {
			return a.line < b.line
		}
		if c := pkgref.Compare(a.n.ref, b.n.ref); c != 0 {
			return c < 0
		}
		return w.index[a.n.ref][a.n.rel] < w.index[b.n.ref][b.n.rel]
	})
	out := make([]step, len(next))
	for i, p := range next {
		out[i] = *p
	}
	return out
}

// depRef names the package a requirement is on, in the declaring
// release's ecosystem, and says whether the project publishes it. Both are
// memoised: the same few names recur in thousands of requirements.
func (w *walker) depRef(eco string, d *registry.Dependency) (ref pkgref.Ref, ok, project bool) {
	key := [2]string{eco, d.Name}
	if c, hit := w.names[key]; hit {
		return c.ref, c.ok, c.project
	}
	ref, err := pkgref.New(eco, d.Name)
	c := nameClass{ref: ref, ok: err == nil, project: err == nil && w.pol.IsProjectPackage(ref)}
	w.names[key] = c
	return c.ref, c.ok, c.project
}

type nameClass struct {
	ref         pkgref.Ref
	ok, project bool
}

// rangeOf returns the range a requirement on a project package admits, or
// nil when it names no registry release.
func (w *walker) rangeOf(ref pkgref.Ref, d *registry.Dependency) ecosystem.Range {
	switch {
	case d.URL != "":
		return nil
	case d.Range != nil:
		return d.Range
	case ref.Ecosystem == "PyPI":
		return w.anyPyPI
	}
	return nil
}

// admitted returns the releases of ref a requirement admits (see the
// package documentation), memoised by specifier.
func (w *walker) admitted(ref pkgref.Ref, spec string, rng ecosystem.Range) []*registry.Release {
	key := admitKey{ref, spec}
	if rels, ok := w.admits[key]; ok {
		return rels
	}
	h := w.hist[ref]
	vs := w.versions[ref]
	if vs == nil {
		vs = make([]ecosystem.Version, len(h.Releases))
		for i, r := range h.Releases {
			vs[i] = r.Parsed
		}
		w.versions[ref] = vs
	}
	var rels []*registry.Release
	for _, i := range rng.Filter(vs, false) {
		rels = append(rels, h.Releases[i])
	}
	w.admits[key] = rels
	return rels
}

func (w *walker) recordUpstream(lw *lineWalk, ref pkgref.Ref, from node, d *registry.Dependency) {
	byText := lw.upstream[ref]
	if byText == nil {
		byText = map[string]*Constraint{}
		lw.upstream[ref] = byText
	}
	key := d.Specifier
	switch {
	case d.URL != "":
		key = "@ " + d.URL
	case d.Range == nil && ref.Ecosystem != "PyPI":
		key = "@ " + d.Spec
	}
	c := byText[key]
	if c == nil {
		switch {
		case d.URL != "":
			c = &Constraint{URL: d.URL}
		case d.Range != nil:
			c = &Constraint{Specifier: d.Specifier, Range: d.Range}
		case ref.Ecosystem == "PyPI":
			c = &Constraint{Specifier: d.Specifier, Range: w.anyPyPI}
		default:
			c = &Constraint{URL: d.Spec}
		}
		byText[key] = c
	}
	seen := declKey{c, from.rel}
	if lw.declared[seen] {
		return
	}
	lw.declared[seen] = true
	c.DeclaredBy = append(c.DeclaredBy, Declarer{Package: from.ref, Version: from.rel.Version, Requirement: d.Spec, at: w.index[from.ref][from.rel]})
}

// declKey is a constraint and a release that declares it; a release
// pointer is unique across packages.
type declKey struct {
	c    *Constraint
	from *registry.Release
}

// matrix orders the walk's results into the Matrix.
func (w *walker) matrix() *Matrix {
	m := &Matrix{Policy: w.pol, Histories: w.hist}
	for _, lw := range w.lines {
		for ref, mem := range lw.out.Packages {
			for rel := range mem.origin {
				mem.Releases = append(mem.Releases, rel)
			}
			idx := w.index[ref]
			sort.Slice(mem.Releases, func(i, j int) bool { return idx[mem.Releases[i]] < idx[mem.Releases[j]] })
		}
		for ref, byText := range lw.upstream {
			up := &Upstream{Package: ref}
			for _, c := range byText {
				sort.Slice(c.DeclaredBy, func(i, j int) bool { return w.declarerLess(c.DeclaredBy[i], c.DeclaredBy[j]) })
				up.Constraints = append(up.Constraints, c)
			}
			sort.Slice(up.Constraints, func(i, j int) bool {
				a, b := up.Constraints[i], up.Constraints[j]
				if a.Specifier != b.Specifier {
					return a.Specifier < b.Specifier
				}
				return a.URL < b.URL
			})
			lw.out.Upstream[ref] = up
		}
		lw.out.Incomplete = w.incomplete(lw)
		m.Lines = append(m.Lines, lw.out)
	}
	return m
}

// incomplete lists the releases the line expanded whose requirements are
// partial.
func (w *walker) incomplete(lw *lineWalk) []*registry.Requirements {
	var ns []node
	for n := range lw.expanded {
		if r := w.reqs[n]; r != nil && r.Partial() {
			ns = append(ns, n)
		}
	}
	sort.Slice(ns, func(i, j int) bool {
		if c := pkgref.Compare(ns[i].ref, ns[j].ref); c != 0 {
			return c < 0
		}
		return w.index[ns[i].ref][ns[i].rel] < w.index[ns[j].ref][ns[j].rel]
	})
	out := make([]*registry.Requirements, len(ns))
	for i, n := range ns {
		out[i] = w.reqs[n]
	}
	return out
}

func (w *walker) declarerLess(a, b Declarer) bool {
	if c := pkgref.Compare(a.Package, b.Package); c != 0 {
		return c < 0
	}
	if a.at != b.at {
		return a.at < b.at
	}
	return a.Requirement < b.Requirement
}

// normalizeExtras returns extra names in their PEP 685 form (the PEP 503
// normalisation), which is how the registry reports marker extras.
func normalizeExtras(extras []string) []string {
	out := make([]string, 0, len(extras))
	for _, e := range extras {
		if n, err := mustEco("PyPI").NormalizeName(e); err == nil {
			e = n
		}
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// mustEco returns an ecosystem the policy loader has already accepted.
func mustEco(name string) ecosystem.Ecosystem {
	e, err := ecosystem.Lookup(name)
	if err != nil {
		panic(fmt.Sprintf("membership: %v", err))
	}
	return e
}
