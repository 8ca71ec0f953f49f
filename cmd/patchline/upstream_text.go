package main

import (
	"fmt"
	"strings"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/registry"
)

// declaringText says, for one project package that requires an upstream
// package on a line, what its releases let users install and what to do
// (design §2.4): the release to upgrade to, or the requirement to raise.
func declaringText(up string, d impact.Declaring, md bool) string {
	q := func(s string) string {
		if md {
			return "`" + s + "`"
		}
		return s
	}
	pkg := d.Package.Name
	n := d.Newest
	switch {
	case d.Verdict == impact.NotAffected:
		return ""
	case n.Class == impact.Forces:
		s := fmt.Sprintf("%s %s requires %s %s, which admits only affected versions", q(pkg), n.Release.Version, up, q(requirementText(n.Requirement)))
		if d.Verdict == impact.Unsupported {
			// Past its end of life: no release is owed; say where the
			// fixed versions start.
			if d.Raise != "" {
				s += fmt.Sprintf(" (fixed from %s)", q(up+" "+d.Raise))
			}
			return s
		}
		if d.Raise != "" {
			s += fmt.Sprintf(": release %s requiring %s", q(pkg), q(up+" "+d.Raise))
		} else {
			s += fmt.Sprintf(" and no fixed %s is released yet", up)
		}
		return s
	}
	var parts []string
	if d.FirstFixing != nil {
		parts = append(parts, fmt.Sprintf("upgrade %s to %s", q(pkg), d.FirstFixing.Version))
	}
	if s := admitsText(up, d, md); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%s %s excludes affected versions", q(pkg), n.Release.Version)
	}
	return strings.Join(parts, "; ")
}

// admitsText says, when a declaring package's newest release still admits
// affected upstream versions beside fixed ones, what a fresh install gets
// and what a lockfile may still pin; "" otherwise.
func admitsText(up string, d impact.Declaring, md bool) string {
	n := d.Newest
	if n.Class != impact.Admits || d.FreshInstall == nil {
		return ""
	}
	pkg := d.Package.Name
	if md {
		pkg = "`" + pkg + "`"
	}
	c := n.Constraint()
	return fmt.Sprintf("%s %s still admits affected %s %s: a fresh install gets %s, a lockfile may still pin %s",
		pkg, n.Release.Version, up, spanOnly(c.Affected), d.FreshInstall.Version, c.Affected[len(c.Affected)-1].Version)
}

// requirementText names a requirement as declared, "(any version)" for
// none.
func requirementText(r string) string {
	if r == "" {
		return "(any version)"
	}
	return r
}

// upstreamFixText is the FIX cell of an upstream package: what each
// declaring package's releases do, and the requirements that cannot be
// judged.
func upstreamFixText(p *impact.Package, md bool) string {
	var parts []string
	for _, d := range p.Declaring {
		if s := declaringText(p.Package.Name, d, md); s != "" {
			parts = append(parts, s)
		}
	}
	for _, c := range p.Constraints {
		if c.Unknown {
			t := constraintText(c.Constraint)
			if md {
				t = "`" + t + "`"
			}
			parts = append(parts, t+" cannot be judged")
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

// upstreamAffectedText counts the declaring packages' releases whose
// requirement forces or admits affected versions.
func upstreamAffectedText(p *impact.Package) string {
	forces, admits, all := 0, 0, 0
	for _, d := range p.Declaring {
		for _, rc := range d.Releases {
			all++
			switch rc.Class {
			case impact.Forces:
				forces++
			case impact.Admits:
				admits++
			}
		}
	}
	return fmt.Sprintf("%d of %d releases force, %d admit", forces, all, admits)
}

// prereleaseNote says which pre-releases above a line's newest final
// release are affected: listed apart, they decide nothing (design §2.3).
func prereleaseNote(p *impact.Package) string {
	if p.Upstream {
		if len(p.Prereleases) == 0 {
			return ""
		}
		var names []string
		for _, pr := range p.Prereleases {
			names = append(names, pr.Package.Name+" "+pr.Release.Version)
		}
		return fmt.Sprintf("pre-releases reaching affected %s (listed apart, they decide nothing): %s", p.Package.Name, strings.Join(names, ", "))
	}
	if len(p.AffectedPrereleases) == 0 {
		return ""
	}
	s := "affected pre-releases above the newest final release (listed apart, they decide nothing): " + prereleaseSpan(p.AffectedPrereleases)
	if p.FixedPrerelease != nil {
		s += ", fixed pre-release " + p.FixedPrerelease.Version
	} else {
		s += ", no fixed pre-release"
	}
	return s
}

// prereleaseSpan prints releases as "first … last (N)", or the one.
func prereleaseSpan(rs []*registry.Release) string {
	if len(rs) == 1 {
		return rs[0].Version
	}
	return fmt.Sprintf("%s … %s (%d)", rs[0].Version, rs[len(rs)-1].Version, len(rs))
}
