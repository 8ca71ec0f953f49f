package pypi

import "sync"

// Requirements parses PEP 508 requirement strings once per distinct
// string. The same few hundred requirements recur across the thousands of
// releases a dependency walk reads (every invenio-* release asks for
// "invenio-base<2.0.0,>=1.3.0" or a close variant), so parsing each string
// once, and its version specifier set with it, removes most of the work of
// reading core metadata.
//
// A parsed Requirement is shared by every caller that parses the same
// string: its slices and its Range must be treated as read-only. The zero
// value is ready to use and safe for concurrent use; a nil *Requirements
// parses without memoising.
type Requirements struct {
	mu   sync.RWMutex
	memo map[string]parsedRequirement
}

type parsedRequirement struct {
	r   Requirement
	err error
}

// Parse is ParseRequirement, memoised.
func (rs *Requirements) Parse(s string) (Requirement, error) {
	if rs == nil {
		return ParseRequirement(s)
	}
	rs.mu.RLock()
	p, ok := rs.memo[s]
	rs.mu.RUnlock()
	if ok {
		return p.r, p.err
	}
	r, err := ParseRequirement(s)
	rs.mu.Lock()
	if rs.memo == nil {
		rs.memo = map[string]parsedRequirement{}
	}
	rs.memo[s] = parsedRequirement{r, err}
	rs.mu.Unlock()
	return r, err
}
