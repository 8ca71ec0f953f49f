package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
)

// Why a supported line blocks publication.
const (
	waitNotReleased   = "not-released"    // the fixing release is still to be made
	waitUpstreamRange = "upstream-admits" // a requirement still admits affected upstream versions
	waitUnjudged      = "cannot-judge"    // a requirement names no range (a URL)
	waitAffected      = "affected"        // affected, and the analysis names no release to wait for
)

// gateReport is the publication gate's result for one report.
type gateReport struct {
	an    *impact.Analysis
	lines []gateLine // the supported lines, in policy order
	// embargo is the end of the report's embargo when it is still on:
	// nothing may be published before, so the gate fails.
	embargo *time.Time
	// unjudged are the reported project packages no line has a release
	// of: the policy does not say which lines ship them (a package the
	// anchors' requirements do not reach, such as a sibling that only
	// peer-depends on the anchor), so the gate cannot judge them and
	// fails closed.
	unjudged []impact.Outside
	// unserved are the report's fixes no line takes that the registry
	// has no installable release of: never served (by the as-of day), or
	// listed without files. Nothing fixes a line with them, so the gate
	// fails closed rather than judge the lines as if they were not there.
	unserved []unservedFix
}

// unservedFix is a fix of the report the registry cannot install.
type unservedFix struct {
	fix          impact.Unplaced
	withoutFiles bool // listed (PEP 700) without files; else never served
}

func (u unservedFix) String() string {
	if u.withoutFiles {
		return fmt.Sprintf("%s %s: the fix is listed by the index without files: there is nothing to install, so it fixes no line", u.fix.Package, u.fix.Version)
	}
	return fmt.Sprintf("%s %s: the fix is not on the registry: check the version, or wait for its release", u.fix.Package, u.fix.Version)
}

// unservedFixes finds the report's fixes no line takes that the
// package's history has no release with files of.
func unservedFixes(an *impact.Analysis) []unservedFix {
	var out []unservedFix
	for _, u := range an.Unplaced {
		if served, withoutFiles := fixServed(an, u); !served {
			out = append(out, unservedFix{fix: u, withoutFiles: withoutFiles})
		}
	}
	return out
}

// fixServed reports whether the registry has a release with files of the
// fixed version u (true too when the package's history is not at hand),
// and whether it lists the version without files.
func fixServed(an *impact.Analysis, u impact.Unplaced) (served, withoutFiles bool) {
	if an.Matrix == nil || an.Matrix.Histories[u.Package] == nil {
		return true, false
	}
	h := an.Matrix.Histories[u.Package]
	r, err := h.Release(u.Version.String())
	if err != nil {
		return false, false
	}
	if slices.Contains(h.WithoutFiles, r) {
		return false, true
	}
	return true, false
}

// gateLine is one supported line and what it waits for.
type gateLine struct {
	line     *impact.Line
	fixes    []gateFix
	blockers []blocker
	// admits says, for an upstream report, which declaring packages'
	// newest releases still admit affected versions beside fixed ones:
	// the line passes (a fresh install gets a fixed version), but a
	// lockfile may still pin an affected one.
	admits []string
}

// gateFix is a published release that fixes a package on a line: a
// release of the reported package, or for an upstream report the release
// of a declaring project package from which on none forces affected
// versions.
type gateFix struct {
	pkg      *impact.Package
	name     string // the package released, as ECOSYSTEM:NAME
	version  string
	uploaded time.Time
}

// blocker is one thing a line waits for before the advisory may go out.
type blocker struct {
	line    string
	pkg     *impact.Package
	entry   *report.Affected
	version string // the release waited for; "" for an upstream requirement
	reason  string
	message string
}

func (g *gateReport) passed() bool {
	if g.embargo != nil || len(g.unjudged) > 0 || len(g.unserved) > 0 {
		return false
	}
	for _, l := range g.lines {
		if len(l.blockers) > 0 {
			return false
		}
	}
	return true
}

// checkReports runs the publication gate on every report.
func (a *app) checkReports(ctx context.Context, paths []string) error {
	format, err := a.outputFormat("text", "json", "github")
	if err != nil {
		return err
	}
	pol, asOf, err := a.policyAsOf()
	if err != nil {
		return err
	}
	now, err := a.now()
	if err != nil {
		return err
	}
	var gates []*gateReport
	for _, path := range paths {
		rep, err := a.loadReportOrRecord(path, pol)
		if err != nil {
			return err
		}
		an, err := a.analyze(ctx, pol, rep, asOf)
		if err != nil {
			return err
		}
		g := gate(an)
		if rep.Embargoed(now) {
			g.embargo = rep.EmbargoUntil
		}
		gates = append(gates, g)
	}
	switch format {
	case "json":
		err = writeJSON(a.stdout, checkJSON(asOf, gates))
	case "github":
		writeGateGitHub(a.stdout, gates)
	default:
		writeGateText(a.stdout, gates, a.palette, a.messageWidth())
	}
	if err != nil {
		return err
	}
	for _, g := range gates {
		if !g.passed() {
			return gateFailed
		}
	}
	return nil
}

// loadReportOrRecord reads one argument of check: a report, or an OSV
// record (a published advisory, ours or another database's) read as a
// report of OSV-style ranges, the same way patchline osv reads its inputs.
//
// A record of another database is read as its consumers read it; each
// version so repaired is named in a warning.
func (a *app) loadReportOrRecord(path string, pol *policy.Policy) (*report.Report, error) {
	in, err := readOSVInput(path, pol)
	if err != nil {
		return nil, err
	}
	a.warnRepairs(in.report)
	return in.report, nil
}

// warnRepairs names every version of a record that only its consumers'
// reading makes valid.
func (a *app) warnRepairs(rep *report.Report) {
	for _, r := range rep.Repairs {
		fmt.Fprintf(a.stderr, "patchline: warning: %s\n", r)
	}
}

// gate judges an analysis: every supported line must be not affected, or
// fixed by releases published by the end of the as-of day.
func gate(an *impact.Analysis) *gateReport {
	g := &gateReport{an: an, unserved: unservedFixes(an)}
	for _, o := range an.Outside {
		if !o.Upstream {
			g.unjudged = append(g.unjudged, o)
		}
	}
	for _, l := range an.Lines {
		if !l.Supported {
			continue
		}
		gl := gateLine{line: l}
		for _, p := range l.Packages {
			entry := an.Report.Package(p.Package)
			before := len(gl.blockers)
			block := func(version, reason, format string, args ...any) {
				gl.blockers = append(gl.blockers, blocker{
					line: l.Policy.Name, pkg: p, entry: entry, version: version, reason: reason,
					message: l.Policy.Name + ": " + fmt.Sprintf(format, args...),
				})
			}
			// The registry is read as it stood at the end of the as-of
			// day, so every fixing release the analysis found was out by
			// then.
			for _, r := range p.FixedIn {
				gl.fixes = append(gl.fixes, gateFix{pkg: p, name: p.Package.String(), version: r.Version, uploaded: r.Uploaded})
			}
			for _, pd := range p.Pending {
				planned := ""
				if pd.Planned {
					planned = " (planned)"
				}
				block(pd.Version.String(), waitNotReleased, "%s %s not yet released%s", p.Package, pd.Version, planned)
			}
			// A requirement that names no range (a git or URL dependency)
			// cannot be judged: the gate fails closed on it, whatever the
			// verdict of the line's other requirements.
			for _, c := range p.Constraints {
				if c.Unknown {
					block("", waitUnjudged, "%s requirement %s cannot be judged; check it by hand", p.Package, constraintText(c.Constraint))
				}
			}
			// An upstream report passes a line whose declaring packages'
			// newest releases let a fresh install have a fixed version
			// (design §2.4); one whose newest release forces affected
			// versions waits for a release raising the requirement.
			for _, d := range p.Declaring {
				switch d.Verdict {
				case impact.Fixed:
					if d.FirstFixing != nil {
						gl.fixes = append(gl.fixes, gateFix{pkg: p, name: d.Package.String(), version: d.FirstFixing.Version, uploaded: d.FirstFixing.Uploaded})
					}
					if s := admitsText(p.Package.Name, d, false); s != "" {
						gl.admits = append(gl.admits, s)
					}
				case impact.Affected:
					block("", waitUpstreamRange, "%s", declaringText(p.Package.Name, d, false))
				}
			}
			if p.Verdict != impact.Affected {
				continue
			}
			if len(gl.blockers) == before {
				// An affected package always blocks, even when the analysis
				// names nothing to wait for.
				block("", waitAffected, "%s is affected", p.Package)
			}
		}
		g.lines = append(g.lines, gl)
	}
	return g
}

// unjudgedText says why the gate cannot judge a project package no line
// has a release of, and what makes it judgeable.
func unjudgedText(o impact.Outside) string {
	return fmt.Sprintf("%s: a project package no line has a release of, so no line can be judged on it: "+
		"declare it under lines[].packages of the lines that ship it (docs/policy.md)", o.Package)
}
