package impact

import (
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// History returns the release history the analysis knows for a reported
// package: the membership's for a project package, the one given to
// Analyze for an upstream package; nil when it has none.
func (an *Analysis) History(ref pkgref.Ref) *registry.History {
	if an.Matrix != nil {
		if h := an.Matrix.Histories[ref]; h != nil {
			return h
		}
	}
	return an.Upstream[ref]
}

// AffectedInHistory reports, for every release of h (the whole history of
// a's package, not only the lines' members), whether the report entry a
// says it is affected, by the rules the line verdicts use: pre-releases
// admitted, and for form introduced/fixed each fix deciding its own line
// only. A release that lines contain is judged as each of them judges it
// (affected when any line's fix leaves it affected, so that every line's
// Affected list is part of the answer); a release no line contains goes by
// its series (report.Affected.Affected).
func (an *Analysis) AffectedInHistory(a *report.Affected, h *registry.History) []bool {
	out := make([]bool, len(h.Releases))
	var fixes [][]ReportFix
	if a.Form == report.FormFixed && an.Matrix != nil {
		fixes, _ = assignFixes(an.Matrix, a)
	}
	for i, rel := range h.Releases {
		out[i] = affectedRelease(an.Matrix, a, fixes, h, rel)
	}
	return out
}

// affectedRelease decides whether a release of the reported package is
// affected: for form introduced/fixed, by the fixes of every line that
// contains it (affected when any line's fix leaves it affected: a version
// is vulnerable or not, whichever line asks), and by its series when no
// line contains it; for the other forms, by the report's ranges.
func affectedRelease(m *membership.Matrix, a *report.Affected, fixes [][]ReportFix, h *registry.History, rel *registry.Release) bool {
	if a.Form != report.FormFixed || m == nil {
		return a.Affected(rel.Parsed)
	}
	member := false
	for li, l := range m.Lines {
		mem := l.Members(a.Package)
		if mem == nil || !mem.Contains(rel.Parsed) {
			continue
		}
		member = true
		if affectedOnLine(a, h, versions(fixes[li]), rel) {
			return true
		}
	}
	if !member {
		// No line decides it: every fix of the report may, with the same
		// guard as on a line (a fix counts for a release of another
		// minor only if it was published before it).
		return a.Affected(rel.Parsed) || affectedOnLine(a, h, a.Fixed, rel)
	}
	return false
}
