package lockfile

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPnpmSplitKey(t *testing.T) {
	const (
		release   = pnpmRelease
		other     = pnpmOther
		malformed = pnpmMalformed
	)
	for _, tt := range []struct {
		major, key    string
		name, version string
		kind          pnpmKeyKind
	}{
		{"5", "/react/18.2.0", "react", "18.2.0", release},
		{"5", "/react-dom/18.2.0_react@18.2.0", "react-dom", "18.2.0", release},
		{"5", "/@inveniosoftware/react-invenio-forms/4.17.0_@babel+core@7.26.0", "@inveniosoftware/react-invenio-forms", "4.17.0", release},
		{"5", "registry.example.test/site-icons/-/site-icons-0.3.0.tgz", "site-icons", "-/site-icons-0.3.0.tgz", other},
		{"5", "registry.example.test/@foo/bar/1.1.0", "@foo/bar", "1.1.0", release},
		{"5", "example.test/foo/1.3.0_bar@2.0.0", "foo", "1.3.0", release},
		{"5", "github.com/kevva/is-positive", "kevva", "is-positive", other},
		{"5", "git@bitbucket.org+my-org/my-bitbucket-project/6104ae42cd32c3d724036d3964678f197b2c9cdb", "my-bitbucket-project", "6104ae42cd32c3d724036d3964678f197b2c9cdb", other},
		{"5", "/foo", "foo", "", malformed},
		{"5", "/@scope/foo", "@scope/foo", "", malformed},
		{"6", "/react@18.2.0", "react", "18.2.0", release},
		{"6", "/@inveniosoftware/react-invenio-forms@4.17.0(react@18.2.0)(react-dom@18.2.0)", "@inveniosoftware/react-invenio-forms", "4.17.0", release},
		{"6", "registry.example.test/react@18.2.0", "react", "18.2.0", release},
		{"6", "github.com/inveniosoftware/site-icons/1f0e2d3", "inveniosoftware/site-icons/1f0e2d3", "", other},
		{"6", "file:packages/site", "file:packages/site", "", other},
		{"6", "/react", "react", "", malformed},
		{"9", "@inveniosoftware/react-invenio-forms@4.17.0", "@inveniosoftware/react-invenio-forms", "4.17.0", release},
		{"9", "react-dom@18.2.0(react@18.2.0)", "react-dom", "18.2.0", release},
		{"9", "site-icons@https://registry.example.test/site-icons/-/site-icons-0.3.0.tgz", "site-icons", "https://registry.example.test/site-icons/-/site-icons-0.3.0.tgz", other},
		{"9", "site-theme@file:../site-theme", "site-theme", "file:../site-theme", other},
		{"9", "react", "react", "", malformed},
		{"9", "@scope/react@", "@scope/react", "", malformed},
	} {
		p := pnpmReader{b: newBuilder("pnpm-lock.yaml", PnpmLock, "npm"), major: tt.major}
		name, version, kind := p.splitKey(tt.key)
		if name != tt.name || version != tt.version || kind != tt.kind {
			t.Errorf("v%s splitKey(%q) = %q, %q, %v; want %q, %q, %v", tt.major, tt.key, name, version, kind, tt.name, tt.version, tt.kind)
		}
	}
}

func TestYarnDescriptors(t *testing.T) {
	for _, tt := range []struct {
		in, name, rng, source string
	}{
		{"react-searchkit@^3.0.0", "react-searchkit", "^3.0.0", ""},
		{"@inveniosoftware/react-invenio-forms@~4.17.0", "@inveniosoftware/react-invenio-forms", "~4.17.0", ""},
		{"react-searchkit@latest", "react-searchkit", "latest", ""},
		{"react-searchkit", "react-searchkit", "", ""},
		{"react-searchkit@1.x || >=2.5.0", "react-searchkit", "1.x || >=2.5.0", ""},
		{"site@github:inveniosoftware/site#v1", "site", "github:inveniosoftware/site#v1", "git dependency"},
		{"site@inveniosoftware/site#v1", "site", "inveniosoftware/site#v1", "git dependency"},
		{"site@git+ssh://git@git.example.test/a/site.git", "site", "git+ssh://git@git.example.test/a/site.git", "git dependency"},
		{"site@https://registry.example.test/site/-/site-1.0.0.tgz", "site", "https://registry.example.test/site/-/site-1.0.0.tgz", "URL dependency"},
		{"site@file:../site", "site", "file:../site", "local dependency"},
		{"site@../site", "site", "../site", "local dependency"},
		{"site@link:../site", "site", "link:../site", "local dependency"},
	} {
		name, rng := splitDescriptor(tt.in)
		if name != tt.name || rng != tt.rng {
			t.Errorf("splitDescriptor(%q) = %q, %q; want %q, %q", tt.in, name, rng, tt.name, tt.rng)
		}
		if got := yarnRangeSource(rng); got != tt.source {
			t.Errorf("yarnRangeSource(%q) = %q, want %q", rng, got, tt.source)
		}
	}
}

// TestJSONKeyLines checks the line scan against nesting, arrays, escaped
// keys and strings holding JSON punctuation.
func TestJSONKeyLines(t *testing.T) {
	data := `{
  "a": {"b": [1, {"c": 2}], "d\"e": "x,}{["},
  "f": [
    {"g": 1},
    {"h": {"i": true}}
  ],
  "j": null
}`
	var got []string
	jsonKeyLines([]byte(data), func(p []string, line int) {
		got = append(got, strings.Join(p, "/")+"@"+strconv.Itoa(line))
	})
	want := []string{"a@2", "a/b@2", "a/b/c@2", `a/d"e@2`, "f@3", "f/g@4", "f/h@5", "f/h/i@5", "j@7"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("jsonKeyLines (-want +got):\n%s", diff)
	}
}

// TestNPMLinkIntoPackage: npm's link to a folder inside an installed
// package (npm/cli's link-dep-lifecycle-scripts case, with the version npm
// records for the folder) is local code, not a package to reject.
func TestNPMLinkIntoPackage(t *testing.T) {
	data := `{"lockfileVersion": 3, "packages": {
"": {"dependencies": {"@ruyadorno/dep-with-a-link": "^1.1.0"}},
"node_modules/@ruyadorno/dep-with-a-link": {
  "version": "1.1.0",
  "resolved": "https://registry.example.test/@ruyadorno/dep-with-a-link/-/dep-with-a-link-1.1.0.tgz"},
"node_modules/@ruyadorno/dep-with-a-link/linked-dep": {"version": "1.0.0"},
"node_modules/linked-dep": {"resolved": "node_modules/@ruyadorno/dep-with-a-link/linked-dep", "link": true}
}}`
	f, err := Parse("package-lock.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Pins) != 1 || f.Pins[0].Package.Name != "@ruyadorno/dep-with-a-link" || !f.Pins[0].Direct || len(f.Unpinned) != 0 {
		t.Errorf("pins %+v, unpinned %+v; want the one registry package, direct", f.Pins, f.Unpinned)
	}
}
