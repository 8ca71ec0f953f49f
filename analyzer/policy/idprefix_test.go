package policy

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// osvIDPattern is $defs.prefix.pattern of the OSV schema
// (ossf/osv-schema validation/schema.json at 51b8156, 2026-07-01).
const osvIDPattern = `^(x_|(ASB-A|PUB-A|ALPINE|ALSA|ALBA|ALEA|AZL|BELL|BIT|CGA|CLEANSTART|CLSA|CURL|CVE|DEBIAN|DHI|DRUPAL|DSA|DLA|ELA|DTSA|ECHO|EEF|FreeBSD|GHSA|GO|GSD|HSEC|JLSEC|KUBE|LBSEC|LSN|MAL|MINI|MGASA|OESA|OSEC|OSV|openSUSE-SU|PHSA|PSF|PYSEC|RHBA|RHEA|RHSA|RLSA|RXSA|RSEC|ROOT|RUSTSEC|SUSE-[SRFO]U|UBUNTU|USN|V8)-)`

// TestOSVPrefixesMatchSchema holds OSVPrefixes to the schema's pattern:
// the same set, with SUSE-[SRFO]U spelled out.
func TestOSVPrefixesMatchSchema(t *testing.T) {
	inner := strings.TrimSuffix(strings.TrimPrefix(osvIDPattern, "^(x_|("), ")-)")
	var want []string
	for _, alt := range strings.Split(inner, "|") {
		if alt == "SUSE-[SRFO]U" {
			for _, c := range "SRFO" {
				want = append(want, "SUSE-"+string(c)+"U")
			}
			continue
		}
		want = append(want, alt)
	}
	slices.Sort(want)
	got := slices.Clone(OSVPrefixes)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("OSVPrefixes = %v\nschema has  %v", got, want)
	}
	re := regexp.MustCompile(osvIDPattern)
	for _, p := range OSVPrefixes {
		if !re.MatchString(p + "-2026-0001") {
			t.Errorf("%s-2026-0001 does not match the schema's pattern", p)
		}
	}
}

func TestValidIDPrefix(t *testing.T) {
	re := regexp.MustCompile(osvIDPattern)
	for _, tt := range []struct {
		prefix string
		ok     bool
		hint   string
	}{
		{"x_INVENIO", true, ""},
		{"x_A1", true, ""},
		{"GHSA", true, ""},
		{"PYSEC", true, ""},
		{"SUSE-SU", true, ""},
		{"openSUSE-SU", true, ""},
		{"x_", false, `"x_PROJECT"`},
		{"x_invenio", false, `"x_INVENIO"`},
		{"x_INVENIO-", false, `write it without the dash: "x_INVENIO"`},
		{"GHSA-", false, `without the dash: "GHSA"`},
		{"ghsa", false, `OSV spells it "GHSA"`},
		{"INVENIO", false, `"x_INVENIO"`},
		{"my project", false, `"x_MYPROJECT"`},
		{"", false, `"x_PROJECT"`},
	} {
		err := ValidIDPrefix(tt.prefix)
		if (err == nil) != tt.ok {
			t.Errorf("ValidIDPrefix(%q) = %v, want ok=%v", tt.prefix, err, tt.ok)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), tt.hint) {
			t.Errorf("ValidIDPrefix(%q) = %v, want hint %s", tt.prefix, err, tt.hint)
		}
		// Every accepted prefix gives ids the schema accepts.
		if err == nil && !re.MatchString(tt.prefix+"-2026-0001") {
			t.Errorf("accepted %q, but the schema rejects %s-2026-0001", tt.prefix, tt.prefix)
		}
	}
}
