package main

import (
	"strings"
	"testing"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
)

// TestGateFailsClosedOnUnjudgedRequirement: a supported line whose
// requirement on the reported upstream package names no range (a git
// dependency) cannot be judged; the line's verdict is not-affected for
// its other requirements, but the gate must not pass on it.
func TestGateFailsClosedOnUnjudgedRequirement(t *testing.T) {
	react := pkgref.Ref{Ecosystem: "npm", Name: "react"}
	an := &impact.Analysis{
		Report: &report.Report{Path: "r.yaml", Affected: []report.Affected{{Package: react}}},
		Lines: []*impact.Line{{
			Policy:    &policy.Line{Name: "v1"},
			Supported: true,
			Verdict:   impact.NotAffected,
			Packages: []*impact.Package{{
				Package:  react,
				Upstream: true,
				Verdict:  impact.NotAffected,
				Constraints: []impact.Constraint{
					{Constraint: &membership.Constraint{URL: "github:facebook/react#v16.0.0"}, Unknown: true},
				},
			}},
		}},
	}
	g := gate(an)
	if g.passed() {
		t.Fatal("the gate passed on a requirement it cannot judge")
	}
	var b strings.Builder
	writeGateText(&b, []*gateReport{g}, palette{}, 100)
	if !strings.Contains(b.String(), "v1: npm:react requirement @ github:facebook/react#v16.0.0 cannot be judged") {
		t.Errorf("output does not name the requirement:\n%s", b.String())
	}
}
