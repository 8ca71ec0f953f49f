package registry

import (
	"strings"
	"sync"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/pypi"
)

// pypiDeps converts parsed requirements into Dependencies once per
// distinct requirement, and lists of them once per distinct list: a walk
// reads tens of thousands of Requires-Dist entries but only about a
// thousand different ones, in a few hundred different lists, and the name
// normalisation and canonical string of each are the same every time.
// What it returns is shared between releases: Dependencies, their strings,
// slices and Ranges are read-only.
type pypiDeps struct {
	mu    sync.RWMutex
	memo  map[depKey]depResult
	lists map[string]depList
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
	// A lookup with string(key) does not allocate: only a list met for
	// the first time costs a string.
	var buf [4096]byte
	key := buf[:0]
	for i := range rds {
		rd := &rds[i]
		for _, s := range [...]string{rd.Name, rd.Specifier, rd.URL, rd.Marker} {
			key = append(key, s...)
			key = append(key, 0)
		}
		for _, e := range rd.Extras {
			key = append(key, e...)
			key = append(key, ',')
		}
		key = append(key, 1)
	}
	m.mu.RLock()
	l, ok := m.lists[string(key)]
	m.mu.RUnlock()
	if ok {
		return l.deps, l.err
	}
	l.deps = make([]Dependency, len(rds))
	for i := range rds {
		if l.deps[i], l.err = m.dependency(eco, &rds[i]); l.err != nil {
			l.deps = nil
			break
		}
	}
	m.mu.Lock()
	if m.lists == nil {
		m.lists = map[string]depList{}
	}
	m.lists[string(key)] = l
	m.mu.Unlock()
	return l.deps, l.err
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

func (m *pypiDeps) dependency(eco ecosystem.Ecosystem, rd *pypi.Requirement) (Dependency, error) {
	key := depKey{name: rd.Name, specifier: rd.Specifier, url: rd.URL, marker: rd.Marker}
	if len(rd.Extras) > 0 {
		key.extras = strings.Join(rd.Extras, ",")
	}
	m.mu.RLock()
	r, ok := m.memo[key]
	m.mu.RUnlock()
	if ok {
		return r.d, r.err
	}
	name, err := eco.NormalizeName(rd.Name)
	if err != nil {
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
	m.mu.Lock()
	if m.memo == nil {
		m.memo = map[depKey]depResult{}
	}
	m.memo[key] = r
	m.mu.Unlock()
	return r.d, r.err
}
