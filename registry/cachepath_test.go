package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/patchline/patchline/registry/fetch"
	"github.com/patchline/patchline/registry/httpcache"
)

// proxyTransport answers every request itself, as an HTTP proxy does for
// a host it resolves however it likes (here "..", which no resolver
// knows). It records the Authorization header each URL was sent with.
type proxyTransport struct {
	page     []byte
	metadata map[string][]byte // by version
	mu       sync.Mutex
	auth     map[string]string
}

func (p *proxyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	p.mu.Lock()
	p.auth[r.URL.String()] = r.Header.Get("Authorization")
	p.mu.Unlock()
	body, ctype := p.metadata["1.0"], "application/octet-stream"
	if strings.Contains(r.URL.Path, "-2.0-") {
		body = p.metadata["2.0"]
	}
	if strings.HasPrefix(r.URL.Path, "/simple/") {
		body, ctype = p.page, "application/vnd.pypi.simple.v1+json"
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {ctype}},
		Body: io.NopCloser(strings.NewReader(string(body))), ContentLength: int64(len(body)), Request: r}, nil
}

// A PyPI page whose core-metadata URL is "http://../evil/x.whl" once put
// the entry at CACHE/../evil/...: through a proxy the metadata was written
// outside the cache, and offline runs read (and dropped) files there. The
// cache path now comes from the host name checked as one, the package
// name and a digest of the URL, so nothing lands outside the cache; the
// answer is still used, the unstorable entry a warning. File URLs on
// another host than the index are followed, without the index's
// credentials.
func TestRegistryURLsCannotEscapeTheCache(t *testing.T) {
	top := t.TempDir()
	cacheDir := filepath.Join(top, "cache")
	md := map[string][]byte{}
	for _, v := range []string{"1.0", "2.0"} {
		md[v] = []byte("Metadata-Version: 2.1\nName: x\nVersion: " + v + "\nRequires-Dist: idna>=2\n\n")
	}
	files := ""
	for i, u := range []string{"http://../evil/x-1.0-py3-none-any.whl", "http://files.example.test/../../evil/x-2.0-py3-none-any.whl"} {
		files += fmt.Sprintf(`%s{"filename": "x-%d.0-py3-none-any.whl", "url": %q, "hashes": {}, "core-metadata": {"sha256": %q}}`,
			map[bool]string{true: ", "}[i > 0], i+1, u, httpcache.Sum(md[fmt.Sprintf("%d.0", i+1)]))
	}
	page := []byte(`{"meta": {"api-version": "1.1"}, "name": "x", "versions": ["1.0", "2.0"], "files": [` + files + `]}`)
	tr := &proxyTransport{page: page, metadata: md, auth: map[string]string{}}
	var warnings []string
	var mu sync.Mutex
	opts := Options{CacheDir: cacheDir, PyPIIndex: "https://alice:pw-secret@pypi.example.test/simple/"}
	opts.Fetch.Transport = tr
	opts.Fetch.CacheWarning = func(err error) { mu.Lock(); warnings = append(warnings, err.Error()); mu.Unlock() }
	c := open(t, nil, opts)
	ctx := context.Background()
	h, err := c.History(ctx, mustPackage(t, "PyPI:x"))
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := c.Requirements(ctx, h, []string{"1.0", "2.0"})
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 2 {
		t.Fatalf("%d requirement sets, want 2", len(reqs))
	}
	if _, err := os.Stat(filepath.Join(top, "evil")); !os.IsNotExist(err) {
		t.Errorf("a file was written outside the cache: %v", err)
	}
	// The page was stored; the metadata of the host ".." was not, and said so.
	if len(warnings) != 1 || !strings.Contains(warnings[0], "not a host name") {
		t.Errorf("warnings = %q, want one about the host \"..\"", warnings)
	}
	for u, a := range tr.auth {
		if strings.Contains(u, "/simple/") != (a != "") {
			t.Errorf("%s sent with Authorization %q; credentials go to the index host alone", u, a)
		}
	}

	// Offline, a planted entry outside the cache is neither read nor dropped.
	evil := filepath.Join(top, "evil", "x-1.0-py3-none-any.whl.metadata")
	if err := os.MkdirAll(evil, 0o755); err != nil {
		t.Fatal(err)
	}
	planted := map[string]string{httpcache.BodyFile: "planted", httpcache.MetaFile: "{}"}
	for name, content := range planted {
		if err := os.WriteFile(filepath.Join(evil, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts.Offline = true
	opts.Fetch.Transport = nil
	c = open(t, nil, opts)
	if h, err = c.History(ctx, mustPackage(t, "PyPI:x")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Requirements(ctx, h, []string{"1.0"}); err == nil {
		t.Errorf("offline requirements of 1.0 answered from outside the cache")
	}
	for name, content := range planted {
		if b, err := os.ReadFile(filepath.Join(evil, name)); err != nil || string(b) != content {
			t.Errorf("%s outside the cache: %q, %v", name, b, err)
		}
	}
}

// Without a home directory there is no default cache: an online run goes
// on without one, with a warning; an offline run has nothing to answer from.
func TestNoHomeDirectory(t *testing.T) {
	t.Setenv("HOME", "")
	t.Setenv("XDG_CACHE_HOME", "")
	s := newRegistry(t)
	var warnings []string
	opts := Options{Env: emptyEnv(t), PyPIIndex: s.URL + "/simple/", NPMRegistry: s.URL + "/npm/"}
	opts.Fetch.CacheWarning = func(err error) { warnings = append(warnings, err.Error()) }
	c, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.History(context.Background(), mustPackage(t, "npm:react-searchkit")); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "no cache directory") {
		t.Errorf("warnings = %q", warnings)
	}
	opts.Offline = true
	if _, err := Open(context.Background(), opts); err == nil {
		t.Error("offline without a cache directory: no error")
	}
}

// Offline, a document whose entry is there but corrupt is named with the
// reason, not only as missing.
func TestOfflineNamesCorruptEntries(t *testing.T) {
	s := newRegistry(t)
	cache := t.TempDir()
	p := mustPackage(t, "npm:react-searchkit")
	if _, err := open(t, s, Options{CacheDir: cache}).History(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	docURL, _ := url.Parse(s.URL + "/npm/react-searchkit")
	rel, err := httpcache.EntryDir(docURL, "react-searchkit")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cache, filepath.FromSlash(rel), httpcache.BodyFile), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = open(t, s, Options{CacheDir: cache, Offline: true}).Histories(context.Background(), []Package{p})
	if !errors.Is(err, fetch.ErrNotCached) || !strings.Contains(err.Error(), "npm:react-searchkit ("+docURL.String()+"): the cached entry was corrupt and has been dropped (body has 2 bytes") {
		t.Errorf("err = %v", err)
	}
}
