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

	"github.com/patchline/patchline/registry/config"
	"github.com/patchline/patchline/registry/fetch"
	"github.com/patchline/patchline/registry/registrytest"
)

// openPip opens a client configured as pip is through the environment
// (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, ...), with no --pypi-index.
func openPip(t *testing.T, vars map[string]string) *Client {
	t.Helper()
	vars["PIP_CONFIG_FILE"] = os.DevNull
	c, err := Open(context.Background(), Options{CacheDir: t.TempDir(),
		Env:   &config.Env{Vars: vars, Home: t.TempDir(), Dir: t.TempDir()},
		Fetch: fetchFast})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// An extra index is read as pip reads it: its pages merged with the
// index's, every file counting, each release saying where it came from;
// a package on the extra index alone is found; one on neither names both.
func TestExtraIndexURL(t *testing.T) {
	s := registrytest.New()
	t.Cleanup(s.Close)
	black, err := os.ReadFile(filepath.Join(field, "simple", "black.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The mirror has 19.10b0, the private index 21.11b0 (the recorded page
	// split in two).
	s.PutRecordedPage(t, field, "/mirror/black/", "application/vnd.pypi.simple.v1+json", registrytest.WithoutFilesOf(t, black, "21.11b0"))
	s.PutRecordedPage(t, field, "/private/black/", "text/html", registrytest.RenderHTML(t, registrytest.WithoutFilesOf(t, black, "19.10b0")))
	isort, err := os.ReadFile(filepath.Join(field, "simple", "isort.json"))
	if err != nil {
		t.Fatal(err)
	}
	s.PutRecordedPage(t, field, "/private/isort/", "application/vnd.pypi.simple.v1+json", isort)
	mirror, private := s.URL+"/mirror/", s.URL+"/private/"
	c := openPip(t, map[string]string{"PIP_INDEX_URL": mirror, "PIP_EXTRA_INDEX_URL": private})
	ctx := context.Background()

	h, err := c.History(ctx, mustPackage(t, "PyPI:black"))
	if err != nil {
		t.Fatal(err)
	}
	type rel struct {
		Version string
		Files   int
		Indexes []string
	}
	var got []rel
	for _, r := range h.All() {
		got = append(got, rel{r.Version, r.Files, r.Indexes})
	}
	want := []rel{{"19.10b0", 2, []string{mirror}}, {"21.11b0", 2, []string{mirror, private}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("black (-want +got):\n%s", diff)
	}
	// 21.11b0's files are the private index's: its metadata is read there.
	reqs, err := c.Requirements(ctx, h, []string{"21.11b0"})
	if err != nil || !strings.HasPrefix(reqs[0].Provenance.URL, s.URL+"/packages/") || len(reqs[0].Dependencies) == 0 {
		t.Errorf("21.11b0: %+v, %v", reqs, err)
	}

	h, err = c.History(ctx, mustPackage(t, "PyPI:isort"))
	if err != nil || len(h.Releases) != 1 || !cmp.Equal(h.Releases[0].Indexes, []string{private}) {
		t.Errorf("isort, on the private index only: %v, %v", h, err)
	}

	_, err = c.History(ctx, mustPackage(t, "PyPI:no-such-project"))
	var up *UnknownPackageError
	if !errors.As(err, &up) || !strings.Contains(err.Error(), "no such package on "+mirror+" nor on "+private) {
		t.Errorf("unknown everywhere: %v", err)
	}

	// An index that fails fails the history: a part of the indexes would
	// give a part of the releases.
	for range 10 {
		s.Fail("/private/black/", registrytest.Fault{Status: 503})
	}
	_, err = openPip(t, map[string]string{"PIP_INDEX_URL": mirror, "PIP_EXTRA_INDEX_URL": private}).History(ctx, mustPackage(t, "PyPI:black"))
	var re *Error
	if !errors.As(err, &re) || !re.RegistryFailure() || !strings.Contains(err.Error(), "/private/black/") {
		t.Errorf("extra index failing: %v", err)
	}
}

var fetchFast = fetch.Options{BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, RetryAfterCap: 10 * time.Millisecond}

// pip's cert (PIP_CERT) and npm's cafile and ca are the CAs each
// ecosystem's requests trust, instead of the system's.
func TestConfiguredCAs(t *testing.T) {
	s := registrytest.NewTLS()
	t.Cleanup(s.Close)
	s.Put("/simple/demo/", registrytest.File{ContentType: "application/vnd.pypi.simple.v1+json",
		Body: []byte(`{"meta": {"api-version": "1.1"}, "name": "demo", "versions": ["1.0"], "files": [{"filename": "demo-1.0.tar.gz", "url": "demo-1.0.tar.gz", "hashes": {}, "upload-time": "2024-01-01T00:00:00Z"}]}`)})
	s.Put("/npm/demo", registrytest.File{ContentType: "application/json",
		Body: []byte(`{"name": "demo", "versions": {"1.0.0": {"name": "demo", "version": "1.0.0"}}, "time": {"1.0.0": "2024-01-01T00:00:00Z"}}`)})
	dir := t.TempDir()
	bundle := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(bundle, s.CertPEM(), 0o644); err != nil {
		t.Fatal(err)
	}
	inline := strings.ReplaceAll(strings.TrimSpace(string(s.CertPEM())), "\n", `\n`)
	ctx := context.Background()
	history := func(vars map[string]string, npmrc, pkg string) error {
		t.Helper()
		home := t.TempDir()
		if err := os.WriteFile(filepath.Join(home, ".npmrc"), []byte(npmrc), 0o644); err != nil {
			t.Fatal(err)
		}
		vars["PIP_CONFIG_FILE"] = os.DevNull
		vars["PIP_INDEX_URL"] = s.URL + "/simple/"
		vars["NPM_CONFIG_REGISTRY"] = s.URL + "/npm/"
		c, err := Open(ctx, Options{CacheDir: t.TempDir(), Env: &config.Env{Vars: vars, Home: home, Dir: t.TempDir()}, Fetch: fetchFast})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.History(ctx, mustPackage(t, pkg))
		return err
	}
	for _, tt := range []struct {
		name  string
		vars  map[string]string
		npmrc string
		pkg   string
		ok    bool
	}{
		{"PyPI, system CAs", map[string]string{}, "", "PyPI:demo", false},
		{"PIP_CERT", map[string]string{"PIP_CERT": bundle}, "", "PyPI:demo", true},
		{"npm, system CAs", map[string]string{}, "", "npm:demo", false},
		{"npm cafile", map[string]string{}, "cafile=" + bundle + "\n", "npm:demo", true},
		{"npm ca", map[string]string{}, `ca="` + inline + `"` + "\n", "npm:demo", true},
		{"npm ca[]", map[string]string{}, `ca[]="` + inline + `"` + "\n", "npm:demo", true},
		{"pip's cert is not npm's", map[string]string{"PIP_CERT": bundle}, "", "npm:demo", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := history(tt.vars, tt.npmrc, tt.pkg)
			if tt.ok && err != nil {
				t.Fatal(err)
			}
			if !tt.ok && (err == nil || !strings.Contains(err.Error(), "certificate")) {
				t.Fatalf("err = %v, want a certificate error", err)
			}
		})
	}
	// A bundle without a certificate is the configuration at fault.
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := history(map[string]string{"PIP_CERT": notPEM}, "", "PyPI:demo")
	var rf interface{ RegistryFailure() bool }
	if err == nil || !strings.Contains(err.Error(), "PIP_CERT (cert) "+notPEM+": no PEM certificate") || !errors.As(err, &rf) || rf.RegistryFailure() {
		t.Errorf("a bundle without a certificate: %v", err)
	}
}

// BenchmarkFindRegistries is the overhead of finding both registries on
// the machine's own configuration, as a run does before its first
// request: pip's files (this machine's /etc/pip.conf names the system CA
// bundle, which is then parsed) and npm's, npm's answer remembered.
func BenchmarkFindRegistries(b *testing.B) {
	env, err := config.OSEnv()
	if err != nil {
		b.Fatal(err)
	}
	env.StateDir = b.TempDir()
	cache := b.TempDir()
	ctx := context.Background()
	// The first run asks npm (when no npmrc names a registry) and
	// remembers; the runs measured are the ones after it.
	if _, err := config.LoadNPM(ctx, env, ""); err != nil && !errors.Is(err, config.ErrNoNPMRegistry) {
		b.Fatal(err)
	}
	for b.Loop() {
		c, err := Open(ctx, Options{CacheDir: cache, Env: &env})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.pipConfig(); err != nil {
			b.Fatal(err)
		}
		if _, err := c.npmConfig(ctx); err != nil && !errors.Is(err, config.ErrNoNPMRegistry) {
			b.Fatal(err)
		}
	}
}
