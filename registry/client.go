package registry

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/config"
	"github.com/patchline/patchline/registry/fetch"
	"github.com/patchline/patchline/registry/httpcache"
	"github.com/patchline/patchline/registry/internal/memo"
	"github.com/patchline/patchline/registry/pypi"
)

// Options are the registry settings of the command line. Zero values mean
// the documented defaults.
type Options struct {
	// PyPIIndex and NPMRegistry override the ecosystems' configuration
	// (--pypi-index, --npm-registry).
	PyPIIndex, NPMRegistry string
	// CacheDir is the cache directory (--cache-dir); "" means
	// $XDG_CACHE_HOME/patchline.
	CacheDir string
	// Offline answers from the cache alone (--offline).
	Offline bool
	// MaxAge skips revalidation of younger cache entries (--max-age).
	MaxAge time.Duration
	// Concurrency bounds requests per host (--concurrency, default 8).
	Concurrency int
	// MaxResponseSize caps a response (--max-response-size, 64 MiB).
	MaxResponseSize int64
	// Env is the environment configuration is read from; nil means the
	// process's own.
	Env *config.Env
	// Progress is called once per document answered.
	Progress func(u *url.URL, o fetch.Origin)
	// Until, when set, reads histories as they stood at that instant:
	// releases uploaded after it are left out, so that an analysis at a
	// past date does not count releases that did not exist yet. A past
	// instant is refused (UndatedError) for a history with releases
	// without an upload time: whether they existed then is unknown.
	Until time.Time
	// Fetch tunes the HTTP layer further (timeouts, retries, transport).
	// Its Cache, Offline, MaxAge, Concurrency, MaxResponseSize and
	// Progress fields are taken from the options above.
	Fetch fetch.Options
}

// Client reads release histories. It is safe for concurrent use; within
// one Client no URL is requested twice.
type Client struct {
	f   *fetch.Fetcher
	env config.Env
	opt Options

	pipOnce sync.Once
	pip     *config.PyPI
	pipErr  error
	pipCAs  func() (*x509.CertPool, error) // pip's cert; nil: the system's

	npmOnce sync.Once
	npm     *config.NPM
	npmErr  error
	npmCAs  func() (*x509.CertPool, error) // npm's cafile or ca; nil: the system's

	// pep508 parses each distinct Requires-Dist string once per Client.
	pep508 pypi.Requirements
	// deps converts each distinct requirement into a Dependency once.
	deps pypiDeps
	// npmRanges reads each distinct npm dependency spec once.
	npmRanges memo.Table[string, npmRange]
}

// Open prepares a Client. Registry configuration is read when a package of
// that ecosystem is first asked for, so that a PyPI-only run never asks
// npm for its registry.
func Open(ctx context.Context, opts Options) (*Client, error) {
	var env config.Env
	if opts.Env != nil {
		env = *opts.Env
	} else {
		var err error
		if env, err = config.OSEnv(); err != nil {
			return nil, err
		}
	}
	fo := opts.Fetch
	dir := opts.CacheDir
	if dir == "" {
		var err error
		if dir, err = httpcache.DefaultDir(); err != nil {
			// Without a home directory there is no cache to answer from,
			// but an online run needs none.
			if opts.Offline || fo.CacheWarning == nil {
				return nil, err
			}
			fo.CacheWarning(err)
		}
	}
	if dir != "" {
		fo.Cache = httpcache.New(dir)
		if env.StateDir == "" {
			// Beside the cache's host directories: "_" never starts one.
			env.StateDir = filepath.Join(dir, "_state")
		}
	}
	fo.Offline = opts.Offline
	fo.MaxAge = opts.MaxAge
	fo.Concurrency = opts.Concurrency
	fo.MaxResponseSize = opts.MaxResponseSize
	fo.Progress = opts.Progress
	return &Client{f: fetch.New(fo), env: env, opt: opts}, nil
}

// Secrets returns the credentials of the registry configuration read so
// far (pip's and npm's), for masking: a configuration not read yet has
// given nothing that could be printed.
func (c *Client) Secrets() []string {
	var out []string
	if c.pip != nil {
		for _, cr := range c.pip.Credentials {
			out = append(out, cr.Secrets()...)
		}
	}
	if c.npm != nil {
		out = append(out, c.npm.Secrets()...)
	}
	return out
}

// Stats reports what the HTTP layer did so far.
func (c *Client) Stats() fetch.Stats { return c.f.Stats() }

func (c *Client) pipConfig() (*config.PyPI, error) {
	c.pipOnce.Do(func() {
		c.pip, c.pipErr = config.PipIndex(c.env, c.opt.PyPIIndex)
		if c.pipErr == nil && c.pip.Cert != "" {
			path, source := c.pip.Cert, c.pip.CertSource+" (cert)"
			c.pipCAs = sync.OnceValues(func() (*x509.CertPool, error) { return certFile(path, source) })
		}
	})
	return c.pip, c.pipErr
}

func (c *Client) npmConfig(ctx context.Context) (*config.NPM, error) {
	c.npmOnce.Do(func() {
		c.npm, c.npmErr = config.LoadNPM(ctx, c.env, c.opt.NPMRegistry)
		if c.npmErr == nil && len(c.npm.CA) > 0 {
			pem, source := c.npm.CA, c.npm.CASource
			c.npmCAs = sync.OnceValues(func() (*x509.CertPool, error) { return certPool(pem, source) })
		}
	})
	return c.npm, c.npmErr
}

// PyPIIndex returns the index URL in use and where it was configured.
func (c *Client) PyPIIndex() (string, string, error) {
	p, err := c.pipConfig()
	if err != nil {
		return "", "", err
	}
	return p.IndexURL, p.Source, nil
}

// History reads the release history of one package (up to Options.Until,
// when set).
func (c *Client) History(ctx context.Context, p Package) (*History, error) {
	var h *History
	var err error
	switch p.Ecosystem {
	case "PyPI":
		h, err = c.pypiHistory(ctx, p)
	case "npm":
		h, err = c.npmHistory(ctx, p)
	default:
		return nil, fmt.Errorf("%s: no registry support for ecosystem %q", p, p.Ecosystem)
	}
	if err != nil || c.opt.Until.IsZero() {
		return h, err
	}
	if c.opt.Until.Before(c.now()) {
		if undated := h.undated(); len(undated) > 0 {
			return nil, &UndatedError{Package: p, URL: h.Provenance.URL, Until: c.opt.Until, Versions: undated}
		}
	}
	return h.until(c.opt.Until), nil
}

func (c *Client) now() time.Time {
	if c.opt.Fetch.Now != nil {
		return c.opt.Fetch.Now()
	}
	return time.Now()
}

// undated lists the releases without an upload time.
func (h *History) undated() []string {
	var out []string
	for _, r := range h.Releases {
		if r.Uploaded.IsZero() {
			out = append(out, r.Version)
		}
	}
	return out
}

// until returns the history without the releases uploaded after t. Every
// release must have an upload time (History refuses a past t otherwise).
func (h *History) until(t time.Time) *History {
	keep := make([]*Release, 0, len(h.Releases))
	for _, r := range h.Releases {
		if r.Uploaded.IsZero() || !r.Uploaded.After(t) {
			keep = append(keep, r)
		}
	}
	if len(keep) == len(h.Releases) {
		return h
	}
	cut := *h
	cut.Releases = keep
	return &cut
}

// Histories reads several release histories concurrently, in the order of
// ps. It fails when any fails; offline, the error names every package
// whose document is missing from the cache, not only the first.
func (c *Client) Histories(ctx context.Context, ps []Package) ([]*History, error) {
	out := make([]*History, len(ps))
	errs := make([]error, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = c.History(ctx, p)
		}()
	}
	wg.Wait()
	if err := collect(errs); err != nil {
		return nil, err
	}
	return out, nil
}

// Requirements returns the requirements of the given versions of h's
// package, in the order asked, fetching what is needed concurrently. A
// version is matched by its string as published or, failing that, by
// version equality (PyPI "1.0" finds "1.0.0"). Offline, the error names
// every release whose metadata is missing.
func (c *Client) Requirements(ctx context.Context, h *History, versions []string) ([]*Requirements, error) {
	rels := make([]*Release, len(versions))
	for i, v := range versions {
		r, err := h.Release(v)
		if err != nil {
			return nil, err
		}
		rels[i] = r
	}
	out := make([]*Requirements, len(rels))
	errs := make([]error, len(rels))
	var todo []int
	for i, r := range rels {
		if r.reqs != nil {
			out[i] = r.reqs
			continue
		}
		todo = append(todo, i)
	}
	// A few workers rather than a goroutine per release: the fetcher
	// bounds requests per host anyway, and answers from the cache are
	// work for the CPUs, for which hundreds of fresh goroutine stacks
	// only add growth and scheduling.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(todo), c.requirementWorkers()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(todo) {
					return
				}
				i := todo[k]
				out[i], errs[i] = c.pypiRequirements(ctx, h, rels[i])
			}
		}()
	}
	wg.Wait()
	if err := collect(errs); err != nil {
		return nil, err
	}
	return out, nil
}

// requirementWorkers is how many releases' requirements one Requirements
// call reads at once: twice the per-host concurrency, so that parsing
// overlaps waiting on the network.
func (c *Client) requirementWorkers() int {
	if c.opt.Concurrency > 0 {
		return 2 * c.opt.Concurrency
	}
	return 2 * fetch.DefaultConcurrency
}

// All returns the releases with and without files, in ascending order.
func (h *History) All() []*Release {
	if len(h.WithoutFiles) == 0 {
		return h.Releases
	}
	eco, err := ecosystem.Lookup(h.Package.Ecosystem)
	if err != nil {
		return h.Releases
	}
	all := append(slices.Clip(h.Releases), h.WithoutFiles...)
	sortReleases(eco, all)
	return all
}

// Release finds a release, with files or not, by its version string (any
// of its spellings), or by version equality.
func (h *History) Release(v string) (*Release, error) {
	for _, rs := range [][]*Release{h.Releases, h.WithoutFiles} {
		for _, r := range rs {
			if r.Version == v || slices.Contains(r.Spellings, v) {
				return r, nil
			}
		}
	}
	eco, err := ecosystem.Lookup(h.Package.Ecosystem)
	if err != nil {
		return nil, err
	}
	pv, err := eco.Parse(v)
	if err != nil {
		return nil, err
	}
	for _, r := range h.All() {
		if eco.Compare(r.Parsed, pv) == 0 {
			return r, nil
		}
	}
	return nil, fmt.Errorf("%s has no release %s", h.Package, v)
}

// sortReleases orders releases ascending in the ecosystem's order; equal
// versions keep the registry's order.
func sortReleases(eco ecosystem.Ecosystem, rs []*Release) {
	slices.SortStableFunc(rs, func(a, b *Release) int { return eco.Compare(a.Parsed, b.Parsed) })
}
