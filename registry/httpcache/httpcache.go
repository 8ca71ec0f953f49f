// Package httpcache owns patchline's on-disk HTTP cache: where an entry for a
// URL lives, the file format of an entry, atomic writes and verification on
// read. It knows nothing about HTTP semantics beyond the validators it
// stores; the fetch package decides when an entry is fresh or revalidated.
//
// # Layout
//
// The entry for a URL, requested for a package, is a directory
//
//	DIR/HOST/PACKAGE/DIGEST
//
// holding two files:
//
//	_body       the response body exactly as served (after transfer
//	            decoding such as gzip)
//	_meta.json  the sidecar, a JSON object described by Meta, which
//	            names the URL
//
// No part of a URL's path reaches the file system as a path: HOST is the
// URL's host checked as a host name (":PORT" written "_PORT", an IPv6
// literal "ipv6_" and its hex digits), PACKAGE the package name checked
// against the characters registries allow (npm's "@scope/name" written
// "@scope+name", "_" for no package), and DIGEST the first 32 hex digits of
// the SHA-256 of the URL's escaped path (without a trailing slash:
// registries serve "/simple/x/" and "/simple/x" as one resource) and query.
// The scheme is not part of the key, and credentials are never part of a
// URL here. A URL or name that fails these checks is not cached
// (ErrUnsafeKey), and every file operation goes through an os.Root opened
// on DIR, so that neither a path nor a symbolic link planted in the tree
// leads outside it.
//
// Because the host is a directory of its own and not part of the digest, a
// cache recorded against one registry can be served as another by renaming
// its HOST directory: this is how the committed snapshots are recorded
// against a local test server and replayed for a placeholder host such as
// "registry.example.test".
//
// # Integrity
//
// Entries are written atomically (temporary file and rename, body before
// sidecar) and verified on every read: a sidecar that does not parse, does
// not describe a 200 response, or whose size and SHA-256 do not match the
// body marks the entry as corrupt; Get then removes it and reports a miss,
// so a damaged entry is refetched and never trusted.
package httpcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"time"

	"github.com/patchline/patchline/internal/exitguard"
)

// File names of an entry's files inside its directory.
const (
	BodyFile = "_body"
	MetaFile = "_meta.json"
)

// Meta is the sidecar of a cache entry.
type Meta struct {
	// URL is the URL that was requested, without credentials.
	URL string `json:"url"`
	// Location is where the last redirect led, when the response came from
	// another URL than the one requested: a path (relative to URL's host)
	// when on the same host, an absolute URL otherwise. Relative links in
	// the body resolve against it.
	Location string `json:"location,omitempty"`
	// Status is the HTTP status of the stored response; always 200.
	Status int `json:"status"`
	// ContentType is the response's Content-Type header.
	ContentType string `json:"content_type,omitempty"`
	// ETag and LastModified are the response's validators, sent back as
	// If-None-Match and If-Modified-Since when the entry is revalidated.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// FetchedAt is when the body was fetched or last revalidated (UTC).
	FetchedAt time.Time `json:"fetched_at"`
	// Size and SHA256 describe the body file; both are checked on read.
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Entry is a stored response.
type Entry struct {
	Meta Meta
	Body []byte
}

// ErrMiss is returned by Get when there is no usable entry for a URL.
var ErrMiss = errors.New("not in cache")

// CorruptError reports an entry that failed verification and was removed.
// It matches ErrMiss with errors.Is.
type CorruptError struct {
	Dir    string // the entry directory
	Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("cache entry %s dropped: %s", e.Dir, e.Reason)
}

// Is makes a corrupt entry count as a miss.
func (e *CorruptError) Is(target error) bool { return target == ErrMiss }

// Store is a cache directory. It is safe for concurrent use by goroutines
// and, thanks to atomic renames, by several processes.
type Store struct {
	dir string
}

// New returns the store rooted at dir. The directory is created on the
// first write.
func New(dir string) *Store { return &Store{dir: dir} }

// Dir returns the root directory of the store.
func (s *Store) Dir() string { return s.dir }

// DefaultDir returns the default cache directory: $XDG_CACHE_HOME/patchline
// when XDG_CACHE_HOME is set (also on systems that do not use it by
// default), else os.UserCacheDir()/patchline.
func DefaultDir() (string, error) {
	if x := os.Getenv("XDG_CACHE_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "patchline"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %w (set --cache-dir or XDG_CACHE_HOME)", err)
	}
	return filepath.Join(d, "patchline"), nil
}

// root opens the store's directory for traversal-safe access, creating it
// first when create is set.
func (s *Store) root(create bool) (*os.Root, error) {
	if create {
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			return nil, fmt.Errorf("cache: %w", err)
		}
	}
	r, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return r, nil
}

// Get returns the verified entry for u, requested for package pkg. It
// returns an error matching ErrMiss when there is none; a corrupt entry is
// removed and reported as a *CorruptError (which also matches ErrMiss).
func (s *Store) Get(u *url.URL, pkg string) (*Entry, error) {
	dir, err := EntryDir(u, pkg)
	if err != nil {
		return nil, ErrMiss
	}
	r, err := s.root(false)
	if err != nil {
		return nil, ErrMiss
	}
	defer r.Close()
	metaBytes, err := r.ReadFile(path.Join(dir, MetaFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrMiss
	}
	if err != nil {
		return nil, s.drop(r, dir, fmt.Sprintf("unreadable sidecar: %v", err))
	}
	m, ok := scanMeta(metaBytes)
	if !ok {
		dec := json.NewDecoder(bytes.NewReader(metaBytes))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			return nil, s.drop(r, dir, fmt.Sprintf("invalid sidecar: %v", err))
		}
	}
	if m.Status != 200 {
		return nil, s.drop(r, dir, fmt.Sprintf("sidecar status %d, want 200", m.Status))
	}
	body, err := r.ReadFile(path.Join(dir, BodyFile))
	if err != nil {
		return nil, s.drop(r, dir, fmt.Sprintf("unreadable body: %v", err))
	}
	if int64(len(body)) != m.Size {
		return nil, s.drop(r, dir, fmt.Sprintf("body has %d bytes, sidecar says %d", len(body), m.Size))
	}
	if sum := Sum(body); sum != m.SHA256 {
		return nil, s.drop(r, dir, fmt.Sprintf("body sha256 %s, sidecar says %s", sum, m.SHA256))
	}
	return &Entry{Meta: m, Body: body}, nil
}

// drop removes a corrupt entry's files and returns the error describing
// it.
func (s *Store) drop(r *os.Root, dir, reason string) error {
	r.Remove(path.Join(dir, MetaFile))
	r.Remove(path.Join(dir, BodyFile))
	return &CorruptError{Dir: filepath.Join(s.dir, filepath.FromSlash(dir)), Reason: reason}
}

// Put stores body with the given sidecar for u, requested for package
// pkg. Size and SHA256 are computed here; Status is set to 200.
func (s *Store) Put(u *url.URL, pkg string, m Meta, body []byte) error {
	dir, err := EntryDir(u, pkg)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	r, err := s.root(true)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := r.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	m.Status = 200
	m.Size = int64(len(body))
	m.SHA256 = Sum(body)
	m.FetchedAt = m.FetchedAt.UTC()
	// The body goes first: a crash between the two renames leaves a
	// sidecar whose digest does not match, which Get rejects.
	if err := s.writeAtomic(r, dir, BodyFile, body); err != nil {
		return err
	}
	return s.putMeta(r, dir, m)
}

// Touch records a successful revalidation of u's entry (a 304): the new
// fetch time and any validators the server sent.
func (s *Store) Touch(u *url.URL, pkg string, e *Entry, fetchedAt time.Time, etag, lastModified string) error {
	dir, err := EntryDir(u, pkg)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	m := e.Meta
	m.FetchedAt = fetchedAt.UTC()
	if etag != "" {
		m.ETag = etag
	}
	if lastModified != "" {
		m.LastModified = lastModified
	}
	r, err := s.root(false)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := s.putMeta(r, dir, m); err != nil {
		return err
	}
	e.Meta = m
	return nil
}

func (s *Store) putMeta(r *os.Root, dir string, m Meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return s.writeAtomic(r, dir, MetaFile, append(b, '\n'))
}

// writeAtomic writes data to dir/name through a temporary file in the same
// directory, so readers see either the old or the new file, never a part.
func (s *Store) writeAtomic(r *os.Root, dir, name string, data []byte) error {
	defer exitguard.Begin()()
	final := path.Join(dir, name)
	f, tmp, err := createTemp(r, dir, ".tmp-"+name+"-")
	if err != nil {
		return fmt.Errorf("cache: writing %s: %w", filepath.Join(s.dir, filepath.FromSlash(final)), err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = r.Rename(tmp, final)
	}
	if werr != nil {
		r.Remove(tmp)
		return fmt.Errorf("cache: writing %s: %w", filepath.Join(s.dir, filepath.FromSlash(final)), werr)
	}
	return nil
}

// createTemp is os.CreateTemp inside a root.
func createTemp(r *os.Root, dir, prefix string) (*os.File, string, error) {
	for range 10 {
		name := path.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		f, err := r.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, name, err
	}
	return nil, "", errors.New("no unused temporary file name")
}

// Sum returns the lower-case hex SHA-256 of b, as stored in sidecars.
func Sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
