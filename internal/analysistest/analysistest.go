// Package analysistest analyses a report written inline against a policy
// written inline and a hand-made registry, for the tests of the packages
// that render analyses (the publication formats).
package analysistest

import (
	"context"
	"testing"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// Analyze parses the policy and the report, computes membership from src
// and analyses the report at asOf (YYYY-MM-DD); any error fails the test.
func Analyze(t testing.TB, policyYAML string, src membership.Source, reportYAML, asOf string) *impact.Analysis {
	t.Helper()
	return analyze(t, policyYAML, src, reportYAML, asOf, false)
}

// AnalyzeUpstream is Analyze for a report on upstream packages: their
// histories are read from src, as the command reads them from the
// registry.
func AnalyzeUpstream(t testing.TB, policyYAML string, src membership.Source, reportYAML, asOf string) *impact.Analysis {
	t.Helper()
	return analyze(t, policyYAML, src, reportYAML, asOf, true)
}

func analyze(t testing.TB, policyYAML string, src membership.Source, reportYAML, asOf string, upstream bool) *impact.Analysis {
	t.Helper()
	pol, err := policy.Parse("patchline.yaml", []byte(policyYAML))
	if err != nil {
		t.Fatal(err)
	}
	m, err := membership.Compute(context.Background(), pol, src)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := report.Parse("report.yaml", []byte(reportYAML), pol)
	if err != nil {
		t.Fatal(err)
	}
	d, err := policy.ParseDate(asOf)
	if err != nil {
		t.Fatal(err)
	}
	var histories map[pkgref.Ref]*registry.History
	if upstream {
		histories = map[pkgref.Ref]*registry.History{}
		for _, a := range rep.Affected {
			h, err := src.History(context.Background(), registry.Package{Ecosystem: a.Package.Ecosystem, Name: a.Package.Name})
			if err != nil {
				t.Fatal(err)
			}
			histories[a.Package] = h
		}
	}
	an, err := impact.Analyze(m, rep, d, histories)
	if err != nil {
		t.Fatal(err)
	}
	return an
}
