package lockfile

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

type pipfileLock struct {
	Meta struct {
		Spec json.Number `json:"pipfile-spec"`
	} `json:"_meta"`
	Default map[string]pipfileEntry `json:"default"`
	Develop map[string]pipfileEntry `json:"develop"`
}

type pipfileEntry struct {
	Version  string `json:"version"`
	Editable bool   `json:"editable"`
	Path     string `json:"path"`
	File     string `json:"file"`
	Git      string `json:"git"`
	Ref      string `json:"ref"`
}

// parsePipfile reads Pipenv's Pipfile.lock: the "default" section holds the
// application's packages and "develop" those for development, each entry's
// "version" being "==V". A package only in "develop" is Dev. Entries
// without a version (editable, path, file and git dependencies) are listed
// as unpinned. Pipfile.lock does not say which packages the Pipfile names,
// so Direct is false. Line is that of the entry's "version" key (of its
// name for unpinned entries).
func parsePipfile(path string, data []byte) (*File, error) {
	var lock pipfileLock
	if err := decodeJSON(path, PipfileLock, data, &lock); err != nil {
		return nil, err
	}
	if lock.Default == nil && lock.Develop == nil {
		return nil, &Error{Path: path, Format: PipfileLock, Line: 1, Msg: `not a Pipfile.lock: no "default" or "develop" section`}
	}
	b := newBuilder(path, PipfileLock, "PyPI")
	b.file.FormatVersion = lock.Meta.Spec.String()
	lines := map[string]int{}
	jsonKeyLines(data, func(p []string, line int) {
		if (len(p) == 2 || len(p) == 3 && p[2] == "version") && (p[0] == "default" || p[0] == "develop") {
			lines[strings.Join(p, "\x00")] = line
		}
	})
	for _, sec := range []struct {
		name    string
		entries map[string]pipfileEntry
	}{{"default", lock.Default}, {"develop", lock.Develop}} {
		names := make([]string, 0, len(sec.entries))
		for n := range sec.entries {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			return lines[sec.name+"\x00"+names[i]] < lines[sec.name+"\x00"+names[j]]
		})
		for _, n := range names {
			e := sec.entries[n]
			keyLine := lines[sec.name+"\x00"+n]
			if e.Version == "" {
				spec, reason := pipfileSource(e)
				b.unpinned(path, keyLine, n, spec, reason)
				continue
			}
			v, ok := strings.CutPrefix(e.Version, "===")
			if !ok {
				v, ok = strings.CutPrefix(e.Version, "==")
			}
			line := lines[sec.name+"\x00"+n+"\x00version"]
			if !ok || strings.HasSuffix(v, ".*") {
				return nil, b.errorf(path, line, "%s: version %s is not an exact pin (want \"==V\")", n, strconv.Quote(e.Version))
			}
			if err := b.pin(path, line, n, strings.TrimSpace(v), sec.name == "develop", false); err != nil {
				return nil, err
			}
		}
	}
	return b.finish(), nil
}

// pipfileSource describes a Pipfile.lock entry without a version.
func pipfileSource(e pipfileEntry) (spec, reason string) {
	switch {
	case e.Git != "":
		spec = e.Git
		if e.Ref != "" {
			spec += "@" + e.Ref
		}
		return spec, "git dependency"
	case e.Editable:
		return e.Path, "editable install"
	case e.Path != "":
		return e.Path, "path dependency"
	case e.File != "":
		return e.File, "file or URL dependency"
	}
	return "", "no version"
}
