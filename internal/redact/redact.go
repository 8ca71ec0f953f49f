// Package redact removes secrets from text that leaves patchline: error
// messages, webhook answers echoed in errors, lockfile lines shown in a
// gate's output. It knows two kinds: the user info of URLs, found by its
// shape wherever it appears, and secrets the program was configured with
// (a webhook URL, a registry token), found by their value in the forms a
// server or a library may print them in.
package redact

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Mask replaces a secret.
const Mask = "****"

// userinfo matches "scheme://userinfo@": the scheme, then anything up to
// an "@" that comes before the authority ends.
var userinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@\s"'<>]+)@`)

// Userinfo masks the credentials of every URL in s as pip does: the
// password of "user:password@" ("user:****@"), and a lone user name, which
// may be a token, entirely ("****@").
func Userinfo(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	return userinfo.ReplaceAllStringFunc(s, func(m string) string {
		sub := userinfo.FindStringSubmatch(m)
		scheme, info := sub[1], sub[2]
		if user, _, ok := strings.Cut(info, ":"); ok {
			return scheme + user + ":" + Mask + "@"
		}
		return scheme + Mask + "@"
	})
}

// minSecretLen is the shortest part of a URL treated as a secret on its
// own: tokens are long, and masking "api" or "v1" would garble messages.
const minSecretLen = 8

// Set is a set of secrets. The zero value is empty and ready; it is safe
// for concurrent use.
type Set struct {
	mu      sync.RWMutex
	secrets []string
}

// Add adds secrets, in every form they may be printed in: as given,
// percent-encoded and JSON-encoded ("/" as "\/"). Values shorter than 4
// bytes are ignored.
func (s *Set) Add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if len(v) < 4 {
			continue
		}
		forms := []string{v, url.PathEscape(v), url.QueryEscape(v)}
		if b, err := json.Marshal(v); err == nil {
			forms = append(forms, strings.ReplaceAll(string(b[1:len(b)-1]), "/", `\/`), string(b[1:len(b)-1]))
		}
		for _, f := range forms {
			if !slices.Contains(s.secrets, f) {
				s.secrets = append(s.secrets, f)
			}
		}
	}
	// Longest first, so that a secret containing another is masked whole.
	slices.SortStableFunc(s.secrets, func(a, b string) int { return len(b) - len(a) })
}

// AddURL adds the secrets of a URL whose path or query is a credential (a
// chat webhook): the whole URL, its path and query, and every path segment
// and query value long enough to be a token. The host is not a secret.
func (s *Set) AddURL(raw string) {
	s.Add(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return
	}
	if u.User != nil {
		s.Add(u.User.String())
		if pw, ok := u.User.Password(); ok {
			s.Add(pw)
		}
	}
	s.Add(u.EscapedPath(), u.Path, u.RawQuery)
	for _, seg := range strings.Split(u.Path, "/") {
		if len(seg) >= minSecretLen {
			s.Add(seg)
		}
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			if len(v) >= minSecretLen {
				s.Add(v)
			}
		}
	}
}

// String masks every secret of the set, and the user info of every URL, in
// msg.
func (s *Set) String(msg string) string {
	if s != nil {
		s.mu.RLock()
		for _, v := range s.secrets {
			msg = strings.ReplaceAll(msg, v, Mask)
		}
		s.mu.RUnlock()
	}
	return Userinfo(msg)
}
