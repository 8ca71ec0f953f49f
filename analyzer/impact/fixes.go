package impact

import (
	"slices"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry"
)

// assignFixes gives each line, by index, the report's fixes that belong
// to it, ascending (see the package documentation), and returns the fixes
// no line takes.
func assignFixes(m *membership.Matrix, a *report.Affected) ([][]ReportFix, []ecosystem.Version) {
	eco := a.Ecosystem()
	out := make([][]ReportFix, len(m.Lines))
	policyFixed := make([]bool, len(m.Lines))
	var orphans, unplaced []ecosystem.Version
	for _, f := range a.FixedVersions() {
		lines := 0
		for i, l := range m.Lines {
			if mem := l.Members(a.Package); mem != nil && mem.Contains(f) {
				out[i] = append(out[i], ReportFix{f, RulePolicy})
				policyFixed[i] = true
				lines++
			}
		}
		if lines == 0 {
			orphans = append(orphans, f)
		}
	}
	// A fix no line contains goes to the lines with members of its minor;
	// failing that, to the lines with members of its series that have no
	// fix of their own.
	for _, f := range orphans {
		assign := func(key func(ecosystem.Version) string, skipFixed bool) bool {
			want, given := key(f), false
			for i, l := range m.Lines {
				mem := l.Members(a.Package)
				if mem == nil || skipFixed && policyFixed[i] {
					continue
				}
				for _, r := range mem.Releases {
					if key(r.Parsed) == want {
						out[i] = append(out[i], ReportFix{f, RuleSeries})
						given = true
						break
					}
				}
			}
			return given
		}
		if !assign(func(v ecosystem.Version) string { return minorOf(eco, v) }, false) && !assign(eco.Series, true) {
			unplaced = append(unplaced, f)
		}
	}
	for i := range out {
		slices.SortFunc(out[i], func(x, y ReportFix) int { return eco.Compare(x.Version, y.Version) })
	}
	return out, unplaced
}

// versions returns the fixes' versions.
func versions(fs []ReportFix) []ecosystem.Version {
	out := make([]ecosystem.Version, len(fs))
	for i, f := range fs {
		out[i] = f.Version
	}
	return out
}

// fixFor returns the fix (of a line's ascending fixes) that decides v: the
// fix of v's minor, else the lowest fix above v, else the highest; nil when
// the line has none.
func fixFor(eco ecosystem.Ecosystem, fixes []ecosystem.Version, v ecosystem.Version) ecosystem.Version {
	if len(fixes) == 0 {
		return nil
	}
	minor := minorOf(eco, v)
	for _, f := range fixes {
		if minorOf(eco, f) == minor {
			return f
		}
	}
	for _, f := range fixes {
		if eco.Compare(f, v) > 0 {
			return f
		}
	}
	return fixes[len(fixes)-1]
}

// minorOf names the minor series of a version (ecosystem.MinorSeries).
func minorOf(eco ecosystem.Ecosystem, v ecosystem.Version) string { return eco.MinorSeries(v) }

// affectedOnLine decides form introduced/fixed for rel, a member of a line
// whose fixes (ascending) are given, in the history h of its package.
//
// report.Affected.AffectedGivenFix holds the rule, with one assumption
// this function checks against the registry: a release above the fix that
// decides it, in another minor series (a later minor of the line, or a
// line without a fix of its own above every fix), carries the fix because
// it was made after it (v12 after 11.0.6). That holds only when the fix
// was published by the time the release was: a release made before the fix
// existed, or while it is still unreleased, is affected (fixes 13.1.2 and
// 20.2.2 still to be made leave the 28.x releases of a newer line
// affected; fix 1.0.2 leaves an earlier 1.1.0 affected). Within the fix's
// own minor series, versions after the fix are taken to carry it.
func affectedOnLine(a *report.Affected, h *registry.History, fixes []ecosystem.Version, rel *registry.Release) bool {
	eco := a.Ecosystem()
	fix := fixFor(eco, fixes, rel.Parsed)
	if a.AffectedGivenFix(rel.Parsed, fix) {
		return true
	}
	if len(a.Fixed) == 0 || a.LastAffected != nil {
		return false
	}
	if a.Introduced != nil && eco.Compare(rel.Parsed, a.Introduced) < 0 {
		return false
	}
	// rel lies at or above the fix that decides it.
	if fix == nil {
		fix = a.Fixed[len(a.Fixed)-1]
	} else if minorOf(eco, fix) == minorOf(eco, rel.Parsed) {
		return false
	}
	return !publishedBy(eco, h, fix, rel)
}

// publishedBy reports whether version v of history h was published no
// later than rel. Where the registry gives no upload time for either, the
// order of versions is all there is to go by, and v counts as published.
func publishedBy(eco ecosystem.Ecosystem, h *registry.History, v ecosystem.Version, rel *registry.Release) bool {
	if h == nil {
		return true
	}
	for _, r := range h.Releases {
		if eco.Compare(r.Parsed, v) != 0 {
			continue
		}
		if r.Uploaded.IsZero() || rel.Uploaded.IsZero() {
			return true
		}
		return !r.Uploaded.After(rel.Uploaded)
	}
	return false
}
