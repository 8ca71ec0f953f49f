package registry

import (
	"strings"
	"sync"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/pypi"
)

// pypiDeps converts parsed requirements into Dependencies once per
// distinct requirement: a walk reads tens of thousands of Requires-Dist
// entries but only about a thousand different ones, and the name
// normalisation and canonical string of each are the same every time.
// The Dependencies it returns share their strings, slices and Range.
type pypiDeps struct {
	mu   sync.RWMutex
	memo map[depKey]depResult
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
