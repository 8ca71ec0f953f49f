package lockfile

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPnpmSplitKey(t *testing.T) {
	for _, tt := range []struct {
		major, key    string
		name, version string
		ok            bool
	}{
		{"5", "/react/18.2.0", "react", "18.2.0", true},
		{"5", "/react-dom/18.2.0_react@18.2.0", "react-dom", "18.2.0", true},
		{"5", "/@inveniosoftware/react-invenio-forms/4.17.0_@babel+core@7.26.0", "@inveniosoftware/react-invenio-forms", "4.17.0", true},
		{"5", "registry.example.test/site-icons/-/site-icons-0.3.0.tgz", "registry.example.test", "site-icons/-/site-icons-0.3.0.tgz", false},
		{"6", "/react@18.2.0", "react", "18.2.0", true},
		{"6", "/@inveniosoftware/react-invenio-forms@4.17.0(react@18.2.0)(react-dom@18.2.0)", "@inveniosoftware/react-invenio-forms", "4.17.0", true},
		{"6", "github.com/inveniosoftware/site-icons/1f0e2d3", "github.com/inveniosoftware/site-icons/1f0e2d3", "", false},
		{"9", "@inveniosoftware/react-invenio-forms@4.17.0", "@inveniosoftware/react-invenio-forms", "4.17.0", true},
		{"9", "react-dom@18.2.0(react@18.2.0)", "react-dom", "18.2.0", true},
		{"9", "site-icons@https://registry.example.test/site-icons/-/site-icons-0.3.0.tgz", "site-icons", "https://registry.example.test/site-icons/-/site-icons-0.3.0.tgz", false},
		{"9", "site-theme@file:../site-theme", "site-theme", "file:../site-theme", false},
	} {
		name, version, ok := pnpmReader{major: tt.major}.splitKey(tt.key)
		if name != tt.name || version != tt.version || ok != tt.ok {
			t.Errorf("v%s splitKey(%q) = %q, %q, %v; want %q, %q, %v", tt.major, tt.key, name, version, ok, tt.name, tt.version, tt.ok)
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
