// Package fetch owns the one HTTP layer through which patchline reads every
// registry: bounded concurrency per host, keep-alive and HTTP/2, connect,
// read and total timeouts, retries with exponential backoff and jitter that
// honour Retry-After, a response-size cap, credentials that never cross
// hosts, the on-disk cache (revalidation, --max-age, --offline) and the
// guarantee that a URL is requested at most once per run.
//
// Credentials never appear in a URL inside this package: callers register
// them through Options.Credentials, which is asked per request and per
// redirect hop, so a redirect to another host carries no Authorization
// header, and every URL in an error or a log line is safe to print.
package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/patchline/patchline/internal/buildinfo"
	"github.com/patchline/patchline/internal/readlimit"
	"github.com/patchline/patchline/registry/httpcache"
)

// Defaults for the zero values of Options.
const (
	DefaultConcurrency     = 8
	DefaultMaxResponseSize = 64 << 20
	DefaultConnectTimeout  = 10 * time.Second
	DefaultReadTimeout     = 30 * time.Second
	DefaultMinProgress     = 1 << 10
	DefaultRequestTimeout  = 2 * time.Minute
	DefaultMaxRetries      = 4
	DefaultBaseDelay       = 500 * time.Millisecond
	DefaultMaxDelay        = 8 * time.Second
	DefaultRetryAfterCap   = 30 * time.Second
	maxRedirects           = 10
)

// Options configures a Fetcher. Zero values select the defaults above.
type Options struct {
	// Cache is the on-disk cache; nil disables it (and Offline then fails
	// every request).
	Cache *httpcache.Store
	// Offline answers from the cache alone; a missing entry is an error
	// matching ErrNotCached.
	Offline bool
	// MaxAge lets a cache entry younger than this be used without
	// revalidation. Zero revalidates every entry once per run.
	MaxAge time.Duration
	// Concurrency bounds the requests in flight per host (host:port).
	Concurrency int
	// MaxResponseSize caps a response body, in bytes.
	MaxResponseSize int64
	// UserAgent defaults to "patchline/VERSION (+https://github.com/patchline/patchline)".
	UserAgent string
	// Credentials returns the Authorization header value for a request to
	// u ("" for none). It is asked for every request and redirect hop;
	// u never carries user info.
	Credentials func(u *url.URL) string
	// ConnectTimeout bounds dialing and the TLS handshake; ReadTimeout the
	// wait for the response headers and each window of the body in which
	// it must make progress (MinProgress bytes); RequestTimeout one whole
	// attempt.
	ConnectTimeout, ReadTimeout, RequestTimeout time.Duration
	// MinProgress is the number of body bytes that must arrive in every
	// ReadTimeout window; a body that grows more slowly (a server dripping
	// a byte a second) is abandoned as stalled, as one that sends nothing.
	MinProgress int64
	// MaxRetries is the number of retries after the first attempt.
	MaxRetries int
	// BaseDelay is the first backoff; it doubles per retry up to
	// MaxDelay, and the wait is drawn uniformly from [d/2, d].
	BaseDelay, MaxDelay time.Duration
	// RetryAfterCap caps the wait a server may ask for with Retry-After.
	RetryAfterCap time.Duration
	// Transport replaces the default transport, e.g. to add a proxy
	// dialer; the default honours the proxy environment variables.
	Transport http.RoundTripper
	// Progress, when set, is called once for every URL answered (not for
	// repeats served from memory).
	Progress func(u *url.URL, o Origin)
	// CacheWarning, when set, is told of every answer that could not be
	// stored in the cache (a read-only cache, a full disk, an unwritable
	// home directory). The answer is used all the same: a cache that
	// cannot be written costs a refetch next run, not this run.
	CacheWarning func(err error)
	// Now is the clock; defaults to time.Now.
	Now func() time.Time
}

// Origin says where a response came from.
type Origin int

const (
	// Network: a 200 from the server.
	Network Origin = iota
	// Revalidated: the server answered 304 to a conditional request and
	// the cached body was used.
	Revalidated
	// Cached: the cache answered without a request (fresh under MaxAge,
	// offline, or a body whose digest the caller already knew).
	Cached
)

func (o Origin) String() string {
	switch o {
	case Network:
		return "network"
	case Revalidated:
		return "revalidated"
	default:
		return "cache"
	}
}

// Request is one GET.
type Request struct {
	URL string // absolute http(s) URL; user info, if any, is ignored
	// Package is the normalised name of the package the URL is read for;
	// it names the cache entry's directory (package httpcache).
	Package string
	Accept  string // Accept header, part of the in-memory key
	// SHA256, when set, is the hex digest the body must have (PEP 658
	// core metadata). A mismatch is an error and nothing is stored; a
	// cached body with this digest is used without any request.
	SHA256 string
	// Credentials, when set, replaces Options.Credentials for this
	// request: each registry protocol brings its own rules (npm's
	// nerf-darted keys, pip's index and netrc credentials).
	Credentials func(u *url.URL) string
	// Validate, when set, checks a body received from the network before
	// it is stored: a body that fails (invalid JSON, another package's
	// document) is never cached, and the error names the URL.
	Validate func(body []byte) error
	// ValidateContent is Validate for bodies whose reading depends on
	// their Content-Type (a PyPI project page in JSON or HTML).
	ValidateContent func(contentType string, body []byte) error
	// RootCAs, when set, gives the only certificate authorities TLS
	// connections of this request (redirects included) trust, as pip's
	// cert and npm's ca/cafile replace the system's. It is called only
	// when the request goes to the network, so that a run answered from
	// the cache never parses a CA bundle; its error fails the request.
	RootCAs func() (*x509.CertPool, error)
}

// ErrInvalid marks a body that Request.Validate rejected.
var ErrInvalid = errors.New("invalid response")

// Response is a successful GET.
type Response struct {
	URL         *url.URL // the URL requested
	Base        *url.URL // the URL relative links resolve against (after redirects)
	Body        []byte
	ContentType string
	Meta        httpcache.Meta // validators and fetch time
	Origin      Origin
}

// Stats counts what a Fetcher did.
type Stats struct {
	Requests    int64 // HTTP requests sent, retries and redirect hops included
	Retries     int64 // of those, retries
	NotModified int64 // 304 answers
	CacheHits   int64 // answers from the cache without a request
	Dropped     int64 // corrupt cache entries removed
	Repeats     int64 // Get calls answered from memory
	Unstored    int64 // answers the cache could not store
}

// Fetcher performs GETs. It is safe for concurrent use.
type Fetcher struct {
	opts      Options
	transport http.RoundTripper
	sleep     func(ctx context.Context, d time.Duration) error

	hostsMu sync.Mutex
	hosts   map[string]chan struct{}

	// withCAs are the transports of requests with their own RootCAs.
	withCAsMu sync.Mutex
	withCAs   map[*x509.CertPool]http.RoundTripper

	memoMu sync.Mutex
	memo   map[string]*call

	// bodies bounds the memory of the bodies being read at once: each
	// may grow to a sixteenth of MaxResponseSize freely, beyond that
	// only two at a time (docs/security.md).
	bodies *readlimit.Budget

	requests, retries, notModified, cacheHits, dropped, repeats, unstored atomic.Int64
}

type call struct {
	done chan struct{}
	resp *Response
	err  error
}

// New returns a Fetcher for opts.
func New(opts Options) *Fetcher {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.MaxResponseSize <= 0 {
		opts.MaxResponseSize = DefaultMaxResponseSize
	}
	if opts.UserAgent == "" {
		opts.UserAgent = UserAgent()
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.ReadTimeout <= 0 {
		opts.ReadTimeout = DefaultReadTimeout
	}
	if opts.MinProgress <= 0 {
		opts.MinProgress = DefaultMinProgress
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = DefaultRequestTimeout
	}
	if opts.MaxRetries < 0 {
		opts.MaxRetries = 0
	} else if opts.MaxRetries == 0 {
		opts.MaxRetries = DefaultMaxRetries
	}
	if opts.BaseDelay <= 0 {
		opts.BaseDelay = DefaultBaseDelay
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = DefaultMaxDelay
	}
	if opts.RetryAfterCap <= 0 {
		opts.RetryAfterCap = DefaultRetryAfterCap
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Credentials == nil {
		opts.Credentials = func(*url.URL) string { return "" }
	}
	tr := opts.Transport
	if tr == nil {
		tr = &http.Transport{
			Proxy: http.ProxyFromEnvironment,
			DialContext: (&net.Dialer{
				Timeout:   opts.ConnectTimeout,
				KeepAlive: 30 * time.Second,
			}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   opts.Concurrency,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   opts.ConnectTimeout,
			ResponseHeaderTimeout: opts.ReadTimeout,
			ExpectContinueTimeout: time.Second,
		}
	}
	return &Fetcher{
		opts: opts,
		// The transport is used directly: exchange follows redirects itself
		// and decides per hop which credentials, if any, to send.
		transport: tr,
		sleep:     sleepCtx,
		hosts:     map[string]chan struct{}{},
		withCAs:   map[*x509.CertPool]http.RoundTripper{},
		memo:      map[string]*call{},
		bodies:    readlimit.NewBudget(opts.MaxResponseSize/16, 2),
	}
}

// transportFor returns the transport of requests trusting pool (nil: the
// system's CAs): the default transport's settings, one connection pool
// per CA pool. A transport given in Options is used as it is.
func (f *Fetcher) transportFor(pool *x509.CertPool) http.RoundTripper {
	base, ok := f.transport.(*http.Transport)
	if pool == nil || !ok {
		return f.transport
	}
	f.withCAsMu.Lock()
	defer f.withCAsMu.Unlock()
	if tr, ok := f.withCAs[pool]; ok {
		return tr
	}
	tr := base.Clone()
	if tr.TLSClientConfig == nil {
		tr.TLSClientConfig = &tls.Config{}
	}
	tr.TLSClientConfig.RootCAs = pool
	f.withCAs[pool] = tr
	return tr
}

// UserAgent is the User-Agent patchline sends.
func UserAgent() string {
	return "patchline/" + buildinfo.Version() + " (+https://github.com/patchline/patchline)"
}

// Stats returns the counters so far.
func (f *Fetcher) Stats() Stats {
	return Stats{
		Requests:    f.requests.Load(),
		Retries:     f.retries.Load(),
		NotModified: f.notModified.Load(),
		CacheHits:   f.cacheHits.Load(),
		Dropped:     f.dropped.Load(),
		Repeats:     f.repeats.Load(),
		Unstored:    f.unstored.Load(),
	}
}

// Offline reports whether the fetcher answers from the cache alone.
func (f *Fetcher) Offline() bool { return f.opts.Offline }

// Get fetches req.URL. Concurrent and repeated calls for the same URL and
// Accept share one fetch: a URL is requested at most once per Fetcher. A
// failure is remembered too, except a cancellation of the caller's context,
// so that a later caller may try again.
func (f *Fetcher) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{URL: redact(req.URL), Err: fmt.Errorf("not an absolute http(s) URL")}
	}
	u.User = nil
	u.Fragment = ""
	key := u.String() + "\x00" + req.Accept + "\x00" + req.SHA256

	f.memoMu.Lock()
	if c, ok := f.memo[key]; ok {
		f.memoMu.Unlock()
		f.repeats.Add(1)
		select {
		case <-c.done:
			return c.resp, c.err
		case <-ctx.Done():
			return nil, &Error{URL: u.String(), Err: ctx.Err()}
		}
	}
	c := &call{done: make(chan struct{})}
	f.memo[key] = c
	f.memoMu.Unlock()

	c.resp, c.err = f.get(ctx, u, req)
	if c.err != nil && ctx.Err() != nil {
		f.memoMu.Lock()
		delete(f.memo, key)
		f.memoMu.Unlock()
	}
	close(c.done)
	if c.err == nil && f.opts.Progress != nil {
		f.opts.Progress(u, c.resp.Origin)
	}
	return c.resp, c.err
}

func (f *Fetcher) get(ctx context.Context, u *url.URL, req Request) (*Response, error) {
	var cached *httpcache.Entry
	// missing says, for --offline, why the cache cannot answer.
	var missing error = ErrNotCached
	if f.opts.Cache != nil {
		e, err := f.opts.Cache.Get(u, req.Package)
		var ce *httpcache.CorruptError
		switch {
		case err == nil:
			cached = e
		case errors.As(err, &ce):
			f.dropped.Add(1)
			missing = &UnusableEntryError{Reason: fmt.Sprintf("the cached entry was corrupt and has been dropped (%s)", ce.Reason)}
		}
	}
	if cached != nil && req.SHA256 != "" && cached.Meta.SHA256 != req.SHA256 {
		// The index now names another file body; the stored one is stale
		// and must not be revalidated against.
		missing = &UnusableEntryError{Reason: fmt.Sprintf("the cached body (sha256 %s, fetched %s) is out of date: the index now names sha256 %s",
			cached.Meta.SHA256, cached.Meta.FetchedAt.Format(time.RFC3339), req.SHA256)}
		cached = nil
	}
	if cached != nil {
		fresh := f.opts.MaxAge > 0 && f.opts.Now().Sub(cached.Meta.FetchedAt) < f.opts.MaxAge
		if f.opts.Offline || fresh || req.SHA256 != "" {
			f.cacheHits.Add(1)
			return f.fromCache(u, cached, Cached), nil
		}
	}
	if f.opts.Offline {
		return nil, &Error{URL: u.String(), Err: missing}
	}

	hdr := http.Header{}
	hdr.Set("User-Agent", f.opts.UserAgent)
	if req.Accept != "" {
		hdr.Set("Accept", req.Accept)
	}
	if cached != nil {
		if cached.Meta.ETag != "" {
			hdr.Set("If-None-Match", cached.Meta.ETag)
		}
		if cached.Meta.LastModified != "" {
			hdr.Set("If-Modified-Since", cached.Meta.LastModified)
		}
	}
	creds := req.Credentials
	if creds == nil {
		creds = f.opts.Credentials
	}
	tr := f.transport
	if req.RootCAs != nil {
		pool, err := req.RootCAs()
		if err != nil {
			return nil, err
		}
		tr = f.transportFor(pool)
	}
	res, err := f.exchange(ctx, u, hdr, creds, tr)
	if err != nil {
		return nil, err
	}
	now := f.opts.Now()
	switch {
	case res.status == http.StatusNotModified && cached != nil:
		f.notModified.Add(1)
		if f.opts.Cache != nil {
			// A sidecar that cannot be updated only costs a revalidation
			// next time; the body is still the verified one.
			if err := f.opts.Cache.Touch(u, req.Package, cached, now, res.header.Get("ETag"), res.header.Get("Last-Modified")); err != nil {
				f.cacheWarning(u, err)
			}
		}
		return f.fromCache(u, cached, Revalidated), nil
	case res.status == http.StatusOK:
	case res.status == http.StatusNotFound || res.status == http.StatusGone:
		return nil, &Error{URL: res.final.String(), Status: res.status, Attempts: res.attempts, Err: ErrNotFound}
	default:
		return nil, &Error{URL: res.final.String(), Status: res.status, Attempts: res.attempts, Err: ErrStatus}
	}
	meta := httpcache.Meta{
		URL:          u.String(),
		Location:     location(u, res.final),
		Status:       http.StatusOK,
		ContentType:  res.header.Get("Content-Type"),
		ETag:         res.header.Get("ETag"),
		LastModified: res.header.Get("Last-Modified"),
		FetchedAt:    now.UTC(),
		Size:         int64(len(res.body)),
		SHA256:       httpcache.Sum(res.body),
	}
	if req.SHA256 != "" && meta.SHA256 != req.SHA256 {
		return nil, &Error{URL: res.final.String(), Status: res.status, Attempts: res.attempts,
			Err: fmt.Errorf("%w: body has sha256 %s, expected %s", ErrIntegrity, meta.SHA256, req.SHA256)}
	}
	if req.Validate != nil || req.ValidateContent != nil {
		var err error
		if req.Validate != nil {
			err = req.Validate(res.body)
		} else {
			err = req.ValidateContent(meta.ContentType, res.body)
		}
		if err != nil {
			return nil, &Error{URL: res.final.String(), Status: res.status, Attempts: res.attempts, Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
		}
	}
	if f.opts.Cache != nil {
		if err := f.opts.Cache.Put(u, req.Package, meta, res.body); err != nil {
			f.cacheWarning(u, err)
		}
	}
	return &Response{URL: u, Base: res.final, Body: res.body, ContentType: meta.ContentType, Meta: meta, Origin: Network}, nil
}

// cacheWarning reports an answer that could not be stored.
func (f *Fetcher) cacheWarning(u *url.URL, err error) {
	f.unstored.Add(1)
	if f.opts.CacheWarning != nil {
		f.opts.CacheWarning(fmt.Errorf("not stored in the cache: %s: %w", u, err))
	}
}

func (f *Fetcher) fromCache(u *url.URL, e *httpcache.Entry, o Origin) *Response {
	base := u
	if e.Meta.Location != "" {
		if l, err := u.Parse(e.Meta.Location); err == nil {
			base = l
		}
	}
	return &Response{URL: u, Base: base, Body: e.Body, ContentType: e.Meta.ContentType, Meta: e.Meta, Origin: o}
}

// location records a redirect target relative to the requested URL's host
// when it stayed on it, so that a relocated snapshot still resolves.
func location(requested, final *url.URL) string {
	if final.String() == requested.String() {
		return ""
	}
	if final.Host == requested.Host {
		return final.RequestURI()
	}
	return final.String()
}

// redact removes user info from a URL string that failed to parse as a
// usable URL, for error messages.
func redact(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		u.User = nil
		return u.String()
	}
	return "(unparsable URL)"
}
