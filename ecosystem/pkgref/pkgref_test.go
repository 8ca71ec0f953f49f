package pkgref

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Ref
		str  string
		purl string
	}{
		{"PyPI:invenio-app-rdm", Ref{"PyPI", "invenio-app-rdm"}, "PyPI:invenio-app-rdm", "pkg:pypi/invenio-app-rdm"},
		{"pypi:Invenio_App.RDM", Ref{"PyPI", "invenio-app-rdm"}, "PyPI:invenio-app-rdm", "pkg:pypi/invenio-app-rdm"},
		{"  PYPI:flask ", Ref{"PyPI", "flask"}, "PyPI:flask", "pkg:pypi/flask"},
		{"npm:react-invenio-forms", Ref{"npm", "react-invenio-forms"}, "npm:react-invenio-forms", "pkg:npm/react-invenio-forms"},
		{"NPM:@inveniosoftware/react-invenio-forms", Ref{"npm", "@inveniosoftware/react-invenio-forms"}, "npm:@inveniosoftware/react-invenio-forms", "pkg:npm/%40inveniosoftware/react-invenio-forms"},
		{"pkg:pypi/invenio-app-rdm", Ref{"PyPI", "invenio-app-rdm"}, "PyPI:invenio-app-rdm", "pkg:pypi/invenio-app-rdm"},
		{"pkg:pypi/Invenio_App_RDM", Ref{"PyPI", "invenio-app-rdm"}, "PyPI:invenio-app-rdm", "pkg:pypi/invenio-app-rdm"},
		{"PKG:PYPI/flask", Ref{"PyPI", "flask"}, "PyPI:flask", "pkg:pypi/flask"},
		{"pkg:npm/%40scope/name", Ref{"npm", "@scope/name"}, "npm:@scope/name", "pkg:npm/%40scope/name"},
		{"pkg:npm/@scope/name", Ref{"npm", "@scope/name"}, "npm:@scope/name", "pkg:npm/%40scope/name"},
		{"pkg:npm/left-pad", Ref{"npm", "left-pad"}, "npm:left-pad", "pkg:npm/left-pad"},
	} {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.str {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, s, tt.str)
		}
		if p := got.PURL(); p != tt.purl {
			t.Errorf("Parse(%q).PURL() = %q, want %q", tt.in, p, tt.purl)
		}
		// Both printed forms read back as the same reference.
		for _, form := range []string{got.String(), got.PURL()} {
			if back, err := Parse(form); err != nil || back != got {
				t.Errorf("Parse(%q) = %v, %v; want %v", form, back, err, got)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"invenio-app-rdm", `want ECOSYSTEM:NAME`},
		{":flask", `want ECOSYSTEM:NAME`},
		{"Cargo:serde", `unknown ecosystem "Cargo"`},
		{"PyPI:", `missing package name`},
		{"PyPI:flask app", `"flask app"`},
		{"pkg:pypi/flask@2.0", `not version "2.0"`},
		{"pkg:npm/%40scope/name@1.0.0", `not version "1.0.0"`},
		{"pkg:pypi/flask?repository_url=x", `qualifiers`},
		{"pkg:pypi/flask#src", `subpaths`},
		{"pkg:cargo/serde", `unknown package type "cargo"`},
		{"pkg:pypi/ns/flask", `no namespace`},
		{"pkg:npm/scope/name", `must be a scope starting with @`},
		{"pkg:npm/@scope", `without a package name`},
		{"pkg:npm/a/b/c", `at most a scope and a name`},
		{"pkg:pypi", `want pkg:TYPE/NAME`},
		{"pkg:pypi/%zz", `bad percent-encoding`},
	} {
		_, err := Parse(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
}

func TestPattern(t *testing.T) {
	for _, tt := range []struct {
		eco, glob string
		norm      string
		match     []string
		nomatch   []string
	}{
		{"PyPI", "invenio-*", "invenio-*", []string{"PyPI:invenio-app-rdm", "pypi:Invenio_RDM_Records"}, []string{"PyPI:invenio", "npm:invenio-x"}},
		{"pypi", "Invenio_*", "invenio-*", []string{"PyPI:invenio-app-rdm"}, nil},
		{"PyPI", "invenio-app-rdm", "invenio-app-rdm", []string{"PyPI:invenio_app_rdm"}, []string{"PyPI:invenio-app"}},
		{"PyPI", "invenio-?", "invenio-?", []string{"PyPI:invenio-x"}, []string{"PyPI:invenio-xy"}},
		{"PyPI", "invenio-[ab]*", "invenio-[ab]*", []string{"PyPI:invenio-app-rdm"}, []string{"PyPI:invenio-rdm"}},
		{"npm", "@inveniosoftware/*", "@inveniosoftware/*", []string{"npm:@inveniosoftware/react-invenio-app-ils"}, []string{"npm:react-invenio-forms", "npm:@other/x"}},
		{"npm", "react-*", "react-*", []string{"npm:react-searchkit"}, []string{"npm:@scope/react-x"}},
		{"npm", "*", "*", []string{"npm:left-pad"}, []string{"npm:@scope/name"}},
	} {
		p, err := NewPattern(tt.eco, tt.glob)
		if err != nil {
			t.Errorf("NewPattern(%s, %q): %v", tt.eco, tt.glob, err)
			continue
		}
		if p.Glob != tt.norm {
			t.Errorf("NewPattern(%s, %q).Glob = %q, want %q", tt.eco, tt.glob, p.Glob, tt.norm)
		}
		for _, s := range tt.match {
			if r, err := Parse(s); err != nil || !p.Match(r) {
				t.Errorf("%s does not match %s (%v)", p, s, err)
			}
		}
		for _, s := range tt.nomatch {
			if r, err := Parse(s); err != nil || p.Match(r) {
				t.Errorf("%s matches %s (%v)", p, s, err)
			}
		}
	}
	for _, tt := range []struct{ eco, glob, want string }{
		{"PyPI", "[invenio", "invalid package pattern"},
		{"PyPI", "", "empty package pattern"},
		{"Cargo", "*", `unknown ecosystem "Cargo"`},
	} {
		if _, err := NewPattern(tt.eco, tt.glob); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewPattern(%s, %q) = %v, want %q", tt.eco, tt.glob, err, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	a, b, c := Ref{"PyPI", "a"}, Ref{"PyPI", "b"}, Ref{"npm", "a"}
	if Compare(a, b) >= 0 || Compare(b, a) <= 0 || Compare(a, a) != 0 || Compare(a, c) >= 0 {
		t.Error("Compare orders wrongly")
	}
	if (Ref{}).String() != "" || (Ref{}).PURL() != "" {
		t.Error("the zero Ref prints something")
	}
}
