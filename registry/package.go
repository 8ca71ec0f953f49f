package registry

import "github.com/patchline/patchline/ecosystem/pkgref"

// ParsePackage reads a package as users write it, "ECOSYSTEM:NAME" or a
// package URL, with pkgref.Parse, the one parser of package references.
func ParsePackage(s string) (Package, error) {
	r, err := pkgref.Parse(s)
	if err != nil {
		return Package{}, err
	}
	return Package{Ecosystem: r.Ecosystem, Name: r.Name}, nil
}
