package pypi

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/patchline/patchline/ecosystem"
)

var ignoreRange = cmpopts.IgnoreFields(Requirement{}, "Range")

func TestParseRequirement(t *testing.T) {
	tests := []struct {
		in   string
		want Requirement
	}{
		{"invenio-communities>=13.0.0,<14.0.0", Requirement{Name: "invenio-communities", Specifier: ">=13.0.0,<14.0.0"}},
		{"invenio-search[opensearch2]<3.0.0,>=2.1.0; extra == \"opensearch2\"", Requirement{
			Name: "invenio-search", Extras: []string{"opensearch2"}, Specifier: "<3.0.0,>=2.1.0",
			Marker: `extra == "opensearch2"`, MarkerExtras: []string{"opensearch2"}}},
		{"importlib_metadata>=4.4;python_version<'3.8'", Requirement{
			Name: "importlib_metadata", Specifier: ">=4.4", Marker: "python_version<'3.8'"}},
		{"invenio[base,auth, metadata ,files]~=3.4.0", Requirement{Name: "invenio", Extras: []string{"base", "auth", "metadata", "files"}, Specifier: "~=3.4.0"}},
		{"  Flask-Babel ( >= 2.0 , < 3 )  ", Requirement{Name: "Flask-Babel", Specifier: ">=2.0,<3"}},
		{"requests", Requirement{Name: "requests"}},
		{"requests[]", Requirement{Name: "requests"}},
		{"a.b_c-d==1.0.*", Requirement{Name: "a.b_c-d", Specifier: "==1.0.*"}},
		{"x===weird-thing", Requirement{Name: "x", Specifier: "===weird-thing"}},
		{"oaipmh-scythe @ git+https://example.test/scythe.git", Requirement{Name: "oaipmh-scythe", URL: "git+https://example.test/scythe.git"}},
		{"pip @ https://example.test/pip.whl ; python_version >= \"3.8\"", Requirement{Name: "pip", URL: "https://example.test/pip.whl", Marker: `python_version >= "3.8"`}},
		{`x; (python_version < "3.8" and extra == 'Tests_X') or "docs" == extra`, Requirement{
			Name: "x", Marker: `(python_version < "3.8" and extra == 'Tests_X') or "docs" == extra`, MarkerExtras: []string{"tests-x", "docs"}}},
		{`x; extra != "a" and os_name in "posix nt" and sys_platform not in "win32"`, Requirement{
			Name: "x", Marker: `extra != "a" and os_name in "posix nt" and sys_platform not in "win32"`}},
		{`x; os.name == "posix" and platform.python_implementation=="CPython"`, Requirement{
			Name: "x", Marker: `os.name == "posix" and platform.python_implementation=="CPython"`}},
		{`x>=1; extra == "a" or extra == "a"`, Requirement{Name: "x", Specifier: ">=1", Marker: `extra == "a" or extra == "a"`, MarkerExtras: []string{"a"}}},
		// An extra in one branch of an "or" does not make the requirement
		// the extra's: on win32 it applies without it.
		{`x; sys_platform == "win32" or extra == "nope"`, Requirement{Name: "x", Marker: `sys_platform == "win32" or extra == "nope"`}},
		{`x; (sys_platform == "win32" or python_version < "3.9") and extra == "a"`, Requirement{
			Name: "x", Marker: `(sys_platform == "win32" or python_version < "3.9") and extra == "a"`, MarkerExtras: []string{"a"}}},
	}
	for _, tt := range tests {
		got, err := ParseRequirement(tt.in)
		if err != nil {
			t.Errorf("ParseRequirement(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, ignoreRange); diff != "" {
			t.Errorf("ParseRequirement(%q) (-want +got):\n%s", tt.in, diff)
		}
		if (got.Specifier != "") != (got.Range != nil) {
			t.Errorf("ParseRequirement(%q): Range %v for Specifier %q", tt.in, got.Range, got.Specifier)
		}
	}
}

func TestParseRequirementRange(t *testing.T) {
	eco, err := ecosystem.Lookup("PyPI")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseRequirement("invenio-search[opensearch2]<3.0.0,>=2.1.0; extra == \"opensearch2\"")
	if err != nil {
		t.Fatal(err)
	}
	for v, want := range map[string]bool{"2.1.0": true, "2.9": true, "3.0.0": false, "2.0.9": false} {
		pv, err := eco.Parse(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Range.Contains(pv, false); got != want {
			t.Errorf("Contains(%s) = %v, want %v", v, got, want)
		}
	}
}

func TestParseRequirementErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "expected a package name"},
		{"-x", "expected a package name"},
		{"x[a,]", "expected an extra name"},
		{"x[a", `expected "," or "]"`},
		{"x>=", "expected a version after"},
		{"x>=1,", "expected a version specifier after"},
		{"x (>=1", `expected ")"`},
		{"x>=1 y", `expected a version specifier, ";" or end`},
		{"x>=not a version", ""},
		{"x @", "expected a URL"},
		{"x @ http://a;b", ""},
		{"x @ http://a ;", "expected a marker variable"},
		{"x; python_version", "expected a marker operator"},
		{"x; python_version < '3", "unterminated string"},
		{"x; unknown_var == '1'", "expected a marker variable"},
		{"x; (python_version < '3'", `expected ")"`},
		{"x; os_name == 'a' and", "expected a marker variable"},
		{"x; os_name not '1'", `expected "in" after "not"`},
		{"x; os_name == '1' )", "unexpected text after the marker"},
		{"x;", "expected a marker variable"},
		{"0== =", "expected a version after"},
		// Real Requires-Dist values that packaging rejects: ipython
		// 4.1.0rc1 and celery 4.x/5.0.
		{"setuptools (>=18.5decorator)", "invalid"},
		{"pytz (>dev)", "invalid"},
	}
	for _, tt := range tests {
		_, err := ParseRequirement(tt.in)
		if err == nil {
			if tt.want != "" {
				t.Errorf("ParseRequirement(%q) succeeded, want error %q", tt.in, tt.want)
			}
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "invalid PEP 508 requirement") {
			t.Errorf("ParseRequirement(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// FuzzParseRequirement checks that parsing never panics and that a parsed
// requirement prints to a string that parses back to the same requirement.
func FuzzParseRequirement(f *testing.F) {
	for _, s := range []string{
		"invenio-communities>=13.0.0,<14.0.0",
		"invenio-search[opensearch2]<3.0.0,>=2.1.0; extra == \"opensearch2\"",
		"importlib_metadata>=4.4;python_version<'3.8'",
		"invenio[base,auth,metadata,files]~=3.4.0",
		"pip @ https://example.test/pip.whl ; python_version >= \"3.8\"",
		"x; (python_version < \"3.8\" and extra == 'tests') or \"docs\" == extra",
		"Flask-Babel (>=2.0,<3)",
		"x===1.0+local",
		"x!=1.*,>0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRequirement(s)
		if err != nil {
			return
		}
		again, err := ParseRequirement(r.String())
		if err != nil {
			t.Fatalf("ParseRequirement(%q) = %q, which does not parse: %v", s, r.String(), err)
		}
		if diff := cmp.Diff(r, again, ignoreRange); diff != "" {
			t.Fatalf("round trip of %q through %q (-first +second):\n%s", s, r.String(), diff)
		}
	})
}
