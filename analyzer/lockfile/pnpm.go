package lockfile

import (
	"bytes"
	"strings"
)

// parsePnpm reads pnpm's pnpm-lock.yaml, lockfileVersion 5.x, 6.x and 9.x.
// The package keys differ by version and carry the peer dependencies the
// install was resolved with, which are stripped:
//
//	5.x  /name/1.2.3   /@scope/name/1.2.3_peer@1.0.0
//	6.x  /name@1.2.3   /@scope/name@1.2.3(peer@1.0.0)
//	9.x  name@1.2.3    @scope/name@1.2.3   (peers appear in "snapshots")
//
// In 5.x and 6.x a key may start with the host of a registry other than
// the default one instead of "/" (registry.example.test/name/1.2.3): with
// a valid version it is a registry release like any other, as pnpm's
// dependency-path reads it. A key that names no registry release (a
// tarball URL, a git repository such as github.com/owner/repo/COMMIT, a
// local directory, "file:", "git+...") is listed as unpinned, named by the
// entry's "name"; so is any entry whose resolution is a git repository or
// a directory. A key that should name a registry release but does not (no
// version: "/name", "name@") is an error: a key the reader cannot take
// apart must not pass the gate as "unpinned". The project's own packages
// (importers, "link:" dependencies) are not pins.
//
// pnpm 11 writes two YAML documents into the file: the first locks the
// package manager itself and configuration dependencies, the second the
// project. Both install packages, so the pins of every document are read;
// FormatVersion is that of the last one.
//
// Direct is a package an importer (the project, or a workspace package)
// names in its dependencies, devDependencies or optionalDependencies. Dev
// is pnpm's "dev: true" in 5.x and 6.x. Version 9 dropped that flag, so it
// is derived from the graph: a package reachable from the importers only
// through devDependencies (following "snapshots") is Dev. Line is that of
// the package's key under "packages".
func parsePnpm(path string, data []byte) (*File, error) {
	docs, err := parseYAML(path, PnpmLock, data)
	if err != nil {
		return nil, err
	}
	b := newBuilder(path, PnpmLock, "npm")
	b.lines = bytes.Count(data, []byte("\n")) + 1
	for _, root := range docs {
		if err := readPnpmDocument(b, path, root); err != nil {
			return nil, err
		}
	}
	return b.finish(), nil
}

// readPnpmDocument reads one YAML document of a pnpm-lock.yaml into b.
func readPnpmDocument(b *builder, path string, root *ynode) error {
	if root.kind != yMap {
		return b.errorf(path, root.line, "not a valid pnpm-lock.yaml: the document is not a mapping")
	}
	lv := root.get("lockfileVersion")
	if lv.text() == "" {
		return b.errorf(path, root.line, "not a valid pnpm-lock.yaml: no lockfileVersion")
	}
	b.file.FormatVersion = lv.text()
	major, _, _ := strings.Cut(lv.text(), ".")
	if major != "5" && major != "6" && major != "9" {
		return b.errorf(path, lv.line, "unsupported pnpm lockfileVersion %q (known: 5.x, 6.x, 9.x)", lv.text())
	}
	p := pnpmReader{b: b, path: path, major: major}

	importers := root.get("importers")
	if importers == nil {
		// A single project keeps its dependencies at the top level.
		importers = &ynode{kind: yMap, m: &ymap{keys: []string{"."}, keyLines: []int{root.line}}, vals: []*ynode{root}}
	}
	direct := map[string]bool{}
	var prodRoots, devRoots []string
	for _, imp := range importers.vals {
		for _, sec := range []string{"dependencies", "optionalDependencies", "devDependencies"} {
			deps := imp.get(sec)
			if deps == nil || deps.kind != yMap {
				continue
			}
			for i, name := range deps.keys() {
				v := deps.vals[i]
				if v.kind == yMap {
					v = v.get("version")
				}
				key, ok := p.depKey(name, v.text())
				if !ok {
					continue
				}
				direct[p.stripPeers(key)] = true
				if sec == "devDependencies" {
					devRoots = append(devRoots, key)
				} else {
					prodRoots = append(prodRoots, key)
				}
			}
		}
	}
	var devOnly map[string]bool
	if major == "9" {
		devOnly = pnpmDevOnly(root.get("snapshots"), p, prodRoots, devRoots)
	}

	pkgs := root.get("packages")
	if pkgs == nil || pkgs.kind == yNull {
		return nil
	}
	if pkgs.kind != yMap {
		return b.errorf(path, pkgs.line, "not a valid pnpm-lock.yaml: packages is not a mapping")
	}
	for i, key := range pkgs.keys() {
		e := pkgs.vals[i]
		line := pkgs.keyLine(i)
		name, version, kind := p.splitKey(key)
		if kind == pnpmMalformed {
			return b.errorf(path, line, "malformed pnpm package key %q: no version", key)
		}
		switch e.get("resolution").get("type").text() {
		case "git", "directory":
			kind = pnpmOther
		}
		if kind == pnpmOther {
			n := e.get("name").text()
			if n == "" {
				n = name
			}
			b.unpinned(path, line, n, key, "not from the registry")
			continue
		}
		plain := name + "@" + version
		dev := e.get("dev").text() == "true"
		if major == "9" {
			dev = devOnly[plain]
		}
		if err := b.pin(path, line, name, version, dev, direct[plain]); err != nil {
			return err
		}
	}
	return nil
}

type pnpmReader struct {
	b     *builder
	path  string
	major string
}

// pnpmKeyKind says what a "packages" key names.
type pnpmKeyKind int

const (
	pnpmRelease   pnpmKeyKind = iota // a registry release: name and version
	pnpmOther                        // a tarball, git repository or directory
	pnpmMalformed                    // a registry key without a version
)

// splitKey returns the package name and version (peers stripped) of a
// "packages" key, and what kind of key it is.
func (p pnpmReader) splitKey(key string) (name, version string, kind pnpmKeyKind) {
	if p.major == "9" {
		name, version = splitDescriptor(p.stripPeers(key))
		switch {
		case version == "":
			return name, "", pnpmMalformed
		case strings.ContainsAny(version, ":/"):
			return name, version, pnpmOther
		}
		return name, version, pnpmRelease
	}
	if rest, ok := strings.CutPrefix(key, "/"); ok {
		name, version = p.nameVersion(rest)
		if version == "" || strings.ContainsAny(version, ":/") {
			return name, version, pnpmMalformed
		}
		return name, version, pnpmRelease
	}
	// A key that does not start with "/" names its host first (pnpm's
	// dependency-path): a registry release when the rest is a name and a
	// valid version, anything else (github.com/owner/repo/COMMIT, file:,
	// a URL) not from the registry.
	host, rest, ok := strings.Cut(key, "/")
	if !ok || strings.Contains(host, ":") {
		return key, "", pnpmOther
	}
	name, version = p.nameVersion(rest)
	if _, err := p.b.eco.Parse(version); err != nil || version == "" {
		return name, version, pnpmOther
	}
	return name, version, pnpmRelease
}

// nameVersion splits the part of a 5.x or 6.x key after "/" or the host
// into the package name and its version, peers stripped.
func (p pnpmReader) nameVersion(rest string) (name, version string) {
	if p.major == "6" {
		return splitDescriptor(p.stripPeers(rest))
	}
	segs := strings.SplitN(rest, "/", 3)
	n := 1
	if strings.HasPrefix(rest, "@") {
		n = 2
	}
	if len(segs) <= n {
		return rest, ""
	}
	version, _, _ = strings.Cut(strings.Join(segs[n:], "/"), "_")
	return strings.Join(segs[:n], "/"), version
}

// stripPeers removes the peer suffix of a 6.x/9.x key or version
// ("1.2.3(react@18.2.0)" gives "1.2.3"); 5.x keys are cut in splitKey.
func (p pnpmReader) stripPeers(s string) string {
	if p.major == "5" {
		name, v := splitDescriptor(s)
		if v == "" {
			return s
		}
		v, _, _ = strings.Cut(v, "_")
		return name + "@" + v
	}
	s, _, _ = strings.Cut(s, "(")
	return s
}

// depKey turns an importer's or snapshot's dependency (name, version as
// pnpm writes it) into "name@version" with pnpm's peer suffix kept, the
// form of 9.x snapshot keys. An alias's version names the aliased package
// ("/real/1.0.0" in 5.x, "/real@1.0.0" in 6.x, "real@1.0.0" in 9.x).
// Links to the project's own packages give false.
func (p pnpmReader) depKey(name, version string) (string, bool) {
	if version == "" || strings.HasPrefix(version, "link:") || strings.HasPrefix(version, "file:") {
		return "", false
	}
	if c := version[0]; '0' <= c && c <= '9' {
		return name + "@" + version, true
	}
	if p.major != "9" && strings.Contains(version, "/") {
		n, v, kind := p.splitKey(version)
		return n + "@" + v, kind == pnpmRelease
	}
	return version, true
}

// pnpmDevOnly walks a 9.x lockfile's snapshots from the importers' roots and
// returns the packages ("name@version") reachable only from devDependencies.
func pnpmDevOnly(snapshots *ynode, p pnpmReader, prodRoots, devRoots []string) map[string]bool {
	walk := func(roots []string) map[string]bool {
		seen := map[string]bool{}
		queue := append([]string{}, roots...)
		for len(queue) > 0 {
			k := queue[0]
			queue = queue[1:]
			if seen[k] {
				continue
			}
			seen[k] = true
			s := snapshots.get(k)
			for _, sec := range []string{"dependencies", "optionalDependencies"} {
				deps := s.get(sec)
				if deps == nil || deps.kind != yMap {
					continue
				}
				for i, n := range deps.keys() {
					if dk, ok := p.depKey(n, deps.vals[i].text()); ok {
						queue = append(queue, dk)
					}
				}
			}
		}
		plain := map[string]bool{}
		for k := range seen {
			plain[p.stripPeers(k)] = true
		}
		return plain
	}
	if snapshots == nil {
		snapshots = &ynode{kind: yMap}
	}
	prod, dev := walk(prodRoots), walk(devRoots)
	out := map[string]bool{}
	for k := range dev {
		if !prod[k] {
			out[k] = true
		}
	}
	return out
}
