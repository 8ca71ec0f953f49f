package ghsa_test

// Advisories built from analyses of hand-made histories
// (internal/memregistry), compared with the OSV record of the same
// analysis and checked against GitHub's schema.

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/patchline/patchline/advisory/ghsa"
	"github.com/patchline/patchline/advisory/ghsa/ghsatest"
	advosv "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/internal/analysistest"
	"github.com/patchline/patchline/internal/memregistry"
)

// branchPolicy has three maintained branches of lib and one past its end
// of life.
const branchPolicy = `
project: Example
packages:
  PyPI: [lib]
lines:
  - {name: v3, status: supported, released: 2026-01-01, packages: {"PyPI:lib": ">=3,<4"}}
  - {name: v2, status: lts, released: 2025-01-01, packages: {"PyPI:lib": ">=2,<3"}}
  - {name: v1, status: eol, released: 2024-01-01, packages: {"PyPI:lib": ">=1,<2"}}
`

// branchRegistry: lib's history with pre-releases and yanked releases in
// and around the affected runs.
func branchRegistry() *memregistry.Registry {
	r := memregistry.New()
	for _, v := range []string{
		"0.9.0",
		"1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4",
		"2.0.0rc1", "2.0.0", "2.0.1", "2.0.2", "2.0.3",
		"3.0.0a1", "3.0.0b1", "3.0.0", "3.0.1",
	} {
		rel := r.Add("PyPI:lib", v)
		if v == "2.0.2" {
			rel.Yanked()
		}
	}
	return r
}

func analyse(t *testing.T, polYAML string, reg *memregistry.Registry, reportYAML, asOf string) *impact.Analysis {
	t.Helper()
	return analysistest.Analyze(t, polYAML, reg, reportYAML, asOf)
}

// conform checks the body against the create and the update schema.
func conform(t *testing.T, adv *ghsa.Advisory) {
	t.Helper()
	create, update, err := ghsatest.Schemas()
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(adv)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*jsonschema.Schema{"create": create, "update": update} {
		if err := s.Validate(doc); err != nil {
			t.Errorf("the body does not conform to repository-advisory-%s: %v\n%s", name, err, body)
		}
	}
}

// inGitHubRange evaluates a range in GitHub's syntax as GitHub does:
// every comma-separated comparison holds.
func inGitHubRange(t *testing.T, eco ecosystem.Ecosystem, rng string, v ecosystem.Version) bool {
	t.Helper()
	for _, part := range strings.Split(rng, ", ") {
		op, s, ok := strings.Cut(part, " ")
		if !ok {
			t.Fatalf("range %q: comparison %q without operator and version", rng, part)
		}
		if s == "0" {
			continue
		}
		w, err := eco.Parse(s)
		if err != nil {
			t.Fatalf("range %q: %v", rng, err)
		}
		c := eco.Compare(v, w)
		var holds bool
		switch op {
		case ">=":
			holds = c >= 0
		case ">":
			holds = c > 0
		case "<":
			holds = c < 0
		case "<=":
			holds = c <= 0
		case "=":
			holds = c == 0
		default:
			t.Fatalf("range %q: unknown operator %q", rng, op)
		}
		if !holds {
			return false
		}
	}
	return true
}

// sameVersions checks that the advisory's ranges cover exactly the
// affected versions of the OSV record of the same analysis.
func sameVersions(t *testing.T, an *impact.Analysis, adv *ghsa.Advisory) {
	t.Helper()
	rec, err := advosv.Record(an, advosv.Options{Now: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rec.Affected {
		eco, err := ecosystem.Lookup(e.Package.Ecosystem)
		if err != nil {
			t.Fatal(err)
		}
		h := an.History(pkgref.Ref{Ecosystem: e.Package.Ecosystem, Name: e.Package.Name})
		ghEco, _ := ghsa.Ecosystem(e.Package.Ecosystem)
		for _, rel := range h.Releases {
			inGitHub := false
			for _, vu := range adv.Vulnerabilities {
				if vu.Package.Ecosystem == ghEco && vu.Package.Name == e.Package.Name && inGitHubRange(t, eco, vu.VulnerableVersionRange, rel.Parsed) {
					inGitHub = true
				}
			}
			if inOSV := slices.Contains(e.Versions, rel.Version); inGitHub != inOSV {
				t.Errorf("%s %s: affected in the GitHub advisory %v, in the OSV record %v", e.Package.Name, rel.Version, inGitHub, inOSV)
			}
		}
	}
}

func TestBuildBranches(t *testing.T) {
	an := analyse(t, branchPolicy, branchRegistry(), `
id: CVE-2026-1234
summary: Path traversal in lib
details: |
  lib joins user input to paths.
aliases: [GHSA-2qrg-x229-3v8q]
cwe_ids: [CWE-22]
severity: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N
affected:
  - package: PyPI:lib
    introduced: 1.0.1
    fixed: [2.0.3, 3.0.1]
references:
  - {type: FIX, url: "https://example.test/lib/commit/1"}
credits:
  - {name: Mona, contact: ["https://github.com/monalisa"], type: REMEDIATION_DEVELOPER}
  - {name: Hubot, contact: ["https://github.com/hubot"]}
  - {name: Jane Doe, contact: [jane@example.test], type: FINDER}
`, "2026-06-01")
	adv, err := ghsa.Build(an, ghsa.Options{})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, adv)
	sameVersions(t, an, adv)
	// v1 is past its end of life: its releases from 1.0.1 on stay
	// affected, up to 2.0.3, which fixes v2; 2.0.2 is yanked but
	// affected, so it stays inside the run. 3.0.1 fixes v3 and its
	// pre-releases.
	want := []ghsa.Vulnerability{
		{Package: ghsa.Package{Ecosystem: "pip", Name: "lib"}, VulnerableVersionRange: ">= 1.0.1, < 2.0.3", PatchedVersions: "2.0.3"},
		{Package: ghsa.Package{Ecosystem: "pip", Name: "lib"}, VulnerableVersionRange: ">= 3.0.0a1, < 3.0.1", PatchedVersions: "3.0.1"},
	}
	if diff := cmp.Diff(want, adv.Vulnerabilities); diff != "" {
		t.Errorf("vulnerabilities (-want +got):\n%s", diff)
	}
	if adv.CVEID != "CVE-2026-1234" || !slices.Equal(adv.CWEIDs, []string{"CWE-22"}) || adv.CVSSVectorString != "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" {
		t.Errorf("cve_id %q, cwe_ids %q, cvss_vector_string %q", adv.CVEID, adv.CWEIDs, adv.CVSSVectorString)
	}
	wantCredits := []ghsa.Credit{{Login: "monalisa", Type: "remediation_developer"}, {Login: "hubot", Type: "other"}}
	if diff := cmp.Diff(wantCredits, adv.Credits); diff != "" {
		t.Errorf("credits (-want +got):\n%s", diff)
	}
	for _, s := range []string{
		"lib joins user input to paths.",
		"- v3: fixed in lib 3.0.1",
		"- v2: fixed in lib 2.0.3",
		"- v1: end of life: lib stays affected, no fix",
		"- https://example.test/lib/commit/1 (fix)",
		"- Jane Doe (finder)",
	} {
		if !strings.Contains(adv.Description, s) {
			t.Errorf("description lacks %q:\n%s", s, adv.Description)
		}
	}
	if strings.Contains(adv.Description, "Mona") {
		t.Errorf("a credit with a GitHub login is also in the description:\n%s", adv.Description)
	}
	body, _ := json.Marshal(adv)
	if bytes.Contains(body, []byte(`"severity"`)) {
		t.Errorf("severity sent: %s", body)
	}
}

// A run ended by a yanked release is closed by its last release; a run
// with no fix at all is open, and the text says so.
func TestBuildLastAffectedAndOpen(t *testing.T) {
	reg := branchRegistry()
	an := analyse(t, branchPolicy, reg, `
summary: Denial of service in lib
affected:
  - package: PyPI:lib
    ranges:
      - {introduced: 2.0.0, fixed: 2.0.2}
      - {introduced: 3.0.0}
`, "2026-06-01")
	adv, err := ghsa.Build(an, ghsa.Options{})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, adv)
	sameVersions(t, an, adv)
	want := []ghsa.Vulnerability{
		{Package: ghsa.Package{Ecosystem: "pip", Name: "lib"}, VulnerableVersionRange: ">= 2.0.0, <= 2.0.1"},
		{Package: ghsa.Package{Ecosystem: "pip", Name: "lib"}, VulnerableVersionRange: ">= 3.0.0"},
	}
	if diff := cmp.Diff(want, adv.Vulnerabilities); diff != "" {
		t.Errorf("vulnerabilities (-want +got):\n%s", diff)
	}
	if adv.CVEID != "" || adv.CVSSVectorString != "" || adv.Credits != nil || adv.CWEIDs != nil {
		t.Errorf("fields the report does not give are set: %+v", adv)
	}
	if !strings.HasPrefix(adv.Description, "Denial of service in lib\n") || !strings.Contains(adv.Description, "- v3: affected; the fix will be lib 3.0.2") {
		t.Errorf("description:\n%s", adv.Description)
	}
}

func TestBuildTooLong(t *testing.T) {
	an := analyse(t, branchPolicy, branchRegistry(), `
summary: `+strings.Repeat("x", 1025)+`
affected:
  - {package: "PyPI:lib", fixed: [3.0.1]}
`, "2026-06-01")
	if _, err := ghsa.Build(an, ghsa.Options{}); err == nil || !strings.Contains(err.Error(), "1025 characters; GitHub takes 1024") {
		t.Errorf("Build: %v, want the summary refused", err)
	}
}

func TestBuildUpstreamWithoutForcingRelease(t *testing.T) {
	reg := branchRegistry()
	reg.Add("PyPI:up", "1.0.0")
	an := analyse(t, branchPolicy, reg, `
summary: Bug in up
affected:
  - {package: "PyPI:up", fixed: [1.0.1]}
`, "2026-06-01")
	if _, err := ghsa.Build(an, ghsa.Options{}); !errors.Is(err, advosv.ErrNoRecord) {
		t.Errorf("Build: %v, want ErrNoRecord", err)
	}
}
