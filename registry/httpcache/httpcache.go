// Package httpcache owns patchline's on-disk HTTP cache: where an entry for a
// URL lives, the file format of an entry, atomic writes and verification on
// read. It knows nothing about HTTP semantics beyond the validators it
// stores; the fetch package decides when an entry is fresh or revalidated.
//
// # Layout
//
// A cache is a directory tree that mirrors the URLs it holds. The entry for
// a URL is a directory
//
//	DIR/HOST/SEGMENT/SEGMENT/...
//
// holding two files:
//
//	_body       the response body exactly as served (after transfer
//	            decoding such as gzip)
//	_meta.json  the sidecar, a JSON object described by Meta
//
// HOST is the URL's host name, with ":PORT" written as "_PORT" (and the
// brackets of an IPv6 literal dropped) so that the tree also works on file
// systems that forbid colons. Each SEGMENT is one segment of the URL's
// escaped path as requested; a segment that starts with "." or "_" has that
// first byte percent-encoded ("%2E", "%5F"), which keeps "." and ".." out of
// the tree and makes a segment impossible to confuse with the entry files.
// A trailing slash does not change the entry (registries serve "/simple/x/"
// and "/simple/x" as one resource), the scheme is not part of the key, and a
// query string, when present, is appended to the last segment as "%3F"
// followed by the escaped query. Credentials are never part of a URL here.
//
// Because the key is the host and path alone, a cache recorded against one
// registry can be served as another by renaming its HOST directory: this is
// how the committed snapshots are recorded against a local test server and
// replayed for a placeholder host such as "registry.example.test".
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
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
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

// EntryDir returns the directory that holds the entry for u, relative to
// the store's root, with forward slashes.
func EntryDir(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" {
		host += "_" + p
	}
	parts := []string{host}
	path := u.EscapedPath()
	for _, seg := range strings.Split(path, "/") {
		if seg == "" {
			continue
		}
		if seg[0] == '.' || seg[0] == '_' {
			seg = fmt.Sprintf("%%%02X", seg[0]) + seg[1:]
		}
		parts = append(parts, seg)
	}
	if u.RawQuery != "" {
		q := "%3F" + url.PathEscape(u.RawQuery)
		if len(parts) == 1 {
			parts = append(parts, q)
		} else {
			parts[len(parts)-1] += q
		}
	}
	return strings.Join(parts, "/")
}

func (s *Store) entryPath(u *url.URL) string {
	return filepath.Join(s.dir, filepath.FromSlash(EntryDir(u)))
}

// Get returns the verified entry for u. It returns an error matching
// ErrMiss when there is none; a corrupt entry is removed and reported as a
// *CorruptError (which also matches ErrMiss).
func (s *Store) Get(u *url.URL) (*Entry, error) {
	dir := s.entryPath(u)
	metaBytes, err := os.ReadFile(filepath.Join(dir, MetaFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrMiss
	}
	if err != nil {
		return nil, s.drop(dir, fmt.Sprintf("unreadable sidecar: %v", err))
	}
	m, ok := scanMeta(metaBytes)
	if !ok {
		dec := json.NewDecoder(bytes.NewReader(metaBytes))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			return nil, s.drop(dir, fmt.Sprintf("invalid sidecar: %v", err))
		}
	}
	if m.Status != 200 {
		return nil, s.drop(dir, fmt.Sprintf("sidecar status %d, want 200", m.Status))
	}
	body, err := os.ReadFile(filepath.Join(dir, BodyFile))
	if err != nil {
		return nil, s.drop(dir, fmt.Sprintf("unreadable body: %v", err))
	}
	if int64(len(body)) != m.Size {
		return nil, s.drop(dir, fmt.Sprintf("body has %d bytes, sidecar says %d", len(body), m.Size))
	}
	if sum := Sum(body); sum != m.SHA256 {
		return nil, s.drop(dir, fmt.Sprintf("body sha256 %s, sidecar says %s", sum, m.SHA256))
	}
	return &Entry{Meta: m, Body: body}, nil
}

// drop removes a corrupt entry's files (not its sub-directories, which are
// other entries) and returns the error describing it.
func (s *Store) drop(dir, reason string) error {
	os.Remove(filepath.Join(dir, MetaFile))
	os.Remove(filepath.Join(dir, BodyFile))
	return &CorruptError{Dir: dir, Reason: reason}
}

// Put stores body with the given sidecar for u. Size and SHA256 are
// computed here; Status is set to 200.
func (s *Store) Put(u *url.URL, m Meta, body []byte) error {
	dir := s.entryPath(u)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	m.Status = 200
	m.Size = int64(len(body))
	m.SHA256 = Sum(body)
	m.FetchedAt = m.FetchedAt.UTC()
	// The body goes first: a crash between the two renames leaves a
	// sidecar whose digest does not match, which Get rejects.
	if err := writeAtomic(dir, BodyFile, body); err != nil {
		return err
	}
	return s.putMeta(dir, m)
}

// Touch records a successful revalidation of u's entry (a 304): the new
// fetch time and any validators the server sent.
func (s *Store) Touch(u *url.URL, e *Entry, fetchedAt time.Time, etag, lastModified string) error {
	m := e.Meta
	m.FetchedAt = fetchedAt.UTC()
	if etag != "" {
		m.ETag = etag
	}
	if lastModified != "" {
		m.LastModified = lastModified
	}
	if err := s.putMeta(s.entryPath(u), m); err != nil {
		return err
	}
	e.Meta = m
	return nil
}

func (s *Store) putMeta(dir string, m Meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return writeAtomic(dir, MetaFile, append(b, '\n'))
}

// writeAtomic writes data to dir/name through a temporary file in the same
// directory, so readers see either the old or the new file, never a part.
func writeAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, ".tmp-"+name+"-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, filepath.Join(dir, name))
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("cache: writing %s: %w", filepath.Join(dir, name), werr)
	}
	return nil
}

// Sum returns the lower-case hex SHA-256 of b, as stored in sidecars.
func Sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
