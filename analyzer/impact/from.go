package impact

import (
	"context"
	"fmt"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// HistorySource reads several release histories at once, in order, and
// names every one it could not read (registry.Client does).
type HistorySource interface {
	Histories(ctx context.Context, ps []registry.Package) ([]*registry.History, error)
}

// AnalyzeFrom reads from src the histories the report needs besides the
// matrix's, and analyses it: the upstream packages the lines require, and
// every other reported package the membership walk did not read, so that a
// package the registry does not know (a misspelt name) fails rather than
// passing as "no line concerned", and its record lists its versions like
// any other.
func AnalyzeFrom(ctx context.Context, m *membership.Matrix, r *report.Report, asOf policy.Date, src HistorySource) (*Analysis, error) {
	refs := UpstreamPackages(m, r)
	seen := map[pkgref.Ref]bool{}
	for _, ref := range refs {
		seen[ref] = true
	}
	for i := range r.Affected {
		if ref := r.Affected[i].Package; m.Histories[ref] == nil && !seen[ref] {
			seen[ref] = true
			refs = append(refs, ref)
		}
	}
	pkgs := make([]registry.Package, len(refs))
	for i, ref := range refs {
		pkgs[i] = registry.Package{Ecosystem: ref.Ecosystem, Name: ref.Name}
	}
	hs, err := src.Histories(ctx, pkgs)
	if err != nil {
		return nil, fmt.Errorf("reading release histories: %w", err)
	}
	up := map[pkgref.Ref]*registry.History{}
	for i, ref := range refs {
		up[ref] = hs[i]
	}
	return Analyze(m, r, asOf, up)
}
