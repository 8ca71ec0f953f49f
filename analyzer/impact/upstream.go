package impact

import (
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry"
)

// analyzeUpstream judges an upstream package on every line that requires
// it, and reports whether any does.
func analyzeUpstream(an *Analysis, m *membership.Matrix, a *report.Affected, h *registry.History) bool {
	vs := make([]ecosystem.Version, len(h.Releases))
	affected := make([]bool, len(h.Releases))
	for i, r := range h.Releases {
		vs[i] = r.Parsed
		affected[i] = a.Affected(r.Parsed)
	}
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
			pc := Constraint{Constraint: c}
			if c.Range == nil {
				pc.Unknown = true
				p.Constraints = append(p.Constraints, pc)
				continue
			}
			admitted := c.Range.Filter(vs, false)
			last := -1
			for k, idx := range admitted {
				if affected[idx] {
					pc.Affected = append(pc.Affected, h.Releases[idx])
					last = k
				}
			}
			if last >= 0 {
				for _, idx := range admitted[last+1:] {
					if !affected[idx] && usable(h.Releases[idx]) {
						pc.FirstFixed = h.Releases[idx]
						break
					}
				}
				if l.Supported {
					p.Verdict = Affected
				} else {
					p.Verdict = Worse(p.Verdict, Unsupported)
				}
			}
			p.Constraints = append(p.Constraints, pc)
		}
		l.Packages = append(l.Packages, p)
	}
	return found
}
