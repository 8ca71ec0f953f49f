package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/registry/httpcache"
	"github.com/patchline/patchline/registry/registrytest"
)

const doc = `{"name":"react-searchkit","versions":{}}`

// newServer serves doc at /pkg with an ETag and a Last-Modified date.
func newServer(t *testing.T) *registrytest.Server {
	t.Helper()
	s := registrytest.New()
	t.Cleanup(s.Close)
	s.Put("/pkg", registrytest.File{Body: []byte(doc), ContentType: "application/json", ETag: `"e1"`, LastModified: "Mon, 02 Jan 2006 15:04:05 GMT"})
	return s
}

// waits records the backoff waits instead of sleeping them.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func newFetcher(t *testing.T, opts Options) (*Fetcher, *waits) {
	t.Helper()
	f := New(opts)
	w := &waits{}
	f.sleep = w.sleep
	return f, w
}

func TestGetOnceAndFromMemory(t *testing.T) {
	s := newServer(t)
	f, _ := newFetcher(t, Options{})
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg", Accept: "application/json"})
			if err != nil || string(r.Body) != doc {
				t.Errorf("Get = %v, %v", r, err)
			}
		}()
	}
	wg.Wait()
	if n := s.Count("/pkg"); n != 1 {
		t.Errorf("server saw %d requests for /pkg, want 1", n)
	}
	if st := f.Stats(); st.Requests != 1 || st.Repeats != 19 {
		t.Errorf("stats = %+v, want 1 request and 19 repeats", st)
	}
	reqs := s.Requests()
	if ua := reqs[0].UserAgent; !strings.HasPrefix(ua, "patchline/") || !strings.Contains(ua, "(+https://github.com/patchline/patchline)") {
		t.Errorf("User-Agent = %q", ua)
	}
	if reqs[0].Accept != "application/json" {
		t.Errorf("Accept = %q", reqs[0].Accept)
	}
}

func TestFailuresAreRemembered(t *testing.T) {
	s := newServer(t)
	f, _ := newFetcher(t, Options{})
	for range 3 {
		if _, err := f.Get(context.Background(), Request{URL: s.URL + "/missing"}); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get = %v, want ErrNotFound", err)
		}
	}
	if n := s.Count("/missing"); n != 1 {
		t.Errorf("server saw %d requests, want 1 (404 is neither retried nor repeated)", n)
	}
}

func TestRetries(t *testing.T) {
	big := []byte(strings.Repeat("x", 2048))
	tests := []struct {
		name      string
		faults    []registrytest.Fault
		wantWaits []time.Duration // exact waits; nil: only count them
		wantN     int             // requests the server sees
	}{
		{"503 then ok", []registrytest.Fault{{Status: 503}, {Status: 503}}, nil, 3},
		{"500 502 504", []registrytest.Fault{{Status: 500}, {Status: 502}, {Status: 504}}, nil, 4},
		{"429 retry-after seconds", []registrytest.Fault{{Status: 429, RetryAfter: "2"}}, []time.Duration{2 * time.Second}, 2},
		{"429 retry-after capped", []registrytest.Fault{{Status: 429, RetryAfter: "3600"}}, []time.Duration{30 * time.Second}, 2},
		{"503 retry-after zero", []registrytest.Fault{{Status: 503, RetryAfter: "0"}}, []time.Duration{0}, 2},
		{"connection reset", []registrytest.Fault{{Reset: true}}, nil, 2},
		{"truncated body", []registrytest.Fault{{Truncate: true, Body: big}}, nil, 2},
		{"stalled body", []registrytest.Fault{{Stall: time.Second}}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t)
			s.Fail("/pkg", tt.faults...)
			cache := httpcache.New(t.TempDir())
			f, w := newFetcher(t, Options{Cache: cache, ReadTimeout: 100 * time.Millisecond})
			r, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg"})
			if err != nil {
				t.Fatal(err)
			}
			if string(r.Body) != doc {
				t.Errorf("body = %q", r.Body)
			}
			if n := s.Count("/pkg"); n != tt.wantN {
				t.Errorf("server saw %d requests, want %d", n, tt.wantN)
			}
			if len(w.d) != tt.wantN-1 {
				t.Errorf("waited %d times, want %d", len(w.d), tt.wantN-1)
			}
			if tt.wantWaits != nil {
				if diff := cmp.Diff(tt.wantWaits, w.d); diff != "" {
					t.Errorf("waits (-want +got):\n%s", diff)
				}
			}
			if _, err := cache.Get(r.URL, ""); err != nil {
				t.Errorf("good body not cached: %v", err)
			}
		})
	}
}

func TestRetryAfterDate(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"7", 7 * time.Second, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"Sun, 01 Mar 2026 12:00:05 GMT", 5 * time.Second, true},
		{"Sun, 01 Mar 2026 11:00:00 GMT", 0, true},
		{"99999999", time.Hour, true},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	f := New(Options{BaseDelay: 100 * time.Millisecond, MaxDelay: 500 * time.Millisecond})
	want := []time.Duration{100, 200, 400, 500, 500}
	for i, d := range want {
		d *= time.Millisecond
		for range 50 {
			if got := f.backoff(i + 1); got < d/2 || got > d {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", i+1, got, d/2, d)
			}
		}
	}
}

func TestPermanentFailures(t *testing.T) {
	huge := []byte(strings.Repeat("y", 5000))
	tests := []struct {
		name   string
		faults []registrytest.Fault
		is     error
		status int
		wantN  int
	}{
		{"503 forever", repeat(registrytest.Fault{Status: 503}, 10), ErrStatus, 503, 5},
		{"truncated forever", repeat(registrytest.Fault{Truncate: true, Body: huge[:2000]}, 10), nil, 0, 5},
		{"oversized declared", []registrytest.Fault{{Body: huge}}, ErrTooLarge, 0, 1},
		{"oversized chunked", []registrytest.Fault{{Body: huge, Chunked: true}}, ErrTooLarge, 0, 1},
		{"403", []registrytest.Fault{{Status: 403}}, ErrStatus, 403, 1},
		{"501", []registrytest.Fault{{Status: 501}}, ErrStatus, 501, 1},
		{"redirect without location", []registrytest.Fault{{RedirectTo: "http://%zz"}}, ErrRedirects, 302, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t)
			s.Fail("/pkg", tt.faults...)
			cache := httpcache.New(t.TempDir())
			f, _ := newFetcher(t, Options{Cache: cache, MaxResponseSize: 4096})
			_, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg"})
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("Get = %v, want *Error", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not match %v", err, tt.is)
			}
			if fe.Status != tt.status {
				t.Errorf("status = %d, want %d", fe.Status, tt.status)
			}
			if !fe.RegistryFailure() || !strings.Contains(err.Error(), s.URL+"/pkg") {
				t.Errorf("error %q does not name the URL", err)
			}
			if n := s.Count("/pkg"); n != tt.wantN {
				t.Errorf("server saw %d requests, want %d", n, tt.wantN)
			}
			if entries, _ := os.ReadDir(cache.Dir()); len(entries) != 0 {
				t.Errorf("cache written after a failure: %v", entries)
			}
		})
	}
}

func repeat(f registrytest.Fault, n int) []registrytest.Fault {
	out := make([]registrytest.Fault, n)
	for i := range out {
		out[i] = f
	}
	return out
}

// credentials gives a token to one host only, as the registry
// configuration does.
func credentials(host string) func(*url.URL) string {
	return func(u *url.URL) string {
		if u.Host == host {
			return "Bearer s3cret"
		}
		return ""
	}
}

func TestRedirectsAndCredentials(t *testing.T) {
	a := newServer(t)
	b := newServer(t)
	ua, _ := url.Parse(a.URL)
	tests := []struct {
		name       string
		redirect   string
		code       int
		wantAAuth  []string // Authorization seen by a, per request
		wantBAuth  []string // and by b
		wantBaseOn *registrytest.Server
	}{
		{"same host", "/pkg", 301, []string{"Bearer s3cret", "Bearer s3cret"}, nil, a},
		{"same host 307", "/pkg", 307, []string{"Bearer s3cret", "Bearer s3cret"}, nil, a},
		{"cross host", b.URL + "/pkg", 302, []string{"Bearer s3cret"}, []string{""}, b},
		{"cross host 308", b.URL + "/pkg", 308, []string{"Bearer s3cret"}, []string{""}, b},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.ResetCounts()
			b.ResetCounts()
			a.Fail("/old", registrytest.Fault{RedirectTo: tt.redirect, RedirectStatus: tt.code})
			// A URL carrying credentials: they are ignored, never sent.
			f, _ := newFetcher(t, Options{Credentials: credentials(ua.Host)})
			r, err := f.Get(context.Background(), Request{URL: "http://user:pw@" + ua.Host + "/old"})
			if err != nil {
				t.Fatal(err)
			}
			if string(r.Body) != doc {
				t.Errorf("body = %q", r.Body)
			}
			if diff := cmp.Diff(tt.wantAAuth, auths(a)); diff != "" {
				t.Errorf("Authorization at the first host (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantBAuth, auths(b)); diff != "" {
				t.Errorf("Authorization at the second host (-want +got):\n%s", diff)
			}
			if want := tt.wantBaseOn.URL + "/pkg"; r.Base.String() != want {
				t.Errorf("Base = %s, want %s", r.Base, want)
			}
			if r.URL.User != nil {
				t.Errorf("response URL keeps user info: %s", r.URL)
			}
		})
	}
}

func auths(s *registrytest.Server) []string {
	var out []string
	for _, r := range s.Requests() {
		out = append(out, r.Authorization)
	}
	return out
}

func TestTooManyRedirects(t *testing.T) {
	s := newServer(t)
	s.Fail("/loop", repeat(registrytest.Fault{RedirectTo: "/loop"}, 20)...)
	f, _ := newFetcher(t, Options{})
	_, err := f.Get(context.Background(), Request{URL: s.URL + "/loop"})
	if !errors.Is(err, ErrRedirects) {
		t.Fatalf("Get = %v, want ErrRedirects", err)
	}
	if n := s.Count("/loop"); n != maxRedirects+1 {
		t.Errorf("server saw %d requests, want %d", n, maxRedirects+1)
	}
}

// TestCacheRuns runs the same fetch as successive runs (new Fetchers over
// one cache directory) and counts what reaches the server.
func TestCacheRuns(t *testing.T) {
	s := newServer(t)
	dir := t.TempDir()
	cache := httpcache.New(dir)
	get := func(opts Options) (*Response, error) {
		opts.Cache = cache
		f, _ := newFetcher(t, opts)
		return f.Get(context.Background(), Request{URL: s.URL + "/pkg"})
	}
	r, err := get(Options{})
	if err != nil || r.Origin != Network {
		t.Fatalf("first run: %v, %v", r, err)
	}
	// Second run: a conditional request answered 304.
	r, err = get(Options{})
	if err != nil || r.Origin != Revalidated || string(r.Body) != doc {
		t.Fatalf("second run: %+v, %v", r, err)
	}
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[1].IfNoneMatch != `"e1"` || reqs[1].IfModifiedSince != "Mon, 02 Jan 2006 15:04:05 GMT" {
		t.Fatalf("second request not conditional: %+v", reqs)
	}
	// Within --max-age and --offline: no request at all.
	for _, opts := range []Options{{MaxAge: time.Hour}, {Offline: true}} {
		r, err = get(opts)
		if err != nil || r.Origin != Cached {
			t.Fatalf("%+v: %+v, %v", opts, r, err)
		}
	}
	if n := s.Total(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
	// Offline and not cached: a typed error naming the URL.
	f, _ := newFetcher(t, Options{Cache: cache, Offline: true})
	_, err = f.Get(context.Background(), Request{URL: s.URL + "/other"})
	if !errors.Is(err, ErrNotCached) || !strings.Contains(err.Error(), s.URL+"/other") {
		t.Errorf("offline miss = %v", err)
	}
	// A changed resource is fetched again and replaces the entry.
	s.Put("/pkg", registrytest.File{Body: []byte(`{"v":2}`), ETag: `"e2"`})
	r, err = get(Options{})
	if err != nil || r.Origin != Network || string(r.Body) != `{"v":2}` {
		t.Fatalf("after change: %+v, %v", r, err)
	}
	e, err := cache.Get(r.URL, "")
	if err != nil || string(e.Body) != `{"v":2}` || e.Meta.ETag != `"e2"` {
		t.Errorf("cache after change: %+v, %v", e, err)
	}
}

func TestCorruptCacheIsRefetched(t *testing.T) {
	s := newServer(t)
	cache := httpcache.New(t.TempDir())
	f, _ := newFetcher(t, Options{Cache: cache})
	r, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg"})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := httpcache.EntryDir(r.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	body := filepath.Join(cache.Dir(), filepath.FromSlash(rel), httpcache.BodyFile)
	if err := os.WriteFile(body, []byte(`{"name":"evil"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	// Even offline or within max-age, a corrupt entry is never used, and
	// the offline error says it was corrupt rather than missing.
	f, _ = newFetcher(t, Options{Cache: cache, Offline: true})
	if _, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg"}); !errors.Is(err, ErrNotCached) || !strings.Contains(err.Error(), "corrupt and has been dropped") {
		t.Errorf("offline with corrupt entry: %v, want ErrNotCached saying the entry was corrupt", err)
	}
	if _, err := os.Stat(body); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("corrupt body not dropped: %v", err)
	}
	f, _ = newFetcher(t, Options{Cache: cache, MaxAge: time.Hour})
	s.ResetCounts()
	r, err = f.Get(context.Background(), Request{URL: s.URL + "/pkg"})
	if err != nil || r.Origin != Network || string(r.Body) != doc {
		t.Fatalf("refetch: %+v, %v", r, err)
	}
	if reqs := s.Requests(); len(reqs) != 1 || reqs[0].IfNoneMatch != "" {
		t.Errorf("refetch was conditional or repeated: %+v", reqs)
	}
}

func TestIntegrity(t *testing.T) {
	s := newServer(t)
	cache := httpcache.New(t.TempDir())
	f, _ := newFetcher(t, Options{Cache: cache})
	_, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg", SHA256: strings.Repeat("0", 64)})
	if !errors.Is(err, ErrIntegrity) {
		t.Fatalf("Get = %v, want ErrIntegrity", err)
	}
	if entries, _ := os.ReadDir(cache.Dir()); len(entries) != 0 {
		t.Errorf("body with a wrong digest was cached")
	}
	sum := httpcache.Sum([]byte(doc))
	if _, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg", SHA256: sum}); err != nil {
		t.Fatal(err)
	}
	// A known digest makes the cached body good without revalidation.
	s.ResetCounts()
	f, _ = newFetcher(t, Options{Cache: cache})
	r, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg", SHA256: sum})
	if err != nil || r.Origin != Cached || s.Total() != 0 {
		t.Errorf("second run: %+v, %v, %d requests", r, err, s.Total())
	}
}

func TestCancellation(t *testing.T) {
	s := newServer(t)
	s.SetLatency(time.Minute)
	f := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := f.Get(ctx, Request{URL: s.URL + "/pkg"})
		done <- err
	}()
	for s.Total() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Get = %v, want context.Canceled", err)
	}
	s.SetLatency(0)
	// The cancelled fetch is not remembered: a new caller fetches.
	if _, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg"}); err != nil {
		t.Errorf("after cancel: %v", err)
	}
}

func TestConcurrencyPerHost(t *testing.T) {
	s := newServer(t)
	s.SetLatency(20 * time.Millisecond)
	for i := range 12 {
		s.Put("/p"+string(rune('a'+i)), registrytest.File{Body: []byte("{}")})
	}
	var mu sync.Mutex
	inFlight, peak := 0, 0
	tr := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		inFlight++
		peak = max(peak, inFlight)
		mu.Unlock()
		defer func() { mu.Lock(); inFlight--; mu.Unlock() }()
		return http.DefaultTransport.RoundTrip(r)
	})
	f := New(Options{Concurrency: 3, Transport: tr})
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Get(context.Background(), Request{URL: s.URL + "/p" + string(rune('a'+i))}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if peak != 3 {
		t.Errorf("peak requests in flight = %d, want 3", peak)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A cache that cannot be written (read-only, or under an unwritable home
// directory) is a warning: the answer fetched is used all the same.
func TestUnwritableCacheIsAWarning(t *testing.T) {
	s := newServer(t)
	// A cache directory below a regular file cannot be created, whatever
	// the user's privileges.
	top := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(top, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var warnings []error
	var mu sync.Mutex
	f, _ := newFetcher(t, Options{Cache: httpcache.New(filepath.Join(top, "cache")), CacheWarning: func(err error) {
		mu.Lock()
		warnings = append(warnings, err)
		mu.Unlock()
	}})
	r, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg"})
	if err != nil || string(r.Body) != doc || r.Origin != Network {
		t.Fatalf("Get with a read-only cache = %+v, %v; want the answer", r, err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "not stored in the cache") || !errors.Is(warnings[0], syscall.ENOTDIR) {
		t.Errorf("warnings = %v, want one saying the answer was not stored", warnings)
	}
	if st := f.Stats(); st.Unstored != 1 {
		t.Errorf("Stats.Unstored = %d, want 1", st.Unstored)
	}
}

// Offline, a cached body the index no longer names is said to be out of
// date, not missing.
func TestOfflineSaysWhenTheEntryIsOutOfDate(t *testing.T) {
	s := newServer(t)
	cache := httpcache.New(t.TempDir())
	f, _ := newFetcher(t, Options{Cache: cache})
	if _, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg"}); err != nil {
		t.Fatal(err)
	}
	f, _ = newFetcher(t, Options{Cache: cache, Offline: true})
	_, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg", SHA256: strings.Repeat("a", 64)})
	if !errors.Is(err, ErrNotCached) || !strings.Contains(err.Error(), "out of date") {
		t.Errorf("offline with a stale entry: %v, want ErrNotCached saying it is out of date", err)
	}
}

// A server that drips the body a byte at a time never goes silent, so a
// wait for the next byte never times out: it held a run for 607 s (five
// attempts of two minutes). A body must make progress, MinProgress bytes
// in every ReadTimeout window, or the attempt is abandoned as stalled.
func TestDrippingBodyIsAbandoned(t *testing.T) {
	s := newServer(t)
	s.Fail("/pkg", registrytest.Fault{Drip: 5 * time.Millisecond}, registrytest.Fault{Drip: 5 * time.Millisecond})
	f, _ := newFetcher(t, Options{ReadTimeout: 100 * time.Millisecond, MaxRetries: 1})
	start := time.Now()
	_, err := f.Get(context.Background(), Request{URL: s.URL + "/pkg"})
	elapsed := time.Since(start)
	var fe *Error
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "made no progress") || !fe.RegistryFailure() {
		t.Fatalf("err = %v, want a registry error saying the response made no progress", err)
	}
	if n := s.Count("/pkg"); n != 2 || elapsed > time.Second {
		t.Errorf("%d requests in %s; want 2 attempts abandoned after about 100 ms each", n, elapsed)
	}
	// A body that arrives steadily, if slowly, is read to the end.
	s.Put("/slow", registrytest.File{Body: []byte(strings.Repeat("x", 4<<10))})
	s.Fail("/slow", registrytest.Fault{Drip: 10 * time.Microsecond})
	f, _ = newFetcher(t, Options{ReadTimeout: 100 * time.Millisecond, MinProgress: 64})
	if r, err := f.Get(context.Background(), Request{URL: s.URL + "/slow"}); err != nil || len(r.Body) != 4<<10 {
		t.Errorf("steady body: %v", err)
	}
}
