package ghsa

import (
	"fmt"
	"strings"
	"unicode/utf8"

	advosv "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// Advisory is the body of the create and of the update operation: the
// fields both schemas share, none of them only one's. Empty fields are
// left out, so that an update keeps what the advisory has for them.
type Advisory struct {
	Summary          string          `json:"summary"`
	Description      string          `json:"description"`
	CVEID            string          `json:"cve_id,omitempty"`
	Vulnerabilities  []Vulnerability `json:"vulnerabilities"`
	CWEIDs           []string        `json:"cwe_ids,omitempty"`
	Credits          []Credit        `json:"credits,omitempty"`
	CVSSVectorString string          `json:"cvss_vector_string,omitempty"`
}

// Vulnerability is one affected run of one package.
type Vulnerability struct {
	Package                Package `json:"package"`
	VulnerableVersionRange string  `json:"vulnerable_version_range"`
	PatchedVersions        string  `json:"patched_versions,omitempty"`
}

// Package names a package as GitHub does.
type Package struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
}

// Credit is a GitHub account credited in the advisory.
type Credit struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

// Options adjusts Build.
type Options struct {
	// Histories are release histories of reported packages that the
	// analysis has none of, as for osv.Record.
	Histories map[pkgref.Ref]*registry.History
}

// Build renders an analysed report as the body of GitHub's create and
// update operations (see the package documentation). The error is
// osv.ErrNoRecord for an upstream report that no release of the project
// forces.
func Build(an *impact.Analysis, opts Options) (*Advisory, error) {
	r := an.Report
	pkgs, err := advosv.AffectedRanges(an, advosv.Options{Histories: opts.Histories})
	if err != nil {
		return nil, err
	}
	adv := &Advisory{
		Summary:     r.Summary,
		Description: description(an),
		CVEID:       cveID(MatchIDs(an)),
		CWEIDs:      append([]string(nil), r.CWEIDs...),
		Credits:     credits(r.Credits),
	}
	if r.Severity != nil {
		adv.CVSSVectorString = r.Severity.Vector
	}
	for _, p := range pkgs {
		vs, err := vulnerabilities(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Path, err)
		}
		adv.Vulnerabilities = append(adv.Vulnerabilities, vs...)
	}
	// GitHub refuses longer texts (maxLength of both schemas): the
	// maintainer shortens them, nothing is cut silently.
	if n := utf8.RuneCountInString(adv.Summary); n > maxSummary {
		return nil, fmt.Errorf("%s: the summary has %d characters; GitHub takes %d at most", r.Path, n, maxSummary)
	}
	if n := utf8.RuneCountInString(adv.Description); n > maxDescription {
		return nil, fmt.Errorf("%s: the description (details, lines, references, credits) has %d characters; GitHub takes %d at most", r.Path, n, maxDescription)
	}
	return adv, nil
}

// The longest summary and description GitHub takes, in characters.
const (
	maxSummary     = 1024
	maxDescription = 65535
)

// MatchIDs returns the ids that name the advisory of an analysed report:
// the report's id and aliases; for a report on upstream packages only,
// the report's id alone, since its aliases name the upstream
// vulnerability, not the project's advisory about its releases that force
// it.
func MatchIDs(an *impact.Analysis) []string {
	var ids []string
	if an.Report.ID != "" {
		ids = append(ids, an.Report.ID)
	}
	if upstreamOnly(an) {
		return ids
	}
	return append(ids, an.Report.Aliases...)
}

// upstreamOnly reports whether the report is about upstream packages
// only.
func upstreamOnly(an *impact.Analysis) bool {
	if an.Matrix == nil || len(an.Report.Affected) == 0 {
		return false
	}
	for _, a := range an.Report.Affected {
		if an.Matrix.Policy.IsProjectPackage(a.Package) {
			return false
		}
	}
	return true
}

// cveID is the CVE id among ids (the report's own id first); "" when
// there is none.
func cveID(ids []string) string {
	for _, s := range ids {
		if strings.HasPrefix(s, "CVE-") {
			return s
		}
	}
	return ""
}

// Ecosystem returns GitHub's name of an OSV ecosystem, false for one that
// patchline does not publish to GitHub.
func Ecosystem(osvEcosystem string) (string, bool) {
	switch osvEcosystem {
	case "PyPI":
		return "pip", true
	case "npm":
		return "npm", true
	}
	return "", false
}
