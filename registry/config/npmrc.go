package config

import (
	"encoding/json"
	"strings"
)

// parseNpmrc reads an npmrc file as npm's ini module does and returns its
// top-level keys: "key = value" lines, whole-line comments starting with
// ";" or "#", values in double quotes parsed as JSON strings (single
// quotes stripped), unquoted values cut at the first unescaped ";" or "#"
// with "\;", "\#" and "\\" unescaped, "key" alone meaning "true", and
// "key[]" array entries (kept as their last value, but "ca[]" entries,
// which are all kept, one per line). Keys inside a
// "[section]" are not top-level configuration and are skipped.
func parseNpmrc(text string) map[string]string {
	out := map[string]string{}
	inSection := false
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }) {
		t := strings.TrimSpace(line)
		if t == "" || t[0] == ';' || t[0] == '#' {
			continue
		}
		if r := strings.TrimRight(line, " \t"); line[0] == '[' && strings.IndexByte(r, ']') == len(r)-1 {
			inSection = true
			continue
		}
		if inSection {
			continue
		}
		k, v, hasValue := strings.Cut(line, "=")
		key := iniUnsafe(k)
		key, isArray := strings.CutSuffix(key, "[]")
		if key == "" || key == "__proto__" {
			continue
		}
		value := "true"
		if hasValue {
			value = iniUnsafe(v)
		}
		if isArray && key == "ca" && out[key] != "" {
			// Certificates are the one array patchline reads: all of
			// them are trusted.
			value = out[key] + "\n" + value
		}
		out[key] = value
	}
	return out
}

// iniUnsafe is the ini module's value decoding.
func iniUnsafe(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && ((v[0] == '"' && v[len(v)-1] == '"') || (v[0] == '\'' && v[len(v)-1] == '\'')) {
		if v[0] == '\'' {
			v = v[1 : len(v)-1]
		}
		var s string
		if err := json.Unmarshal([]byte(v), &s); err == nil {
			return s
		}
		return v
	}
	var b strings.Builder
	esc := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case esc:
			if c == '\\' || c == ';' || c == '#' {
				b.WriteByte(c)
			} else {
				b.WriteByte('\\')
				b.WriteByte(c)
			}
			esc = false
		case c == ';' || c == '#':
			return strings.TrimSpace(b.String())
		case c == '\\':
			esc = true
		default:
			b.WriteByte(c)
		}
	}
	if esc {
		b.WriteByte('\\')
	}
	return strings.TrimSpace(b.String())
}

// envReplace expands ${NAME} and ${NAME?} in s as npm's config does: an
// undefined NAME leaves "${NAME}" as written, unless the "?" modifier makes
// it empty; a backslash before "$" escapes the expression, and pairs of
// backslashes before it are halved.
func envReplace(s string, vars map[string]string) string {
	var b strings.Builder
	i := 0
	for i < len(s) {
		j := strings.Index(s[i:], "${")
		if j < 0 {
			break
		}
		start := i + j
		end := strings.IndexByte(s[start+2:], '}')
		name := ""
		if end >= 0 {
			name = s[start+2 : start+2+end]
		}
		if end < 0 || name == "" || strings.ContainsAny(strings.TrimSuffix(name, "?"), "${}?") {
			b.WriteString(s[i : start+2])
			i = start + 2
			continue
		}
		// The run of backslashes right before "$".
		bs := 0
		for start-bs-1 >= i && s[start-bs-1] == '\\' {
			bs++
		}
		b.WriteString(s[i : start-bs])
		whole := s[start : start+2+end+1]
		optional := strings.HasSuffix(name, "?")
		name = strings.TrimSuffix(name, "?")
		if bs%2 == 1 {
			b.WriteString(strings.Repeat(`\`, (bs-1)/2))
			b.WriteString(whole)
		} else {
			b.WriteString(strings.Repeat(`\`, bs/2))
			if v, ok := vars[name]; ok {
				b.WriteString(v)
			} else if !optional {
				b.WriteString("${" + name + "}")
			}
		}
		i = start + len(whole)
	}
	b.WriteString(s[i:])
	return b.String()
}
