package check_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
)

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

var deleted = &struct{}{}

// set replaces (or with deleted, removes) the value at a JSON pointer; an
// index one past the end of an array appends.
func set(t *testing.T, doc map[string]any, ptr string, v any) {
	t.Helper()
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	var parent any
	var parentTok string
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
			parent, parentTok, cur = c, tok, c[tok]
		case []any:
			n, err := strconv.Atoi(tok)
			if err != nil || n > len(c) {
				t.Fatalf("set %s: bad index %q", ptr, tok)
			}
			if last {
				if n == len(c) {
					parent.(map[string]any)[parentTok] = append(c, v)
				} else {
					c[n] = v
				}
				return
			}
			parent, parentTok, cur = c, tok, c[n]
		default:
			t.Fatalf("set %s: %q is not in a container", ptr, tok)
		}
	}
}

func ev(kind, v string) map[string]any { return map[string]any{kind: v} }

func events(pairs ...string) []any {
	var out []any
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, ev(pairs[i], pairs[i+1]))
	}
	return out
}

func run(t *testing.T, doc map[string]any) []check.Finding {
	t.Helper()
	r, err := osv.FromValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	return check.Run(&check.Input{Record: r, Value: doc})
}

func TestValidFixture(t *testing.T) {
	if fs := run(t, fixture(t)); len(fs) > 0 {
		t.Errorf("findings on the valid record: %v", fs)
	}
}

type edit struct {
	ptr string
	v   any
}

func TestChecks(t *testing.T) {
	const pypiEvents = "/affected/0/ranges/0/events"
	const npmEvents = "/affected/1/ranges/0/events"
	for _, tc := range []struct {
		name  string
		edits []edit
		want  []string // "CODE level pointer"
		msg   string   // a regular expression one message must match
	}{
		{
			name:  "ecosystem spelt pypi",
			edits: []edit{{"/affected/0/package/ecosystem", "pypi"}},
			want:  []string{"OSV005 error /affected/0/package/ecosystem"},
			msg:   `"pypi" is not an OSV ecosystem \(ecosystem names are case-sensitive: "PyPI"\)`,
		},
		{
			name:  "CVSS S:X",
			edits: []edit{{"/severity/0/score", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:X/C:L/I:L/A:N"}},
			want:  []string{"OSV014 error /severity/0/score"},
			msg:   `S:X`,
		},
		{
			name:  "CVSS 4.0 vector typed CVSS_V3",
			edits: []edit{{"/severity/0/score", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}},
			want:  []string{"OSV014 error /severity/0/score"},
			msg:   `a CVSS 4.0 vector under severity type CVSS_V3: want type CVSS_V4`,
		},
		{
			name:  "timestamp +00:00",
			edits: []edit{{"/modified", "2026-03-10T09:30:00+00:00"}},
			want:  []string{"OSV003 error /modified"},
			msg:   `modified "2026-03-10T09:30:00\+00:00" is not an OSV timestamp \(it is 2026-03-10T09:30:00Z in OSV's form\)`,
		},
		{
			name:  "missing modified",
			edits: []edit{{"/modified", deleted}},
			want:  []string{"OSV001 error "},
			msg:   `missing property 'modified'`,
		},
		{
			name:  "events without introduced",
			edits: []edit{{npmEvents, events("fixed", "3.4.1")}, {"/affected/1/versions", deleted}},
			want: []string{
				"OSV006 error /affected/1/ranges/0/events",
				"OSV010 error /affected/1/ranges/0/events/0",
			},
			msg: `the range has no introduced event`,
		},
		{
			name:  "reference type PATCH",
			edits: []edit{{"/references/1/type", "PATCH"}},
			want:  []string{"OSV016 error /references/1/type"},
			msg:   `reference type "PATCH" is not one of OSV's`,
		},
		{
			name:  "non-URI url",
			edits: []edit{{"/references/0/url", "github.com/inveniosoftware"}},
			want:  []string{"OSV016 error /references/0/url"},
			msg:   `not an absolute URL with a scheme and a host`,
		},
		{
			name:  "unsorted events",
			edits: []edit{{pypiEvents, events("introduced", "13.0.0", "fixed", "13.1.2", "introduced", "4.0.0", "fixed", "12.0.9")}},
			want:  []string{"OSV009 error /affected/0/ranges/0/events/2"},
			msg:   `not in ascending version order: introduced 4.0.0 comes after fixed 13.1.2`,
		},
		{
			name:  "fixed and last_affected in one range",
			edits: []edit{{npmEvents, events("introduced", "3.0.0", "fixed", "3.4.1", "introduced", "3.5.0", "last_affected", "3.6.0")}},
			want:  []string{"OSV007 error /affected/1/ranges/0"},
			msg:   `both fixed and last_affected`,
		},
		{
			name:  "unknown id prefix",
			edits: []edit{{"/id", "INVENIO-2026-0003"}},
			want:  []string{"OSV002 error /id"},
			msg:   `a local database uses the prefix "x_" \(for example "x_INVENIO-2026-0003"\)`,
		},
		{
			name:  "id with a path separator",
			edits: []edit{{"/id", "x_INVENIO/../../etc/passwd"}},
			want:  []string{"OSV002 error /id"},
			msg:   `contains a path separator`,
		},
		{
			name:  "id with ..",
			edits: []edit{{"/id", "x_INVENIO..2026"}},
			want:  []string{"OSV002 error /id"},
			msg:   `contains ".."`,
		},
		{
			name:  "two introduced in a row",
			edits: []edit{{pypiEvents, events("introduced", "4.0.0", "introduced", "12.0.0", "fixed", "12.0.9")}, {"/affected/0/versions", []any{"4.0.0"}}},
			want:  []string{"OSV010 error /affected/0/ranges/0/events/1"},
			msg:   `introduced 12.0.0 follows introduced 4.0.0 with no fixed or last_affected between them`,
		},
		{
			name:  "two fixes in a row (one introduced for two branches)",
			edits: []edit{{pypiEvents, events("introduced", "4.0.0", "fixed", "12.0.9", "fixed", "13.1.2")}, {"/affected/0/versions", []any{"4.0.0"}}},
			want:  []string{"OSV010 error /affected/0/ranges/0/events/2"},
			msg:   `fixed 13.1.2 follows fixed 12.0.9 with no introduced between them`,
		},
		{
			name:  "empty interval",
			edits: []edit{{npmEvents, events("introduced", "3.0.0", "fixed", "3.0.0")}, {"/affected/1/versions", deleted}},
			want:  []string{"OSV010 error /affected/1/ranges/0/events/1"},
			msg:   `fixed 3.0.0 equals the introduced version before it`,
		},
		{
			name:  "version outside the ranges",
			edits: []edit{{"/affected/0/versions/6", "12.0.9"}},
			want:  []string{"OSV011 error /affected/0/versions/6"},
			msg:   `version 12.0.9 is listed as affected but is outside every ECOSYSTEM range of invenio-communities`,
		},
		{
			name:  "invalid version",
			edits: []edit{{"/affected/0/versions/6", "not a version"}, {npmEvents + "/1", ev("fixed", "3.4.x")}},
			want:  []string{"OSV008 error /affected/0/versions/6", "OSV008 error /affected/1/ranges/0/events/1/fixed"},
			msg:   `"not a version" is not a valid PyPI version`,
		},
		{
			// Published GHSA records wrote npm "14.0"; scanners read 14.0.0.
			name:  "version scanners read padded",
			edits: []edit{{npmEvents + "/1", ev("fixed", "3.4")}},
			// Read as 3.4.0, the range now ends before the versions listed.
			want: []string{"OSV022 warning /affected/1/ranges/0/events/1/fixed", "OSV011 error /affected/1/versions/1", "OSV011 error /affected/1/versions/2"},
			msg:  `fixed "3.4" is not a valid npm version; scanners read it as 3.4.0, and so does patchline: write 3.4.0`,
		},
		{
			// OSV's "since the first version", in every ecosystem: GitHub's
			// npm advisories write it (GHSA-58c5-g7wp-6w37), and so does
			// patchline; it is no partial version to pad.
			name:  "introduced 0 in npm",
			edits: []edit{{npmEvents + "/0", ev("introduced", "0")}},
		},
		{
			name:  "PyPI name not normalised",
			edits: []edit{{"/affected/0/package/name", "Invenio_Communities"}},
			want:  []string{"OSV012 error /affected/0/package/name"},
			msg:   `PyPI package name "Invenio_Communities" is not normalised: OSV wants the PEP 503 form "invenio-communities"`,
		},
		{
			name:  "npm name in URL form",
			edits: []edit{{"/affected/1/package/name", "@inveniosoftware%2freact-invenio-forms"}},
			want:  []string{"OSV012 error /affected/1/package/name"},
			msg:   `should be written "@inveniosoftware/react-invenio-forms"`,
		},
		{
			name:  "purl of another package",
			edits: []edit{{"/affected/0/package/purl", "pkg:pypi/invenio-records"}},
			want:  []string{"OSV013 error /affected/0/package/purl"},
			msg:   `does not name package PyPI/invenio-communities: want pkg:pypi/invenio-communities`,
		},
		{
			name:  "purl with a version",
			edits: []edit{{"/affected/1/package/purl", "pkg:npm/%40inveniosoftware/react-invenio-forms@3.4.1"}},
			want:  []string{"OSV013 error /affected/1/package/purl"},
			msg:   `carries a version \(@3.4.1\)`,
		},
		{
			name:  "purl in another spelling of the same package",
			edits: []edit{{"/affected/0/package/purl", "pkg:pypi/Invenio_Communities"}},
		},
		{
			name:  "duplicates",
			edits: []edit{{"/aliases", []any{"CVE-2026-12345", "x_INVENIO-2026-0003", "CVE-2026-12345"}}, {"/affected/1/versions/3", "3.0.0"}},
			want: []string{
				"OSV015 error /affected/1/versions/3",
				"OSV015 error /aliases/1",
				"OSV015 error /aliases/2",
			},
			msg: `the record's own id "x_INVENIO-2026-0003" is listed as an alias`,
		},
		{
			name:  "summary with a trailing newline",
			edits: []edit{{"/summary", "Stored XSS in community descriptions\n"}},
			want:  []string{"OSV017 warning /summary"},
			msg:   `leading or trailing white space \("…\\n"\)`,
		},
		{
			name:  "summary too long",
			edits: []edit{{"/summary", strings.Repeat("é", 121)}},
			want:  []string{"OSV017 warning /summary"},
			msg:   `121 characters long; OSV recommends at most 120`,
		},
		{
			name:  "published after modified",
			edits: []edit{{"/published", "2026-12-01T14:00:00Z"}},
			want:  []string{"OSV004 warning /published"},
			msg:   `published 2026-12-01T14:00:00Z is after modified 2026-03-10T09:30:00Z`,
		},
		{
			name: "GIT range is not ordered",
			edits: []edit{{"/affected/0/ranges/1", map[string]any{"type": "GIT", "repo": "https://github.com/inveniosoftware/invenio-communities",
				"events": events("introduced", "0", "fixed", "0123456789abcdef0123456789abcdef01234567")}}},
		},
		{
			name: "SEMVER range unsorted",
			edits: []edit{{"/affected/0/ranges/1", map[string]any{"type": "SEMVER",
				"events": events("introduced", "2.0.0-beta.11", "fixed", "2.0.0", "introduced", "1.0.0", "fixed", "2.0.0-beta.2")}}},
			want: []string{"OSV009 error /affected/0/ranges/1/events/2"},
			msg:  `introduced 1.0.0 comes after fixed 2.0.0`,
		},
		{
			name: "SEMVER version with a v",
			edits: []edit{{"/affected/0/ranges/1", map[string]any{"type": "SEMVER",
				"events": events("introduced", "v1.0.0", "fixed", "2.0.0")}}},
			want: []string{"OSV008 error /affected/0/ranges/1/events/0/introduced"},
			msg:  `introduced "v1.0.0" is not a valid SemVer 2.0 version`,
		},
		{
			name: "ecosystem patchline does not implement",
			edits: []edit{{"/affected/1/package", map[string]any{"ecosystem": "Maven", "name": "org.example:lib"}},
				{npmEvents, events("fixed", "2", "introduced", "1")}},
		},
		{
			name:  "limit excludes listed versions",
			edits: []edit{{npmEvents, events("introduced", "3.0.0", "limit", "3.2.0", "fixed", "3.4.1")}},
			want:  []string{"OSV011 error /affected/1/versions/1", "OSV011 error /affected/1/versions/2"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := fixture(t)
			for _, e := range tc.edits {
				set(t, doc, e.ptr, e.v)
			}
			fs := run(t, doc)
			var got []string
			for _, f := range fs {
				got = append(got, f.Code+" "+f.Level.String()+" "+f.Pointer)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s\n%v", diff, fs)
			}
			if tc.msg != "" {
				re := regexp.MustCompile(tc.msg)
				found := false
				for _, f := range fs {
					found = found || re.MatchString(f.Message)
				}
				if !found {
					t.Errorf("no message matches %q in %v", tc.msg, fs)
				}
			}
		})
	}
}

func TestTable(t *testing.T) {
	names := map[string]bool{}
	for i, c := range check.Checks() {
		if want := "OSV" + leftPad(i+1); c.Code != want {
			t.Errorf("check %d has code %s, want %s (codes are sequential and never reused)", i, c.Code, want)
		}
		if !regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`).MatchString(c.Name) || names[c.Name] {
			t.Errorf("%s: bad or duplicate name %q", c.Code, c.Name)
		}
		names[c.Name] = true
		if c.Description == "" || c.Check == nil {
			t.Errorf("%s: no description or no check", c.Code)
		}
		if check.Lookup(c.Code) != c || check.Lookup(c.Name) != c || check.Lookup(strings.ToLower(c.Code)) != c {
			t.Errorf("%s: Lookup does not find it", c.Code)
		}
	}
	if check.Lookup("OSV999") != nil {
		t.Error("Lookup found OSV999")
	}
}

func leftPad(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", 3-len(s)) + s
}

// A record built in Go (no Value) is validated through its own encoding.
func TestRunWithoutValue(t *testing.T) {
	r := &osv.Record{ID: "x_INVENIO-2026-0001", Modified: osv.NewTime(mustTime(t))}
	if fs := check.Run(&check.Input{Record: r}); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
	r.ID = "INVENIO-1"
	fs := check.Run(&check.Input{Record: r})
	if len(fs) != 1 || fs[0].Code != "OSV002" || !check.HasErrors(fs) {
		t.Errorf("findings: %v", fs)
	}
}

func mustTime(t *testing.T) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, "2026-03-10T09:30:00Z")
	if err != nil {
		t.Fatal(err)
	}
	return tm
}
