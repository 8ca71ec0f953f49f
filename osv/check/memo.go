package check

import "github.com/patchline/patchline/ecosystem"

// parseKey and parseResult memoise version parsing within one run of the
// checks: several checks read the same versions list, and parsing it is
// most of their cost on a directory of records.
type parseKey struct{ eco, version string }

type parseResult struct {
	v   ecosystem.Version
	err error
}

// parse parses v in e, once per Input.
func (in *Input) parse(e ecosystem.Ecosystem, v string) (ecosystem.Version, error) {
	k := parseKey{e.Name(), v}
	if r, ok := in.parsed[k]; ok {
		return r.v, r.err
	}
	pv, err := e.Parse(v)
	if in.parsed == nil {
		in.parsed = map[parseKey]parseResult{}
	}
	in.parsed[k] = parseResult{pv, err}
	return pv, err
}
