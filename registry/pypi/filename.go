package pypi

import (
	"regexp"
	"strings"
)

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
	if base, ok := cutInstallerSuffix(filename); ok {
		// Legacy installers: "{name}-{version}.{platform}(-py{X.Y}).exe"
		// (bdist_wininst, bdist_msi), "{name}-{version}-win32-superpack-
		// python2.6.exe", "{name}-{version}-py2.6-python.org.dmg",
		// "{name}-{version}-{release}.{arch}.rpm". pip installs none of
		// them, but they are files of the release: the earliest of them
		// can be the release's upload time.
		v, ok := afterProject(base, project, normalize)
		if !ok {
			return "", Other, false
		}
		v, _, _ = strings.Cut(v, "-")
		v = installerPlatform.ReplaceAllString(v, "")
		return v, Other, v != ""
	}
	for _, suf := range sdistSuffixes {
		base, isSdist := strings.CutSuffix(strings.ToLower(filename), suf)
		if !isSdist {
			continue
		}
		v, ok := afterProject(filename[:len(base)], project, normalize)
		return v, Sdist, ok
	}
	return "", Other, false
}

var installerSuffixes = []string{".exe", ".msi", ".dmg", ".rpm"}

// installerPlatform is the platform a bdist_wininst or bdist_msi name
// appends to the version, up to its first "-" ("win-amd64", "linux-x86_64").
var installerPlatform = regexp.MustCompile(`\.(win32|win|linux|macosx|cygwin|freebsd|darwin)$`)

func cutInstallerSuffix(filename string) (string, bool) {
	lower := strings.ToLower(filename)
	for _, suf := range installerSuffixes {
		if strings.HasSuffix(lower, suf) {
			return filename[:len(filename)-len(suf)], true
		}
	}
	return "", false
}

// afterProject returns what follows "{name}-" in base, where name is the
// shortest prefix that normalises to project (legacy names may contain
// "-").
func afterProject(base, project string, normalize func(string) string) (string, bool) {
	for i := 0; i < len(base); i++ {
		if base[i] == '-' && normalize(base[:i]) == project && i+1 < len(base) {
			return base[i+1:], true
		}
	}
	return "", false
}
