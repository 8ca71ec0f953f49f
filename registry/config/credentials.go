package config

import (
	"encoding/base64"
	"net/url"
	"os/exec"
	"strings"
)

var execLookPath = exec.LookPath

// Credential is an Authorization header value for the URLs below a scope.
type Credential struct {
	// Host is host[:port] as it appears in a URL (lower case, default
	// port omitted). With AnyPort the port is ignored (netrc matches
	// machines by host name); "*" is any host (netrc's default entry).
	Host    string
	AnyPort bool
	// Path is the path prefix the credential applies to; "" or "/" for
	// the whole host. A prefix matches whole segments: "/npm" matches
	// "/npm/x" but not "/npmx".
	Path string
	// Header is the Authorization header value.
	Header string
	// Source says where the credential was configured, for messages; it
	// never contains the secret.
	Source string
}

// String describes the credential without its secret.
func (c Credential) String() string {
	scheme, _, _ := strings.Cut(c.Header, " ")
	return scheme + " credentials for //" + c.Host + c.Path + " from " + c.Source
}

// Basic returns a basic-auth header value.
func Basic(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

// hostKey is u's host as credentials are keyed: lower case, without the
// scheme's default port.
func hostKey(u *url.URL) string {
	h := strings.ToLower(u.Host)
	switch {
	case u.Scheme == "https" && strings.HasSuffix(h, ":443"):
		h = strings.TrimSuffix(h, ":443")
	case u.Scheme == "http" && strings.HasSuffix(h, ":80"):
		h = strings.TrimSuffix(h, ":80")
	}
	return h
}

// matches reports whether c applies to u and how specific it is (the
// length of its path), or -1.
func (c Credential) matches(u *url.URL) int {
	switch {
	case c.Host == "*":
		// netrc's default entry: any host; listed last, so it loses ties.
	case c.AnyPort:
		if !strings.EqualFold(c.Host, u.Hostname()) {
			return -1
		}
	case c.Host != hostKey(u):
		return -1
	}
	if !pathWithin(u.EscapedPath(), c.Path) {
		return -1
	}
	return len(c.Path)
}

// pathWithin reports whether p is prefix or below it, on segment
// boundaries.
func pathWithin(p, prefix string) bool {
	if prefix == "" || prefix == "/" {
		return true
	}
	if !strings.HasPrefix(p, prefix) {
		return false
	}
	return len(p) == len(prefix) || strings.HasSuffix(prefix, "/") || p[len(prefix)] == '/'
}

// Lookup returns the header of the most specific credential in cs that
// applies to u; among equally specific ones the first wins, so callers
// list their sources in priority order.
func Lookup(cs []Credential, u *url.URL) string {
	best, bestLen := "", -1
	for _, c := range cs {
		if n := c.matches(u); n > bestLen {
			best, bestLen = c.Header, n
		}
	}
	return best
}

// SplitUserinfo removes user info from a URL and returns it as a
// credential for the URL's host (pip's rule: credentials in an index URL
// apply to every request to that host). The returned URL is safe to print.
func SplitUserinfo(raw, source string) (string, *Credential, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", nil, &URLError{Source: source, Err: err}
	}
	if u.User == nil {
		return raw, nil, nil
	}
	user := u.User.Username()
	pw, _ := u.User.Password()
	u.User = nil
	c := &Credential{Host: hostKey(u), Header: Basic(user, pw), Source: source + " (user info in the URL)"}
	return u.String(), c, nil
}

// URLError is an unusable registry URL. It never repeats the URL, which
// may hold a password.
type URLError struct {
	Source string
	Err    error
}

func (e *URLError) Error() string {
	msg := "invalid registry URL from " + e.Source
	if ue, ok := e.Err.(*url.Error); ok {
		return msg + ": " + ue.Err.Error()
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *URLError) Unwrap() error { return e.Err }

// checkRegistryURL validates an absolute http(s) URL.
func checkRegistryURL(raw, source string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &URLError{Source: source, Err: err}
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &URLError{Source: source, Err: errNotHTTP}
	}
	return u, nil
}

type constError string

func (e constError) Error() string { return string(e) }

const errNotHTTP = constError("want an absolute http:// or https:// URL")

// Secrets returns what a credential's Authorization header holds: the
// header value, and for Basic the decoded user:password and password, so
// that output can mask them.
func (c Credential) Secrets() []string {
	out := []string{c.Header}
	scheme, val, _ := strings.Cut(c.Header, " ")
	switch strings.ToLower(scheme) {
	case "basic":
		if b, err := base64.StdEncoding.DecodeString(val); err == nil {
			out = append(out, val, string(b))
			if _, pw, ok := strings.Cut(string(b), ":"); ok && pw != "" {
				out = append(out, pw)
			}
		}
	case "bearer", "token":
		out = append(out, val)
	}
	return out
}
