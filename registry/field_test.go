package registry

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/registry/pypi"
	"github.com/patchline/patchline/registry/registrytest"
)

// field holds recorded PyPI answers (see its README).
var field = filepath.Join("testdata", "field")

// serveRecordedPage serves the recorded page simple/FILE.json, changed by
// edit when not nil, as the project page of the project FILE starts with.
func serveRecordedPage(t *testing.T, file string, edit func([]byte) []byte) *registrytest.Server {
	t.Helper()
	s := registrytest.New()
	t.Cleanup(s.Close)
	body, err := os.ReadFile(filepath.Join(field, "simple", file+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		body = edit(body)
	}
	project, _, _ := strings.Cut(file, "-")
	s.PutRecordedPage(t, field, "/simple/"+project+"/", "application/vnd.pypi.simple.v1+json", body)
	return s
}

// recordedRequirements reads the requirements of one release from the
// recorded pages served in the given form.
func recordedRequirements(t *testing.T, form, pkg, version string) *Requirements {
	t.Helper()
	c := open(t, registrytest.ServeRecorded(t, field, form), Options{})
	ctx := context.Background()
	h, err := c.History(ctx, mustPackage(t, pkg))
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := c.Requirements(ctx, h, []string{version})
	if err != nil {
		t.Fatalf("%s %s: %v", pkg, version, err)
	}
	return reqs[0]
}

// A malformed Requires-Dist (ipython 4.1.0rc1's real "setuptools
// (>=18.5decorator)") is skipped with its reason; the other requirements
// are read.
func TestRecordedMalformedRequirement(t *testing.T) {
	r := recordedRequirements(t, registrytest.JSONPages, "PyPI:ipython", "4.1.0rc1")
	if len(r.Skipped) != 1 || r.Skipped[0].Spec != "setuptools (>=18.5decorator)" || r.Skipped[0].Reason == "" {
		t.Errorf("Skipped = %+v, want the setuptools requirement", r.Skipped)
	}
	var names []string
	for _, d := range r.Dependencies {
		if len(d.ForExtras) == 0 {
			names = append(names, d.Name)
		}
	}
	if diff := cmp.Diff([]string{"pickleshare", "simplegeneric", "traitlets", "pexpect", "appnope", "gnureadline"}, names); diff != "" {
		t.Errorf("dependencies (-want +got):\n%s", diff)
	}
	if w := strings.Join(r.Warnings(), "\n"); !strings.Contains(w, `PyPI:ipython 4.1.0rc1: requirement "setuptools (>=18.5decorator)" skipped`) {
		t.Errorf("Warnings = %q", w)
	}
	if r.Incomplete != "" || !r.Partial() {
		t.Errorf("Incomplete %q, Partial %v", r.Incomplete, r.Partial())
	}
}

// pyyaml's page lists the version "3.13.0" (PEP 700) while every file is
// named "3.13": one release, both spellings, all eleven files, uploaded
// when its first file was; at a date before that it does not exist.
func TestRecordedEqualSpellings(t *testing.T) {
	s := registrytest.ServeRecorded(t, field, registrytest.JSONPages)
	ctx := context.Background()
	h, err := open(t, s, Options{}).History(ctx, mustPackage(t, "PyPI:PyYAML"))
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Releases) != 1 || len(h.WithoutFiles) != 0 {
		t.Fatalf("releases %v, without files %v; want one release", versions(h), h.WithoutFiles)
	}
	r := h.Releases[0]
	if r.Version != "3.13" || !cmp.Equal(r.Spellings, []string{"3.13", "3.13.0"}) || r.Files != 11 ||
		!r.Uploaded.Equal(time.Date(2018, 7, 5, 22, 52, 16, 800539000, time.UTC)) {
		t.Errorf("release = %+v", r)
	}
	for _, v := range []string{"3.13", "3.13.0", "3.13.0.0"} {
		if got, err := h.Release(v); err != nil || got != r {
			t.Errorf("Release(%s) = %v, %v", v, got, err)
		}
	}
	before, err := open(t, s, Options{Until: time.Date(2018, 7, 1, 0, 0, 0, 0, time.UTC)}).History(ctx, mustPackage(t, "PyPI:pyyaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Releases) != 0 {
		t.Errorf("before 2018-07-05: releases %v, want none", versions(before))
	}
}

// black 21.11b0 served as a PEP 700 version without files (the recorded
// page with that release's files taken out): kept in WithoutFiles, not
// among the releases, and its requirements are unknown without a request.
func TestRecordedFilelessRelease(t *testing.T) {
	s := serveRecordedPage(t, "black", func(b []byte) []byte { return registrytest.WithoutFilesOf(t, b, "21.11b0") })
	c := open(t, s, Options{})
	ctx := context.Background()
	h, err := c.History(ctx, mustPackage(t, "PyPI:black"))
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(versions(h), []string{"19.10b0"}) || len(h.WithoutFiles) != 1 || h.WithoutFiles[0].Version != "21.11b0" {
		t.Fatalf("releases %v, without files %v", versions(h), h.WithoutFiles)
	}
	n := len(s.Requests())
	reqs, err := c.Requirements(ctx, h, []string{"21.11b0"})
	if err != nil || reqs[0].Incomplete != "the release has no files" {
		t.Fatalf("Requirements(21.11b0) = %+v, %v", reqs, err)
	}
	if len(s.Requests()) != n {
		t.Errorf("metadata of a release without files was fetched")
	}
}

// An index without upload times (black's page as PyPI served it at API
// version 1.0) cannot answer for a past date: the history is refused with
// the reason, never cut silently; without --as-of, or as of today, it
// reads.
func TestRecordedNoUploadTimes(t *testing.T) {
	s := serveRecordedPage(t, "black-api-1.0", nil)
	ctx := context.Background()
	p := mustPackage(t, "PyPI:black")
	_, err := open(t, s, Options{Until: time.Date(2020, 1, 1, 23, 59, 59, 0, time.UTC)}).History(ctx, p)
	var ue *UndatedError
	if !errors.As(err, &ue) || !cmp.Equal(ue.Versions, []string{"19.10b0", "21.11b0"}) ||
		!strings.Contains(err.Error(), "cannot read the history as of 2020-01-01") || !strings.Contains(err.Error(), "no upload time for 19.10b0, 21.11b0") {
		t.Fatalf("err = %v, want an UndatedError", err)
	}
	var rf interface{ RegistryFailure() bool }
	if errors.As(err, &rf) && rf.RegistryFailure() {
		t.Error("an index without upload times is taken for an outage")
	}
	for _, until := range []time.Time{{}, time.Now().Add(24 * time.Hour)} {
		h, err := open(t, s, Options{Until: until}).History(ctx, p)
		if err != nil || len(h.Releases) != 2 {
			t.Errorf("until %v: %v, %v", until, h, err)
		}
	}
}

// A release's upload time is its earliest file's, installers included
// (numpy 1.5.0's Windows installers went up before its sdist; file names
// as PyPI lists them, times made up for the test).
func TestUploadTimeOfInstallers(t *testing.T) {
	s := registrytest.New()
	t.Cleanup(s.Close)
	s.Put("/simple/numpy/", registrytest.File{ContentType: "application/vnd.pypi.simple.v1+json", Body: []byte(`{"meta": {"api-version": "1.1"}, "name": "numpy", "versions": ["1.5.0"], "files": [
 {"filename": "numpy-1.5.0.tar.gz", "url": "/p/numpy-1.5.0.tar.gz", "hashes": {}, "upload-time": "2010-09-14T00:00:00Z"},
 {"filename": "numpy-1.5.0-win32-superpack-python2.6.exe", "url": "/p/a.exe", "hashes": {}, "upload-time": "2010-08-31T00:00:00Z"},
 {"filename": "numpy-1.5.0.win32-py2.6.msi", "url": "/p/a.msi", "hashes": {}, "upload-time": "2010-09-01T00:00:00Z"}]}`)})
	h, err := open(t, s, Options{}).History(context.Background(), mustPackage(t, "PyPI:numpy"))
	if err != nil {
		t.Fatal(err)
	}
	if r := h.Releases[0]; r.Files != 3 || !r.Uploaded.Equal(time.Date(2010, 8, 31, 0, 0, 0, 0, time.UTC)) || len(h.Invalid) != 0 {
		t.Errorf("release %+v, invalid %v; want 3 files, uploaded 2010-08-31", r, h.Invalid)
	}
}

// isort 4.3.4 has a py2-only wheel (whose name sorts first) requiring
// futures unconditionally, and a py3 wheel requiring it only on Python
// 2.7: the requirements are the py3 wheel's, as pip on CPython 3 installs.
func TestRecordedWheelChoice(t *testing.T) {
	r := recordedRequirements(t, registrytest.JSONPages, "PyPI:isort", "4.3.4")
	if !strings.HasSuffix(r.Provenance.URL, "/isort-4.3.4-py3-none-any.whl.metadata") {
		t.Errorf("read %s, want the py3 wheel's metadata", r.Provenance.URL)
	}
	for _, d := range r.Dependencies {
		if d.Name == "futures" && d.Marker == "" {
			t.Errorf("futures required on every Python: %+v", d)
		}
	}
}

func TestMetadataFileChoice(t *testing.T) {
	md := &pypi.MetadataRef{Available: true}
	files := func(names ...string) []indexedFile {
		var fs []indexedFile
		for _, n := range names {
			fs = append(fs, indexedFile{File: pypi.File{Filename: n, CoreMetadata: md}})
		}
		return fs
	}
	for _, tt := range []struct {
		files []indexedFile
		want  string
	}{
		{files("isort-4.3.4-py2-none-any.whl", "isort-4.3.4-py3-none-any.whl", "isort-4.3.4.tar.gz"), "isort-4.3.4-py3-none-any.whl"},
		{files("ipython-4.1.0rc1-py2.py3-none-any.whl", "ipython-4.1.0rc1.tar.gz"), "ipython-4.1.0rc1-py2.py3-none-any.whl"},
		{files("PyYAML-3.13-cp27-cp27m-win32.whl", "PyYAML-3.13-cp37-cp37m-win32.whl"), "PyYAML-3.13-cp37-cp37m-win32.whl"},
		{files("x-1.0-cp27-cp27mu-manylinux1_x86_64.whl", "x-1.0.tar.gz"), "x-1.0.tar.gz"},
		{files("x-1.0-py2-none-any.whl"), "x-1.0-py2-none-any.whl"},
		{files("black-19.10b0-py36-none-any.whl"), "black-19.10b0-py36-none-any.whl"},
	} {
		got, ok := metadataFile(tt.files)
		if !ok || got.Filename != tt.want {
			t.Errorf("metadataFile(%v) = %s, want %s", tt.files, got.Filename, tt.want)
		}
	}
}

// The same recorded data served as PEP 503 HTML reads as the PEP 691
// pages do, but for what HTML cannot carry: upload times and the PEP 700
// list of versions (pyyaml's "3.13.0" spelling).
func TestRecordedHTMLMatchesJSON(t *testing.T) {
	ctx := context.Background()
	read := func(form, pkg string) (*History, []*Requirements) {
		c := open(t, registrytest.ServeRecorded(t, field, form), Options{})
		h, err := c.History(ctx, mustPackage(t, pkg))
		if err != nil {
			t.Fatalf("%s %s: %v", form, pkg, err)
		}
		reqs, err := c.Requirements(ctx, h, versions(h))
		if err != nil {
			t.Fatalf("%s %s: %v", form, pkg, err)
		}
		return h, reqs
	}
	type rel struct {
		Version      string
		Files        int
		Yanked       bool
		YankedReason string
		Deps         string
		Skipped      int
	}
	summary := func(h *History, reqs []*Requirements) []rel {
		var out []rel
		for i, r := range h.Releases {
			var deps []string
			for _, d := range reqs[i].Dependencies {
				deps = append(deps, d.Spec)
			}
			out = append(out, rel{r.Version, r.Files, r.Yanked, r.YankedReason, strings.Join(deps, " | "), len(reqs[i].Skipped)})
		}
		return out
	}
	for _, pkg := range []string{"PyPI:black", "PyPI:ipython", "PyPI:isort", "PyPI:pyyaml"} {
		jh, jr := read(registrytest.JSONPages, pkg)
		hh, hr := read(registrytest.RenderedHTMLPages, pkg)
		if diff := cmp.Diff(summary(jh, jr), summary(hh, hr)); diff != "" {
			t.Errorf("%s: JSON and HTML differ (-json +html):\n%s", pkg, diff)
		}
		if hh.Provenance.Source != SourceSimpleHTML || jh.Provenance.Source != SourceSimpleJSON {
			t.Errorf("%s: sources %s and %s", pkg, jh.Provenance.Source, hh.Provenance.Source)
		}
		for _, r := range hh.Releases {
			if !r.Uploaded.IsZero() || r.Spellings != nil {
				t.Errorf("%s %s from HTML: uploaded %v, spellings %v", pkg, r.Version, r.Uploaded, r.Spellings)
			}
		}
	}
	// The recorded HTML pages read too (they hold other files than the
	// JSON pages: Poetry recorded them at other times).
	h, _ := read(registrytest.HTMLPages, "PyPI:pyyaml")
	if diff := cmp.Diff([]string{"3.13", "4.2b2"}, versions(h)); diff != "" {
		t.Errorf("pyyaml.html (-want +got):\n%s", diff)
	}
}

// Project pages are asked for with pip's preference, JSON first and HTML
// last, whichever form the index then serves; the answer is read by its
// Content-Type.
func TestProjectPageAccept(t *testing.T) {
	const want = "application/vnd.pypi.simple.v1+json, text/html;q=0.01"
	for _, form := range []string{registrytest.JSONPages, registrytest.RenderedHTMLPages} {
		s := registrytest.ServeRecorded(t, field, form)
		if _, err := open(t, s, Options{}).History(context.Background(), mustPackage(t, "PyPI:black")); err != nil {
			t.Fatalf("%s: %v", form, err)
		}
		var pages int
		for _, r := range s.Requests() {
			if r.Path == "/simple/black/" {
				pages++
				if r.Accept != want {
					t.Errorf("%s: Accept = %q, want %q", form, r.Accept, want)
				}
			}
		}
		if pages != 1 {
			t.Errorf("%s: %d requests for the project page, want 1", form, pages)
		}
	}
}

// celery 4's "pytz (>dev)" (in its wheels' core metadata and in the JSON
// API's requires_dist; the requirements below are those a celery 4 wheel
// declares, in a page made for the test) is skipped with a warning naming
// the release and the string, whichever source gave it; the others count.
func TestMalformedRequirementCelery(t *testing.T) {
	reqs := []string{"pytz (>dev)", "billiard (<4.0,>=3.6.0)", "kombu (<5.0,>=4.4.0)", "vine (>=1.3.0)"}
	md := "Metadata-Version: 2.1\nName: celery\nVersion: 4.3.0\nRequires-Dist: " + strings.Join(reqs, "\nRequires-Dist: ") + "\n\n"
	api := `{"info": {"name": "celery", "version": "4.3.0", "requires_dist": ["` + strings.Join(reqs, `", "`) + `"]}}`
	for _, tt := range []struct {
		name, coreMetadata string
		source             Source
	}{
		{"core metadata", `"core-metadata": true, `, SourceCoreMetadata},
		{"JSON API", "", SourceJSONAPI},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := registrytest.New()
			t.Cleanup(s.Close)
			s.Put("/simple/celery/", registrytest.File{ContentType: "application/vnd.pypi.simple.v1+json", Body: []byte(`{"meta": {"api-version": "1.1"}, "name": "celery", "versions": ["4.3.0"], "files": [
 {"filename": "celery-4.3.0-py2.py3-none-any.whl", "url": "/packages/celery-4.3.0-py2.py3-none-any.whl", "hashes": {}, ` + tt.coreMetadata + `"upload-time": "2019-03-31T00:00:00Z"}]}`)})
			s.Put("/packages/celery-4.3.0-py2.py3-none-any.whl.metadata", registrytest.File{Body: []byte(md)})
			s.Put("/pypi/celery/4.3.0/json", registrytest.File{ContentType: "application/json", Body: []byte(api)})
			c := open(t, s, Options{})
			ctx := context.Background()
			h, err := c.History(ctx, mustPackage(t, "PyPI:celery"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Requirements(ctx, h, []string{"4.3.0"})
			if err != nil {
				t.Fatalf("a malformed requirement fails the release: %v", err)
			}
			r := got[0]
			var names []string
			for _, d := range r.Dependencies {
				names = append(names, d.Name)
			}
			if r.Provenance.Source != tt.source || r.Incomplete != "" || !cmp.Equal(names, []string{"billiard", "kombu", "vine"}) {
				t.Errorf("read from %s: dependencies %v, incomplete %q", r.Provenance.Source, names, r.Incomplete)
			}
			if w := strings.Join(r.Warnings(), "\n"); !strings.HasPrefix(w, `PyPI:celery 4.3.0: requirement "pytz (>dev)" skipped: `) || strings.Count(w, "\n") != 0 {
				t.Errorf("Warnings = %q, want one naming the release and the string", w)
			}
		})
	}
}
