package impact

import (
	"slices"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// analyzeUpstream judges an upstream package on every line that requires
// it, and reports whether any does (design §2.4, package documentation).
func analyzeUpstream(an *Analysis, m *membership.Matrix, a *report.Affected, h *registry.History) bool {
	u := newUpstreamJudge(a, h)
	found := false
	for i, ml := range m.Lines {
		up := ml.Upstream[a.Package]
		if up == nil {
			continue
		}
		found = true
		l := an.Lines[i]
		if l.Unreleased {
			continue
		}
		p := &Package{Package: a.Package, Upstream: true, Verdict: NotAffected}
		for _, c := range up.Constraints {
			p.Constraints = append(p.Constraints, u.constraint(c))
		}
		byRelease := declaredBy(p.Constraints)
		for _, ref := range declaringPackages(up) {
			d := u.declaring(ml.Members(ref), byRelease, l.Supported)
			p.Declaring = append(p.Declaring, d)
			p.Verdict = Worse(p.Verdict, d.Verdict)
		}
		p.Prereleases = reachingPrereleases(ml, byRelease)
		l.Packages = append(l.Packages, p)
	}
	return found
}

// upstreamJudge classifies requirements on one upstream package.
type upstreamJudge struct {
	eco      ecosystem.Ecosystem
	h        *registry.History
	vs       []ecosystem.Version
	affected []bool
}

func newUpstreamJudge(a *report.Affected, h *registry.History) *upstreamJudge {
	u := &upstreamJudge{eco: a.Ecosystem(), h: h, vs: make([]ecosystem.Version, len(h.Releases)), affected: make([]bool, len(h.Releases))}
	for i, r := range h.Releases {
		u.vs[i] = r.Parsed
		u.affected[i] = a.Affected(r.Parsed)
	}
	return u
}

// constraint classifies one requirement: the versions its installer could
// pick (Range.Filter with the default pre-release rule, over the history
// as it stood at the as-of date), and among them the affected ones and
// the fixed ones (neither affected, yanked nor deprecated).
func (u *upstreamJudge) constraint(c *membership.Constraint) Constraint {
	pc := Constraint{Constraint: c, Class: Excludes}
	if c.Range == nil {
		pc.Unknown = true
		pc.Class = Unjudged
		return pc
	}
	admitted := c.Range.Filter(u.vs, false)
	last := -1
	for k, idx := range admitted {
		r := u.h.Releases[idx]
		switch {
		case u.affected[idx]:
			pc.Affected = append(pc.Affected, r)
			last = k
		case usable(r):
			pc.Fixed = append(pc.Fixed, r)
		}
	}
	if last >= 0 {
		for _, idx := range admitted[last+1:] {
			if !u.affected[idx] && usable(u.h.Releases[idx]) {
				pc.FirstFixed = u.h.Releases[idx]
				break
			}
		}
	}
	switch {
	case len(pc.Affected) == 0:
		pc.Class = Excludes
	case len(pc.Fixed) == 0:
		pc.Class = Forces
	default:
		pc.Class = Admits
	}
	return pc
}

// raise returns the smallest requirement that leaves out the affected
// versions a forcing requirement admits: ">=" the first fixed upstream
// release above them; "" when the upstream package has none yet.
func (u *upstreamJudge) raise(c *Constraint) string {
	top := c.Affected[len(c.Affected)-1]
	for i, r := range u.h.Releases {
		if u.eco.Compare(r.Parsed, top.Parsed) > 0 && !u.affected[i] && usable(r) && !r.Parsed.Prerelease() {
			return ">=" + r.Version
		}
	}
	return ""
}

// releaseKey names a member release that declares requirements.
type releaseKey struct {
	pkg     pkgref.Ref
	version string
}

// declaredBy indexes the line's constraints on the upstream package by
// the member releases that declare them.
func declaredBy(cs []Constraint) map[releaseKey][]*Constraint {
	out := map[releaseKey][]*Constraint{}
	for i := range cs {
		for _, d := range cs[i].DeclaredBy {
			k := releaseKey{d.Package, d.Version}
			out[k] = append(out[k], &cs[i])
		}
	}
	return out
}

// declaringPackages lists the project packages whose metadata names the
// upstream package in a line, sorted.
func declaringPackages(up *membership.Upstream) []pkgref.Ref {
	var out []pkgref.Ref
	for _, c := range up.Constraints {
		for _, d := range c.DeclaredBy {
			if !slices.Contains(out, d.Package) {
				out = append(out, d.Package)
			}
		}
	}
	slices.SortFunc(out, pkgref.Compare)
	return out
}

// worstOf returns the worst class among a release's requirements on the
// upstream package, with the requirement that gives it; a release that
// declares none excludes the package.
func worstOf(cs []*Constraint) (Class, *Constraint) {
	class, at := Excludes, (*Constraint)(nil)
	for _, c := range cs {
		if at == nil || c.Class.rank() > class.rank() {
			class, at = c.Class, c
		}
	}
	return class, at
}

// declaring judges one declaring package on a line: on its newest final
// member (design §2.4).
func (u *upstreamJudge) declaring(mem *membership.Members, byRelease map[releaseKey][]*Constraint, supported bool) Declaring {
	d := Declaring{Package: mem.Package, Verdict: NotAffected}
	reaches := false
	for _, rel := range mem.Releases {
		class, c := worstOf(byRelease[releaseKey{mem.Package, rel.Version}])
		rc := ReleaseClass{Release: rel, Class: class}
		if c != nil {
			rc.Requirement = c.Specifier
			if c.URL != "" {
				rc.Requirement = c.URL
			}
			rc.constraint = c
		}
		reaches = reaches || class == Forces || class == Admits
		d.Releases = append(d.Releases, rc)
	}
	judged, _ := splitTrailingPrereleases(mem.Releases)
	newest := d.Releases[len(judged)-1]
	d.Newest = newest
	if !reaches {
		return d
	}
	lastForcing := -1
	for i := range judged {
		if d.Releases[i].Class == Forces {
			lastForcing = i
		}
	}
	if lastForcing >= 0 && lastForcing < len(judged)-1 {
		for _, rc := range d.Releases[lastForcing+1 : len(judged)] {
			if !rc.Release.Parsed.Prerelease() && usable(rc.Release) {
				d.FirstFixing = rc.Release
				break
			}
		}
	}
	if newest.Class == Admits {
		c := newest.constraint
		d.FreshInstall = c.Fixed[len(c.Fixed)-1]
	}
	if newest.Class == Forces {
		d.Raise = u.raise(newest.constraint)
	}
	switch {
	case !supported:
		d.Verdict = Unsupported
	case newest.Class == Forces:
		d.Verdict = Affected
	default:
		d.Verdict = Fixed
	}
	return d
}

// reachingPrereleases returns the line's pre-release members, of any
// project package, whose requirements reach affected upstream versions,
// directly or through the project packages they require: they are listed
// apart and decide nothing (express 5.0.0-beta.3 requires router
// 2.0.0-beta.2, which pins an affected path-to-regexp).
func reachingPrereleases(ml *membership.Line, byRelease map[releaseKey][]*Constraint) []MemberRelease {
	memo := map[*registry.Release]Class{}
	var classOf func(ref pkgref.Ref, rel *registry.Release) Class
	classOf = func(ref pkgref.Ref, rel *registry.Release) Class {
		if c, ok := memo[rel]; ok {
			return c
		}
		memo[rel] = Excludes // a cycle adds nothing
		class, _ := worstOf(byRelease[releaseKey{ref, rel.Version}])
		for _, req := range ml.Requires(ref, rel) {
			all, some := len(req.Admits) > 0, false
			for _, child := range req.Admits {
				c := classOf(req.Package, child)
				all = all && c == Forces
				some = some || c == Forces || c == Admits
			}
			switch {
			case all:
				class = Forces
			case some && class != Forces:
				class = Admits
			}
		}
		memo[rel] = class
		return class
	}
	refs := make([]pkgref.Ref, 0, len(ml.Packages))
	for ref := range ml.Packages {
		refs = append(refs, ref)
	}
	slices.SortFunc(refs, pkgref.Compare)
	var out []MemberRelease
	for _, ref := range refs {
		for _, rel := range ml.Packages[ref].Releases {
			if !rel.Parsed.Prerelease() {
				continue
			}
			if c := classOf(ref, rel); c == Forces || c == Admits {
				out = append(out, MemberRelease{Package: ref, Release: rel})
			}
		}
	}
	return out
}

// LineDeclaring is one declaring project package's judgement on one line.
type LineDeclaring struct {
	Line      *Line
	Declaring *Declaring
}

// Declarations returns, line by line in policy order, the judgement of
// every project package that declares a requirement on the upstream
// package ref: what publications about an upstream report are built from.
func (an *Analysis) Declarations(ref pkgref.Ref) []LineDeclaring {
	var out []LineDeclaring
	for _, l := range an.Lines {
		for _, p := range l.Packages {
			if p.Package != ref || !p.Upstream {
				continue
			}
			for i := range p.Declaring {
				out = append(out, LineDeclaring{Line: l, Declaring: &p.Declaring[i]})
			}
		}
	}
	return out
}
