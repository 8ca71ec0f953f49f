package pypi

import "strings"

// Kind is a distribution's type, as far as patchline cares.
type Kind int

const (
	Other Kind = iota // eggs, installers and other legacy formats
	Wheel
	Sdist
)

var sdistSuffixes = []string{".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tbz", ".txz", ".tar"}

// FileVersion returns the version string a distribution file name carries
// and the kind of distribution, for a project whose normalised name is
// project. normalize is the ecosystem's name normalisation (PEP 503). A
// name that does not belong to the project, or whose format is unknown,
// yields ok false.
//
// Wheels are "{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl"
// (the name never contains "-"); source distributions are
// "{name}-{version}.{ext}" where legacy names may contain "-", so the
// version starts after the shortest prefix that normalises to the project
// name; eggs are "{name}-{version}(-...)?.egg".
func FileVersion(filename, project string, normalize func(string) string) (version string, kind Kind, ok bool) {
	if base, isWheel := strings.CutSuffix(filename, ".whl"); isWheel {
		parts := strings.Split(base, "-")
		if (len(parts) != 5 && len(parts) != 6) || normalize(parts[0]) != project {
			return "", Wheel, false
		}
		return parts[1], Wheel, true
	}
	if base, isEgg := strings.CutSuffix(filename, ".egg"); isEgg {
		parts := strings.Split(base, "-")
		if len(parts) < 2 || normalize(parts[0]) != project {
			return "", Other, false
		}
		return parts[1], Other, true
	}
	for _, suf := range sdistSuffixes {
		base, isSdist := strings.CutSuffix(strings.ToLower(filename), suf)
		if !isSdist {
			continue
		}
		base = filename[:len(base)]
		for i := 0; i < len(base); i++ {
			if base[i] == '-' && normalize(base[:i]) == project && i+1 < len(base) {
				return base[i+1:], Sdist, true
			}
		}
		return "", Sdist, false
	}
	return "", Other, false
}
