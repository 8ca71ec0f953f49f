package config

import (
	"path/filepath"
	"strings"
)

// Netrc returns basic-auth credentials from the netrc file that pip (through
// requests) reads: $NETRC if set, else the first of ~/.netrc and ~/_netrc
// that exists. A machine entry applies to its host name on any port; the
// default entry, if any, to every other host. As requests does, the login
// is the account when no login is given, and an unreadable or malformed
// file is ignored rather than failing the run.
func Netrc(env Env) ([]Credential, error) {
	var paths []string
	if p := env.get("NETRC"); p != "" {
		paths = []string{env.expandHome(p)}
	} else {
		paths = []string{filepath.Join(env.Home, ".netrc"), filepath.Join(env.Home, "_netrc")}
	}
	for _, p := range paths {
		b, ok, err := readOptional(p)
		if err != nil || !ok {
			continue
		}
		return parseNetrc(string(b), p), nil
	}
	return nil, nil
}

type netrcEntry struct{ login, account, password string }

// parseNetrc reads the netrc grammar of Python's netrc module: whitespace
// separated tokens, double-quoted tokens with backslash escapes, "#"
// comments, machine/default entries with login, account and password, and
// macdef bodies up to an empty line. Later machine entries replace earlier
// ones for the same host.
func parseNetrc(text, path string) []Credential {
	toks := netrcTokens(text)
	hosts := map[string]netrcEntry{}
	var order []string
	var def *netrcEntry
	for i := 0; i < len(toks); {
		switch toks[i].s {
		case "machine", "default":
			var name string
			isDefault := toks[i].s == "default"
			i++
			if !isDefault {
				if i >= len(toks) {
					return nil
				}
				name = strings.ToLower(toks[i].s)
				i++
			}
			var e netrcEntry
		fields:
			for i < len(toks) {
				switch toks[i].s {
				case "login", "user", "account", "password":
					if i+1 >= len(toks) {
						return nil
					}
					switch toks[i].s {
					case "login", "user":
						e.login = toks[i+1].s
					case "account":
						e.account = toks[i+1].s
					case "password":
						e.password = toks[i+1].s
					}
					i += 2
				default:
					break fields
				}
			}
			if isDefault {
				def = &e
			} else {
				if _, seen := hosts[name]; !seen {
					order = append(order, name)
				}
				hosts[name] = e
			}
		case "macdef":
			// Skip the macro body: every token up to the first empty line
			// after the macdef line.
			line := toks[i].line
			i++
			for i < len(toks) && !toks[i].afterBlank(line) {
				i++
			}
		default:
			return nil // malformed: requests ignores the whole file
		}
	}
	var cs []Credential
	add := func(host string, e netrcEntry) {
		login := e.login
		if login == "" {
			login = e.account
		}
		cs = append(cs, Credential{Host: host, AnyPort: true, Header: Basic(login, e.password), Source: path})
	}
	for _, h := range order {
		add(h, hosts[h])
	}
	if def != nil {
		add("*", *def)
	}
	return cs
}

type netrcToken struct {
	s          string
	line       int
	blankAfter int // number of the last blank line before this token
}

// afterBlank reports whether a blank line lies between line and the token.
func (t netrcToken) afterBlank(line int) bool { return t.blankAfter > line }

func netrcTokens(text string) []netrcToken {
	var toks []netrcToken
	lastBlank := 0
	for n, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		ln := n + 1
		if strings.TrimSpace(line) == "" {
			lastBlank = ln
			continue
		}
		for j := 0; j < len(line); {
			c := line[j]
			switch {
			case c == ' ' || c == '\t':
				j++
			case c == '#':
				j = len(line)
			case c == '"':
				var b strings.Builder
				j++
				for j < len(line) && line[j] != '"' {
					if line[j] == '\\' && j+1 < len(line) {
						j++
					}
					b.WriteByte(line[j])
					j++
				}
				j++
				toks = append(toks, netrcToken{s: b.String(), line: ln, blankAfter: lastBlank})
			default:
				k := j
				for k < len(line) && line[k] != ' ' && line[k] != '\t' {
					if line[k] == '\\' && k+1 < len(line) {
						k++
					}
					k++
				}
				toks = append(toks, netrcToken{s: strings.ReplaceAll(line[j:k], `\`, ""), line: ln, blankAfter: lastBlank})
				j = k
			}
		}
	}
	return toks
}
