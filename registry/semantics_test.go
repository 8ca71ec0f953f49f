package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/registry/fetch"
	"github.com/patchline/patchline/registry/httpcache"
	"github.com/patchline/patchline/registry/registrytest"
)

func metadataFor(name, version string, extra ...string) []byte {
	return []byte(fmt.Sprintf("Metadata-Version: 2.1\nName: %s\nVersion: %s\n%s\n\nDescription body: Requires-Dist: not-a-header\n", name, version, strings.Join(extra, "\n")))
}

// putDemo serves a synthetic project "demo" exercising PEP 691/700/592/658
// below the index path index ("/simple/").
func putDemo(t *testing.T, s *registrytest.Server, index string) {
	md10 := metadataFor("demo", "1.0", "Requires-Dist: a>=1")
	md11 := metadataFor("Demo", "1.1", "Requires-Dist: b[x]<2; python_version >= \"3.8\"")
	md20 := metadataFor("demo", "2.0", "Provides-Extra: docs", "Requires-Dist: sphinx; extra == 'docs'")
	page := fmt.Sprintf(`{"meta": {"api-version": "1.1"}, "name": "demo",
 "versions": ["0.9", "1.0", "1.1", "1.2", "2.0", "bogus!"],
 "files": [
  {"filename": "demo-1.0-py3-none-any.whl", "url": "../../packages/demo-1.0-py3-none-any.whl#sha256=00", "hashes": {},
   "core-metadata": {"sha256": %q}, "yanked": "bad build", "upload-time": "2024-01-02T00:00:00Z"},
  {"filename": "demo-1.0.tar.gz", "url": "/packages/demo-1.0.tar.gz", "hashes": {}, "yanked": true, "upload-time": "2024-01-01T00:00:00Z"},
  {"filename": "demo-1.1-py3-none-any.whl", "url": "%s/packages/demo-1.1-py3-none-any.whl", "hashes": {},
   "data-dist-info-metadata": {"sha256": %q}, "upload-time": "2024-02-01T00:00:00Z"},
  {"filename": "demo-1.1.tar.gz", "url": "../../packages/demo-1.1.tar.gz", "hashes": {}, "yanked": true, "upload-time": "2024-01-31T00:00:00Z"},
  {"filename": "demo-2.0.tar.gz", "url": "../../packages/demo-2.0.tar.gz", "hashes": {}, "core-metadata": true, "upload-time": "2024-03-01T00:00:00Z"},
  {"filename": "demo-0.9-py3-none-any.whl", "url": "../../packages/demo-0.9-py3-none-any.whl", "hashes": {}, "upload-time": "2023-12-01T00:00:00Z"},
  {"filename": "demo-0.8.zip", "url": "../../packages/demo-0.8.zip", "hashes": {}},
  {"filename": "unrelated-3.0-py3-none-any.whl", "url": "../../packages/unrelated-3.0-py3-none-any.whl", "hashes": {}}
 ]}`, httpcache.Sum(md10), s.URL, httpcache.Sum(md11))
	s.Put(index+"demo/", registrytest.File{Body: []byte(page), ContentType: "application/vnd.pypi.simple.v1+json", ETag: `"p"`})
	s.Put("/packages/demo-1.0-py3-none-any.whl.metadata", registrytest.File{Body: md10})
	s.Put("/packages/demo-1.1-py3-none-any.whl.metadata", registrytest.File{Body: md11})
	s.Put("/packages/demo-2.0.tar.gz.metadata", registrytest.File{Body: md20})
	s.Put("/pypi/demo/0.9/json", registrytest.File{Body: []byte(`{"info": {"name": "demo", "version": "0.9", "requires_dist": ["old>=0.1"], "requires_python": ">=3.6"}}`)})
}

func TestPyPISemantics(t *testing.T) {
	s := registrytest.New()
	defer s.Close()
	putDemo(t, s, "/simple/")
	c := open(t, s, Options{})
	ctx := context.Background()
	h, err := c.History(ctx, mustPackage(t, "PyPI:Demo"))
	if err != nil {
		t.Fatal(err)
	}
	type rel struct {
		Version  string
		Uploaded string
		Files    int
		Yanked   bool
		Reason   string
	}
	var got []rel
	for _, r := range h.All() {
		up := ""
		if !r.Uploaded.IsZero() {
			up = r.Uploaded.Format(time.DateOnly)
		}
		got = append(got, rel{r.Version, up, r.Files, r.Yanked, r.YankedReason})
	}
	want := []rel{
		{"0.8", "", 1, false, ""},
		{"0.9", "2023-12-01", 1, false, ""},
		{"1.0", "2024-01-01", 2, true, "bad build"},
		{"1.1", "2024-01-31", 2, false, ""},
		{"1.2", "", 0, false, ""},
		{"2.0", "2024-03-01", 1, false, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("releases (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"0.8", "0.9", "1.0", "1.1", "2.0"}, versions(h)); diff != "" {
		t.Errorf("releases with files (-want +got):\n%s", diff)
	}
	if len(h.WithoutFiles) != 1 || h.WithoutFiles[0].Version != "1.2" {
		t.Errorf("WithoutFiles = %v, want 1.2", h.WithoutFiles)
	}
	if !cmp.Equal(h.Invalid, []string{"bogus!"}) {
		t.Errorf("Invalid = %v", h.Invalid)
	}
	reqs, err := c.Requirements(ctx, h, []string{"1.0", "1.1", "2.0", "0.9"})
	if err != nil {
		t.Fatal(err)
	}
	type dep struct{ Source, URL, Deps string }
	var gotDeps []dep
	for _, r := range reqs {
		var ds []string
		for _, d := range r.Dependencies {
			ds = append(ds, d.Spec+" "+strings.Join(d.ForExtras, ","))
		}
		gotDeps = append(gotDeps, dep{string(r.Provenance.Source), strings.TrimPrefix(r.Provenance.URL, s.URL), strings.Join(ds, " | ")})
	}
	wantDeps := []dep{
		{"core-metadata", "/packages/demo-1.0-py3-none-any.whl.metadata", "a>=1 "},
		{"core-metadata", "/packages/demo-1.1-py3-none-any.whl.metadata", `b[x]<2; python_version >= "3.8" `},
		{"core-metadata", "/packages/demo-2.0.tar.gz.metadata", "sphinx; extra == 'docs' docs"},
		{"json-api", "/pypi/demo/0.9/json", "old>=0.1 "},
	}
	if diff := cmp.Diff(wantDeps, gotDeps); diff != "" {
		t.Errorf("requirements (-want +got):\n%s", diff)
	}
	if reqs[3].RequiresPython != ">=3.6" || !cmp.Equal(reqs[2].Extras, []string{"docs"}) {
		t.Errorf("RequiresPython %q, Extras %v", reqs[3].RequiresPython, reqs[2].Extras)
	}
	// Versions without files, or without any metadata source, are walked
	// without requirements, and say why; nothing is fetched for a version
	// without files.
	before := len(s.Requests())
	for v, want := range map[string]string{
		"1.2": "the release has no files",
		"0.8": "its JSON API cannot answer",
	} {
		reqs, err := c.Requirements(ctx, h, []string{v})
		if err != nil {
			t.Fatalf("Requirements(%s): %v", v, err)
		}
		if r := reqs[0]; !strings.Contains(r.Incomplete, want) || len(r.Dependencies) != 0 || !r.Partial() ||
			!strings.Contains(strings.Join(r.Warnings(), "\n"), "PyPI:demo "+v+": requirements unknown") {
			t.Errorf("Requirements(%s) = %+v, want incomplete: %q", v, r, want)
		}
	}
	if got := len(s.Requests()) - before; got != 1 {
		t.Errorf("%d requests for the two incomplete releases, want 1 (the JSON API of 0.8)", got)
	}
	if _, err := c.Requirements(ctx, h, []string{"7.0"}); err == nil || !strings.Contains(err.Error(), "no release 7.0") {
		t.Errorf("unknown version: %v", err)
	}
}

func TestPyPIFailures(t *testing.T) {
	tests := []struct {
		name    string
		index   string // path of the index below the server
		setup   func(s *registrytest.Server)
		version string
		// wantErr is the error expected; wantIncomplete the reason the
		// requirements are unknown, when the index's data is at fault
		// rather than the index.
		wantErr, wantIncomplete string
	}{
		{"metadata digest mismatch", "/simple/", func(s *registrytest.Server) {
			s.Put("/packages/demo-1.0-py3-none-any.whl.metadata", registrytest.File{Body: metadataFor("demo", "1.0", "Requires-Dist: evil")})
		}, "1.0", "digest mismatch", ""},
		{"metadata server error", "/simple/", func(s *registrytest.Server) {
			s.Fail("/packages/demo-2.0.tar.gz.metadata", registrytest.Fault{Status: 500}, registrytest.Fault{Status: 500},
				registrytest.Fault{Status: 500}, registrytest.Fault{Status: 500}, registrytest.Fault{Status: 500})
		}, "2.0", "HTTP 500", ""},
		{"metadata of another version", "/simple/", func(s *registrytest.Server) {
			md := metadataFor("demo", "1.5")
			s.Put("/packages/demo-2.0.tar.gz.metadata", registrytest.File{Body: md})
		}, "2.0", "", `metadata names the version "1.5"`},
		{"metadata missing", "/simple/", func(s *registrytest.Server) {
			s.Remove("/packages/demo-2.0.tar.gz.metadata")
		}, "2.0", "", "core metadata of demo-2.0.tar.gz: GET"},
		{"malformed metadata", "/simple/", func(s *registrytest.Server) {
			s.Put("/packages/demo-2.0.tar.gz.metadata", registrytest.File{Body: []byte("Name: demo\nVersion 2.0\n")})
		}, "2.0", "", `want "Field: value"`},
		{"no JSON API below a non-simple index", "/repo/", func(*registrytest.Server) {}, "0.9", "", "offers no JSON API"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := registrytest.New()
			defer s.Close()
			putDemo(t, s, tt.index)
			tt.setup(s)
			c := open(t, s, Options{PyPIIndex: s.URL + tt.index, Fetch: fetch.Options{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}})
			h, err := c.History(context.Background(), mustPackage(t, "PyPI:demo"))
			if err != nil {
				t.Fatal(err)
			}
			reqs, err := c.Requirements(context.Background(), h, []string{tt.version})
			if tt.wantErr != "" {
				var re *Error
				if !errors.As(err, &re) || !strings.Contains(err.Error(), tt.wantErr) || re.Version != tt.version || !re.RegistryFailure() {
					t.Errorf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v, want the requirements incomplete", err)
			}
			if !strings.Contains(reqs[0].Incomplete, tt.wantIncomplete) {
				t.Errorf("Incomplete = %q, want %q", reqs[0].Incomplete, tt.wantIncomplete)
			}
		})
	}
}

func TestNPMSemantics(t *testing.T) {
	s := registrytest.New()
	defer s.Close()
	s.Put("/npm/@inveniosoftware%2freact-invenio-forms", registrytest.File{ContentType: "application/json", Body: []byte(`{
 "name": "@inveniosoftware/react-invenio-forms",
 "dist-tags": {"latest": "2.0.0", "next": "3.0.0-beta.1"},
 "versions": {
  "1.0.0": {"name": "@inveniosoftware/react-invenio-forms", "version": "1.0.0", "deprecated": "use 2.x",
            "dependencies": {"axios": "^0.21.0", "lodash": "^4.17.0", "fsevents": "^2.0.0", "local": "file:../local"},
            "optionalDependencies": {"fsevents": "^2.0.0"}},
  "2.0.0": {"name": "@inveniosoftware/react-invenio-forms", "version": "2.0.0",
            "peerDependencies": {"react": "^16.13.0 || ^17.0.0", "react-dom": ">=16"},
            "peerDependenciesMeta": {"react-dom": {"optional": true}}},
  "3.0.0-beta.1": {"name": "@inveniosoftware/react-invenio-forms", "version": "3.0.0-beta.1", "deprecated": false},
  "10.0.0": {"name": "@inveniosoftware/react-invenio-forms", "version": "10.0.0"}
 },
 "time": {"created": "2020-01-01T00:00:00.000Z", "1.0.0": "2020-01-02T03:04:05.678Z", "2.0.0": "2021-01-01T00:00:00Z",
          "3.0.0-beta.1": "2022-01-01T00:00:00Z", "10.0.0": "2023-01-01T00:00:00Z"}
}`)})
	s.Put("/npm/gone-pkg", registrytest.File{Body: []byte(`{"name": "gone-pkg", "time": {"created": "2020-01-01T00:00:00Z",
 "unpublished": {"time": "2021-05-06T07:08:09.000Z", "versions": ["1.0.0", "1.0.1"]}}}`)})
	c := open(t, s, Options{})
	ctx := context.Background()
	hs, err := c.Histories(ctx, mustPackages(t, "npm:@inveniosoftware/react-invenio-forms", "pkg:npm/gone-pkg"))
	if err != nil {
		t.Fatal(err)
	}
	h := hs[0]
	if diff := cmp.Diff([]string{"1.0.0", "2.0.0", "3.0.0-beta.1", "10.0.0"}, versions(h)); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
	r1 := h.Releases[0]
	if r1.Deprecated != "use 2.x" || !r1.Uploaded.Equal(time.Date(2020, 1, 2, 3, 4, 5, 678e6, time.UTC)) || h.Releases[2].Deprecated != "" {
		t.Errorf("1.0.0 = %+v", r1)
	}
	reqs, err := c.Requirements(ctx, h, []string{"1.0.0", "2.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	type dep struct{ Name, Spec, Specifier, Kind string }
	var got []dep
	for _, r := range reqs {
		for _, d := range r.Dependencies {
			got = append(got, dep{d.Name, d.Spec, d.Specifier, d.Kind})
			if (d.Range == nil) != (d.Specifier == "") {
				t.Errorf("%s: Range %v, Specifier %q", d.Name, d.Range, d.Specifier)
			}
		}
	}
	if len(got) != 6 || got[0].Name != "axios" || got[2].Name != "lodash" || got[3].Kind != "optional" || got[3].Name != "fsevents" ||
		got[4].Kind != "peer" || got[5].Kind != "peer-optional" || got[1].Specifier != "" {
		t.Errorf("dependencies = %+v", got)
	}
	if h.DistTags["next"] != "3.0.0-beta.1" {
		t.Errorf("dist-tags = %v", h.DistTags)
	}
	gone := hs[1]
	if gone.Unpublished == nil || len(gone.Releases) != 0 || !cmp.Equal(gone.Unpublished.Versions, []string{"1.0.0", "1.0.1"}) {
		t.Errorf("unpublished package = %+v", gone)
	}
	if reqs := s.Requests(); reqs[0].Path != "/npm/@inveniosoftware%2freact-invenio-forms" && reqs[1].Path != "/npm/@inveniosoftware%2freact-invenio-forms" {
		t.Errorf("scoped name requested as %v", reqs)
	}
	for _, r := range s.Requests() {
		if r.Accept != "application/json" {
			t.Errorf("Accept = %q, want the full document", r.Accept)
		}
	}
}
