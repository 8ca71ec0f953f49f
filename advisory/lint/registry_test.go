package lint_test

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/patchline/patchline/registry/httpcache"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/advisory/lint"
	"github.com/patchline/patchline/registry"
	"github.com/patchline/patchline/registry/config"
	"github.com/patchline/patchline/registry/registrytest"
)

// serveSnapshot serves the snapshot's PyPI pages, with release 9.1.7 of
// invenio-app-rdm yanked.
func serveSnapshot(t *testing.T) *registrytest.Server {
	t.Helper()
	s := registrytest.New()
	t.Cleanup(s.Close)
	if err := s.LoadSnapshot(snapshot, "pypi.example.test", "/"); err != nil {
		t.Fatal(err)
	}
	e, err := httpcache.New(snapshot).Get(&url.URL{Scheme: "http", Host: "pypi.example.test", Path: "/simple/invenio-app-rdm/"}, "invenio-app-rdm")
	if err != nil {
		t.Fatal(err)
	}
	body := e.Body
	var page map[string]any
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	yanked := 0
	for _, f := range page["files"].([]any) {
		f := f.(map[string]any)
		if strings.Contains(f["filename"].(string), "-9.1.7") {
			f["yanked"] = "broken static assets"
			yanked++
		}
	}
	if yanked == 0 {
		t.Fatal("no file of 9.1.7 in the snapshot")
	}
	body, _ = json.Marshal(page)
	s.Put("/simple/invenio-app-rdm/", registrytest.File{Body: body, ContentType: "application/vnd.pypi.simple.v1+json"})
	return s
}

func onlineRegistry(t *testing.T, s *registrytest.Server) *registry.Client {
	t.Helper()
	opts := registry.Options{
		PyPIIndex: s.URL + "/simple/",
		CacheDir:  t.TempDir(),
		Env:       &config.Env{Vars: map[string]string{}, Home: t.TempDir(), Dir: t.TempDir()},
	}
	opts.Fetch.BaseDelay = time.Millisecond
	opts.Fetch.MaxDelay = 4 * time.Millisecond
	c, err := registry.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// writeRecord writes the good record with its package and id replaced.
func writeRecord(t *testing.T, dir, id, pkg string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "good", "x_INVENIO-2024-0001.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), "x_INVENIO-2024-0001", id)
	s = strings.ReplaceAll(s, "invenio-app-rdm", pkg)
	if err := os.WriteFile(filepath.Join(dir, id+".json"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func messages(res *lint.Result) []string {
	var out []string
	for _, p := range res.Problems {
		out = append(out, p.Code+" "+p.Pointer+": "+p.Message)
	}
	return out
}

// A package the registry does not know (404) is a finding, and a yanked
// fix is one; a registry that fails is a registry error, and the other
// checks still report.
func TestRegistryServer(t *testing.T) {
	s := serveSnapshot(t)
	dir := t.TempDir()
	writeRecord(t, dir, "x_INVENIO-2024-0001", "invenio-app-rdm")
	writeRecord(t, dir, "x_INVENIO-2024-0002", "invenio-no-such-package")

	res, err := lint.Run(context.Background(), []string{dir}, lint.Options{Registry: onlineRegistry(t, s)})
	if err != nil {
		t.Fatal(err)
	}
	if res.RegistryErr != nil {
		t.Fatalf("registry error: %v", res.RegistryErr)
	}
	want := []string{
		`OSV020 /affected/0/ranges/0/events/1/fixed: fixed 9.1.7 of PyPI:invenio-app-rdm is yanked ("broken static assets"): a fix must be installable; name the next release that is not yanked`,
		`OSV018 /affected/0/package/name: the PyPI registry has no package "invenio-no-such-package": check the name's spelling, and that it is the name the registry publishes`,
	}
	if diff := cmp.Diff(want, messages(res)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}

	// The registry fails for one package: its checks cannot run.
	writeRecord(t, dir, "x_INVENIO-2024-0003", "invenio-communities")
	for range 10 {
		s.Fail("/simple/invenio-communities/", registrytest.Fault{Status: http.StatusServiceUnavailable})
	}
	res, err = lint.Run(context.Background(), []string{dir}, lint.Options{Registry: onlineRegistry(t, s)})
	if err != nil {
		t.Fatal(err)
	}
	var re *registry.Error
	if !errors.As(res.RegistryErr, &re) || re.Package.Name != "invenio-communities" {
		t.Fatalf("registry error %v, want one for invenio-communities", res.RegistryErr)
	}
	if len(res.Problems) < 2 {
		t.Errorf("the other packages' problems are lost: %v", messages(res))
	}
}

// Offline, a package missing from the cache is a registry error that
// names it, not a finding.
func TestRegistryOfflineMissing(t *testing.T) {
	dir := t.TempDir()
	writeRecord(t, dir, "x_INVENIO-2024-0002", "invenio-no-such-package")
	res, err := lint.Run(context.Background(), []string{dir}, lint.Options{Registry: offlineRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.RegistryErr == nil || !strings.Contains(res.RegistryErr.Error(), "invenio-no-such-package") {
		t.Errorf("registry error %v, want one naming the package", res.RegistryErr)
	}
}

// A report on a package the registry does not know (404) is a finding
// at the package's entry, not a registry failure.
func TestReportUnknownPackage(t *testing.T) {
	s := registrytest.ServeSnapshot(t, snapshot)
	dir := t.TempDir()
	rep := "summary: misspelt\naffected:\n  - package: PyPI:jinja22\n    fixed: [3.1.4]\n"
	if err := os.WriteFile(filepath.Join(dir, "misspelt.yaml"), []byte(rep), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := registry.Options{PyPIIndex: s.URL + "/simple/", NPMRegistry: s.URL + "/npm/", CacheDir: t.TempDir(),
		Env: &config.Env{Vars: map[string]string{}, Home: t.TempDir(), Dir: t.TempDir()}}
	c, err := registry.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), []string{filepath.Join(dir, "misspelt.yaml")}, lint.Options{Registry: c, Policy: loadPolicy})
	if err != nil {
		t.Fatal(err)
	}
	if res.RegistryErr != nil {
		t.Fatalf("registry error: %v", res.RegistryErr)
	}
	msgs := messages(res)
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0], "LINT005 : PyPI:jinja22: no such package on "+s.URL+"/simple/") {
		t.Errorf("problems = %q, want one LINT005 naming the package and the index", msgs)
	}
	if p := res.Problems[0]; p.Line != 3 {
		t.Errorf("problem at line %d, want 3 (the package entry)", p.Line)
	}
}
