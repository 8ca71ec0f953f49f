package schema_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/schema"
)

func TestEmbeddedDigests(t *testing.T) {
	for _, tc := range []struct {
		s    *schema.Schema
		want string
	}{
		{schema.Main(), "7a511902b57297197b37298f6adaa2acb15f22b3f641bb9f547f19dcbe533ba8"},
		{schema.Released(), "cd2fc34779f60388921829a31f1e860b77b334ee586bffe500887c0c2725dbd9"},
	} {
		sum := sha256.Sum256(tc.s.Source())
		if got := hex.EncodeToString(sum[:]); got != tc.want {
			t.Errorf("schema %s: sha256 %s, want %s (update PROVENANCE.md with the file)", tc.s.Name(), got, tc.want)
		}
	}
}

// fixture returns the valid record of the osv package's tests as a decoded
// JSON value, fresh for each call.
func fixture(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("../testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := osv.ParseDocument("valid.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return d.Value.(map[string]any)
}

// deleted, as a value for set, removes the member.
var deleted = &struct{}{}

// set replaces the value at a JSON pointer.
func set(t *testing.T, doc map[string]any, ptr string, v any) {
	t.Helper()
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	var cur any = doc
	for i, tok := range toks {
		last := i == len(toks)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				if v == deleted {
					delete(c, tok)
				} else {
					c[tok] = v
				}
				return
			}
			cur = c[tok]
		case []any:
			n, err := strconv.Atoi(tok)
			if err != nil || n >= len(c) {
				t.Fatalf("set %s: bad index %q", ptr, tok)
			}
			if last {
				c[n] = v
				return
			}
			cur = c[n]
		default:
			t.Fatalf("set %s: %q is not in a container", ptr, tok)
		}
	}
}

func TestValidFixture(t *testing.T) {
	if errs := schema.Main().Validate(fixture(t)); errs != nil {
		t.Errorf("main: %v", errs)
	}
	// The released schema knows no x_ prefix: the fixture passes it only
	// with a registered prefix.
	doc := fixture(t)
	got := schema.Released().Validate(doc)
	if len(got) != 1 || got[0].Location != "/id" {
		t.Errorf("released, x_ id: %v", got)
	}
	set(t, doc, "/id", "GHSA-aaaa-bbbb-cccc")
	if errs := schema.Released().Validate(doc); errs != nil {
		t.Errorf("released, GHSA id: %v", errs)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		ptr  string
		v    any
		want []string // "location: message" of each error
	}{
		{"ecosystem spelt pypi", "/affected/0/package/ecosystem", "pypi",
			[]string{`/affected/0/package/ecosystem: "pypi" is not an OSV ecosystem (ecosystem names are case-sensitive: "PyPI")`}},
		{"unknown ecosystem", "/affected/0/package/ecosystem", "Pip",
			[]string{`/affected/0/package/ecosystem: "Pip" is not an OSV ecosystem (see https://ossf.github.io/osv-schema/#defined-ecosystems)`}},
		{"ecosystem with suffix", "/affected/0/package/ecosystem", "PyPI:internal", nil},
		{"CVSS S:X", "/severity/0/score", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:X/C:L/I:L/A:N",
			[]string{`/severity/0/score: "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:X/C:L/I:L/A:N" is not a valid CVSS_V3 score`}},
		{"timestamp +00:00", "/modified", "2026-03-10T09:30:00+00:00",
			[]string{`/modified: "2026-03-10T09:30:00+00:00" is not an OSV timestamp: want RFC 3339 in UTC ending in "Z", such as 2026-03-04T10:00:00Z`}},
		{"timestamp not a time", "/published", "2026-02-30T00:00:00Z",
			[]string{`/published: "2026-02-30T00:00:00Z" is not an OSV timestamp: want RFC 3339 in UTC ending in "Z", such as 2026-03-04T10:00:00Z`}},
		{"missing modified", "/modified", deleted,
			[]string{`/: missing property 'modified'`}},
		{"events without introduced", "/affected/1/ranges/0/events", []any{map[string]any{"fixed": "3.4.1"}},
			[]string{`/affected/1/ranges/0/events: events must contain an introduced object and may contain fixed, last_affected or limit objects`}},
		{"event with two fields", "/affected/1/ranges/0/events/0", map[string]any{"introduced": "0", "fixed": "1.0.0"},
			[]string{`/affected/1/ranges/0/events/0: an event must set exactly one of introduced, fixed, last_affected and limit; this one sets several`}},
		{"event with no field", "/affected/1/ranges/0/events/1", map[string]any{"fixd": "3.4.1"},
			[]string{`/affected/1/ranges/0/events/1: an event must set exactly one of introduced, fixed, last_affected and limit; this one sets none`}},
		{"fixed and last_affected", "/affected/1/ranges/0/events", []any{map[string]any{"introduced": "0"}, map[string]any{"fixed": "3.4.1"}, map[string]any{"last_affected": "3.5.0"}},
			[]string{`/affected/1/ranges/0: last_affected and fixed events are mutually exclusive`}},
		{"reference type PATCH", "/references/1/type", "PATCH",
			[]string{`/references/1/type: "PATCH" is not one of "ADVISORY", "ARTICLE", "DETECTION", "DISCUSSION", "REPORT", "FIX", "INTRODUCED", "GIT", "PACKAGE", "EVIDENCE", "WEB"`}},
		{"non-URI url", "/references/0/url", "github.com/inveniosoftware",
			[]string{`/references/0/url: "github.com/inveniosoftware" is not a valid uri: relative url`}},
		{"unknown id prefix", "/id", "INVENIO-2026-0003",
			[]string{`/id: id "INVENIO-2026-0003" does not start with a prefix OSV knows: a local database uses the prefix "x_" (for example "x_INVENIO-2026-0003"), a published database a registered prefix (GHSA, PYSEC, CVE, GO, RUSTSEC, ...; 54 in all)`}},
		{"unknown top-level field", "/embargo_until", "2026-12-01T14:00:00Z",
			[]string{`/embargo_until: unknown field "embargo_until": OSV does not define it here (free-form data goes under database_specific)`}},
		{"wrong type", "/aliases", "CVE-2026-12345",
			[]string{`/aliases: got string, want null or array`}},
		{"GIT range needs repo and hashes", "/affected/1/ranges/0", map[string]any{"type": "GIT", "events": []any{map[string]any{"introduced": "v1.0.0"}}},
			[]string{
				`/affected/1/ranges/0: missing property 'repo'`,
				`/affected/1/ranges/0/events/0/introduced: "v1.0.0" is not a full-length commit hash: GIT range events must be 40 or 64 lower-case hexadecimal digits, or 0`,
			}},
		{"severity at both levels", "/affected/0/severity", []any{map[string]any{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N"}},
			[]string{`/affected/0/severity: got array, want null`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := fixture(t)
			set(t, doc, tc.ptr, tc.v)
			var got []string
			for _, e := range schema.Main().Validate(doc) {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// The model's own encoding validates too: Value() feeds the schema.
func TestValidateRecordValue(t *testing.T) {
	data, err := os.ReadFile("../testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := osv.Parse("valid.json", data)
	if err != nil {
		t.Fatal(err)
	}
	v, err := r.Value()
	if err != nil {
		t.Fatal(err)
	}
	if errs := schema.Main().Validate(v); errs != nil {
		t.Errorf("Value(): %v", errs)
	}
}

func TestPrefixesAndEcosystems(t *testing.T) {
	m, r := schema.Main(), schema.Released()
	for _, tc := range []struct {
		id        string
		main, rel bool
	}{
		{"x_INVENIO-2026-0001", true, false},
		{"GHSA-xr38-w74q-r8jv", true, true},
		{"PYSEC-2021-837", true, true},
		{"AZL-1", true, false}, // added after 1.7.5
		{"INVENIO-2026-0001", false, false},
		{"ghsa-xr38-w74q-r8jv", false, false},
	} {
		if m.KnownPrefix(tc.id) != tc.main || r.KnownPrefix(tc.id) != tc.rel {
			t.Errorf("KnownPrefix(%q): main %v released %v, want %v %v", tc.id, m.KnownPrefix(tc.id), r.KnownPrefix(tc.id), tc.main, tc.rel)
		}
	}
	if !m.LocalPrefixAllowed() || r.LocalPrefixAllowed() {
		t.Error("LocalPrefixAllowed: want main only")
	}
	regs := m.RegisteredPrefixes()
	for _, want := range []string{"GHSA", "PYSEC", "CVE", "AZL", "SUSE-[SRFO]U"} {
		if !contains(regs, want) {
			t.Errorf("RegisteredPrefixes() lacks %q: %v", want, regs)
		}
	}
	if contains(regs, "x_") || contains(r.RegisteredPrefixes(), "AZL") {
		t.Errorf("RegisteredPrefixes: x_ listed or AZL in 1.7.5")
	}
	ecos := m.Ecosystems()
	for _, want := range []string{"PyPI", "npm", "TuxCare", "Azure Linux"} {
		if !contains(ecos, want) {
			t.Errorf("Ecosystems() lacks %q", want)
		}
	}
	for _, tc := range []struct {
		eco  string
		want bool
	}{{"PyPI", true}, {"npm", true}, {"Debian:12", true}, {"pypi", false}, {"NPM", false}, {"PyPI:", false}, {"", false}} {
		if got := m.KnownEcosystem(tc.eco); got != tc.want {
			t.Errorf("KnownEcosystem(%q) = %v", tc.eco, got)
		}
	}
}

func TestReleasedPrefixMessage(t *testing.T) {
	doc := fixture(t)
	errs := schema.Released().Validate(doc)
	want := `/id: id "x_INVENIO-2026-0003" does not start with a prefix registered in OSV schema 1.7.5 (GHSA, PYSEC, CVE, GO, RUSTSEC, ...; 52 in all); this schema does not accept the "x_" prefix of local databases, the schema of osv-schema's main branch does`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("got %v\nwant %s", errs, want)
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
