// Package registrytest owns the local registry server that patchline's
// registry tests run against: an httptest server that serves PyPI (PEP 691
// pages, core-metadata files, the JSON API) and npm package documents from
// files, with switches for every fault the HTTP layer must survive or
// report: latency, status codes, Retry-After, connection resets, truncated,
// invalid, oversized and slow bodies, same-host and cross-host redirects,
// and ETag / Last-Modified revalidation. It counts the requests per path and
// records the headers that matter (Authorization, validators).
//
// Files are usually loaded from a snapshot in the cache layout of package
// httpcache (LoadSnapshot), so that the committed snapshot and the server
// answer with the same bytes.
package registrytest

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/patchline/patchline/registry/httpcache"
)

// File is one resource the server answers with.
type File struct {
	Body         []byte
	ContentType  string
	ETag         string // sent and honoured unless empty
	LastModified string // sent and honoured unless empty
}

// Fault replaces the normal answer for one request to a path. Faults queued
// for a path are used one per request, in order; then the path is served
// normally again.
type Fault struct {
	Status     int    // answer with this status and a short body
	RetryAfter string // Retry-After header to send with Status
	Reset      bool   // close the connection without answering
	// Truncate declares the full Content-Length but sends only half of
	// the body, then closes the connection.
	Truncate bool
	// Body replaces the file's body, e.g. invalid JSON or an oversized
	// body; with Chunked the length is not declared in advance.
	Body    []byte
	Chunked bool
	// Stall pauses this long after the first bytes of the body.
	Stall time.Duration
	// Drip sends the body one byte at a time, this long apart: a server
	// that never stalls and never finishes.
	Drip time.Duration
	// Redirect answers with this status (301, 302, 307 or 308, default
	// 302) and Location RedirectTo (absolute, or a path on this server).
	RedirectTo     string
	RedirectStatus int
}

// Request is what the server recorded of one request.
type Request struct {
	Path            string // escaped path, e.g. /npm/@scope%2fname
	Authorization   string
	IfNoneMatch     string
	IfModifiedSince string
	Accept          string
	UserAgent       string
}

// Server is the local registry.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	latency  time.Duration
	files    map[string]File
	faults   map[string][]Fault
	requests []Request
	inFlight int
	peak     int
}

// New starts an empty server; Close it when done.
func New() *Server {
	s := &Server{files: map[string]File{}, faults: map[string][]Fault{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// NewTLS starts an empty HTTPS server, whose certificate (Certificate,
// or CertPEM) no system trusts; Close it when done.
func NewTLS() *Server {
	s := &Server{files: map[string]File{}, faults: map[string][]Fault{}}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	return s
}

// CertPEM is the server's certificate in PEM, as a CA bundle holds it.
func (s *Server) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw})
}

// key maps an escaped request path to the file key: registries serve
// "/simple/x/" and "/simple/x" as one resource, as the cache does.
func key(escapedPath string) string {
	return strings.TrimSuffix(escapedPath, "/")
}

// SetLatency delays every answer by d (before the status line).
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// Put serves f at the escaped path p.
func (s *Server) Put(p string, f File) {
	s.mu.Lock()
	s.files[key(p)] = f
	s.mu.Unlock()
}

// Remove stops serving p (404).
func (s *Server) Remove(p string) {
	s.mu.Lock()
	delete(s.files, key(p))
	s.mu.Unlock()
}

// Fail queues faults for the next requests to p.
func (s *Server) Fail(p string, faults ...Fault) {
	s.mu.Lock()
	s.faults[key(p)] = append(s.faults[key(p)], faults...)
	s.mu.Unlock()
}

// LoadSnapshot serves every entry of the cache tree dir/host (the layout of
// package httpcache) below the URL path prefix mount ("/" or "/npm/"), with
// the stored content type and validators.
func (s *Server) LoadSnapshot(dir, host, mount string) error {
	root := filepath.Join(dir, host)
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != httpcache.MetaFile {
			return err
		}
		var m httpcache.Meta
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		u, err := url.Parse(m.URL)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		body, err := os.ReadFile(filepath.Join(filepath.Dir(p), httpcache.BodyFile))
		if err != nil {
			return err
		}
		// The sidecar names the URL; its path is served below mount.
		urlPath := strings.TrimSuffix(mount, "/") + u.EscapedPath()
		s.mu.Lock()
		s.files[key(urlPath)] = File{Body: body, ContentType: m.ContentType, ETag: m.ETag, LastModified: m.LastModified}
		s.mu.Unlock()
		return nil
	})
}

// Count returns how many requests reached escaped path p.
func (s *Server) Count(p string) int {
	k := key(p)
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if key(r.Path) == k {
			n++
		}
	}
	return n
}

// Requests returns every request recorded so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Total returns the number of requests so far.
func (s *Server) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// Repeated returns the paths requested more than once, sorted; tests use it
// to show that no URL was fetched twice.
func (s *Server) Repeated() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]int{}
	for _, r := range s.requests {
		seen[r.Path]++
	}
	var out []string
	for p, n := range seen {
		if n > 1 {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// ResetCounts forgets the recorded requests and the in-flight peak.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	s.requests = nil
	s.peak = s.inFlight
	s.mu.Unlock()
}

// PeakInFlight returns the largest number of requests the server was
// answering at the same time.
func (s *Server) PeakInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	k := key(r.URL.EscapedPath())
	s.mu.Lock()
	s.requests = append(s.requests, Request{
		Path:            r.URL.EscapedPath(),
		Authorization:   r.Header.Get("Authorization"),
		IfNoneMatch:     r.Header.Get("If-None-Match"),
		IfModifiedSince: r.Header.Get("If-Modified-Since"),
		Accept:          r.Header.Get("Accept"),
		UserAgent:       r.Header.Get("User-Agent"),
	})
	latency := s.latency
	s.inFlight++
	s.peak = max(s.peak, s.inFlight)
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	var fault *Fault
	if q := s.faults[k]; len(q) > 0 {
		fault = &q[0]
		s.faults[k] = q[1:]
	}
	f, ok := s.files[k]
	s.mu.Unlock()

	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	if fault != nil {
		if s.serveFault(w, r, fault, f) {
			return
		}
	}
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if f.ContentType != "" {
		w.Header().Set("Content-Type", f.ContentType)
	}
	if f.ETag != "" {
		w.Header().Set("ETag", f.ETag)
	}
	if f.LastModified != "" {
		w.Header().Set("Last-Modified", f.LastModified)
	}
	if notModified(r, f) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Body)))
	w.Write(f.Body)
}

// notModified applies RFC 9110 §13.1: If-None-Match wins over
// If-Modified-Since.
func notModified(r *http.Request, f File) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if f.ETag == "" {
			return false
		}
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(f.ETag, "W/") {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && f.LastModified != "" {
		since, err1 := http.ParseTime(ims)
		mod, err2 := http.ParseTime(f.LastModified)
		return err1 == nil && err2 == nil && !mod.After(since)
	}
	return false
}

// serveFault answers with fault; false means "continue normally".
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, fault *Fault, f File) bool {
	switch {
	case fault.Reset:
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic("registrytest: connection cannot be hijacked")
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
		return true
	case fault.RedirectTo != "":
		code := fault.RedirectStatus
		if code == 0 {
			code = http.StatusFound
		}
		w.Header().Set("Location", fault.RedirectTo)
		w.WriteHeader(code)
		return true
	case fault.Status != 0:
		if fault.RetryAfter != "" {
			w.Header().Set("Retry-After", fault.RetryAfter)
		}
		http.Error(w, http.StatusText(fault.Status), fault.Status)
		return true
	}
	body := f.Body
	if fault.Body != nil {
		body = fault.Body
	}
	if f.ContentType != "" {
		w.Header().Set("Content-Type", f.ContentType)
	}
	if !fault.Chunked {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	switch {
	case fault.Truncate:
		w.WriteHeader(http.StatusOK)
		w.Write(body[:len(body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
		}
	case fault.Drip > 0:
		w.WriteHeader(http.StatusOK)
		fl, _ := w.(http.Flusher)
		for i := range body {
			w.Write(body[i : i+1])
			if fl != nil {
				fl.Flush()
			}
			select {
			case <-time.After(fault.Drip):
			case <-r.Context().Done():
				return true
			}
		}
	case fault.Stall > 0:
		w.WriteHeader(http.StatusOK)
		half := len(body) / 2
		w.Write(body[:half])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		select {
		case <-time.After(fault.Stall):
		case <-r.Context().Done():
			return true
		}
		w.Write(body[half:])
	default:
		w.WriteHeader(http.StatusOK)
		if fault.Chunked {
			// Write in pieces so that no Content-Length can be inferred.
			for len(body) > 0 {
				n := min(len(body), 32<<10)
				w.Write(body[:n])
				body = body[n:]
				if fl, ok := w.(http.Flusher); ok {
					fl.Flush()
				}
			}
		} else {
			w.Write(body)
		}
	}
	return true
}
