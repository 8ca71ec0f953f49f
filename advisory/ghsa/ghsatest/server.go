// Package ghsatest is a local GitHub REST API for tests of the code that
// publishes repository security advisories: it keeps advisories in
// memory, lists them in pages with Link headers as GitHub does, and
// checks the body of every create and update against the operation's
// schema of GitHub's published REST description (testdata, README
// there), failing the test on a body that does not conform.
package ghsatest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed testdata/repository-advisory-schemas.json
var schemasJSON []byte

// descriptionURL is where the schemas come from; their $refs resolve
// against it.
const descriptionURL = "https://raw.githubusercontent.com/github/rest-api-description/01149204a19f69d6bac7909ceef0b571bbbe2798/descriptions/api.github.com/api.github.com.2026-03-10.json"

// Schemas returns the compiled schemas of the create and the update
// operation's body.
func Schemas() (create, update *jsonschema.Schema, err error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemasJSON))
	if err != nil {
		return nil, nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(descriptionURL, doc); err != nil {
		return nil, nil, err
	}
	if create, err = c.Compile(descriptionURL + "#/components/schemas/repository-advisory-create"); err != nil {
		return nil, nil, err
	}
	update, err = c.Compile(descriptionURL + "#/components/schemas/repository-advisory-update")
	return create, update, err
}

// Request is one request the server received.
type Request struct {
	Method, Path string
	// Authorization is the header as received.
	Authorization string
	Body          []byte
}

// Server is the local API. Its URL is the API's root.
type Server struct {
	*httptest.Server
	t              testing.TB
	token          string
	create, update *jsonschema.Schema

	mu         sync.Mutex
	advisories []map[string]any
	requests   []Request
	reject     *rejection
	// PageSize is how many advisories a page of the list holds (30, as
	// GitHub's default, unless the request asks for fewer with per_page).
	PageSize int
}

type rejection struct {
	status int
	body   string
}

// New starts a server that accepts the bearer token token only; it is
// closed when the test ends.
func New(t testing.TB, token string) *Server {
	t.Helper()
	create, update, err := Schemas()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{t: t, token: token, create: create, update: update, PageSize: 30}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Add stores an advisory as GitHub would return it (ghsa_id, cve_id,
// identifiers, html_url, state, summary ...).
func (s *Server) Add(adv map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advisories = append(s.advisories, adv)
}

// Reject makes the server answer the next create or update with status
// and body (GitHub's JSON error), after validating it as usual.
func (s *Server) Reject(status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject = &rejection{status, body}
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Advisory returns the stored advisory with the GHSA id, nil if none.
func (s *Server) Advisory(ghsaID string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.advisories {
		if a["ghsa_id"] == ghsaID {
			return a
		}
	}
	return nil
}

var (
	listPath   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/security-advisories$`)
	advisoryAt = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/security-advisories/(GHSA-[^/]+)$`)
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Authorization: r.Header.Get("Authorization"), Body: body})
	s.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+s.token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"})
		return
	}
	switch m := listPath.FindStringSubmatch(r.URL.Path); {
	case m != nil && r.Method == http.MethodGet:
		s.list(w, r)
	case m != nil && r.Method == http.MethodPost:
		if s.validate(w, s.create, r, body) {
			s.store(w, m[1], m[2], body)
		}
	default:
		m := advisoryAt.FindStringSubmatch(r.URL.Path)
		if m == nil || r.Method != http.MethodPatch {
			writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
			return
		}
		if s.validate(w, s.update, r, body) {
			s.patch(w, m[3], body)
		}
	}
}

// validate checks a body against its schema: a body that does not
// conform fails the test and is answered 422, as GitHub would.
func (s *Server) validate(w http.ResponseWriter, sch *jsonschema.Schema, r *http.Request, body []byte) bool {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err == nil {
		err = sch.Validate(doc)
	}
	if err != nil {
		s.t.Errorf("%s %s: the body does not conform to GitHub's schema: %v\n%s", r.Method, r.URL.Path, err, body)
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "Invalid request.", "errors": []any{err.Error()}})
		return false
	}
	s.mu.Lock()
	rej := s.reject
	s.reject = nil
	s.mu.Unlock()
	if rej != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rej.status)
		io.WriteString(w, rej.body)
		return false
	}
	return true
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	size := s.PageSize
	if n, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && n > 0 && n < size {
		size = n
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	s.mu.Lock()
	all := append([]map[string]any(nil), s.advisories...)
	s.mu.Unlock()
	from := min((page-1)*size, len(all))
	to := min(from+size, len(all))
	if to < len(all) {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(page+1))
		w.Header().Set("Link", fmt.Sprintf(`<%s%s?%s>; rel="next"`, s.URL, r.URL.Path, q.Encode()))
	}
	out := all[from:to]
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, out)
}

// ghsaAlphabet is the alphabet of GHSA ids.
const ghsaAlphabet = "23456789cfghjmpqrvwx"

func (s *Server) store(w http.ResponseWriter, owner, repo string, body []byte) {
	var adv map[string]any
	if err := json.Unmarshal(body, &adv); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Problems parsing JSON"})
		return
	}
	s.mu.Lock()
	n := len(s.advisories) + 1
	var id strings.Builder
	id.WriteString("GHSA")
	for g := 0; g < 3; g++ {
		id.WriteString("-")
		for i := 0; i < 4; i++ {
			id.WriteByte(ghsaAlphabet[(n*(7+g*4+i)+g*3+i)%len(ghsaAlphabet)])
		}
	}
	adv["ghsa_id"] = id.String()
	adv["state"] = "draft"
	adv["html_url"] = fmt.Sprintf("https://github.com/%s/%s/security/advisories/%s", owner, repo, id.String())
	ids := []any{map[string]any{"type": "GHSA", "value": id.String()}}
	if cve, ok := adv["cve_id"].(string); ok && cve != "" {
		ids = append(ids, map[string]any{"type": "CVE", "value": cve})
	}
	adv["identifiers"] = ids
	s.advisories = append(s.advisories, adv)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, adv)
}

func (s *Server) patch(w http.ResponseWriter, ghsaID string, body []byte) {
	var fields map[string]any
	if err := json.Unmarshal(body, &fields); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Problems parsing JSON"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.advisories {
		if a["ghsa_id"] != ghsaID {
			continue
		}
		for k, v := range fields {
			a[k] = v
		}
		writeJSON(w, http.StatusOK, a)
		return
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
