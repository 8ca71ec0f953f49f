package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/patchline/patchline/analyzer/policy"
)

// Shapes of the ids whose form is well known. Other registered prefixes
// are checked for the prefix and a plain tail only.
var idShapes = map[string]struct {
	re   *regexp.Regexp
	form string
}{
	"CVE":     {regexp.MustCompile(`^CVE-[0-9]{4}-[0-9]{4,}$`), "CVE-YYYY-NNNN (four or more digits)"},
	"GHSA":    {regexp.MustCompile(`^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$`), "GHSA-xxxx-xxxx-xxxx (lower-case letters and digits of GitHub's alphabet)"},
	"PYSEC":   {regexp.MustCompile(`^PYSEC-[0-9]{4}-[0-9]+$`), "PYSEC-YYYY-N"},
	"GO":      {regexp.MustCompile(`^GO-[0-9]{4}-[0-9]{4,}$`), "GO-YYYY-NNNN"},
	"RUSTSEC": {regexp.MustCompile(`^RUSTSEC-[0-9]{4}-[0-9]{4}$`), "RUSTSEC-YYYY-NNNN"},
}

var (
	idTail      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:-]*$`)
	localID     = regexp.MustCompile(`^(x_[A-Za-z0-9]+)-(.+)$`)
	allocatedID = regexp.MustCompile(`^[0-9]{4}-[0-9]{4,}$`)
)

// checkID checks the form of an advisory id or alias: a registered OSV
// prefix or a local x_ prefix, a dash, and a tail of letters, digits and
// . _ : -, with the exact shape for CVE, GHSA, PYSEC, GO and RUSTSEC ids.
// An id with the policy's own prefix must be PREFIX-YYYY-NNNN, the form
// patchline allocates.
func checkID(id, ownPrefix string) error {
	if id != strings.TrimSpace(id) || id == "" {
		return fmt.Errorf("%q: empty or surrounded by white space", id)
	}
	if m := localID.FindStringSubmatch(id); m != nil {
		if m[1] == ownPrefix && !allocatedID.MatchString(m[2]) {
			return fmt.Errorf("%q: ids of this project are %s-YYYY-NNNN", id, ownPrefix)
		}
		if !idTail.MatchString(m[2]) {
			return fmt.Errorf("%q: want letters, digits and . _ : - after %s-", id, m[1])
		}
		return nil
	}
	prefix := ""
	for _, p := range policy.OSVPrefixes {
		if strings.HasPrefix(id, p+"-") && len(p) > len(prefix) {
			prefix = p
		}
	}
	if prefix == "" {
		hint := ""
		for _, p := range policy.OSVPrefixes {
			if len(id) > len(p) && strings.EqualFold(id[:len(p)+1], p+"-") {
				hint = fmt.Sprintf(" (OSV spells the prefix %s)", p)
			}
		}
		return fmt.Errorf("%q: not an OSV id: want a registered prefix (CVE, GHSA, PYSEC, ...) or x_NAME, a dash and the id%s", id, hint)
	}
	if shape, ok := idShapes[prefix]; ok {
		if !shape.re.MatchString(id) {
			return fmt.Errorf("%q: a %s id is %s", id, prefix, shape.form)
		}
		return nil
	}
	if !idTail.MatchString(strings.TrimPrefix(id, prefix+"-")) {
		return fmt.Errorf("%q: want letters, digits and . _ : - after %s-", id, prefix)
	}
	return nil
}

// OSV's reference and credit types (schema 1.7).
var (
	referenceTypes = []string{"ADVISORY", "ARTICLE", "DETECTION", "DISCUSSION", "REPORT", "FIX", "INTRODUCED", "GIT", "PACKAGE", "EVIDENCE", "WEB"}
	creditTypes    = []string{"FINDER", "REPORTER", "ANALYST", "COORDINATOR", "REMEDIATION_DEVELOPER", "REMEDIATION_REVIEWER", "REMEDIATION_VERIFIER", "TOOL", "SPONSOR", "OTHER"}
)

func oneOf(s string, list []string) error {
	if slices.Contains(list, s) {
		return nil
	}
	hint := ""
	for _, t := range list {
		if strings.EqualFold(t, s) {
			hint = fmt.Sprintf("; write it %s", t)
		}
	}
	return fmt.Errorf("unknown type %q (want one of %s%s)", s, strings.Join(list, ", "), hint)
}
