package pypi

import "sync"

// Requirements parses PEP 508 requirement strings once per distinct
// string, and lists of them once per distinct list. The same few hundred
// requirements recur across the thousands of releases a dependency walk
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
	mu    sync.RWMutex
	memo  map[string]parsedRequirement
	lists map[string]parsedList
}

type parsedRequirement struct {
	r   Requirement
	err error
}

type parsedList struct {
	rs  []Requirement
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

// ParseList parses every string of ss, in order; the error is the first
// string's that fails, wrapped by wrap. An empty list gives nil.
func (rs *Requirements) ParseList(ss []string, wrap func(error) error) ([]Requirement, error) {
	if len(ss) == 0 {
		return nil, nil
	}
	// The key is built in a buffer: a lookup with string(buf) does not
	// allocate, so only a list met for the first time costs a string.
	var buf [4096]byte
	var key []byte
	if rs != nil {
		key = buf[:0]
		for _, s := range ss {
			key = append(key, s...)
			key = append(key, 0)
		}
		rs.mu.RLock()
		p, ok := rs.lists[string(key)]
		rs.mu.RUnlock()
		if ok {
			return p.rs, p.err
		}
	}
	out := make([]Requirement, len(ss))
	var err error
	for i, s := range ss {
		if out[i], err = rs.Parse(s); err != nil {
			out, err = nil, wrap(err)
			break
		}
	}
	if rs != nil {
		rs.mu.Lock()
		if rs.lists == nil {
			rs.lists = map[string]parsedList{}
		}
		rs.lists[string(key)] = parsedList{out, err}
		rs.mu.Unlock()
	}
	return out, err
}
