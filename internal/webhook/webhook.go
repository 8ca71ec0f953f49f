// Package webhook owns posting a message to a chat webhook (Discord and
// Slack incoming webhooks, and the services compatible with either): the
// JSON body of each kind, retries that never post a notice twice, and
// errors that never reveal the webhook URL, which carries its credential
// in its path.
//
// A POST is not idempotent: once the request has been sent, a timeout, a
// dropped connection or a 5xx may come after the server accepted the
// message, and posting again would show the notice twice. So a post is
// retried only when the server cannot have accepted it: a connection that
// failed before the request was written, and a 429 or 503 that says when
// to come back (Retry-After). Any other failure is reported at once, and
// the error says whether the notice may have been posted.
package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/patchline/patchline/internal/redact"
)

// Kind is the JSON body a webhook expects.
type Kind string

// The kinds of webhook.
const (
	Discord Kind = "discord" // {"content": text}
	Slack   Kind = "slack"   // {"text": text}
)

// ParseKind reads a kind name.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(s)); k {
	case Discord, Slack:
		return k, nil
	}
	return "", fmt.Errorf("unknown webhook kind %q (want discord or slack)", s)
}

// Body returns the JSON body that posts text to a webhook of kind k.
func (k Kind) Body(text string) ([]byte, error) {
	field := "content"
	if k == Slack {
		field = "text"
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]string{field: text}); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Options tune Post; the zero value is ready to use.
type Options struct {
	Client        *http.Client  // default: a client with a 30 s timeout
	Attempts      int           // default 5
	BaseDelay     time.Duration // first backoff, doubled per attempt, with jitter; default 500 ms
	MaxDelay      time.Duration // backoff cap; default 10 s
	RetryAfterCap time.Duration // longest Retry-After honoured; default 60 s
	// Sleep waits between attempts; default a timer that honours ctx.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (o *Options) defaults() {
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Attempts <= 0 {
		o.Attempts = 5
	}
	if o.BaseDelay <= 0 {
		o.BaseDelay = 500 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 10 * time.Second
	}
	if o.RetryAfterCap <= 0 {
		o.RetryAfterCap = time.Minute
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Error is a failed post. Its message names the kind and what went wrong,
// never the URL.
type Error struct {
	Kind     Kind
	Attempts int
	Status   int // the last HTTP status, 0 for a network error
	// MayHavePosted reports a failure after the request was sent: the
	// server may have accepted the notice.
	MayHavePosted bool
	msg           string
}

func (e *Error) Error() string {
	return fmt.Sprintf("posting to the %s webhook failed after %d attempt(s): %s", e.Kind, e.Attempts, e.msg)
}

// ErrURL is the error of a webhook URL that is not an absolute http(s)
// URL. It does not contain the URL.
var ErrURL = errors.New("the webhook URL is not an http(s) URL")

// CheckURL reports whether rawURL can be posted to, before anything is
// sent: an absolute http(s) URL with a host. The error never contains the
// URL.
func CheckURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, ErrURL
	}
	return u, nil
}

// Post sends text to the webhook at rawURL. It retries only what the
// server cannot have accepted (see the package documentation), with
// exponential backoff and jitter for connection failures and the wait the
// server asks for (up to RetryAfterCap) on 429 and 503. Errors are *Error
// and never contain the URL or any part of it.
func Post(ctx context.Context, rawURL string, kind Kind, text string, opts Options) error {
	opts.defaults()
	u, err := CheckURL(rawURL)
	if err != nil {
		return &Error{Kind: kind, msg: err.Error()}
	}
	body, err := kind.Body(text)
	if err != nil {
		return &Error{Kind: kind, msg: err.Error()}
	}
	var secrets redact.Set
	secrets.AddURL(rawURL)
	var last *Error
	for attempt := 1; attempt <= opts.Attempts; attempt++ {
		wait, e := postOnce(ctx, opts.Client, u, body)
		if e == nil {
			return nil
		}
		e.Kind, e.Attempts = kind, attempt
		e.msg = secrets.String(e.msg)
		last = e
		if wait < 0 || attempt == opts.Attempts {
			break
		}
		if wait == 0 {
			wait = backoff(opts.BaseDelay, opts.MaxDelay, attempt)
		}
		if wait > opts.RetryAfterCap {
			last.msg += fmt.Sprintf(" (the server asks to wait %s, longer than %s)", wait, opts.RetryAfterCap)
			break
		}
		if err := opts.Sleep(ctx, wait); err != nil {
			last.msg += "; " + err.Error()
			break
		}
	}
	if last.MayHavePosted {
		last.msg += "; not retried: the server may have accepted the notice, so check the channel before posting it again"
	}
	return last
}

// postOnce makes one attempt. wait is how long to wait before retrying:
// -1 for no retry, 0 for the default backoff, else the Retry-After.
func postOnce(ctx context.Context, c *http.Client, u *url.URL, body []byte) (time.Duration, *Error) {
	var sent atomic.Bool
	trace := &httptrace.ClientTrace{WroteHeaders: func() { sent.Store(true) }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return -1, &Error{msg: "cannot build the request"}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		e := &Error{msg: networkMessage(err), MayHavePosted: sent.Load()}
		switch {
		case ctx.Err() != nil:
			e.msg = ctx.Err().Error()
			return -1, e
		case e.MayHavePosted:
			return -1, e
		}
		return 0, e
	}
	defer resp.Body.Close()
	detail, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return 0, nil
	}
	e := &Error{Status: resp.StatusCode, msg: "HTTP " + resp.Status}
	if s := strings.TrimSpace(string(detail)); s != "" {
		e.msg += ": " + strings.Join(strings.Fields(s), " ")
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		// The server refused the message and says when to come back.
		if d, ok := retryAfter(resp.Header.Get("Retry-After")); ok {
			return d, e
		}
	}
	// A 5xx may come from a gateway after the message went through.
	e.MayHavePosted = resp.StatusCode >= 500
	return -1, e
}

// networkMessage describes a transport error without the URL that
// *url.Error prints.
func networkMessage(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return "network error: " + err.Error()
}

// retryAfter reads a Retry-After header: seconds or an HTTP date; false
// when absent or unreadable. A date in the past is a wait of a second.
func retryAfter(h string) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return max(time.Duration(n)*time.Second, time.Second), true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), time.Second), true
	}
	return 0, false
}

// backoff is the delay before attempt+1: base doubled per attempt, capped,
// with up to half of it as random jitter.
func backoff(base, maxDelay time.Duration, attempt int) time.Duration {
	d := base << (attempt - 1)
	if d > maxDelay || d <= 0 {
		d = maxDelay
	}
	return d/2 + rand.N(d/2+1)
}
