package lockfile

import (
	"fmt"
	"sort"
	"strings"
)

type uvLock struct {
	Version  *int        `toml:"version"`
	Revision int         `toml:"revision"`
	Package  []uvPackage `toml:"package"`
}

type uvPackage struct {
	Name                 string                    `toml:"name"`
	Version              string                    `toml:"version"`
	Source               map[string]any            `toml:"source"`
	Dependencies         []uvDependency            `toml:"dependencies"`
	OptionalDependencies map[string][]uvDependency `toml:"optional-dependencies"`
	DevDependencies      map[string][]uvDependency `toml:"dev-dependencies"`
}

type uvDependency struct {
	Name    string   `toml:"name"`
	Version string   `toml:"version"`
	Extra   []string `toml:"extra"`
}

// parseUV reads uv's uv.lock.
//
// The project itself and the other workspace members (source "editable" or
// "virtual") are skipped. Packages from a registry are pins; git, url, path
// and directory sources are listed as unpinned, because their version is
// not a release of the index.
//
// uv.lock records the dependency graph, so Direct and Dev are derived from
// it: Direct is a package a workspace member names in its dependencies,
// optional dependencies or dependency groups ([package.dev-dependencies]);
// Dev is a package reachable from the members only through dependency
// groups. Environment markers are not evaluated (a dependency counts
// whatever platform it is for), and an extra requested on a dependency
// makes that extra's dependencies reachable. Lines: see tomlPackageLines.
func parseUV(path string, data []byte) (*File, error) {
	var lock uvLock
	if err := decodeTOML(path, UVLock, data, &lock); err != nil {
		return nil, err
	}
	if lock.Version == nil {
		return nil, &Error{Path: path, Line: 1, Format: UVLock, Msg: "not a uv.lock: no top-level version"}
	}
	b := newBuilder(path, UVLock, "PyPI")
	b.file.FormatVersion = fmt.Sprint(*lock.Version)
	versions := make([]string, len(lock.Package))
	for i, p := range lock.Package {
		versions[i] = p.Version
		if p.Name == "" {
			return nil, b.errorf(path, 0, "[[package]] number %d has no name", i+1)
		}
	}
	lines := tomlPackageLines(data, versions)
	direct, prod, dev := uvReach(lock.Package)
	for i, p := range lock.Package {
		kind, spec := uvSource(p.Source)
		switch kind {
		case "editable", "virtual":
			continue
		case "registry", "":
			// A registry package; uv always records the source, but a
			// missing one is read as the default index.
		default:
			b.unpinned(path, lines[i], p.Name, spec, kind+" source")
			continue
		}
		if p.Version == "" {
			return nil, b.errorf(path, lines[i], "package %q from a registry has no version", p.Name)
		}
		isDev := dev[i] && !prod[i]
		if err := b.pin(path, lines[i], p.Name, p.Version, isDev, direct[i]); err != nil {
			return nil, err
		}
	}
	return b.finish(), nil
}

// uvSource returns the kind of a package's source (registry, git, url,
// path, directory, editable, virtual) and its location.
func uvSource(src map[string]any) (kind, spec string) {
	kinds := make([]string, 0, len(src))
	for k := range src {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds) // uv writes one key; be deterministic if not
	for _, k := range kinds {
		if k == "subdirectory" {
			continue
		}
		s, _ := src[k].(string)
		return k, s
	}
	return "", ""
}

// uvReach walks the dependency graph from the workspace members and
// returns, per package index, whether a member names it (direct), and
// whether it is reachable through production dependencies (prod) or
// dependency groups (dev).
func uvReach(pkgs []uvPackage) (direct, prod, dev []bool) {
	n := len(pkgs)
	direct, prod, dev = make([]bool, n), make([]bool, n), make([]bool, n)
	byName := map[string][]int{}
	for i, p := range pkgs {
		key := normalizePyPIName(p.Name)
		byName[key] = append(byName[key], i)
	}
	// resolve returns the packages a dependency entry refers to: the one of
	// that version when uv had to disambiguate, else all of the name.
	resolve := func(d uvDependency) []int {
		var out []int
		for _, i := range byName[normalizePyPIName(d.Name)] {
			if d.Version == "" || pkgs[i].Version == d.Version {
				out = append(out, i)
			}
		}
		return out
	}
	type step struct {
		pkg    int
		extras []string
	}
	walk := func(seen []bool, start []uvDependency) {
		var queue []step
		push := func(d uvDependency) {
			for _, i := range resolve(d) {
				queue = append(queue, step{i, d.Extra})
			}
		}
		for _, d := range start {
			push(d)
		}
		doneExtra := map[string]bool{}
		for len(queue) > 0 {
			s := queue[0]
			queue = queue[1:]
			p := pkgs[s.pkg]
			if !seen[s.pkg] {
				seen[s.pkg] = true
				for _, d := range p.Dependencies {
					push(d)
				}
			}
			for _, e := range s.extras {
				k := fmt.Sprint(s.pkg, "\x00", e)
				if doneExtra[k] {
					continue
				}
				doneExtra[k] = true
				for _, d := range p.OptionalDependencies[e] {
					push(d)
				}
			}
		}
	}
	var prodRoots, devRoots []uvDependency
	for _, p := range pkgs {
		if kind, _ := uvSource(p.Source); kind != "editable" && kind != "virtual" {
			continue
		}
		prodRoots = append(prodRoots, p.Dependencies...)
		for _, ds := range sortedGroups(p.OptionalDependencies) {
			prodRoots = append(prodRoots, ds...)
		}
		for _, ds := range sortedGroups(p.DevDependencies) {
			devRoots = append(devRoots, ds...)
		}
	}
	for _, d := range append(append([]uvDependency{}, prodRoots...), devRoots...) {
		for _, i := range resolve(d) {
			direct[i] = true
		}
	}
	walk(prod, prodRoots)
	walk(dev, devRoots)
	return direct, prod, dev
}

func sortedGroups(m map[string][]uvDependency) [][]uvDependency {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([][]uvDependency, len(names))
	for i, k := range names {
		out[i] = m[k]
	}
	return out
}

// normalizePyPIName is PEP 503 normalisation for graph keys; names that are
// not valid are kept as written (the pin itself reports them).
func normalizePyPIName(name string) string {
	var b strings.Builder
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
