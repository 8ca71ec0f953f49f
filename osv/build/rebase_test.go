package build

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/osv"
)

// TestRebaseKeepsWhatItDoesNotDerive: the original's GIT ranges and
// per-package specific fields survive, merged over its entries of the same
// package (one per branch, names not normalised); the regenerated
// ECOSYSTEM ranges, versions and our database_specific keys replace theirs.
func TestRebaseKeepsWhatItDoesNotDerive(t *testing.T) {
	git := osv.Range{Type: osv.RangeGit, Repo: "https://example.test/app.git", Events: []osv.Event{{Introduced: "0"}, {Fixed: "abc"}}}
	orig := &osv.Record{
		ID: "GHSA-xxxx-xxxx-xxxx",
		Affected: []osv.Affected{
			{
				Package:           osv.Package{Ecosystem: "PyPI", Name: "Invenio_App_RDM"},
				Ranges:            []osv.Range{{Type: osv.RangeEcosystem, Events: []osv.Event{{Introduced: "0"}, {Fixed: "9.1.7"}}}, git},
				Versions:          []string{"9.1.6", "12.0.0"},
				EcosystemSpecific: osv.Object{"affected_functions": []any{"render"}},
				DatabaseSpecific:  osv.Object{"last_known_affected_version_range": "< 9.1.7", "lines": "theirs"},
			},
			{
				Package:          osv.Package{Ecosystem: "PyPI", Name: "invenio-app-rdm"},
				Ranges:           []osv.Range{{Type: osv.RangeEcosystem, Events: []osv.Event{{Introduced: "10.0.0"}, {Fixed: "11.0.6"}}}},
				DatabaseSpecific: osv.Object{"source": "branch 11"},
			},
		},
		DatabaseSpecific: osv.Object{"github_reviewed": true, "severity": "MODERATE"},
	}
	ours := osv.Range{Type: osv.RangeEcosystem, Events: []osv.Event{{Introduced: "0"}, {Fixed: "9.1.7"}, {Introduced: "10.0.0"}, {Fixed: "11.0.6"}}}
	built := &osv.Record{
		Affected: []osv.Affected{{
			Package:          osv.Package{Ecosystem: "PyPI", Name: "invenio-app-rdm", Purl: "pkg:pypi/invenio-app-rdm"},
			Ranges:           []osv.Range{ours},
			Versions:         []string{"9.1.6", "11.0.5"},
			DatabaseSpecific: osv.Object{"lines": []any{"ours"}},
		}},
		DatabaseSpecific: osv.Object{"severity": "Moderate"},
	}
	got := Rebase(orig, built)
	want := []osv.Affected{{
		Package:           osv.Package{Ecosystem: "PyPI", Name: "invenio-app-rdm", Purl: "pkg:pypi/invenio-app-rdm"},
		Ranges:            []osv.Range{ours, git},
		Versions:          []string{"9.1.6", "11.0.5"},
		EcosystemSpecific: osv.Object{"affected_functions": []any{"render"}},
		DatabaseSpecific:  osv.Object{"last_known_affected_version_range": "< 9.1.7", "lines": []any{"ours"}, "source": "branch 11"},
	}}
	if diff := cmp.Diff(want, got.Affected); diff != "" {
		t.Errorf("affected (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(osv.Object{"github_reviewed": true, "severity": "Moderate"}, got.DatabaseSpecific); diff != "" {
		t.Errorf("database_specific (-want +got):\n%s", diff)
	}
	if len(built.Affected[0].Ranges) != 1 || orig.Affected[0].DatabaseSpecific["lines"] != "theirs" {
		t.Error("Rebase modified its inputs")
	}
}
