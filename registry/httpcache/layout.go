package httpcache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrUnsafeKey marks a URL or package name the cache refuses to make a
// path of: a host that is not a host name or IP literal, or a package name
// with characters no registry allows. Nothing is read, written or removed
// for it.
var ErrUnsafeKey = errors.New("not usable as a cache key")

// keyHashLen is the number of hex digits of the URL digest in an entry's
// directory name (128 bits).
const keyHashLen = 32

// maxPackageLen bounds a package directory name; npm's limit on a name is
// 214 characters and PyPI's is lower.
const maxPackageLen = 214

// EntryDir returns the directory that holds the entry for u, requested for
// package pkg, relative to the store's root with forward slashes:
//
//	HOST/PACKAGE/DIGEST
//
// Every part is built from checked or derived text, never from the URL's
// path: HOST is the host name checked as one, PACKAGE the package name
// checked against the characters registries allow, DIGEST a hash of the
// URL. An error matching ErrUnsafeKey says the pair cannot be cached.
func EntryDir(u *url.URL, pkg string) (string, error) {
	host, err := hostDir(u)
	if err != nil {
		return "", err
	}
	p, err := packageDir(pkg)
	if err != nil {
		return "", err
	}
	dir := path.Join(host, p, urlDigest(u))
	if !filepath.IsLocal(filepath.FromSlash(dir)) {
		return "", fmt.Errorf("%w: %s", ErrUnsafeKey, dir)
	}
	return dir, nil
}

// urlDigest hashes what identifies the resource on its host: the escaped
// path (a trailing slash dropped, as registries serve "/simple/x/" and
// "/simple/x" as one resource) and the query. The scheme, the host (a
// directory of its own) and credentials are not part of it, so a snapshot
// recorded against one host serves another once its HOST directory is
// renamed.
func urlDigest(u *url.URL) string {
	k := strings.TrimSuffix(u.EscapedPath(), "/")
	if k == "" {
		k = "/"
	}
	if u.RawQuery != "" {
		k += "?" + u.RawQuery
	}
	h := sha256.Sum256([]byte(k))
	return hex.EncodeToString(h[:])[:keyHashLen]
}

// hostDir is the host directory: a lower-case host name whose labels are
// letters, digits and hyphens (RFC 1123), an IPv4 literal, or an IPv6
// literal written "ipv6_" and its 32 hex digits; a port is appended as
// "_PORT". An underscore can appear in no host name, so these forms never
// collide, and none of them can be "." or "..".
func hostDir(u *url.URL) (string, error) {
	h := strings.ToLower(u.Hostname())
	var dir string
	if ip := net.ParseIP(h); ip != nil && strings.Contains(h, ":") {
		dir = "ipv6_" + hex.EncodeToString(ip.To16())
	} else if validHostName(h) {
		dir = strings.TrimSuffix(h, ".")
	} else {
		return "", fmt.Errorf("%w: host %q is not a host name", ErrUnsafeKey, u.Hostname())
	}
	if p := u.Port(); p != "" {
		n, err := strconv.ParseUint(p, 10, 16)
		if err != nil {
			return "", fmt.Errorf("%w: port %q", ErrUnsafeKey, p)
		}
		dir += "_" + strconv.FormatUint(n, 10)
	}
	return dir, nil
}

// validHostName accepts LDH host names (and IPv4 literals, which are
// such names), with one optional trailing dot.
func validHostName(h string) bool {
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > 253 {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// packageDir is the package directory: the name in lower case (entries
// are told apart by their digest, so folding only groups them), an npm
// scope's "/" written "+", and "_" for a request made for no package. The
// characters are those npm and PyPI allow in a name; a leading "." or "_"
// is refused, so the name is never "." or ".." nor an entry file's name.
func packageDir(pkg string) (string, error) {
	if pkg == "" {
		return "_", nil
	}
	p := strings.ToLower(pkg)
	if strings.HasPrefix(p, "@") && strings.Count(p, "/") == 1 {
		p = strings.Replace(p, "/", "+", 1)
	}
	ok := len(p) <= maxPackageLen && p[0] != '.' && p[0] != '_'
	for i := 0; ok && i < len(p); i++ {
		c := p[i]
		ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-._~+@", c) >= 0
	}
	if !ok {
		return "", fmt.Errorf("%w: package name %q", ErrUnsafeKey, pkg)
	}
	return p, nil
}
