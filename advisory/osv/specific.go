package osv

import (
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/ecosystem/pkgref"
	model "github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/registry"
)

// recordSpecific is the record's database_specific: the policy's
// severity level and the report's weaknesses ("cwe_ids", where GitHub's
// records keep them and report.FromOSV reads them back). The per-line
// verdicts are the affected entries', where they sit beside the versions
// they concern.
func recordSpecific(an *impact.Analysis) model.Object {
	o := model.Object{}
	if s := an.Report.Severity; s != nil {
		o["severity"] = s.Level
	}
	if ids := an.Report.CWEIDs; len(ids) > 0 {
		list := make([]any, len(ids))
		for i, id := range ids {
			list[i] = id
		}
		o["cwe_ids"] = list
	}
	return o
}

// lineObject is what every line verdict says about the line: its name and
// verdict, or "unreleased" for a line that did not exist yet at the as-of
// date (as analyze says), whatever versions of a later line the record
// lists.
func lineObject(l *impact.Line, v impact.Verdict) model.Object {
	if l.Unreleased {
		return model.Object{"line": l.Policy.Name, "verdict": string(l.Shown())}
	}
	return model.Object{"line": l.Policy.Name, "verdict": string(v)}
}

// entrySpecific is an affected entry's database_specific: the verdicts of
// the lines that contain the package, with each line's affected versions.
func entrySpecific(an *impact.Analysis, ref pkgref.Ref) model.Object {
	var lines []any
	upstream := false
	for _, l := range an.Lines {
		if l.Unreleased {
			lines = append(lines, lineObject(l, impact.NotAffected))
			continue
		}
		for _, p := range l.Packages {
			if p.Package != ref {
				continue
			}
			upstream = p.Upstream
			o := lineObject(l, p.Verdict)
			if p.Upstream {
				if cs := constraints(p); len(cs) > 0 {
					o["constraints"] = cs
				}
			} else {
				o["membership"] = membershipOf(l.Policy, ref)
				// The line's affected releases tie a pinned version to its
				// line, and so to the fix of that line (osv/match).
				if affected := releaseVersions(p.Affected); len(affected) > 0 {
					o["versions"] = affected
				}
				if fixed := releaseVersions(p.FixedIn); len(fixed) > 0 {
					o["fixed_in"] = fixed
				}
				var pending []any
				for _, pd := range p.Pending {
					pending = append(pending, pd.Version.String())
				}
				if len(pending) > 0 {
					o["pending"] = pending
				}
				if pre := releaseVersions(p.AffectedPrereleases); len(pre) > 0 {
					o["affected_prereleases"] = pre
				}
			}
			lines = append(lines, o)
		}
	}
	o := model.Object{}
	if len(lines) > 0 {
		o["lines"] = lines
	}
	if upstream {
		o["upstream"] = true
	}
	return o
}

// membershipOf says how a package's releases come into a line: as the
// line's anchor (the meta package named by from), by a declared range, or
// derived from the anchor's dependency metadata.
func membershipOf(l *policy.Line, ref pkgref.Ref) string {
	switch {
	case l.From != nil && l.From.Package == ref:
		return "anchor"
	case l.Packages[ref] != nil:
		return "declared"
	}
	return "derived"
}

// constraints lists what an upstream package's requirements on a line
// admit.
func constraints(p *impact.Package) []any {
	var out []any
	for _, c := range p.Constraints {
		o := model.Object{"requirement": c.Specifier}
		if c.URL != "" {
			o["requirement"] = "@ " + c.URL
		}
		if c.Unknown {
			o["unjudged"] = true // a direct URL: no range to judge
		} else {
			o["admits_affected"] = len(c.Affected) > 0
		}
		if c.FirstFixed != nil {
			o["first_fixed"] = c.FirstFixed.Version
		}
		out = append(out, o)
	}
	return out
}

func releaseVersions(rs []*registry.Release) []any {
	var out []any
	for _, r := range rs {
		out = append(out, r.Version)
	}
	return out
}
