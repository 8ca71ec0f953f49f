package ecosystem

import (
	"regexp"
	"strings"
)

// partialNPM is a version with one or two numeric components, as some
// published advisories write npm versions ("14.0").
var partialNPM = regexp.MustCompile(`^v?(0|[1-9][0-9]{0,15})(\.(0|[1-9][0-9]{0,15}))?$`)

// AsScannersRead returns the version that vulnerability scanners read s
// as in ecosystem e where e's own parser refuses it, and whether there is
// one. Published records are consumed by scanners, not installers:
// osv-scanner compares npm versions component by component, padding
// missing ones with zeros, so a GitHub advisory's "introduced": "14.0"
// means 14.0.0 to every consumer of the record. Only that repair is made:
// one or two numeric components become major.minor.patch. Records of
// other databases are read so (report.FromOSV, osv/match), each repair
// named; reports written for patchline stay strict.
func AsScannersRead(e Ecosystem, s string) (string, bool) {
	if e.Name() != "npm" {
		return "", false
	}
	if _, err := e.Parse(s); err == nil {
		return "", false
	}
	return padPartialNPM(s)
}

// padPartialNPM writes a partial npm version ("14.0", "15") in full.
func padPartialNPM(s string) (string, bool) {
	m := partialNPM.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	minor := m[3]
	if minor == "" {
		minor = "0"
	}
	return strings.Join([]string{m[1], minor, "0"}, "."), true
}
