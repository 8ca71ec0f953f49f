package osv_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/osv"
)

func TestBuildPackageURL(t *testing.T) {
	for _, tc := range []struct {
		eco, name, want string
		ok              bool
	}{
		{"PyPI", "invenio-app-rdm", "pkg:pypi/invenio-app-rdm", true},
		{"PyPI", "Zope_Interface", "pkg:pypi/zope-interface", true},
		{"npm", "react-invenio-forms", "pkg:npm/react-invenio-forms", true},
		{"npm", "@inveniosoftware/react-invenio-forms", "pkg:npm/%40inveniosoftware/react-invenio-forms", true},
		{"npm", "JSONStream", "pkg:npm/jsonstream", true},
		{"Go", "golang.org/x/net", "", false},
	} {
		got, ok := osv.BuildPackageURL(tc.eco, tc.name)
		if got != tc.want || ok != tc.ok {
			t.Errorf("BuildPackageURL(%q, %q) = %q, %v; want %q, %v", tc.eco, tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParsePackageURL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want osv.PackageURL
	}{
		{"pkg:pypi/django", osv.PackageURL{Type: "pypi", Name: "django"}},
		{"pkg:npm/%40angular/animation@12.3.1", osv.PackageURL{Type: "npm", Namespace: "@angular", Name: "animation", Version: "12.3.1"}},
		{"pkg:npm/@angular/animation", osv.PackageURL{Type: "npm", Namespace: "@angular", Name: "animation"}},
		{"PKG:PyPI/foo@1.0?repository_url=https://repo.example.test#sub/dir", osv.PackageURL{Type: "pypi", Name: "foo", Version: "1.0", Qualifiers: "repository_url=https://repo.example.test", Subpath: "sub/dir"}},
		{"pkg://maven/org.apache/commons@2", osv.PackageURL{Type: "maven", Namespace: "org.apache", Name: "commons", Version: "2"}},
	} {
		got, err := osv.ParsePackageURL(tc.in)
		if err != nil {
			t.Errorf("ParsePackageURL(%q): %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParsePackageURL(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
	for _, bad := range []string{"", "pypi/django", "pkg:pypi", "pkg:/django", "pkg:pypi/a//b", "pkg:pypi/%zz"} {
		if _, err := osv.ParsePackageURL(bad); err == nil {
			t.Errorf("ParsePackageURL(%q) accepted", bad)
		}
	}
}
