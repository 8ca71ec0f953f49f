package pep440

// Prereleases is packaging's tri-state prereleases argument.
type Prereleases int8

const (
	// PrereleasesDefault is packaging's None: pre-releases (and dev
	// releases) match only when a specifier explicitly mentions one with
	// an inclusive operator (==, >=, <=, ~=, ===), as in ">=1.0a1".
	PrereleasesDefault Prereleases = iota
	// PrereleasesInclude is packaging's True: pre-releases are treated
	// like any other version.
	PrereleasesInclude
	// PrereleasesExclude is packaging's False: pre-releases never match.
	PrereleasesExclude
)

func (p Prereleases) String() string {
	switch p {
	case PrereleasesInclude:
		return "include"
	case PrereleasesExclude:
		return "exclude"
	}
	return "default"
}

// resolve turns the argument into the effective bool given the
// specifier's own opt-in, as packaging's contains does.
func (p Prereleases) resolve(optIn bool) bool {
	switch p {
	case PrereleasesInclude:
		return true
	case PrereleasesExclude:
		return false
	}
	return optIn
}
