package lockfile

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

type packageLock struct {
	LockfileVersion *int                       `json:"lockfileVersion"`
	Packages        map[string]npmPackage      `json:"packages"`
	Dependencies    map[string]npmV1Dependency `json:"dependencies"`
}

// npmPackage is an entry of the "packages" map (lockfile versions 2, 3).
type npmPackage struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Resolved             string            `json:"resolved"`
	Link                 bool              `json:"link"`
	Dev                  bool              `json:"dev"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
}

// npmV1Dependency is an entry of lockfile version 1's nested "dependencies".
type npmV1Dependency struct {
	Version      string                     `json:"version"`
	Resolved     string                     `json:"resolved"`
	Dev          bool                       `json:"dev"`
	Dependencies map[string]npmV1Dependency `json:"dependencies"`
}

// parsePackageLock reads npm's package-lock.json and npm-shrinkwrap.json.
//
// Versions 2 and 3 are read from the "packages" map, keyed by install
// location ("node_modules/a/node_modules/@scope/b"): the package name is
// the entry's "name" when npm records one (an alias installed under another
// folder name), else the path after the last "node_modules/". The root
// entry "" and workspace folders (keys outside node_modules) are the
// project's own code and are skipped; "link": true entries point at them
// and are skipped too. A link may also point into node_modules (a layout
// pnpm made, npm's own links to folders inside a package): a target that
// is an install location (node_modules/NAME) is read as any package and
// is Direct when the project declares the link; a target elsewhere (a
// folder inside a package) is local code and skipped, as are the empty
// folders npm records on the way (node_modules/.pnpm/HOST/NAME/VERSION). Version 1 files (and version 2 files without
// "packages") are read from the nested "dependencies" tree.
//
// Dev is npm's "dev" flag. "devOptional" is deliberately not Dev: npm sets
// it on a package that is also an optional dependency of a production
// package, so it can be installed in production. Direct (versions 2 and 3)
// is set for a package installed at the top of node_modules (of the root or
// of a workspace) under a name that the root or a workspace declares in its
// dependencies, devDependencies, optionalDependencies or peerDependencies;
// version 1 does not record the project's own dependencies, so Direct is
// false there. A package resolved from git or a local file ("git+", "file:"
// and similar sources, or a version 1 "version" that is such a spec) is
// listed as unpinned; an alias ("npm:name@1.2.3") pins the aliased package.
// Line is that of the entry's "version" key.
func parsePackageLock(path string, data []byte) (*File, error) {
	var lock packageLock
	if err := decodeJSON(path, PackageLock, data, &lock); err != nil {
		return nil, err
	}
	if lock.LockfileVersion == nil {
		return nil, &Error{Path: path, Line: 1, Format: PackageLock, Msg: `not a package-lock.json: no "lockfileVersion"`}
	}
	b := newBuilder(path, PackageLock, "npm")
	b.file.FormatVersion = fmt.Sprint(*lock.LockfileVersion)
	if *lock.LockfileVersion >= 2 && lock.Packages != nil {
		if err := readNPMPackages(b, path, data, lock.Packages); err != nil {
			return nil, err
		}
		return b.finish(), nil
	}
	if *lock.LockfileVersion == 3 {
		return nil, &Error{Path: path, Line: 1, Format: PackageLock, Msg: `not a valid package-lock.json: lockfileVersion 3 without "packages"`}
	}
	if *lock.LockfileVersion < 1 || *lock.LockfileVersion > 3 {
		return nil, &Error{Path: path, Line: 1, Format: PackageLock, Msg: fmt.Sprintf("unsupported lockfileVersion %d (known: 1, 2, 3)", *lock.LockfileVersion)}
	}
	lines := map[string]int{}
	jsonKeyLines(data, func(p []string, line int) {
		// dependencies.a.dependencies.b.version
		if len(p)%2 == 1 && p[len(p)-1] == "version" && p[0] == "dependencies" {
			for i := 2; i < len(p)-1; i += 2 {
				if p[i] != "dependencies" {
					return
				}
			}
			lines[strings.Join(p[:len(p)-1], "\x00")] = line
		}
	})
	if err := readNPMV1(b, path, "dependencies", lock.Dependencies, lines); err != nil {
		return nil, err
	}
	return b.finish(), nil
}

// readNPMPackages reads the "packages" map of lockfile versions 2 and 3.
func readNPMPackages(b *builder, path string, data []byte, pkgs map[string]npmPackage) error {
	lines := make(map[string]int, len(pkgs))
	jsonKeyLines(data, func(p []string, line int) {
		if len(p) == 3 && p[0] == "packages" && p[2] == "version" {
			lines[p[1]] = line
		}
	})
	// The names the project declares, per folder ("" for the root).
	declared := map[string]map[string]bool{}
	for loc, p := range pkgs {
		if loc != "" && strings.Contains("/"+loc, "/node_modules/") {
			continue
		}
		names := map[string]bool{}
		for _, deps := range []map[string]string{p.Dependencies, p.DevDependencies, p.OptionalDependencies, p.PeerDependencies} {
			for n := range deps {
				names[n] = true
			}
		}
		declared[loc] = names
	}
	locs := make([]string, 0, len(pkgs))
	for loc := range pkgs {
		locs = append(locs, loc)
	}
	sort.Strings(locs)
	// Links name their target folder ("resolved"). A target the project
	// declares through a top-level link is Direct; a target that is not an
	// install location (a folder inside a package, pnpm's
	// node_modules/.pnpm/HOST/NAME/VERSION) is local code, shipped by the
	// package that holds it.
	linkTarget := map[string]bool{}
	directTarget := map[string]bool{}
	for _, loc := range locs {
		p := pkgs[loc]
		if !p.Link {
			continue
		}
		linkTarget[p.Resolved] = true
		if i := strings.LastIndex("/"+loc, "/node_modules/"); i >= 0 {
			folder, parent := loc[i+len("node_modules/"):], strings.TrimSuffix(loc[:i], "/")
			if !strings.Contains("/"+parent+"/", "/node_modules/") && (declared[""][folder] || declared[parent][folder]) {
				directTarget[p.Resolved] = true
			}
		}
	}
	for _, loc := range locs {
		p := pkgs[loc]
		i := strings.LastIndex("/"+loc, "/node_modules/")
		if i < 0 || p.Link {
			continue // the root, a workspace folder, or a link to one
		}
		folder := loc[i+len("node_modules/"):]
		parent := strings.TrimSuffix(loc[:i], "/")
		if !installFolderRE.MatchString(folder) {
			// Not where npm installs a package: a folder npm records on
			// the way (empty), or the target of a link. Anything else
			// is read as a package, and its name must be valid.
			if linkTarget[loc] || p.Version == "" && p.Resolved == "" && p.Name == "" {
				continue
			}
		}
		name := folder
		if p.Name != "" {
			name = p.Name
		}
		line := lines[loc]
		if p.Version == "" {
			b.unpinned(path, line, name, p.Resolved, "no version")
			continue
		}
		if src := nonRegistrySource(p.Resolved); src != "" {
			b.unpinned(path, line, name, p.Resolved, src)
			continue
		}
		// Top-level install location of the root or of a workspace folder.
		top := !strings.Contains("/"+parent+"/", "/node_modules/")
		direct := false
		if top {
			direct = declared[""][folder] || declared[parent][folder]
			if parent == "" {
				for _, names := range declared {
					direct = direct || names[folder]
				}
			}
		}
		direct = direct || directTarget[loc]
		if err := b.pin(path, line, name, p.Version, p.Dev, direct); err != nil {
			return err
		}
	}
	return nil
}

// readNPMV1 reads lockfile version 1's nested dependencies.
func readNPMV1(b *builder, path, prefix string, deps map[string]npmV1Dependency, lines map[string]int) error {
	names := make([]string, 0, len(deps))
	for n := range deps {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		d := deps[n]
		key := prefix + "\x00" + n
		line := lines[key]
		name, version := n, d.Version
		if real, ok := strings.CutPrefix(version, "npm:"); ok {
			if at := strings.LastIndex(real, "@"); at > 0 {
				name, version = real[:at], real[at+1:]
			}
		}
		switch src := nonRegistrySource(d.Resolved); {
		case version == "":
			b.unpinned(path, line, name, d.Resolved, "no version")
		case src != "":
			b.unpinned(path, line, name, d.Version, src)
		case looksLikeNPMSpec(version):
			b.unpinned(path, line, name, version, "not a registry version")
		default:
			if err := b.pin(path, line, name, version, d.Dev, false); err != nil {
				return err
			}
		}
		if err := readNPMV1(b, path, key+"\x00dependencies", d.Dependencies, lines); err != nil {
			return err
		}
	}
	return nil
}

var (
	// installFolderRE matches the folder a package is installed in under
	// node_modules: its name, scoped or not.
	installFolderRE = regexp.MustCompile(`^(@[^/@]+/)?[^/@]+$`)
	// gitSCPRE matches git's scp-like address, "git@host:owner/repo".
	gitSCPRE = regexp.MustCompile(`^[a-z0-9._-]+@[a-z0-9.-]+:`)
	// gitURLRE matches an HTTP URL of a git repository.
	gitURLRE = regexp.MustCompile(`\.git(#|$)`)
)

// nonRegistrySource says why a "resolved" URL is not a registry tarball,
// or returns "" for a registry (or unrecorded) source.
func nonRegistrySource(resolved string) string {
	s := strings.ToLower(resolved)
	switch {
	case s == "":
		return ""
	case strings.HasPrefix(s, "git+"), strings.HasPrefix(s, "git:"), strings.HasPrefix(s, "ssh:"),
		strings.HasPrefix(s, "github:"), strings.HasPrefix(s, "gitlab:"), strings.HasPrefix(s, "bitbucket:"),
		strings.HasPrefix(s, "gist:"), gitSCPRE.MatchString(s):
		return "git dependency"
	case (strings.HasPrefix(s, "https:") || strings.HasPrefix(s, "http:")) && gitURLRE.MatchString(s):
		return "git dependency"
	case strings.HasPrefix(s, "https://codeload.github.com/"):
		return "URL dependency" // a tarball of a git commit
	case strings.HasPrefix(s, "file:"), strings.HasPrefix(s, "link:"):
		return "local dependency"
	}
	return ""
}

// looksLikeNPMSpec reports a version 1 "version" that is a dependency spec
// (a URL, git or path reference) rather than a version.
func looksLikeNPMSpec(v string) bool {
	return strings.ContainsAny(v, ":/#")
}
