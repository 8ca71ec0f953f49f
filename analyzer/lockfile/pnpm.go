package lockfile

import (
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
// In 5.x and 6.x a key without the leading "/" is a non-registry package (a
// tarball URL, git repository or local directory, named by the entry's
// "name"); in 9.x one whose version is not a version (a URL, "file:",
// "git+..."). Both are listed as unpinned. The project's own packages
// (importers, "link:" dependencies) are not pins.
//
// Direct is a package an importer (the project, or a workspace package)
// names in its dependencies, devDependencies or optionalDependencies. Dev
// is pnpm's "dev: true" in 5.x and 6.x. Version 9 dropped that flag, so it
// is derived from the graph: a package reachable from the importers only
// through devDependencies (following "snapshots") is Dev. Line is that of
// the package's key under "packages".
func parsePnpm(path string, data []byte) (*File, error) {
	root, err := parseYAML(path, PnpmLock, data)
	if err != nil {
		return nil, err
	}
	b := newBuilder(path, PnpmLock, "npm")
	if root.kind != yMap {
		return nil, b.errorf(path, root.line, "not a valid pnpm-lock.yaml: the document is not a mapping")
	}
	lv := root.get("lockfileVersion")
	if lv.text() == "" {
		return nil, b.errorf(path, root.line, "not a valid pnpm-lock.yaml: no lockfileVersion")
	}
	b.file.FormatVersion = lv.text()
	major, _, _ := strings.Cut(lv.text(), ".")
	if major != "5" && major != "6" && major != "9" {
		return nil, b.errorf(path, lv.line, "unsupported pnpm lockfileVersion %q (known: 5.x, 6.x, 9.x)", lv.text())
	}
	p := pnpmReader{b: b, path: path, major: major}

	importers := root.get("importers")
	if importers == nil {
		// A single project keeps its dependencies at the top level.
		importers = &ynode{kind: yMap, keys: []string{"."}, vals: []*ynode{root}}
	}
	direct := map[string]bool{}
	var prodRoots, devRoots []string
	for _, imp := range importers.vals {
		for _, sec := range []string{"dependencies", "optionalDependencies", "devDependencies"} {
			deps := imp.get(sec)
			if deps == nil || deps.kind != yMap {
				continue
			}
			for i, name := range deps.keys {
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
	if pkgs == nil {
		return b.finish(), nil
	}
	if pkgs.kind != yMap {
		return nil, b.errorf(path, pkgs.line, "not a valid pnpm-lock.yaml: packages is not a mapping")
	}
	for i, key := range pkgs.keys {
		e := pkgs.vals[i]
		line := pkgs.keyLines[i]
		name, version, ok := p.splitKey(key)
		if !ok {
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
			return nil, err
		}
	}
	return b.finish(), nil
}

type pnpmReader struct {
	b     *builder
	path  string
	major string
}

// splitKey returns the package name and version (peers stripped) of a
// "packages" key, and false for a key that does not name a registry
// release.
func (p pnpmReader) splitKey(key string) (name, version string, ok bool) {
	if p.major == "5" {
		rest, slash := strings.CutPrefix(key, "/")
		segs := strings.SplitN(rest, "/", 3)
		n := 1
		if strings.HasPrefix(rest, "@") {
			n = 2
		}
		if len(segs) <= n {
			return rest, "", false
		}
		name = strings.Join(segs[:n], "/")
		version, _, _ = strings.Cut(strings.Join(segs[n:], "/"), "_")
		return name, version, slash && !strings.ContainsAny(version, ":/")
	}
	rest, slash := strings.CutPrefix(key, "/")
	name, version = splitDescriptor(p.stripPeers(rest))
	if p.major == "6" && !slash {
		return name, version, false
	}
	return name, version, version != "" && !strings.ContainsAny(version, ":/")
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
	if p.major == "5" && strings.HasPrefix(version, "/") {
		n, v, ok := p.splitKey(version)
		return n + "@" + v, ok
	}
	return strings.TrimPrefix(version, "/"), true
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
				for i, n := range deps.keys {
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
