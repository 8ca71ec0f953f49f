package pypi

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// normalize is PEP 503 normalisation for the file-name tests, which must
// not depend on the ecosystem package.
func normalize(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(s) {
		if r == '-' || r == '_' || r == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

func TestFileVersion(t *testing.T) {
	tests := []struct {
		file, project, version string
		kind                   Kind
		ok                     bool
	}{
		{"invenio_app_rdm-12.0.3-py3-none-any.whl", "invenio-app-rdm", "12.0.3", Wheel, true},
		{"invenio_app_rdm-12.0.3-1-py2.py3-none-any.whl", "invenio-app-rdm", "12.0.3", Wheel, true},
		{"invenio-app-rdm-12.0.3.tar.gz", "invenio-app-rdm", "12.0.3", Sdist, true},
		{"invenio_app_rdm-12.0.3.tar.gz", "invenio-app-rdm", "12.0.3", Sdist, true},
		{"Invenio.App-RDM-1.0rc1.ZIP", "invenio-app-rdm", "1.0rc1", Sdist, true},
		{"invenio_app_rdm-1.0-py3.8.egg", "invenio-app-rdm", "1.0", Other, true},
		{"other_pkg-1.0-py3-none-any.whl", "invenio-app-rdm", "", Wheel, false},
		{"invenio_app_rdm-1.0.whl", "invenio-app-rdm", "", Wheel, false},
		{"invenio-app-rdm-1.0.win32.exe", "invenio-app-rdm", "1.0", Other, true},
		// numpy 1.5.0's installers (names as PyPI lists them).
		{"numpy-1.5.0.win32-py2.6.exe", "numpy", "1.5.0", Other, true},
		{"numpy-1.5.0-win32-superpack-python2.6.exe", "numpy", "1.5.0", Other, true},
		{"numpy-1.5.0-py2.6-python.org.dmg", "numpy", "1.5.0", Other, true},
		{"numpy-1.5.0.win-amd64-py2.7.msi", "numpy", "1.5.0", Other, true},
		{"numpy-1.5.0.linux-x86_64.exe", "numpy", "1.5.0", Other, true},
		{"scipy-1.5.0.win32.exe", "numpy", "", Other, false},
		{"invenio-app-rdm-.tar.gz", "invenio-app-rdm", "", Sdist, false},
	}
	for _, tt := range tests {
		v, k, ok := FileVersion(tt.file, tt.project, normalize)
		if v != tt.version || k != tt.kind || ok != tt.ok {
			t.Errorf("FileVersion(%q) = %q, %v, %v; want %q, %v, %v", tt.file, v, k, ok, tt.version, tt.kind, tt.ok)
		}
	}
}

func TestParseProjectPage(t *testing.T) {
	page := `{
 "meta": {"api-version": "1.1", "_last-serial": 5},
 "name": "demo",
 "versions": ["1.0", "2.0"],
 "files": [
  {"filename": "demo-1.0-py3-none-any.whl", "url": "../../packages/demo-1.0-py3-none-any.whl", "hashes": {},
   "core-metadata": {"sha256": "abc"}, "yanked": "broken", "upload-time": "2024-08-22T14:28:09.123456Z", "requires-python": ">=3.8"},
  {"filename": "demo-1.0.tar.gz", "url": "https://files.example.test/demo-1.0.tar.gz", "hashes": {"sha256": "def"},
   "data-dist-info-metadata": true, "yanked": false},
  {"filename": "demo-1.0.zip", "url": "demo-1.0.zip", "hashes": {}, "core-metadata": false, "data-dist-info-metadata": {"sha256": "x"}, "yanked": true}
 ]
}`
	p, err := ParseProjectPage([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	up := time.Date(2024, 8, 22, 14, 28, 9, 123456000, time.UTC)
	rp := ">=3.8"
	want := &ProjectPage{Name: "demo", Versions: []string{"1.0", "2.0"}, Files: []File{
		{Filename: "demo-1.0-py3-none-any.whl", URL: "../../packages/demo-1.0-py3-none-any.whl", Hashes: map[string]string{},
			CoreMetadata: &MetadataRef{Available: true, Hashes: map[string]string{"sha256": "abc"}}, Yanked: Yanked{true, "broken"}, UploadTime: &up, RequiresPython: &rp},
		{Filename: "demo-1.0.tar.gz", URL: "https://files.example.test/demo-1.0.tar.gz", Hashes: map[string]string{"sha256": "def"},
			DistInfoMetadata: &MetadataRef{Available: true}},
		{Filename: "demo-1.0.zip", URL: "demo-1.0.zip", Hashes: map[string]string{}, CoreMetadata: &MetadataRef{},
			DistInfoMetadata: &MetadataRef{Available: true, Hashes: map[string]string{"sha256": "x"}}, Yanked: Yanked{Yanked: true}},
	}}
	want.Meta.APIVersion = "1.1"
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// PEP 714: core-metadata wins over the older key, even when false.
	gotRefs := []MetadataRef{p.Files[0].Metadata(), p.Files[1].Metadata(), p.Files[2].Metadata()}
	wantRefs := []MetadataRef{{Available: true, Hashes: map[string]string{"sha256": "abc"}}, {Available: true}, {}}
	if diff := cmp.Diff(wantRefs, gotRefs); diff != "" {
		t.Errorf("Metadata() (-want +got):\n%s", diff)
	}
	// Round trip through the fixture writer's encoding.
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := ParseProjectPage(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, p2); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestParseProjectPageErrors(t *testing.T) {
	tests := []struct{ page, want string }{
		{`<html>`, "invalid PEP 691 project page"},
		{`{"meta": {"api-version": "2.0"}, "name": "x", "files": []}`, `api-version "2.0"`},
		{`{"meta": {"api-version": "1.0"}, "name": "x", "files": [{"filename": "", "url": "u"}]}`, "file 0 has no filename"},
		{`{"meta": {"api-version": "1.0"}, "name": "x", "files": [{"filename": "f", "url": "u", "yanked": 3}]}`, "yanked"},
		{`{"meta": {"api-version": "1.0"}, "name": "x", "files": [{"filename": "f", "url": "u", "core-metadata": "yes"}]}`, "core-metadata"},
	}
	for _, tt := range tests {
		_, err := ParseProjectPage([]byte(tt.page))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseProjectPage(%s) = %v, want %q", tt.page, err, tt.want)
		}
	}
}

func TestParseProjectResponseDispatch(t *testing.T) {
	jsonPage := []byte(`{"meta": {"api-version": "1.1"}, "name": "x", "files": []}`)
	htmlPage := []byte(`<!DOCTYPE html><html><body><a href="x-1.0.tar.gz">x-1.0.tar.gz</a></body></html>`)
	for _, tt := range []struct {
		ct   string
		body []byte
		form Form
		err  string
	}{
		{"application/vnd.pypi.simple.v1+json", jsonPage, FormJSON, ""},
		{"application/vnd.pypi.simple.v1+json; charset=utf-8", jsonPage, FormJSON, ""},
		{"text/html", htmlPage, FormHTML, ""},
		{"text/html; charset=utf-8", htmlPage, FormHTML, ""},
		{"application/vnd.pypi.simple.v1+html", htmlPage, FormHTML, ""},
		// The body is never sniffed: HTML declared as JSON is invalid JSON.
		{"application/vnd.pypi.simple.v1+json", htmlPage, FormJSON, "invalid PEP 691 project page"},
		{"application/json", jsonPage, 0, "neither a PEP 691 JSON page"},
		{"", jsonPage, 0, "Content-Type none"},
	} {
		p, form, err := ParseProjectResponse(tt.ct, tt.body, "x")
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err = %v, want %q", tt.ct, err, tt.err)
			}
			continue
		}
		if err != nil || form != tt.form || len(p.Files) != 1 && form == FormHTML {
			t.Errorf("%q: %v, form %v, err %v", tt.ct, p, form, err)
		}
	}
}

func TestParseCoreMetadata(t *testing.T) {
	md := "Metadata-Version: 2.1\r\nName: invenio-app-rdm\r\nVersion: 12.0.3\r\nSummary: folded\r\n  over lines\r\nrequires-python: >=3.7\r\n" +
		"Requires-Dist: invenio-communities<14.0.0,>=13.0.0\r\nProvides-Extra: opensearch2\r\n" +
		"Requires-Dist: invenio-search[opensearch2]<3.0.0,>=2.1.0; extra == \"opensearch2\"\r\n\r\nRequires-Dist: in-the-body\r\n"
	got, err := ParseCoreMetadata([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	want := &CoreMetadata{
		MetadataVersion: "2.1", Name: "invenio-app-rdm", Version: "12.0.3", RequiresPython: ">=3.7",
		ProvidesExtra: []string{"opensearch2"},
		RequiresDist: []Requirement{
			{Name: "invenio-communities", Specifier: "<14.0.0,>=13.0.0"},
			{Name: "invenio-search", Extras: []string{"opensearch2"}, Specifier: "<3.0.0,>=2.1.0", Marker: `extra == "opensearch2"`, MarkerExtras: []string{"opensearch2"}},
		},
	}
	if diff := cmp.Diff(want, got, ignoreRange); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range []string{" continuation first\n", "Name x\n", "Name: x\n"} {
		if _, err := ParseCoreMetadata([]byte(bad)); err == nil {
			t.Errorf("ParseCoreMetadata(%q) succeeded", bad)
		}
	}
}

func TestParseReleaseJSON(t *testing.T) {
	got, err := ParseReleaseJSON([]byte(`{"info": {"name": "demo", "version": "1.0", "requires_dist": ["a>=1", "b; extra == \"x\""], "requires_python": null, "provides_extra": ["x"]}, "urls": []}`))
	if err != nil {
		t.Fatal(err)
	}
	want := &CoreMetadata{Name: "demo", Version: "1.0", ProvidesExtra: []string{"x"}, RequiresDist: []Requirement{
		{Name: "a", Specifier: ">=1"}, {Name: "b", Marker: `extra == "x"`, MarkerExtras: []string{"x"}},
	}}
	if diff := cmp.Diff(want, got, ignoreRange); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := ParseReleaseJSON([]byte(`{"info": {}}`)); err == nil {
		t.Error("empty info accepted")
	}
}
