package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// OSVPrefixes are the home-database id prefixes that OSV accepts, without
// the trailing dash, from the id pattern of the OSV schema (ossf/osv-schema
// validation/schema.json, $defs.prefix, as of 2026-03-31: "1.7.5 plus
// unreleased changes", which added x_, AZL and CLSA). SUSE-[SRFO]U is
// spelled out. A test holds the list to that pattern.
var OSVPrefixes = []string{
	"ALBA", "ALEA", "ALPINE", "ALSA", "ASB-A", "AZL", "BELL", "BIT", "CGA",
	"CLEANSTART", "CLSA", "CURL", "CVE", "DEBIAN", "DHI", "DLA", "DRUPAL",
	"DSA", "DTSA", "ECHO", "EEF", "ELA", "FreeBSD", "GHSA", "GO", "GSD",
	"HSEC", "JLSEC", "KUBE", "LBSEC", "LSN", "MAL", "MGASA", "MINI", "OESA",
	"OSEC", "OSV", "PHSA", "PSF", "PUB-A", "PYSEC", "RHBA", "RHEA", "RHSA",
	"RLSA", "ROOT", "RSEC", "RUSTSEC", "RXSA", "SUSE-FU", "SUSE-OU",
	"SUSE-RU", "SUSE-SU", "UBUNTU", "USN", "V8", "openSUSE-SU",
}

// localPrefix is the form of a local database's prefix: x_ and a name in
// upper-case letters and digits, so that ids read x_INVENIO-2026-0001.
var localPrefix = regexp.MustCompile(`^x_[A-Z0-9]+$`)

// ValidIDPrefix checks an advisory id prefix (advisories.id_prefix): a
// local one (x_ followed by upper-case letters or digits) or one of
// OSVPrefixes, written without the dash that separates it from the rest of
// the id.
func ValidIDPrefix(p string) error {
	if localPrefix.MatchString(p) || slices.Contains(OSVPrefixes, p) {
		return nil
	}
	hint := ""
	switch trimmed := strings.TrimSuffix(p, "-"); {
	case trimmed != p && (localPrefix.MatchString(trimmed) || slices.Contains(OSVPrefixes, trimmed)):
		hint = fmt.Sprintf("; write it without the dash: %q", trimmed)
	case strings.HasPrefix(strings.ToLower(p), "x_"):
		hint = fmt.Sprintf("; a local prefix is x_ followed by upper-case letters or digits, e.g. %q", localSuggestion(p[2:]))
	default:
		for _, known := range OSVPrefixes {
			if strings.EqualFold(known, p) {
				hint = fmt.Sprintf("; OSV spells it %q", known)
			}
		}
		if hint == "" {
			hint = fmt.Sprintf("; for a local database use x_ and upper-case letters or digits, e.g. %q", localSuggestion(p))
		}
	}
	return fmt.Errorf("invalid advisory id prefix %q: OSV accepts registered prefixes (GHSA, PYSEC, ...) or x_ for a local database%s", p, hint)
}

var nonAlnum = regexp.MustCompile(`[^A-Za-z0-9]+`)

// localSuggestion turns a name into a valid local prefix for a hint.
func localSuggestion(name string) string {
	s := strings.ToUpper(nonAlnum.ReplaceAllString(name, ""))
	if s == "" {
		s = "PROJECT"
	}
	return "x_" + s
}
