package impact

import (
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
	if a.Form != report.FormFixed || an.Matrix == nil {
		for i, rel := range h.Releases {
			out[i] = a.Affected(rel.Parsed)
		}
		return out
	}
	fixes := assignFixes(an.Matrix, a)
	for i, rel := range h.Releases {
		member := false
		for li, l := range an.Matrix.Lines {
			mem := l.Members(a.Package)
			if mem == nil || !mem.Contains(rel.Parsed) {
				continue
			}
			member = true
			if affectedOnLine(a, h, versions(fixes[li]), rel) {
				out[i] = true
				break
			}
		}
		if !member {
			out[i] = a.Affected(rel.Parsed)
		}
	}
	return out
}
