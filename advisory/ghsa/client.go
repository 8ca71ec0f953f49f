package ghsa

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DefaultBaseURL is GitHub's public REST API.
const DefaultBaseURL = "https://api.github.com"

// APIVersion is the REST API version the bodies are written for: the
// description whose schemas the tests check them against.
const APIVersion = "2026-03-10"

// Repo is a repository, OWNER/REPO.
type Repo struct{ Owner, Name string }

func (r Repo) String() string { return r.Owner + "/" + r.Name }

var repoPart = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// ParseRepo reads OWNER/REPO.
func ParseRepo(s string) (Repo, error) {
	owner, name, ok := strings.Cut(s, "/")
	if !ok || !repoPart.MatchString(owner) || !repoPart.MatchString(name) || name == "." || name == ".." {
		return Repo{}, fmt.Errorf("repository %q: want OWNER/REPO, e.g. inveniosoftware/invenio-app-rdm", s)
	}
	return Repo{owner, name}, nil
}

// Existing is what the client reads of a repository advisory.
type Existing struct {
	GHSAID      string       `json:"ghsa_id"`
	CVEID       string       `json:"cve_id"`
	HTMLURL     string       `json:"html_url"`
	State       string       `json:"state"`
	Summary     string       `json:"summary"`
	Identifiers []Identifier `json:"identifiers"`
}

// Identifier is one of an advisory's ids (type GHSA or CVE).
type Identifier struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Client sends advisories to one GitHub API. Its errors never contain the
// token.
type Client struct {
	// BaseURL is the API's root (DefaultBaseURL when empty).
	BaseURL string
	// Token is sent as a bearer token.
	Token     string
	UserAgent string
	// HTTP defaults to a client with a 30 s timeout.
	HTTP *http.Client
	// Attempts bounds the tries of a request that may be repeated (GET,
	// PATCH) on a network error, 429 or 5xx; default 3. A POST is sent
	// once: repeating it could create a second advisory.
	Attempts int
	// Sleep waits between attempts; default a timer that honours ctx.
	Sleep func(ctx context.Context, d time.Duration) error
}

// APIError is an answer of the API other than success.
type APIError struct {
	Method, Path string // the request, without the host
	Status       int
	Message      string
	// Errors are GitHub's details of a validation failure (422), as it
	// sends them: strings or objects.
	Errors []any
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("GitHub answered %d %s to %s %s", e.Status, http.StatusText(e.Status), e.Method, e.Path)
	if e.Message != "" {
		s += ": " + e.Message
	}
	for _, d := range e.Errors {
		b, err := json.Marshal(d)
		if err != nil {
			continue
		}
		if str, ok := d.(string); ok {
			b = []byte(str)
		}
		s += "\n  " + string(b)
	}
	return s
}

// Outage reports whether the failure is the service's (5xx, 429), not
// the request's.
func (e *APIError) Outage() bool {
	return e.Status >= 500 || e.Status == http.StatusTooManyRequests
}

// NetworkError is a request that got no answer.
type NetworkError struct {
	Method, Path string
	Msg          string
}

func (e *NetworkError) Error() string {
	return fmt.Sprintf("%s %s: no answer from GitHub: %s", e.Method, e.Path, e.Msg)
}

// AmbiguousError is a report that more than one advisory of the
// repository matches.
type AmbiguousError struct {
	Repo    Repo
	GHSAIDs []string
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s: %d advisories carry the report's ids (%s): patchline updates one advisory per report; remove the ids of the others from the report",
		e.Repo, len(e.GHSAIDs), strings.Join(e.GHSAIDs, ", "))
}

// maxPages bounds the listing: GitHub's pages hold 100 advisories.
const maxPages = 100

// Find returns the repository's advisory that one of ids names (its GHSA
// id, its CVE id or one of its identifiers), nil when none does.
func (c *Client) Find(ctx context.Context, repo Repo, ids []string) (*Existing, error) {
	want := map[string]bool{}
	for _, id := range ids {
		if id != "" {
			want[id] = true
		}
	}
	next := c.url("/repos/" + url.PathEscape(repo.Owner) + "/" + url.PathEscape(repo.Name) + "/security-advisories?per_page=100")
	var found []Existing
	for page := 0; next != "" && page < maxPages; page++ {
		var list []Existing
		hdr, err := c.do(ctx, http.MethodGet, next, nil, &list)
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			if matches(a, want) {
				found = append(found, a)
			}
		}
		next = c.nextPage(hdr.Get("Link"))
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return &found[0], nil
	}
	var gs []string
	for _, a := range found {
		gs = append(gs, a.GHSAID)
	}
	return nil, &AmbiguousError{Repo: repo, GHSAIDs: gs}
}

func matches(a Existing, want map[string]bool) bool {
	if want[a.GHSAID] || (a.CVEID != "" && want[a.CVEID]) {
		return true
	}
	for _, id := range a.Identifiers {
		if want[id.Value] {
			return true
		}
	}
	return false
}

// Create creates a draft advisory.
func (c *Client) Create(ctx context.Context, repo Repo, adv *Advisory) (*Existing, error) {
	var out Existing
	_, err := c.do(ctx, http.MethodPost, c.url("/repos/"+url.PathEscape(repo.Owner)+"/"+url.PathEscape(repo.Name)+"/security-advisories"), adv, &out)
	return &out, err
}

// Update replaces the fields of an existing advisory that adv gives.
func (c *Client) Update(ctx context.Context, repo Repo, ghsaID string, adv *Advisory) (*Existing, error) {
	var out Existing
	_, err := c.do(ctx, http.MethodPatch, c.url("/repos/"+url.PathEscape(repo.Owner)+"/"+url.PathEscape(repo.Name)+"/security-advisories/"+url.PathEscape(ghsaID)), adv, &out)
	return &out, err
}

func (c *Client) url(path string) string {
	base := c.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	return strings.TrimSuffix(base, "/") + path
}

// linkNext finds the next page in a Link header.
var linkNext = regexp.MustCompile(`<([^>]+)>\s*;\s*rel="?next"?`)

// nextPage returns the next page's URL, only when it is on the API's own
// host: the token goes nowhere else.
func (c *Client) nextPage(link string) string {
	m := linkNext.FindStringSubmatch(link)
	if m == nil {
		return ""
	}
	next, err1 := url.Parse(m[1])
	base, err2 := url.Parse(c.url(""))
	if err1 != nil || err2 != nil || next.Scheme != base.Scheme || next.Host != base.Host {
		return ""
	}
	return next.String()
}

// do sends one request, repeating it when that is safe, and decodes a
// successful answer into out.
func (c *Client) do(ctx context.Context, method, rawURL string, in, out any) (http.Header, error) {
	var body []byte
	if in != nil {
		// "<" and ">" stay as they are: ranges are written with them.
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(in); err != nil {
			return nil, err
		}
		body = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	attempts := c.Attempts
	if attempts <= 0 {
		attempts = 3
	}
	if method == http.MethodPost {
		attempts = 1
	}
	path := pathOf(rawURL)
	var last error
	for attempt := 1; attempt <= attempts; attempt++ {
		hdr, wait, err := c.once(ctx, method, rawURL, body, out)
		if err == nil {
			return hdr, nil
		}
		last = c.redact(err, method, path)
		if wait < 0 || attempt == attempts {
			break
		}
		if wait == 0 {
			wait = time.Duration(attempt) * time.Second
		}
		if err := c.sleep(ctx, wait); err != nil {
			break
		}
	}
	return nil, last
}

// once makes one attempt. wait is -1 when the request must not be
// repeated, else the Retry-After the server asks for (0: none).
func (c *Client) once(ctx context.Context, method, rawURL string, body []byte, out any) (http.Header, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, method, rawURL, bytes.NewReader(body))
	if err != nil {
		return nil, -1, &NetworkError{Msg: "cannot build the request"}
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", APIVersion)
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	} else {
		req.Body = http.NoBody
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, -1, &NetworkError{Msg: ctx.Err().Error()}
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL
		}
		return nil, 0, &NetworkError{Msg: err.Error()}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, 0, &NetworkError{Msg: "reading the answer: " + err.Error()}
	}
	if resp.StatusCode/100 != 2 {
		e := &APIError{Status: resp.StatusCode}
		var msg struct {
			Message string `json:"message"`
			Errors  []any  `json:"errors"`
		}
		if json.Unmarshal(data, &msg) == nil {
			e.Message, e.Errors = msg.Message, msg.Errors
		} else {
			e.Message = strings.Join(strings.Fields(string(data[:min(len(data), 512)])), " ")
		}
		if !e.Outage() {
			return nil, -1, e
		}
		return nil, retryAfter(resp.Header.Get("Retry-After")), e
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return nil, -1, &APIError{Status: resp.StatusCode, Message: "the answer is not the JSON expected: " + err.Error()}
		}
	}
	return resp.Header, 0, nil
}

// redact names the request in err and removes the token from it, should
// an answer have echoed it.
func (c *Client) redact(err error, method, path string) error {
	switch e := err.(type) {
	case *APIError:
		e.Method, e.Path = method, path
		if c.Token != "" {
			e.Message = strings.ReplaceAll(e.Message, c.Token, "[redacted]")
			for i, d := range e.Errors {
				if b, err := json.Marshal(d); err == nil && bytes.Contains(b, []byte(c.Token)) {
					e.Errors[i] = "[redacted]"
				}
			}
		}
	case *NetworkError:
		e.Method, e.Path = method, path
		if c.Token != "" {
			e.Msg = strings.ReplaceAll(e.Msg, c.Token, "[redacted]")
		}
	}
	return err
}

func pathOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Path
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// retryAfter reads Retry-After in seconds, at most a minute; 0 when absent.
func retryAfter(h string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || n < 0 {
		return 0
	}
	return min(time.Duration(n)*time.Second, time.Minute)
}
