package lockfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// berryRE finds the __metadata mapping that every Yarn Berry (v2+) lockfile
// starts with and no v1 lockfile has.
var berryRE = regexp.MustCompile(`(?m)^"?__metadata"?:`)

// parseYarn reads yarn.lock, telling Yarn Berry (YAML with a __metadata
// mapping) from Yarn v1 (yarn's own format) by content.
func parseYarn(path string, data []byte) (*File, error) {
	if berryRE.Match(data) {
		if len(data) > MaxYAMLSize {
			return nil, &Error{Path: path, Format: YarnLock, Msg: fmt.Sprintf("%s: %d bytes, over %d MiB, the bound of a Berry yarn.lock", ErrTooLarge, len(data), MaxYAMLSize>>20), Err: ErrTooLarge}
		}
		return parseYarnBerry(path, data)
	}
	return parseYarnV1(path, data)
}

// yarnBlock is one entry of a v1 lockfile: the descriptors of its header
// line and its fields.
type yarnBlock struct {
	line        int
	descriptors []string
	fields      map[string]yarnField
}

type yarnField struct {
	value string
	line  int
}

// parseYarnV1 reads a Yarn v1 lockfile, the indentation-based format of
// yarn's src/lockfile/parse.js: a header line lists the descriptors
// ("name@range", quoted when needed) that resolved to one package, and its
// indented body gives "version", "resolved" and nested maps such as
// "dependencies". The reader is strict where yarn is (odd indentation, a
// header without ":", an unterminated string, an entry without a version
// are errors) and lenient where a bare word may hold characters yarn
// would want quoted.
//
// Descriptors with a non-registry range (git, GitHub shorthand, file, link,
// URL) are listed as unpinned; an alias ("name@npm:other@^1") pins the
// aliased package. yarn.lock v1 records neither dev-only nor direct
// dependencies, so Dev and Direct are false. Line is that of "version".
func parseYarnV1(path string, data []byte) (*File, error) {
	b := newBuilder(path, YarnLock, "npm")
	b.file.FormatVersion = "1"
	blocks, err := yarnV1Blocks(data)
	if err != nil {
		var se *yarnSyntaxError
		if errors.As(err, &se) {
			return nil, b.errorf(path, se.line, "not a valid yarn.lock: %s", se.msg)
		}
		return nil, err
	}
	for _, blk := range blocks {
		version, ok := blk.fields["version"]
		if !ok {
			return nil, b.errorf(path, blk.line, "entry %q has no version", strings.Join(blk.descriptors, ", "))
		}
		name, rng := splitDescriptor(blk.descriptors[0])
		if real, ok := strings.CutPrefix(rng, "npm:"); ok {
			name, rng = splitDescriptor(real)
		}
		resolved := blk.fields["resolved"].value
		// One entry may list a registry-looking range beside the git one
		// it was resolved by ("minimist@0.0.8, minimist@ssh://..."): any
		// descriptor that is not a registry range makes the entry one.
		if d, reason := yarnNonRegistryDescriptor(blk.descriptors); reason != "" {
			_, spec := splitDescriptor(d)
			b.unpinned(path, version.line, name, spec, reason)
			continue
		}
		if reason := nonRegistrySource(resolved); reason != "" {
			b.unpinned(path, version.line, name, resolved, reason)
			continue
		}
		if err := b.pin(path, version.line, name, version.value, false, false); err != nil {
			return nil, err
		}
	}
	return b.finish(), nil
}

// yarnNonRegistryDescriptor returns the first descriptor whose range is not
// a registry range, and why.
func yarnNonRegistryDescriptor(descriptors []string) (string, string) {
	for _, d := range descriptors {
		_, rng := splitDescriptor(d)
		if real, ok := strings.CutPrefix(rng, "npm:"); ok {
			_, rng = splitDescriptor(real)
		}
		if reason := yarnRangeSource(rng); reason != "" {
			return d, reason
		}
	}
	return "", ""
}

// splitDescriptor splits "name@range" at the "@" after the name (a scoped
// name starts with its own "@"). A descriptor without a range has "".
func splitDescriptor(d string) (name, rng string) {
	if i := strings.Index(d[min(1, len(d)):], "@"); i >= 0 {
		return d[:i+1], d[i+2:]
	}
	return d, ""
}

var (
	protocolRE  = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)
	githubRE    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+(#.*)?$`)
	pathRangeRE = regexp.MustCompile(`^(\.{1,2}/|/|~/)`)
)

// yarnRangeSource says why a descriptor's range does not name a registry
// version (a git, GitHub, file, link or URL range), or returns "" for a
// semver range or a dist-tag.
func yarnRangeSource(rng string) string {
	if m := protocolRE.FindStringSubmatch(rng); m != nil {
		switch p := strings.ToLower(m[1]); {
		case p == "npm":
			return ""
		case strings.HasPrefix(p, "git") || p == "ssh" || p == "github" || p == "gitlab" || p == "bitbucket" || p == "gist":
			return "git dependency"
		case p == "http" || p == "https":
			if strings.Contains(rng, ".git#") || strings.HasSuffix(rng, ".git") {
				return "git dependency"
			}
			return "URL dependency"
		case p == "file" || p == "link" || p == "portal":
			return "local dependency"
		default:
			return p + " dependency"
		}
	}
	if pathRangeRE.MatchString(rng) {
		return "local dependency"
	}
	if githubRE.MatchString(rng) {
		return "git dependency"
	}
	return ""
}

type yarnSyntaxError struct {
	line int
	msg  string
}

func (e *yarnSyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// yarnV1Blocks splits a v1 lockfile into its entries.
func yarnV1Blocks(data []byte) ([]yarnBlock, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var blocks []yarnBlock
	var cur *yarnBlock
	depth := 0 // the indentation level the next body line may have at most
	for i, raw := range strings.Split(string(data), "\n") {
		n := i + 1
		line := strings.TrimRight(raw, "\r")
		body := strings.TrimLeft(line, " ")
		if body == "" || strings.HasPrefix(body, "#") {
			continue
		}
		if strings.HasPrefix(body, "\t") {
			return nil, &yarnSyntaxError{n, "tab in indentation"}
		}
		spaces := len(line) - len(body)
		if spaces%2 != 0 {
			return nil, &yarnSyntaxError{n, "invalid number of spaces"}
		}
		indent := spaces / 2
		if indent > depth {
			return nil, &yarnSyntaxError{n, "unexpected indentation"}
		}
		keys, colon, value, hasValue, err := yarnV1Line(body)
		if err != nil {
			return nil, &yarnSyntaxError{n, err.Error()}
		}
		switch {
		case indent == 0:
			if !colon || hasValue {
				return nil, &yarnSyntaxError{n, fmt.Sprintf("expected a header \"name@range:\", found %q", body)}
			}
			blocks = append(blocks, yarnBlock{line: n, descriptors: keys, fields: map[string]yarnField{}})
			cur = &blocks[len(blocks)-1]
			depth = 1
		case !hasValue && !colon:
			return nil, &yarnSyntaxError{n, fmt.Sprintf("missing value for %q", keys[0])}
		case !hasValue:
			depth = indent + 1 // a nested map such as dependencies:
		default:
			if indent == 1 {
				for _, k := range keys {
					cur.fields[k] = yarnField{value, n}
				}
			}
			depth = indent
		}
	}
	return blocks, nil
}

// yarnV1Line splits an unindented line into its keys (one or more,
// separated by commas), whether a colon follows them, and its value if it
// has one.
func yarnV1Line(s string) (keys []string, colon bool, value string, hasValue bool, err error) {
	for {
		var k string
		k, s, err = yarnToken(s, true)
		if err != nil {
			return nil, false, "", false, err
		}
		if k == "" {
			return nil, false, "", false, errors.New("missing key")
		}
		keys = append(keys, k)
		s = strings.TrimLeft(s, " ")
		if !strings.HasPrefix(s, ",") {
			break
		}
		s = strings.TrimLeft(s[1:], " ")
	}
	if strings.HasPrefix(s, ":") {
		colon = true
		s = s[1:]
	}
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "#") {
		return keys, colon, "", false, nil
	}
	if !colon && len(keys) > 1 {
		return nil, false, "", false, errors.New("several keys with one value")
	}
	value, rest, err := yarnToken(s, false)
	if err != nil {
		return nil, false, "", false, err
	}
	if rest = strings.TrimSpace(rest); rest != "" && !strings.HasPrefix(rest, "#") {
		return nil, false, "", false, fmt.Errorf("unexpected %q after value", rest)
	}
	return keys, colon, value, true, nil
}

// yarnToken reads a quoted (JSON) string or a bare word from the start of
// s. A bare key ends at a colon, comma or space; a bare value at a space.
func yarnToken(s string, key bool) (tok, rest string, err error) {
	if strings.HasPrefix(s, `"`) {
		end := 1
		escaped := false
		for ; end < len(s) && s[end] != '"'; end++ {
			if s[end] == '\\' {
				escaped = true
				end++
			}
		}
		if end >= len(s) {
			return "", "", errors.New("unterminated string")
		}
		tok = s[1:end]
		if escaped {
			if err := json.Unmarshal([]byte(s[:end+1]), &tok); err != nil {
				return "", "", fmt.Errorf("bad string %s", s[:end+1])
			}
		}
		return tok, s[end+1:], nil
	}
	stop := " "
	if key {
		stop = " :,"
	}
	i := strings.IndexAny(s, stop)
	if i < 0 {
		i = len(s)
	}
	return s[:i], s[i:], nil
}
