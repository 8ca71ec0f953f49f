package cve5_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/advisory/cve5"
	"github.com/patchline/patchline/advisory/cve5/cve5test"
	advosv "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/internal/analysistest"
	"github.com/patchline/patchline/internal/memregistry"
)

const testPolicy = `
project: Example
packages:
  npm: [app]
lines:
  - {name: "2.x", status: supported, released: 2025-01-01, from: "npm:app >=2.0.0 <3.0.0"}
  - {name: "1.x", status: supported, released: 2024-01-01, from: "npm:app >=1.0.0 <2.0.0"}
`

var history = []string{"1.0.0", "1.1.0", "1.1.1", "1.2.0", "2.0.0", "2.0.1", "2.1.0"}

// analyze analyses the report over the history, the deprecated releases
// marked so.
func analyze(t *testing.T, rep string, deprecated ...string) *impact.Analysis {
	t.Helper()
	reg := memregistry.New()
	for _, v := range history {
		rel := reg.Add("npm:app", v)
		if slices.Contains(deprecated, v) {
			rel.Deprecated()
		}
	}
	return analysistest.Analyze(t, testPolicy, reg, rep, "2026-01-01")
}

// The container states exactly the versions the OSV record lists: affected
// ranges over a default of unaffected when every interval closes, the
// unaffected gaps over a default of affected when the last stays open
// (golang/vulndb's rule); every container is valid against the official
// schema.
func TestDocumentVersions(t *testing.T) {
	tests := []struct {
		name       string
		report     string
		deprecated []string
		versions   []cve5.Version
		def        cve5.Status
	}{{
		name:   "every interval closes",
		report: "summary: s\naffected: [{package: npm:app, introduced: 1.1.0, fixed: [1.1.1, 2.0.1]}]\n",
		versions: []cve5.Version{
			{Version: "1.1.0", Status: cve5.Affected, VersionType: "semver", LessThan: "1.1.1"},
			{Version: "2.0.0", Status: cve5.Affected, VersionType: "semver", LessThan: "2.0.1"},
		},
		def: cve5.Unaffected,
	}, {
		name:   "from the oldest release",
		report: "summary: s\naffected: [{package: npm:app, fixed: [2.0.1]}]\n",
		versions: []cve5.Version{
			{Version: "0", Status: cve5.Affected, VersionType: "semver", LessThan: "2.0.1"},
		},
		def: cve5.Unaffected,
	}, {
		name:   "the last interval open",
		report: "summary: s\naffected: [{package: npm:app, ranges: [{introduced: 1.1.0, fixed: 1.1.1}, {introduced: 2.0.1}]}]\n",
		versions: []cve5.Version{
			{Version: "0", Status: cve5.Unaffected, VersionType: "semver", LessThan: "1.1.0"},
			{Version: "1.1.1", Status: cve5.Unaffected, VersionType: "semver", LessThan: "2.0.1"},
		},
		def: cve5.Affected,
	}, {
		// The release after the first interval is deprecated, no fix to
		// send anyone to: the OSV record closes the interval with
		// last_affected, and the unaffected gap starts at that release.
		name:       "a gap after a deprecated release, the last interval open",
		report:     "summary: s\naffected: [{package: npm:app, ranges: [{introduced: 1.1.0, fixed: 1.1.1}, {introduced: 2.0.1}]}]\n",
		deprecated: []string{"1.1.1"},
		versions: []cve5.Version{
			{Version: "0", Status: cve5.Unaffected, VersionType: "semver", LessThan: "1.1.0"},
			{Version: "1.1.1", Status: cve5.Unaffected, VersionType: "semver", LessThan: "2.0.1"},
		},
		def: cve5.Affected,
	}, {
		name:       "closed before a deprecated release",
		report:     "summary: s\naffected: [{package: npm:app, introduced: 1.1.0, fixed: [1.1.1, 2.0.1]}]\n",
		deprecated: []string{"1.1.1"},
		versions: []cve5.Version{
			{Version: "1.1.0", Status: cve5.Affected, VersionType: "semver", LessThanOrEqual: "1.1.0"},
			{Version: "2.0.0", Status: cve5.Affected, VersionType: "semver", LessThan: "2.0.1"},
		},
		def: cve5.Unaffected,
	}, {
		name:   "every version, no fix",
		report: "summary: s\naffected: [{package: npm:app, fixed: []}]\n",
		def:    cve5.Affected,
	}, {
		name:   "closed by the report's last affected version",
		report: "summary: s\naffected: [{package: npm:app, introduced: 2.0.0, last_affected: 2.1.0}]\n",
		versions: []cve5.Version{
			{Version: "2.0.0", Status: cve5.Affected, VersionType: "semver", LessThanOrEqual: "2.1.0"},
		},
		def: cve5.Unaffected,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := analyze(t, tt.report, tt.deprecated...)
			c, err := cve5.Document(an, cve5.Options{Vendor: "Example", Now: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			p := c.Affected[0]
			if diff := cmp.Diff(tt.versions, p.Versions); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
			if p.DefaultStatus != tt.def {
				t.Errorf("defaultStatus %q, want %q", p.DefaultStatus, tt.def)
			}
			data := validate(t, c)

			// Read back as a consumer does, each release's status is the
			// OSV record's.
			rec, err := advosv.Record(an, advosv.Options{Now: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			back, err := cve5test.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range history {
				st, err := back.Affected[0].Status(v)
				if err != nil {
					t.Fatal(err)
				}
				if want := slices.Contains(rec.Affected[0].Versions, v); (st == "affected") != want {
					t.Errorf("%s: %s in the container; listed by the OSV record: %v", v, st, want)
				}
			}
		})
	}
}

// The report's text, score, references, credits and dates take the
// schema's places; a report without references gets its packages' pages.
func TestDocumentFields(t *testing.T) {
	embargo := "embargo_until: 2026-03-01T10:00:00Z\n"
	an := analyze(t, `summary: Cross-site scripting in app
details: app renders HTML unsanitised.
severity: CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N
`+embargo+`affected: [{package: npm:app, fixed: [2.0.1]}]
credits: [{name: Jane Doe, type: REMEDIATION_DEVELOPER, contact: ["mailto:jane@example.test"]}]
cwe_ids: [CWE-79]
`)
	c, err := cve5.Document(an, cve5.Options{Vendor: "Example", Tooling: "patchline devel", Now: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	validate(t, c)
	want := &cve5.Container{
		ProviderMetadata: cve5.ProviderMetadata{OrgID: cve5.PlaceholderOrgID, DateUpdated: "2026-01-02T00:00:00Z"},
		DatePublic:       "2026-03-01T10:00:00Z",
		Title:            "Cross-site scripting in app",
		Descriptions:     []cve5.Description{{Lang: "en", Value: "app renders HTML unsanitised."}},
		Affected: []cve5.Product{{Vendor: "Example", Product: "app", CollectionURL: "https://www.npmjs.com", PackageName: "app",
			Versions: []cve5.Version{{Version: "0", Status: cve5.Affected, VersionType: "semver", LessThan: "2.0.1"}}, DefaultStatus: cve5.Unaffected}},
		References:   []cve5.Reference{{URL: "https://www.npmjs.com/package/app", Tags: []string{"product"}}},
		ProblemTypes: []cve5.ProblemType{{Descriptions: []cve5.ProblemDescription{{Lang: "en", CWEID: "CWE-79", Description: "CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", Type: "CWE"}}}},
		Metrics: []cve5.Metric{{Format: "CVSS", Scenarios: []cve5.Scenario{{Lang: "en", Value: "GENERAL"}},
			CVSSV3_1: &cve5.CVSS{Version: "3.1", VectorString: "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", BaseScore: 5.4, BaseSeverity: "MEDIUM"}}},
		Credits:   []cve5.Credit{{Lang: "en", Value: "Jane Doe", Type: "remediation developer"}},
		Generator: &cve5.Generator{Engine: "patchline devel"},
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("container (-want +got):\n%s", diff)
	}
}

// validate checks the container against the official schema and returns
// its JSON.
func validate(t *testing.T, c *cve5.Container) []byte {
	t.Helper()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := cve5test.ValidateContainer(data); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return data
}

// The schema is in force: a container without references, or with a
// version range lacking its versionType, is rejected.
func TestSchemaRejects(t *testing.T) {
	for _, doc := range []string{
		`{"providerMetadata": {"orgId": "00000000-0000-4000-8000-000000000000"}, "descriptions": [{"lang": "en", "value": "d"}],
		  "affected": [{"vendor": "v", "product": "p", "defaultStatus": "unaffected"}]}`,
		`{"providerMetadata": {"orgId": "00000000-0000-4000-8000-000000000000"}, "descriptions": [{"lang": "en", "value": "d"}],
		  "affected": [{"vendor": "v", "product": "p", "versions": [{"version": "1.0", "lessThan": "2.0", "status": "affected"}]}],
		  "references": [{"url": "https://example.test/"}]}`,
	} {
		if err := cve5test.ValidateContainer([]byte(doc)); err == nil {
			t.Errorf("accepted:\n%s", doc)
		}
	}
}

// Details longer than a CVE description holds are cut at a word and given
// whole as supporting media; longer than that is an input error. Credits
// that differ only in their contact are one.
func TestDocumentLongDetails(t *testing.T) {
	long := strings.Repeat("word ", 1000) // 5,000 characters
	an := analyze(t, "summary: s\ndetails: "+long+"\naffected: [{package: npm:app, fixed: [2.0.1]}]\n"+
		"credits: [{name: Jane Doe, contact: [\"mailto:a@example.test\"]}, {name: Jane Doe, contact: [\"mailto:b@example.test\"]}]\n")
	c, err := cve5.Document(an, cve5.Options{Now: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	validate(t, c)
	d := c.Descriptions[0]
	if n := utf8.RuneCountInString(d.Value); n > 4096 || !strings.HasSuffix(d.Value, "word…") {
		t.Errorf("description of %d characters ending %q", n, d.Value[len(d.Value)-10:])
	}
	if len(d.SupportingMedia) != 1 || d.SupportingMedia[0].Value != strings.TrimSpace(long) {
		t.Errorf("supporting media %+v, want the whole details", d.SupportingMedia)
	}
	if len(c.Credits) != 1 || c.Affected[0].Vendor != "N/A" {
		t.Errorf("credits %+v, vendor %q", c.Credits, c.Affected[0].Vendor)
	}

	an = analyze(t, "summary: s\ndetails: "+strings.Repeat("word ", 4000)+"\naffected: [{package: npm:app, fixed: [2.0.1]}]\n")
	if _, err := cve5.Document(an, cve5.Options{}); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("details of 20,000 characters: %v", err)
	}
}
