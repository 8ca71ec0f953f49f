package lockfile

import (
	"slices"
)

type poetryLock struct {
	Package  []poetryPackage `toml:"package"`
	Metadata struct {
		LockVersion string `toml:"lock-version"`
	} `toml:"metadata"`
}

type poetryPackage struct {
	Name     string   `toml:"name"`
	Version  string   `toml:"version"`
	Category string   `toml:"category"`
	Groups   []string `toml:"groups"`
	Source   struct {
		Type      string `toml:"type"`
		URL       string `toml:"url"`
		Reference string `toml:"reference"`
	} `toml:"source"`
}

// parsePoetry reads Poetry's poetry.lock (lock-version 1.x and 2.x).
//
// A package is Dev when the lockfile places it outside the main
// dependencies: "category" = "dev" (lock-version 1.x) or, from Poetry 2,
// "groups" that do not include "main". poetry.lock does not record which
// packages pyproject.toml names, so Direct is false. Packages from a
// package index ("legacy" sources, a private index, included) are pins;
// git, directory, file and url sources are listed as unpinned, because
// their version is not a release of the index. Lines: see
// tomlPackageLines.
func parsePoetry(path string, data []byte) (*File, error) {
	var lock poetryLock
	if err := decodeTOML(path, PoetryLock, data, &lock); err != nil {
		return nil, err
	}
	if lock.Metadata.LockVersion == "" && len(lock.Package) == 0 {
		return nil, &Error{Path: path, Line: 1, Format: PoetryLock, Msg: "not a poetry.lock: no [[package]] and no [metadata] lock-version"}
	}
	b := newBuilder(path, PoetryLock, "PyPI")
	b.file.FormatVersion = lock.Metadata.LockVersion
	versions := make([]string, len(lock.Package))
	for i, p := range lock.Package {
		versions[i] = p.Version
	}
	lines := tomlPackageLines(data, versions)
	for i, p := range lock.Package {
		if p.Name == "" || p.Version == "" {
			return nil, b.errorf(path, lines[i], "[[package]] number %d has no name or version", i+1)
		}
		switch p.Source.Type {
		case "git", "directory", "file", "url":
			spec := p.Source.URL
			if p.Source.Reference != "" {
				spec += "@" + p.Source.Reference
			}
			b.unpinned(path, lines[i], p.Name, spec, p.Source.Type+" source")
			continue
		}
		dev := p.Category == "dev" || len(p.Groups) > 0 && !slices.Contains(p.Groups, "main")
		if err := b.pin(path, lines[i], p.Name, p.Version, dev, false); err != nil {
			return nil, err
		}
	}
	return b.finish(), nil
}
