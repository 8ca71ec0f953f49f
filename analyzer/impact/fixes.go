package impact

import (
	"slices"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
)

// assignFixes gives each line, by index, the report's fixes that belong
// to it, ascending (see the package documentation).
func assignFixes(m *membership.Matrix, a *report.Affected) [][]ReportFix {
	eco := a.Ecosystem()
	out := make([][]ReportFix, len(m.Lines))
	policyFixed := make([]bool, len(m.Lines))
	var orphans []ecosystem.Version
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
		if !assign(func(v ecosystem.Version) string { return minorOf(eco, v) }, false) {
			assign(eco.Series, true)
		}
	}
	for i := range out {
		slices.SortFunc(out[i], func(x, y ReportFix) int { return eco.Compare(x.Version, y.Version) })
	}
	return out
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
