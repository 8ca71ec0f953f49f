package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/patchline/patchline/internal/readlimit"
)

// result is the final answer of one exchange, after redirects and retries.
type result struct {
	status   int
	header   http.Header
	body     []byte // read only for 200 responses
	final    *url.URL
	attempts int
}

// exchange GETs u, following redirects itself so that credentials are
// chosen per hop: Options.Credentials is asked for each URL, hence a token
// for one host is never sent to another, and none at all once a redirect
// has downgraded https to http.
func (f *Fetcher) exchange(ctx context.Context, u *url.URL, hdr http.Header, creds func(*url.URL) string, tr http.RoundTripper) (*result, error) {
	cur := u
	downgraded := false
	for hops := 0; ; hops++ {
		var auth func(*url.URL) string
		if !downgraded {
			auth = creds
		}
		res, err := f.retrying(ctx, cur, hdr, auth, tr)
		if err != nil {
			return nil, err
		}
		switch res.status {
		case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
			http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		default:
			res.final = cur
			return res, nil
		}
		loc := res.header.Get("Location")
		if loc == "" {
			return nil, &Error{URL: cur.String(), Status: res.status, Err: fmt.Errorf("%w: no Location header", ErrRedirects)}
		}
		next, err := cur.Parse(loc)
		if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
			return nil, &Error{URL: cur.String(), Status: res.status, Err: fmt.Errorf("%w: unusable Location", ErrRedirects)}
		}
		if hops+1 > maxRedirects {
			return nil, &Error{URL: cur.String(), Status: res.status, Err: fmt.Errorf("%w: more than %d redirects", ErrRedirects, maxRedirects)}
		}
		// Credentials in a Location header are never used.
		next.User = nil
		next.Fragment = ""
		if cur.Scheme == "https" && next.Scheme == "http" {
			downgraded = true
		}
		cur = next
	}
}

// retrying performs one hop, retrying transient failures.
func (f *Fetcher) retrying(ctx context.Context, u *url.URL, hdr http.Header, auth func(*url.URL) string, tr http.RoundTripper) (*result, error) {
	for attempt := 1; ; attempt++ {
		res, err := f.once(ctx, u, hdr, auth, tr)
		if err == nil && !retryableStatus(res.status) {
			res.attempts = attempt
			return res, nil
		}
		if ctx.Err() != nil {
			return nil, &Error{URL: u.String(), Attempts: attempt, Err: ctx.Err()}
		}
		if attempt > f.opts.MaxRetries || (err != nil && !retryableErr(err)) {
			if err != nil {
				return nil, &Error{URL: u.String(), Attempts: attempt, Err: err}
			}
			res.attempts = attempt
			return res, nil
		}
		wait := f.backoff(attempt)
		if res != nil {
			if d, ok := retryAfter(res.header.Get("Retry-After"), f.opts.Now()); ok {
				wait = min(d, f.opts.RetryAfterCap)
			}
		}
		f.retries.Add(1)
		if err := f.sleep(ctx, wait); err != nil {
			return nil, &Error{URL: u.String(), Attempts: attempt, Err: err}
		}
	}
}

// once sends one request and reads the answer within the timeouts.
func (f *Fetcher) once(ctx context.Context, u *url.URL, hdr http.Header, auth func(*url.URL) string, tr http.RoundTripper) (*result, error) {
	release, err := f.acquire(ctx, u.Host)
	if err != nil {
		return nil, err
	}
	defer release()

	actx, cancel := context.WithTimeout(ctx, f.opts.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header = hdr.Clone()
	if auth != nil {
		if a := auth(u); a != "" {
			req.Header.Set("Authorization", a)
		}
	}
	f.requests.Add(1)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		if ctx.Err() == nil && actx.Err() != nil {
			return nil, errAttemptTimeout
		}
		return nil, err
	}
	defer resp.Body.Close()
	res := &result{status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode != http.StatusOK {
		// Drain a little so the connection can be reused.
		io.CopyN(io.Discard, resp.Body, 64<<10)
		return res, nil
	}
	if resp.ContentLength > f.opts.MaxResponseSize {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds the limit of %d bytes (--max-response-size)", ErrTooLarge, resp.ContentLength, f.opts.MaxResponseSize)
	}
	body, err := f.readBody(ctx, actx, cancel, resp.Body, resp.ContentLength)
	if err != nil {
		return nil, err
	}
	res.body = body
	return res, nil
}

// readBody reads at most MaxResponseSize bytes, failing when the body
// makes no progress: fewer than MinProgress bytes in a ReadTimeout window.
// The buffer is sized from the Content-Length (size; -1 when not declared
// or the body is decompressed) and otherwise doubles, never beyond
// MaxResponseSize+1: a body, endless or not, costs at most twice the cap
// while it is read, and bodies larger than a sixteenth of the cap are read
// two at a time (f.bodies; waiting for a turn is no progress, and a body
// that waited too long is fetched again).
func (f *Fetcher) readBody(ctx, actx context.Context, cancel context.CancelFunc, body io.Reader, size int64) ([]byte, error) {
	var stalled atomic.Bool
	var window atomic.Int64 // bytes received in the current window
	var timer *time.Timer
	timer = time.AfterFunc(f.opts.ReadTimeout, func() {
		if window.Swap(0) < f.opts.MinProgress {
			stalled.Store(true)
			cancel()
			return
		}
		timer.Reset(f.opts.ReadTimeout)
	})
	defer timer.Stop()
	r := &progressReader{r: body, onRead: func(n int) { window.Add(int64(n)) }}
	b, err := f.bodies.Read(actx, r, size, f.opts.MaxResponseSize)
	var tooLarge *readlimit.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, fmt.Errorf("%w: body exceeds the limit of %d bytes (--max-response-size)", ErrTooLarge, f.opts.MaxResponseSize)
	}
	if err != nil {
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case stalled.Load():
			return nil, errReadTimeout
		case actx.Err() != nil:
			return nil, errAttemptTimeout
		}
		return nil, err
	}
	return b, nil
}

type progressReader struct {
	r      io.Reader
	onRead func(n int)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.onRead(n)
	}
	return n, err
}

// timeoutError is a timeout of ours, retried like a network timeout.
type timeoutError string

func (e timeoutError) Error() string { return string(e) }
func (e timeoutError) Timeout() bool { return true }

var (
	errReadTimeout    = timeoutError("read timeout: the response made no progress for too long")
	errAttemptTimeout = timeoutError("request timeout")
)

func (f *Fetcher) acquire(ctx context.Context, host string) (func(), error) {
	f.hostsMu.Lock()
	sem, ok := f.hosts[host]
	if !ok {
		sem = make(chan struct{}, f.opts.Concurrency)
		f.hosts[host] = sem
	}
	f.hostsMu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// backoff is the wait before retry number attempt (1-based): exponential
// from BaseDelay, capped at MaxDelay, drawn uniformly from [d/2, d] so that
// clients that failed together do not retry together.
func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.opts.BaseDelay
	for i := 1; i < attempt && d < f.opts.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, f.opts.MaxDelay)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// retryAfter parses a Retry-After value: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(time.Hour/time.Second) {
			s = int64(time.Hour / time.Second)
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// retryableStatus: rate limiting, and server errors that may pass.
// 501 (not implemented) and 505 (version not supported) will not.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests:
		return true
	case http.StatusNotImplemented, http.StatusHTTPVersionNotSupported:
		return false
	}
	return code >= 500 && code <= 599
}

// retryableErr: everything that may be transient (resets, refused and
// timed-out connections, truncated bodies) but not what will fail the same
// way again: a size cap, an unknown host, a certificate problem.
func retryableErr(err error) bool {
	if errors.Is(err, ErrTooLarge) || errors.Is(err, context.Canceled) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	if errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) {
		return false
	}
	return !errors.Is(err, http.ErrSchemeMismatch)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
