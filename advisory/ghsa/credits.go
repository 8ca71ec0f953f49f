package ghsa

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/patchline/patchline/analyzer/report"
)

// githubLogin is the form of a GitHub account name.
var githubLogin = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`)

// Login returns the GitHub account a credit contact names: a profile URL
// https://github.com/LOGIN (a trailing slash allowed); false otherwise.
func Login(contact string) (string, bool) {
	u, err := url.Parse(contact)
	if err != nil || u.Scheme != "https" || !strings.EqualFold(u.Host, "github.com") || u.RawQuery != "" || u.Fragment != "" {
		return "", false
	}
	login := strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"), "/")
	if !githubLogin.MatchString(login) {
		return "", false
	}
	return login, true
}

// credits keeps the credits that name a GitHub account, each once.
func credits(cs []report.Credit) []Credit {
	var out []Credit
	seen := map[string]bool{}
	for _, c := range cs {
		login, ok := creditLogin(c)
		if !ok || seen[strings.ToLower(login)] {
			continue
		}
		seen[strings.ToLower(login)] = true
		typ := strings.ToLower(c.Type)
		if typ == "" {
			typ = "other"
		}
		out = append(out, Credit{Login: login, Type: typ})
	}
	return out
}

func creditLogin(c report.Credit) (string, bool) {
	for _, ct := range c.Contact {
		if login, ok := Login(ct); ok {
			return login, true
		}
	}
	return "", false
}
