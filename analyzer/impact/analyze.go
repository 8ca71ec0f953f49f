package impact

import (
	"fmt"
	"slices"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// UpstreamPackages returns the reported packages the project does not
// publish and some line requires: the packages whose histories Analyze
// needs, in report order.
func UpstreamPackages(m *membership.Matrix, r *report.Report) []pkgref.Ref {
	var out []pkgref.Ref
	for i := range r.Affected {
		ref := r.Affected[i].Package
		if m.Policy.IsProjectPackage(ref) {
			continue
		}
		for _, l := range m.Lines {
			if l.Upstream[ref] != nil {
				out = append(out, ref)
				break
			}
		}
	}
	return out
}

// Analyze computes the impact of the report on every line at the as-of
// date. upstream holds the histories of UpstreamPackages(m, r); it may
// hold those of other reported packages the membership walk did not read,
// which Analysis.History then returns (records list their versions too).
func Analyze(m *membership.Matrix, r *report.Report, asOf policy.Date, upstream map[pkgref.Ref]*registry.History) (*Analysis, error) {
	an := &Analysis{Report: r, AsOf: asOf, FixesGoTo: m.Policy.FixesGoTo, Matrix: m, Upstream: upstream}
	if err := checkPlanned(m, r); err != nil {
		return nil, err
	}
	for _, l := range m.Lines {
		an.Lines = append(an.Lines, &Line{Policy: l.Policy, Supported: l.Policy.Supported(asOf), Unreleased: Unreleased(l, asOf), Verdict: NotAffected})
	}
	for i := range r.Affected {
		a := &r.Affected[i]
		project := m.Policy.IsProjectPackage(a.Package)
		var found bool
		if project {
			if err := checkNamedFixes(m, a); err != nil {
				return nil, err
			}
			found = analyzeProject(an, m, a)
		} else {
			h := upstream[a.Package]
			needed := false
			for _, l := range m.Lines {
				needed = needed || l.Upstream[a.Package] != nil
			}
			if needed && h == nil {
				return nil, fmt.Errorf("%s: no release history for the upstream package", a.Package)
			}
			found = needed && analyzeUpstream(an, m, a, h)
		}
		if !found {
			an.Outside = append(an.Outside, Outside{Package: a.Package, Upstream: !project})
		}
	}
	for _, l := range an.Lines {
		for _, p := range l.Packages {
			l.Verdict = Worse(l.Verdict, p.Verdict)
		}
	}
	return an, nil
}

// analyzeProject judges a project package on every line that has members
// of it, and reports whether any has.
func analyzeProject(an *Analysis, m *membership.Matrix, a *report.Affected) bool {
	fixes, unplaced := assignFixes(m, a)
	h := m.Histories[a.Package]
	found := false
	for i, ml := range m.Lines {
		mem := ml.Members(a.Package)
		if mem == nil {
			continue
		}
		found = true
		l := an.Lines[i]
		if l.Unreleased {
			continue
		}
		p := &Package{Package: a.Package, Members: len(mem.Releases), Releases: mem.Releases, ReportFixes: fixes[i]}
		judge(p, a, mem, versions(fixes[i]), func(rel *registry.Release) bool { return affectedRelease(m, a, fixes, h, rel) }, l, an.FixesGoTo, h)
		l.Packages = append(l.Packages, p)
	}
	if found {
		for _, v := range unplaced {
			an.Unplaced = append(an.Unplaced, Unplaced{Package: a.Package, Version: v})
		}
	}
	return found
}

// judge fills in the affected members, the verdict, and the fixing or
// pending releases of one package on one line.
//
// The line is judged on its final releases when it has any (design §2.3):
// pre-releases above its newest final release (canaries of a minor that
// never had a release, betas of the next major that the policy's range
// still takes) are listed apart when affected and decide nothing, so that
// an abandoned pre-release does not hold the line hostage.
func judge(p *Package, a *report.Affected, mem *membership.Members, fixes []ecosystem.Version, isAffected func(*registry.Release) bool, l *Line, goTo policy.FixesGoTo, h *registry.History) {
	eco := a.Ecosystem()
	judged, trailing := splitTrailingPrereleases(mem.Releases)
	affected := make(map[*registry.Release]bool)
	for _, rel := range judged {
		if isAffected(rel) {
			affected[rel] = true
			p.Affected = append(p.Affected, rel)
		}
	}
	for _, rel := range trailing {
		switch {
		case isAffected(rel):
			p.AffectedPrereleases = append(p.AffectedPrereleases, rel)
			p.FixedPrerelease = nil
		case p.FixedPrerelease == nil && len(p.AffectedPrereleases) > 0 && usable(rel):
			p.FixedPrerelease = rel
		}
	}
	if len(p.Affected) == 0 {
		p.Verdict = NotAffected
		return
	}
	groups := [][]*registry.Release{judged}
	if goTo == policy.EveryMinor {
		groups = byMinor(eco, judged)
	}
	var open [][]*registry.Release // groups with affected members and no fixing release
	for _, g := range groups {
		last := -1
		for i, rel := range g {
			if affected[rel] {
				last = i
			}
		}
		if last < 0 {
			continue
		}
		if fix := firstFix(g[last+1:], affected); fix != nil {
			p.FixedIn = append(p.FixedIn, fix)
		} else {
			open = append(open, g)
		}
	}
	switch {
	case !l.Supported:
		// A line past its end of life that ships affected versions is
		// unsupported even where one of its releases carries the fix: its
		// users are owed nothing more, and FixedIn still shows them where
		// to go.
		p.Verdict = Unsupported
	case len(open) == 0:
		p.Verdict = Fixed
	default:
		p.Verdict = Affected
		p.Pending = pending(eco, open, a.PlannedFix[l.Policy.Name], unreleasedFixes(eco, fixes, h), h)
	}
}

// splitTrailingPrereleases splits ascending releases into those a line is
// judged on and the pre-releases above the newest final release. With no
// final release at all, the line is judged on its pre-releases.
func splitTrailingPrereleases(rels []*registry.Release) (judged, trailing []*registry.Release) {
	for i := len(rels) - 1; i >= 0; i-- {
		if !rels[i].Parsed.Prerelease() {
			return rels[:i+1], rels[i+1:]
		}
	}
	return rels, nil
}

// firstFix returns the release to propose as the fix among the releases
// above the last affected one: the first final release that is neither
// affected, yanked nor deprecated, or failing that the first such
// pre-release (a line in its release-candidate phase is fixed by a
// candidate); nil when there is none.
func firstFix(above []*registry.Release, affected map[*registry.Release]bool) *registry.Release {
	var pre *registry.Release
	for _, rel := range above {
		if affected[rel] || !usable(rel) {
			continue
		}
		if !rel.Parsed.Prerelease() {
			return rel
		}
		if pre == nil {
			pre = rel
		}
	}
	return pre
}

// usable reports whether a release may be proposed as a fix.
func usable(r *registry.Release) bool { return !r.Yanked && r.Deprecated == "" }

// pending returns the patch release to make for each open group: the next
// patch of the group's newest final release (its newest release when it
// has no final one), skipping versions the registry already has. The
// report's own fixes that the registry does not have yet (named, ascending)
// replace the release of their minor series; one of no open minor goes to
// the latest group when it lies above that group's newest final release.
// The policy line's planned fix (planned_fix) replaces the one of its own
// minor, or else the latest one.
func pending(eco ecosystem.Ecosystem, open [][]*registry.Release, planned ecosystem.Version, named []ecosystem.Version, h *registry.History) []Pending {
	out := make([]Pending, len(open))
	for i, g := range open {
		base := g[len(g)-1]
		for j := len(g) - 1; j >= 0; j-- {
			if !g[j].Parsed.Prerelease() {
				base = g[j]
				break
			}
		}
		next := eco.NextPatch(base.Parsed)
		for h != nil && exists(eco, h, next) {
			next = eco.NextPatch(next)
		}
		out[i] = Pending{Version: next, After: base}
	}
	// A group's minor is that of the release its patch follows: with
	// latest-minor, the line's newest minor.
	groupOf := func(v ecosystem.Version) int {
		for i := range out {
			if minorOf(eco, out[i].After.Parsed) == minorOf(eco, v) {
				return i
			}
		}
		return -1
	}
	for k, n := range named {
		at := groupOf(n)
		if at < 0 {
			last := len(out) - 1
			if k != len(named)-1 || out[last].Planned || eco.Compare(n, out[last].After.Parsed) <= 0 {
				continue
			}
			at = last
		}
		out[at] = Pending{Version: n, After: out[at].After, Planned: true}
	}
	if planned != nil {
		at := groupOf(planned)
		if at < 0 {
			at = len(out) - 1
		}
		out[at] = Pending{Version: planned, After: out[at].After, Planned: true}
	}
	return out
}

func exists(eco ecosystem.Ecosystem, h *registry.History, v ecosystem.Version) bool {
	for _, r := range h.Releases {
		if eco.Compare(r.Parsed, v) == 0 {
			return true
		}
	}
	return false
}

// byMinor splits ascending releases into runs of the same minor.
func byMinor(eco ecosystem.Ecosystem, rels []*registry.Release) [][]*registry.Release {
	var out [][]*registry.Release
	prev := ""
	for _, r := range rels {
		k := minorOf(eco, r.Parsed)
		if len(out) == 0 || k != prev {
			out = append(out, nil)
			prev = k
		}
		out[len(out)-1] = append(out[len(out)-1], r)
	}
	return out
}

// unreleasedFixes returns a line's report fixes that the registry does
// not have yet, ascending: the report names them, so they are the
// releases the maintainers plan rather than the next patches patchline
// would guess.
func unreleasedFixes(eco ecosystem.Ecosystem, fixes []ecosystem.Version, h *registry.History) []ecosystem.Version {
	var out []ecosystem.Version
	for _, f := range fixes {
		if h == nil || !exists(eco, h, f) {
			out = append(out, f)
		}
	}
	return out
}

// checkPlanned refuses a planned fix that cannot be the line's next
// release: one the registry already has (it is no release still to make,
// and a released fix belongs in fixed), one of a series the line has no
// release of (another line's version), and one not above the newest
// release of its minor series in the line (users would have to go back);
// with fixes_go_to latest-minor, one below the line's newest minor too.
func checkPlanned(m *membership.Matrix, r *report.Report) error {
	for i := range r.Affected {
		a := &r.Affected[i]
		eco := a.Ecosystem()
		h := m.Histories[a.Package]
		names := make([]string, 0, len(a.PlannedFix))
		for name := range a.PlannedFix {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			v := a.PlannedFix[name]
			fail := func(format string, args ...any) error {
				return &EntryError{Pos: a.Pos, Msg: fmt.Sprintf("planned fix %s of %s for line %s %s", v, a.Package, name, fmt.Sprintf(format, args...))}
			}
			if h != nil && exists(eco, h, v) {
				return fail("is already released: name it under fixed, or plan a release still to make")
			}
			var mem *membership.Members
			for _, l := range m.Lines {
				if l.Policy.Name == name {
					mem = l.Members(a.Package)
				}
			}
			if mem == nil || len(mem.Releases) == 0 {
				continue // nothing to compare with: the line has no release of it
			}
			var sameSeries, sameMinor *registry.Release
			for _, rel := range mem.Releases {
				if eco.Series(rel.Parsed) == eco.Series(v) {
					sameSeries = rel
				}
				if minorOf(eco, rel.Parsed) == minorOf(eco, v) {
					sameMinor = rel
				}
			}
			newest := mem.Releases[len(mem.Releases)-1]
			switch {
			case sameSeries == nil:
				return fail("is of a series the line has no release of (its newest is %s)", newest.Version)
			case sameMinor != nil && eco.Compare(v, sameMinor.Parsed) <= 0:
				return fail("is not above %s, the line's newest release of its minor series", sameMinor.Version)
			case m.Policy.FixesGoTo == policy.LatestMinor && eco.Compare(v, newest.Parsed) < 0 && minorOf(eco, v) != minorOf(eco, newest.Parsed):
				return fail("is below the line's newest minor series (%s), which fixes_go_to: latest-minor gives the fix", newest.Version)
			}
		}
	}
	return nil
}

// Unreleased reports whether a line did not exist yet at the as-of date:
// its release date is later, and no release of its anchor was out by the
// end of that day (a line's release candidates make it exist before its
// release date; its declared members, often other lines' releases, do
// not). Releases without an upload time count as out.
func Unreleased(l *membership.Line, asOf policy.Date) bool {
	if !l.Policy.Released.After(asOf) {
		return false
	}
	if l.Policy.From == nil {
		return true
	}
	end := asOf.Time().AddDate(0, 0, 1)
	if mem := l.Members(l.Policy.From.Package); mem != nil {
		for _, r := range mem.Releases {
			if r.Uploaded.IsZero() || r.Uploaded.Before(end) {
				return false
			}
		}
	}
	return true
}

// EntryError is a report entry that the analysis finds wrong against the
// policy and the registry, at the entry's position.
type EntryError struct {
	Pos report.Pos
	Msg string
}

func (e *EntryError) Error() string { return e.Pos.String() + ": " + e.Msg }

// checkNamedFixes refuses a fixed version the report names for a line
// where fixes_go_to latest-minor cannot put it: not released yet, and
// below the line's newest minor series. As a planned_fix it would be an
// error; named under fixed it would otherwise be dropped without a word
// while the line waits for a release of its newest minor.
func checkNamedFixes(m *membership.Matrix, a *report.Affected) error {
	if m.Policy.FixesGoTo != policy.LatestMinor {
		return nil
	}
	eco := a.Ecosystem()
	h := m.Histories[a.Package]
	fixes, _ := assignFixes(m, a)
	for i, l := range m.Lines {
		mem := l.Members(a.Package)
		if mem == nil || len(mem.Releases) == 0 {
			continue
		}
		newest := mem.Releases[len(mem.Releases)-1]
		for _, f := range fixes[i] {
			if h != nil && exists(eco, h, f.Version) {
				continue
			}
			if eco.Compare(f.Version, newest.Parsed) < 0 && minorOf(eco, f.Version) != minorOf(eco, newest.Parsed) {
				return &EntryError{Pos: a.Pos, Msg: fmt.Sprintf("fixed %s of %s for line %s is not released and below the line's newest minor series (%s), which fixes_go_to: latest-minor gives the fix: name the fix on that minor",
					f.Version, a.Package, l.Policy.Name, newest.Version)}
			}
		}
	}
	return nil
}
