package cve5test

import (
	"fmt"
	"sort"
	"strings"

	"github.com/patchline/patchline/ecosystem"
)

// Ecosystem is the ecosystem whose order a versionType names.
func Ecosystem(versionType string) (ecosystem.Ecosystem, error) {
	name := map[string]string{"python": "PyPI", "semver": "npm"}[versionType]
	if name == "" {
		return nil, fmt.Errorf("versionType %q: no ecosystem", versionType)
	}
	return ecosystem.Lookup(name)
}

// Status is the status the product gives version v, by the schema's
// algorithm (definitions/product/properties/versions): the first entry
// whose range holds v decides, refined by its changes at or below v
// (sorted by the consumer, as the schema asks); else defaultStatus, whose
// absence means unknown.
func (p *Product) Status(v string) (string, error) {
	for _, e := range p.Versions {
		if e.LessThan == "" && e.LessThanOrEqual == "" {
			if e.Version == v {
				return e.Status, nil
			}
			continue
		}
		eco, err := Ecosystem(e.VersionType)
		if err != nil {
			return "", err
		}
		cmp := func(a, b string) (int, error) { return compare(eco, a, b) }
		lo, err := cmp(e.Version, v)
		if err != nil || lo > 0 {
			if err != nil {
				return "", err
			}
			continue
		}
		var hi int
		if e.LessThan != "" {
			if hi, err = cmp(v, e.LessThan); err != nil {
				return "", err
			}
			if hi >= 0 {
				continue
			}
		} else {
			if hi, err = cmp(v, e.LessThanOrEqual); err != nil {
				return "", err
			}
			if hi > 0 {
				continue
			}
		}
		changes := append(e.Changes[:0:0], e.Changes...)
		var sortErr error
		sort.SliceStable(changes, func(i, j int) bool {
			c, err := cmp(changes[i].At, changes[j].At)
			if err != nil {
				sortErr = err
			}
			return c < 0
		})
		if sortErr != nil {
			return "", sortErr
		}
		status := e.Status
		for _, ch := range changes {
			c, err := cmp(ch.At, v)
			if err != nil {
				return "", err
			}
			if c <= 0 {
				status = ch.Status
			}
		}
		return status, nil
	}
	if p.DefaultStatus == "" {
		return "unknown", nil
	}
	return p.DefaultStatus, nil
}

// compare orders two versions in the ecosystem, with "0" below every
// version and a trailing "*" above every version it prefixes (the
// schema's wildcard for an unbounded limit).
func compare(eco ecosystem.Ecosystem, a, b string) (int, error) {
	if a == b {
		return 0, nil
	}
	switch {
	case a == "0":
		return -1, nil
	case b == "0":
		return 1, nil
	case strings.HasSuffix(a, "*"):
		if strings.HasPrefix(b, strings.TrimSuffix(a, "*")) {
			return 1, nil
		}
	case strings.HasSuffix(b, "*"):
		if strings.HasPrefix(a, strings.TrimSuffix(b, "*")) {
			return -1, nil
		}
	}
	va, err := eco.Parse(a)
	if err != nil {
		return 0, err
	}
	vb, err := eco.Parse(b)
	if err != nil {
		return 0, err
	}
	return eco.Compare(va, vb), nil
}
