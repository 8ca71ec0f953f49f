package ghsa_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/patchline/patchline/advisory/ghsa"
	"github.com/patchline/patchline/advisory/ghsa/ghsatest"
)

const token = "ghp_test0123456789abcdefghijklmnopqrstuv"

var repo = ghsa.Repo{Owner: "example", Name: "lib"}

func noSleep(context.Context, time.Duration) error { return nil }

func body() *ghsa.Advisory {
	return &ghsa.Advisory{
		Summary:     "Path traversal in lib",
		Description: "lib joins user input to paths.\n",
		CVEID:       "CVE-2026-1234",
		Vulnerabilities: []ghsa.Vulnerability{
			{Package: ghsa.Package{Ecosystem: "pip", Name: "lib"}, VulnerableVersionRange: "< 2.0.3", PatchedVersions: "2.0.3"},
		},
	}
}

func TestParseRepo(t *testing.T) {
	if r, err := ghsa.ParseRepo("inveniosoftware/invenio-app-rdm"); err != nil || r.String() != "inveniosoftware/invenio-app-rdm" {
		t.Errorf("ParseRepo: %v, %v", r, err)
	}
	for _, s := range []string{"", "lib", "a/b/c", "/b", "a/", "a/..", "a b/c"} {
		if _, err := ghsa.ParseRepo(s); err == nil {
			t.Errorf("ParseRepo(%q) succeeded", s)
		}
	}
}

// Find reads every page and matches the report's ids against GHSA ids,
// CVE ids and identifiers.
func TestFindCreateUpdate(t *testing.T) {
	s := ghsatest.New(t, token)
	s.PageSize = 2
	s.Add(map[string]any{"ghsa_id": "GHSA-aaaa-bbbb-cccc", "summary": "other", "state": "published"})
	s.Add(map[string]any{"ghsa_id": "GHSA-dddd-eeee-ffff", "summary": "other", "state": "draft"})
	s.Add(map[string]any{"ghsa_id": "GHSA-2qrg-x229-3v8q", "cve_id": "CVE-2026-1234", "summary": "old", "state": "draft",
		"html_url": "https://github.com/example/lib/security/advisories/GHSA-2qrg-x229-3v8q"})
	c := &ghsa.Client{BaseURL: s.URL, Token: token, Sleep: noSleep}
	ctx := context.Background()

	got, err := c.Find(ctx, repo, []string{"x_EX-2026-0001", "CVE-2026-1234"})
	if err != nil || got == nil || got.GHSAID != "GHSA-2qrg-x229-3v8q" {
		t.Fatalf("Find by CVE alias: %+v, %v", got, err)
	}
	up, err := c.Update(ctx, repo, got.GHSAID, body())
	if err != nil || up.HTMLURL != "https://github.com/example/lib/security/advisories/GHSA-2qrg-x229-3v8q" {
		t.Fatalf("Update: %+v, %v", up, err)
	}
	if s.Advisory("GHSA-2qrg-x229-3v8q")["summary"] != "Path traversal in lib" {
		t.Errorf("the update did not reach the advisory: %v", s.Advisory("GHSA-2qrg-x229-3v8q"))
	}

	if got, err := c.Find(ctx, repo, []string{"CVE-2026-9999"}); err != nil || got != nil {
		t.Fatalf("Find of an unknown id: %+v, %v", got, err)
	}
	created, err := c.Create(ctx, repo, body())
	if err != nil || created.State != "draft" || !strings.HasPrefix(created.HTMLURL, "https://github.com/example/lib/security/advisories/GHSA-") {
		t.Fatalf("Create: %+v, %v", created, err)
	}
	// Now two advisories carry CVE-2026-1234: which to update is the
	// maintainer's decision.
	var amb *ghsa.AmbiguousError
	if _, err := c.Find(ctx, repo, []string{"CVE-2026-1234"}); !errors.As(err, &amb) || len(amb.GHSAIDs) != 2 {
		t.Errorf("Find with two matches: %v", err)
	}
	for _, r := range s.Requests() {
		if r.Authorization != "Bearer "+token {
			t.Errorf("%s %s sent Authorization %q", r.Method, r.Path, r.Authorization)
		}
	}
}

// A 422 carries GitHub's message and errors; the token never appears in
// an error, even when the server echoes it.
func TestAPIErrors(t *testing.T) {
	s := ghsatest.New(t, token)
	c := &ghsa.Client{BaseURL: s.URL, Token: token, Sleep: noSleep}
	s.Reject(http.StatusUnprocessableEntity, `{"message":"Validation Failed","errors":[{"resource":"RepositoryAdvisory","field":"cve_id","code":"invalid"},"`+token+` is not allowed"],"documentation_url":"https://docs.github.com/rest"}`)
	_, err := c.Create(context.Background(), repo, body())
	var ae *ghsa.APIError
	if !errors.As(err, &ae) || ae.Status != 422 || ae.Outage() {
		t.Fatalf("Create: %v, want a 422", err)
	}
	msg := err.Error()
	for _, want := range []string{"422", "POST /repos/example/lib/security-advisories", "Validation Failed", `"field":"cve_id"`, "[redacted]"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, token) {
		t.Errorf("error contains the token: %s", msg)
	}

	bad := &ghsa.Client{BaseURL: s.URL, Token: "wrong", Sleep: noSleep}
	if _, err := bad.Find(context.Background(), repo, []string{"CVE-2026-1234"}); !errors.As(err, &ae) || ae.Status != 401 || !strings.Contains(err.Error(), "Bad credentials") {
		t.Errorf("Find with a wrong token: %v", err)
	}
}

// 5xx answers are repeated for GET and PATCH, never for POST, and end as
// an outage.
func TestOutage(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		hits[r.Method]++
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	c := &ghsa.Client{BaseURL: srv.URL, Token: token, Sleep: noSleep}
	ctx := context.Background()
	var ae *ghsa.APIError
	if _, err := c.Find(ctx, repo, []string{"CVE-2026-1234"}); !errors.As(err, &ae) || !ae.Outage() {
		t.Errorf("Find: %v, want an outage", err)
	}
	if _, err := c.Create(ctx, repo, body()); !errors.As(err, &ae) || !ae.Outage() {
		t.Errorf("Create: %v, want an outage", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["GET"] != 3 || hits["POST"] != 1 {
		t.Errorf("attempts %v, want 3 GET and 1 POST", hits)
	}
}

func TestNetworkError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c := &ghsa.Client{BaseURL: "http://" + addr, Token: token, Sleep: noSleep}
	_, err = c.Find(context.Background(), repo, []string{"CVE-2026-1234"})
	var ne *ghsa.NetworkError
	if !errors.As(err, &ne) || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "GET /repos/example/lib/security-advisories") {
		t.Errorf("Find on a closed port: %v", err)
	}
}

// A next page on another host is not followed: the token goes to the
// API's host only.
func TestNextPageOtherHost(t *testing.T) {
	var other int
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { other++ }))
	defer elsewhere.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", `<`+elsewhere.URL+`/repos/example/lib/security-advisories?page=2>; rel="next"`)
		w.Write([]byte(`[]`))
	}))
	defer srv.Close()
	c := &ghsa.Client{BaseURL: srv.URL, Token: token, Sleep: noSleep}
	if _, err := c.Find(context.Background(), repo, []string{"CVE-2026-1234"}); err != nil {
		t.Fatal(err)
	}
	if other != 0 {
		t.Errorf("the next page on another host was requested")
	}
}
