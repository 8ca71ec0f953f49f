package registry

import (
	"encoding/binary"
	"strings"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/internal/memo"
	"github.com/patchline/patchline/registry/pypi"
)

// pypiDeps converts parsed requirements into Dependencies once per
// distinct requirement, and lists of them once per distinct list: the
// walk of the Invenio example reads 13,276 Requires-Dist entries in 598
// core-metadata files, but only 578 different ones in 200 different
// lists, and the name normalisation and canonical string of each are the
// same every time.
// What it returns is shared between releases: Dependencies, their strings,
// slices and Ranges are read-only.
type pypiDeps struct {
	one   memo.Table[depKey, depResult]
	lists memo.Table[string, depList]
}

// depKey holds every field of a pypi.Requirement that its Dependency is
// made of; MarkerExtras follow from Marker.
type depKey struct {
	name, specifier, url, marker, extras string
}

type depResult struct {
	d   Dependency
	err error
}

type depList struct {
	deps []Dependency
	err  error
}

// list converts a release's requirements. An empty list gives an empty,
// non-nil slice.
func (m *pypiDeps) list(eco ecosystem.Ecosystem, rds []pypi.Requirement) ([]Dependency, error) {
	if len(rds) == 0 {
		return []Dependency{}, nil
	}
	var buf [4096]byte
	key := buf[:0]
	for i := range rds {
		rd := &rds[i]
		for _, s := range [...]string{rd.Name, rd.Specifier, rd.URL, rd.Marker} {
			key = memo.AppendPart(key, s)
		}
		// Lengths and counts in front make the key a prefix-free code of
		// the list: no two lists share one.
		key = binary.AppendUvarint(key, uint64(len(rd.Extras)))
		for _, e := range rd.Extras {
			key = memo.AppendPart(key, e)
		}
	}
	if l, ok := memo.GetBytes(&m.lists, key); ok {
		return l.deps, l.err
	}
	l := depList{deps: make([]Dependency, len(rds))}
	for i := range rds {
		if l.deps[i], l.err = m.dependency(eco, &rds[i]); l.err != nil {
			l.deps = nil
			break
		}
	}
	m.lists.Put(string(key), l)
	return l.deps, l.err
}

func (m *pypiDeps) dependency(eco ecosystem.Ecosystem, rd *pypi.Requirement) (Dependency, error) {
	key := depKey{name: rd.Name, specifier: rd.Specifier, url: rd.URL, marker: rd.Marker}
	if len(rd.Extras) > 0 {
		key.extras = strings.Join(rd.Extras, ",")
	}
	if r, ok := m.one.Get(key); ok {
		return r.d, r.err
	}
	var r depResult
	if name, err := eco.NormalizeName(rd.Name); err != nil {
		r.err = err
	} else {
		r.d = Dependency{
			Name:      name,
			Spec:      rd.String(),
			Range:     rd.Range,
			Specifier: rd.Specifier,
			Extras:    rd.Extras,
			URL:       rd.URL,
			Marker:    rd.Marker,
			ForExtras: rd.MarkerExtras,
		}
	}
	m.one.Put(key, r)
	return r.d, r.err
}
