package pypi

import "github.com/patchline/patchline/registry/internal/memo"

// Requirements parses PEP 508 requirement strings once per distinct
// string, and lists of them once per distinct list. The same few hundred
// requirements recur across the hundreds of releases a dependency walk
// reads (every invenio-* release asks for "invenio-base<2.0.0,>=1.3.0" or
// a close variant), and consecutive releases often declare the very same
// list, so parsing each string once, and its version specifier set with
// it, removes most of the work of reading core metadata.
//
// What it returns is shared by every caller that parses the same string
// or list: the slices and Ranges must be treated as read-only. The zero
// value is ready to use and safe for concurrent use; a nil *Requirements
// parses without memoising.
type Requirements struct {
	one   memo.Table[string, parsedRequirement]
	lists memo.Table[string, parsedList]
}

type parsedRequirement struct {
	r   Requirement
	err error
}

type parsedList struct {
	rs      []Requirement
	skipped []Skipped
}

// Parse is ParseRequirement, memoised.
func (rs *Requirements) Parse(s string) (Requirement, error) {
	if rs == nil {
		return ParseRequirement(s)
	}
	if p, ok := rs.one.Get(s); ok {
		return p.r, p.err
	}
	r, err := ParseRequirement(s)
	rs.one.Put(s, parsedRequirement{r, err})
	return r, err
}

// ParseList parses every string of ss, in order. A string that is not a
// valid PEP 508 requirement is left out and returned in skipped, as pip
// leaves out a candidate whose metadata it cannot read and goes on: one
// malformed requirement (ipython 4.1.0rc1's "setuptools
// (>=18.5decorator)") must not cost the rest. An empty list gives nil.
func (rs *Requirements) ParseList(ss []string) (out []Requirement, skipped []Skipped) {
	if len(ss) == 0 {
		return nil, nil
	}
	var buf [4096]byte
	key := buf[:0]
	if rs != nil {
		// Each string with its length in front: no two lists share a key,
		// whatever bytes the strings hold.
		for _, s := range ss {
			key = memo.AppendPart(key, s)
		}
		if p, ok := memo.GetBytes(&rs.lists, key); ok {
			return p.rs, p.skipped
		}
	}
	out = make([]Requirement, 0, len(ss))
	for _, s := range ss {
		r, err := rs.Parse(s)
		if err != nil {
			skipped = append(skipped, Skipped{Requirement: s, Err: err})
			continue
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		out = nil
	}
	if rs != nil {
		rs.lists.Put(string(key), parsedList{out, skipped})
	}
	return out, skipped
}

// Skipped is a requirement string left out because it does not parse.
type Skipped struct {
	Requirement string
	Err         error
}
