package registry

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/patchline/patchline/registry/config"
	"github.com/patchline/patchline/registry/registrytest"
)

// snapshot is the committed registry snapshot (cache layout).
var snapshot = filepath.Join("..", "testdata", "registry", "snapshot")

const (
	snapshotPyPI = "http://pypi.example.test/simple/"
	snapshotNPM  = "http://registry.example.test/"
)

// newRegistry serves the snapshot: PyPI at /simple/ and /packages/, npm
// below /npm/.
func newRegistry(t testing.TB) *registrytest.Server {
	return registrytest.ServeSnapshot(t, snapshot)
}

// emptyEnv is an environment with no registry configuration at all.
func emptyEnv(t testing.TB) *config.Env {
	return &config.Env{Vars: map[string]string{}, Home: t.TempDir(), Dir: t.TempDir()}
}

// open returns a client of s with fast retries; fields of opts left zero
// point at s and a fresh cache.
func open(t testing.TB, s *registrytest.Server, opts Options) *Client {
	t.Helper()
	if opts.Env == nil {
		opts.Env = emptyEnv(t)
	}
	if opts.PyPIIndex == "" && s != nil {
		opts.PyPIIndex = s.URL + "/simple/"
	}
	if opts.NPMRegistry == "" && s != nil {
		opts.NPMRegistry = s.URL + "/npm/"
	}
	if opts.CacheDir == "" {
		opts.CacheDir = t.TempDir()
	}
	if opts.Fetch.BaseDelay == 0 {
		opts.Fetch.BaseDelay = time.Millisecond
		opts.Fetch.MaxDelay = 4 * time.Millisecond
		opts.Fetch.RetryAfterCap = 10 * time.Millisecond
		opts.Fetch.ReadTimeout = 300 * time.Millisecond
	}
	c, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustPackage(t testing.TB, s string) Package {
	t.Helper()
	p, err := ParsePackage(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustPackages(t testing.TB, ss ...string) []Package {
	var ps []Package
	for _, s := range ss {
		ps = append(ps, mustPackage(t, s))
	}
	return ps
}

func versions(h *History) []string {
	var vs []string
	for _, r := range h.Releases {
		vs = append(vs, r.Version)
	}
	return vs
}
