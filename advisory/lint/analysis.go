package lint

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// analyseReports judges the reports that loaded against the policy's lines
// with the registry, as analyze does, so that lint refuses what analyze,
// check and osv would refuse: LINT005 for what the analysis finds wrong in
// an entry, LINT006 for fixed versions no line takes. Membership is
// computed once for all reports. A registry that cannot be read is
// returned, and ends the run as such.
func (r *runner) analyseReports(ctx context.Context, units []*unit) error {
	asOf := r.opts.AsOf
	if asOf == (policy.Date{}) {
		asOf = policy.DateOf(time.Now().UTC())
	}
	var m *membership.Matrix
	for _, u := range units {
		for _, rep := range u.parsed {
			if m == nil {
				var err error
				if m, err = membership.Compute(ctx, r.policy, r.opts.Registry); err != nil {
					return fmt.Errorf("computing line membership: %w", err)
				}
				r.policyProblems = lineOverlaps(m)
			}
			an, err := impact.AnalyzeFrom(ctx, m, rep, asOf, r.opts.Registry)
			var ee *impact.EntryError
			var unknown *registry.UnknownPackageError
			switch {
			case errors.As(err, &ee):
				u.problems = append(u.problems, problemAt(codeReportAnalysis, ee.Pos, ee.Msg))
			case errors.As(err, &unknown):
				pos := report.Pos{File: rep.Path}
				if a := rep.Package(pkgref.Ref{Ecosystem: unknown.Package.Ecosystem, Name: unknown.Package.Name}); a != nil {
					pos = a.Pos
				}
				u.problems = append(u.problems, problemAt(codeReportAnalysis, pos, unknown.Error()))
			case err != nil:
				return err
			default:
				for _, up := range an.Unplaced {
					pos := report.Pos{File: rep.Path}
					if a := rep.Package(up.Package); a != nil {
						pos = a.Pos
					}
					u.problems = append(u.problems, problemAt(codeUnplacedFix, pos,
						fmt.Sprintf("fixed version %s of %s belongs to no line: no line contains it or has releases of its series, so it decides nothing", up.Version, up.Package)))
				}
			}
		}
	}
	return nil
}

// problemAt is a problem of code c at a report position.
func problemAt(c Code, pos report.Pos, msg string) Problem {
	return Problem{File: pos.File, Line: pos.Line, Column: pos.Column, Code: c.Code, Name: c.Name, Level: c.Level, Message: msg}
}

// lineOverlaps reports, at the later line of the policy, the releases that
// the ranges defining two lines both claim (LINT007), one problem per
// package and set of lines.
func lineOverlaps(m *membership.Matrix) []Problem {
	type group struct {
		o        membership.Overlap
		lines    string
		versions []string
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, o := range m.Overlaps() {
		var names []string
		for _, l := range o.Lines {
			names = append(names, l.Policy.Name)
		}
		lines := strings.Join(names, " and ")
		k := o.Package.String() + "\x00" + lines
		g := byKey[k]
		if g == nil {
			g = &group{o: o, lines: lines}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.versions = append(g.versions, o.Version)
	}
	var out []Problem
	for _, g := range groups {
		verb := "belongs"
		if len(g.versions) > 1 {
			verb = "belong"
		}
		last := g.o.Lines[len(g.o.Lines)-1].Policy
		out = append(out, problemAt(codeLineOverlap, last.Pos,
			fmt.Sprintf("%s %s %s to the ranges of lines %s: a release belongs to one line; check the bounds", g.o.Package, strings.Join(g.versions, ", "), verb, g.lines)))
	}
	return out
}
