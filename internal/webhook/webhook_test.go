package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// hook is a local webhook that answers with the queued statuses, then 204,
// and records the bodies it received.
type hook struct {
	mu      sync.Mutex
	answers []answer
	bodies  []string
	srv     *httptest.Server
}

type answer struct {
	status     int
	retryAfter string
	body       string
}

// secretPath is the credential part of the webhook URL.
const secretPath = "/api/webhooks/1234567890/s3cr3t-T0KEN"

func newHook(t *testing.T, answers ...answer) *hook {
	h := &hook{answers: answers}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.bodies = append(h.bodies, r.Header.Get("Content-Type")+" "+string(b))
		var a answer
		if len(h.answers) > 0 {
			a, h.answers = h.answers[0], h.answers[1:]
		}
		h.mu.Unlock()
		if r.URL.Path != secretPath {
			a = answer{status: 404, body: "unknown webhook " + r.URL.Path}
		}
		if a.status == 0 {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if a.status < 0 {
			// Accept the message, then never answer.
			<-r.Context().Done()
			return
		}
		if a.retryAfter != "" {
			w.Header().Set("Retry-After", a.retryAfter)
		}
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// posts returns how many posts reached the hook.
func (h *hook) posts() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.bodies)
}

func (h *hook) url() string { return h.srv.URL + secretPath + "?wait=true" }

// recordSleeps returns options whose Sleep records the waits instead of
// waiting.
func recordSleeps(waits *[]time.Duration) Options {
	return Options{BaseDelay: time.Second, MaxDelay: 8 * time.Second, Sleep: func(_ context.Context, d time.Duration) error {
		*waits = append(*waits, d)
		return nil
	}}
}

func TestPostBodies(t *testing.T) {
	for _, tc := range []struct {
		kind Kind
		want string
	}{
		{Discord, `application/json {"content":"InvenioRDM: security release <2026-12-01> & more"}`},
		{Slack, `application/json {"text":"InvenioRDM: security release <2026-12-01> & more"}`},
	} {
		h := newHook(t)
		if err := Post(context.Background(), h.url(), tc.kind, "InvenioRDM: security release <2026-12-01> & more", Options{}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{tc.want}, h.bodies); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.kind, diff)
		}
	}
}

func TestPostRetries(t *testing.T) {
	var waits []time.Duration
	h := newHook(t, answer{status: 429, retryAfter: "7"}, answer{status: 503, retryAfter: "2"})
	if err := Post(context.Background(), h.url(), Discord, "x", recordSleeps(&waits)); err != nil {
		t.Fatal(err)
	}
	if len(h.bodies) != 3 {
		t.Fatalf("%d posts, want 3", len(h.bodies))
	}
	if diff := cmp.Diff([]time.Duration{7 * time.Second, 2 * time.Second}, waits); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

// A notice is never posted twice: once the request is sent, a 5xx or a
// timeout may come after the server accepted it, so none is retried, and
// the error says the notice may have been posted. A 429 or 503 without
// Retry-After is not retried either.
func TestPostIsNotRepeatedOnceSent(t *testing.T) {
	for _, tc := range []struct {
		name    string
		answers []answer
		client  *http.Client
		posted  bool
	}{
		{"bad gateway", []answer{{status: 502, body: "bad gateway"}}, nil, true},
		{"server error", []answer{{status: 500}}, nil, true},
		{"gateway timeout", []answer{{status: 504}}, nil, true},
		{"unavailable without Retry-After", []answer{{status: 503}}, nil, true},
		{"rate limited without Retry-After", []answer{{status: 429}}, nil, false},
		{"timeout after sending", []answer{{status: -1}}, &http.Client{Timeout: 200 * time.Millisecond}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var waits []time.Duration
			h := newHook(t, tc.answers...)
			opts := recordSleeps(&waits)
			opts.Client = tc.client
			err := Post(context.Background(), h.url(), Slack, "x", opts)
			var we *Error
			if !errors.As(err, &we) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if n := h.posts(); n != 1 || we.Attempts != 1 || len(waits) != 0 {
				t.Errorf("%d posts, %d attempts, waits %v; want 1 post and no retry", n, we.Attempts, waits)
			}
			if we.MayHavePosted != tc.posted || strings.Contains(err.Error(), "may have accepted") != tc.posted {
				t.Errorf("MayHavePosted = %v, err %q; want %v, said in the error", we.MayHavePosted, err, tc.posted)
			}
		})
	}
}

func TestPostErrorsNeverShowTheURL(t *testing.T) {
	var waits []time.Duration
	closed := httptest.NewServer(http.NotFoundHandler())
	deadURL := closed.URL + secretPath
	closed.Close()
	h := newHook(t, answer{status: 400, body: "invalid body for " + secretPath},
		answer{status: 403, body: `{"message": "token s3cr3t-T0KEN revoked", "path": "\/api\/webhooks\/1234567890\/s3cr3t-T0KEN"}`})
	for _, tc := range []struct {
		name, url string
		status    int
		attempts  int
		want      string
	}{
		{"rejected", h.url(), 400, 1, "posting to the discord webhook failed after 1 attempt(s): HTTP 400 Bad Request: invalid body for ****"},
		{"echoed in JSON", h.url(), 403, 1, `HTTP 403 Forbidden: {"message": "token **** revoked", "path": "****"}`},
		{"wrong path", h.srv.URL + "/api/webhooks/other", 404, 1, "HTTP 404 Not Found"},
		{"unreachable", deadURL, 0, 5, "network error"},
		{"not http", "ftp://example.test" + secretPath, 0, 0, "not an http(s) URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Post(context.Background(), tc.url, Discord, "x", recordSleeps(&waits))
			var we *Error
			if !errors.As(err, &we) {
				t.Fatalf("err = %v, want *Error", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || we.Status != tc.status || we.Attempts != tc.attempts {
				t.Errorf("err = %q (status %d, %d attempts), want %q, status %d, %d attempts", msg, we.Status, we.Attempts, tc.want, tc.status, tc.attempts)
			}
			for _, secret := range []string{"s3cr3t", "1234567890", tc.url} {
				if strings.Contains(msg, secret) {
					t.Errorf("error %q reveals %q", msg, secret)
				}
			}
		})
	}
}

func TestRetryAfterCap(t *testing.T) {
	h := newHook(t, answer{status: 429, retryAfter: "3600"})
	err := Post(context.Background(), h.url(), Slack, "x", Options{Sleep: func(context.Context, time.Duration) error {
		t.Error("slept although the wait is above the cap")
		return nil
	}})
	if err == nil || !strings.Contains(err.Error(), "asks to wait 1h0m0s") {
		t.Errorf("err = %v", err)
	}
}
