// Package webhook owns posting a message to a chat webhook (Discord and
// Slack incoming webhooks, and the services compatible with either): the
// JSON body of each kind, retries with backoff on 429, 5xx and network
// errors (honouring Retry-After), and errors that never reveal the
// webhook URL, which carries its credential in its path.
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
	"net/url"
	"strconv"
	"strings"
	"time"
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
	msg      string
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

// Post sends text to the webhook at rawURL. It retries on 429 (after the
// Retry-After the server asks for, up to RetryAfterCap), on 5xx and on
// network errors, with exponential backoff and jitter; other statuses
// fail at once. Errors are *Error and never contain the URL.
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
	var last *Error
	for attempt := 1; attempt <= opts.Attempts; attempt++ {
		wait, e := postOnce(ctx, opts.Client, u, body)
		if e == nil {
			return nil
		}
		e.Kind, e.Attempts = kind, attempt
		e.msg = redact(e.msg, u)
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
	return last
}

// postOnce makes one attempt. wait is how long to wait before retrying:
// -1 for no retry, 0 for the default backoff, else the Retry-After.
func postOnce(ctx context.Context, c *http.Client, u *url.URL, body []byte) (time.Duration, *Error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return -1, &Error{msg: "cannot build the request"}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return -1, &Error{msg: ctx.Err().Error()}
		}
		return 0, &Error{msg: networkMessage(err)}
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
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return retryAfter(resp.Header.Get("Retry-After")), e
	case resp.StatusCode >= 500:
		return retryAfter(resp.Header.Get("Retry-After")), e
	}
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

// redact removes every form of the URL, and its path and query, from a
// message; the host stays, as it names the service.
func redact(msg string, u *url.URL) string {
	secrets := []string{u.String(), u.Redacted(), u.EscapedPath(), u.Path, u.RawQuery}
	if u.Path != "" {
		secrets = append(secrets, url.PathEscape(u.Path), url.QueryEscape(u.String()))
	}
	for _, s := range secrets {
		if len(s) > 1 {
			msg = strings.ReplaceAll(msg, s, "[redacted]")
		}
	}
	return msg
}

// retryAfter reads a Retry-After header: seconds or an HTTP date; 0 when
// absent or unreadable.
func retryAfter(h string) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
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
