package ghsa

import (
	"fmt"
	"strings"

	advosv "github.com/patchline/patchline/advisory/osv"
)

// vulnerabilities writes each run of a package's affected releases as one
// entry.
func vulnerabilities(p advosv.PackageRanges) ([]Vulnerability, error) {
	eco, ok := Ecosystem(p.Package.Ecosystem)
	if !ok {
		return nil, fmt.Errorf("%s: GitHub's advisories have no ecosystem for %s here", p.Package, p.Package.Ecosystem)
	}
	var out []Vulnerability
	evs := p.Events
	for i := 0; i < len(evs); i++ {
		intro := evs[i].Introduced
		if intro == "" {
			return nil, fmt.Errorf("%s: a run without an introduced event", p.Package)
		}
		var fixed, last string
		if i+1 < len(evs) && evs[i+1].Introduced == "" {
			fixed, last = evs[i+1].Fixed, evs[i+1].LastAffected
			i++
		}
		out = append(out, Vulnerability{
			Package:                Package{Ecosystem: eco, Name: p.Package.Name},
			VulnerableVersionRange: RangeText(intro, fixed, last),
			PatchedVersions:        fixed,
		})
	}
	return out, nil
}

// RangeText writes one run in GitHub's range syntax: its lower bound
// (">= introduced", none for "0"), then its upper bound ("< fixed" or
// "<= last_affected", none for an open run), joined by ", "; "= V" for a
// run of the one release V, ">= 0" for every release.
func RangeText(introduced, fixed, lastAffected string) string {
	if introduced != "0" && lastAffected == introduced {
		return "= " + introduced
	}
	var parts []string
	if introduced != "0" {
		parts = append(parts, ">= "+introduced)
	}
	switch {
	case fixed != "":
		parts = append(parts, "< "+fixed)
	case lastAffected != "":
		parts = append(parts, "<= "+lastAffected)
	}
	if len(parts) == 0 {
		return ">= 0"
	}
	return strings.Join(parts, ", ")
}
