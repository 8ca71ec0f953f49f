// Package weakness holds MITRE's catalogue of software weaknesses (CWE):
// the name of every weakness id and how MITRE allows it to be used when a
// vulnerability is mapped to a root cause. The publication formats need
// the names (CSAF's cwe object and CVE 5's problem types carry the id with
// its exact catalogue name, which CSAF's mandatory test 6.1.11 checks), and
// lint warns about ids that are not weaknesses or that MITRE discourages.
package weakness

import (
	_ "embed"
	"strings"
	"sync"
)

// Version is the CWE catalogue release the table is taken from.
const Version = "4.17"

// Usage is MITRE's mapping guidance for a weakness (the Mapping_Notes
// Usage of the catalogue, since 4.12).
type Usage string

// The usages the catalogue assigns.
const (
	Allowed           Usage = "Allowed"
	AllowedWithReview Usage = "Allowed-with-Review"
	Discouraged       Usage = "Discouraged"
	Prohibited        Usage = "Prohibited"
)

// Weakness is one entry of the catalogue.
type Weakness struct {
	ID    string // "CWE-79"
	Name  string
	Usage Usage
}

// MappingAdvised reports whether MITRE advises mapping vulnerabilities to
// the weakness: false for the abstract weaknesses it discourages or
// prohibits (such as CWE-20), for which a more precise one should be named.
func (w Weakness) MappingAdvised() bool {
	return w.Usage == Allowed || w.Usage == AllowedWithReview
}

//go:embed cwec_v4.17.tsv
var table string

var (
	once    sync.Once
	entries map[string]Weakness
)

// Lookup returns the weakness with the id ("CWE-79"); ok is false for an id
// the catalogue does not hold as a weakness (categories and views, which
// are not weaknesses, retired numbers, or a weakness newer than Version).
func Lookup(id string) (w Weakness, ok bool) {
	once.Do(load)
	w, ok = entries[id]
	return w, ok
}

// Len is the number of weaknesses in the catalogue.
func Len() int {
	once.Do(load)
	return len(entries)
}

func load() {
	entries = make(map[string]Weakness, 1024)
	for _, line := range strings.Split(strings.TrimSuffix(table, "\n"), "\n") {
		id, rest, _ := strings.Cut(line, "\t")
		usage, name, _ := strings.Cut(rest, "\t")
		entries[id] = Weakness{ID: id, Name: name, Usage: Usage(usage)}
	}
}
