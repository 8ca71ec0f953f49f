package osv

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	model "github.com/patchline/patchline/osv"
)

// TestRebaseKeepsWhatItDoesNotDerive: the original's GIT ranges and
// per-package specific fields survive, merged over its entries of the same
// package (one per branch, names not normalised); the regenerated
// ECOSYSTEM ranges, versions and our database_specific keys replace theirs.
func TestRebaseKeepsWhatItDoesNotDerive(t *testing.T) {
	git := model.Range{Type: model.RangeGit, Repo: "https://example.test/app.git", Events: []model.Event{{Introduced: "0"}, {Fixed: "abc"}}}
	orig := &model.Record{
		ID: "GHSA-xxxx-xxxx-xxxx",
		Affected: []model.Affected{
			{
				Package:           model.Package{Ecosystem: "PyPI", Name: "Invenio_App_RDM"},
				Ranges:            []model.Range{{Type: model.RangeEcosystem, Events: []model.Event{{Introduced: "0"}, {Fixed: "9.1.7"}}}, git},
				Versions:          []string{"9.1.6", "12.0.0"},
				EcosystemSpecific: model.Object{"affected_functions": []any{"render"}},
				DatabaseSpecific:  model.Object{"last_known_affected_version_range": "< 9.1.7", "lines": "theirs"},
			},
			{
				Package:          model.Package{Ecosystem: "PyPI", Name: "invenio-app-rdm"},
				Ranges:           []model.Range{{Type: model.RangeEcosystem, Events: []model.Event{{Introduced: "10.0.0"}, {Fixed: "11.0.6"}}}},
				DatabaseSpecific: model.Object{"source": "branch 11"},
			},
		},
		DatabaseSpecific: model.Object{"github_reviewed": true, "severity": "MODERATE"},
	}
	ours := model.Range{Type: model.RangeEcosystem, Events: []model.Event{{Introduced: "0"}, {Fixed: "9.1.7"}, {Introduced: "10.0.0"}, {Fixed: "11.0.6"}}}
	built := &model.Record{
		Affected: []model.Affected{{
			Package:          model.Package{Ecosystem: "PyPI", Name: "invenio-app-rdm", Purl: "pkg:pypi/invenio-app-rdm"},
			Ranges:           []model.Range{ours},
			Versions:         []string{"9.1.6", "11.0.5"},
			DatabaseSpecific: model.Object{"lines": []any{"ours"}},
		}},
		DatabaseSpecific: model.Object{"severity": "Moderate"},
	}
	got := Rebase(orig, built)
	want := []model.Affected{{
		Package:           model.Package{Ecosystem: "PyPI", Name: "invenio-app-rdm", Purl: "pkg:pypi/invenio-app-rdm"},
		Ranges:            []model.Range{ours, git},
		Versions:          []string{"9.1.6", "11.0.5"},
		EcosystemSpecific: model.Object{"affected_functions": []any{"render"}},
		DatabaseSpecific:  model.Object{"last_known_affected_version_range": "< 9.1.7", "lines": []any{"ours"}, "source": "branch 11"},
	}}
	if diff := cmp.Diff(want, got.Affected); diff != "" {
		t.Errorf("affected (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(model.Object{"github_reviewed": true, "severity": "Moderate"}, got.DatabaseSpecific); diff != "" {
		t.Errorf("database_specific (-want +got):\n%s", diff)
	}
	if len(built.Affected[0].Ranges) != 1 || orig.Affected[0].DatabaseSpecific["lines"] != "theirs" {
		t.Error("Rebase modified its inputs")
	}
}
