package lockfile

import (
	"encoding/json"
	"errors"
	"fmt"
)

// decodeJSON decodes data into v, turning a syntax or type error into an
// *Error at the line where the decoder stopped.
func decodeJSON(path string, format Format, data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	offset := int64(-1)
	msg := err.Error()
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
		msg = fmt.Sprintf("%s is a JSON %s, want %s", typ.Field, typ.Value, typ.Type)
	}
	e := &Error{Path: path, Format: format, Msg: fmt.Sprintf("not a valid %s: %s", format, msg), Err: err}
	if offset >= 0 {
		e.Line = lineAt(data, int(offset))
	}
	return e
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	n := 1
	for _, c := range data[:off] {
		if c == '\n' {
			n++
		}
	}
	return n
}

// jsonKeyLines calls visit for every object member of data, which must be
// valid JSON (decode it first), with the path of keys leading to it (the
// member's own key last; array elements add no key) and the line of its
// key. The slice is reused between calls. It is a single pass without
// allocation per value, so line numbers cost little next to decoding.
func jsonKeyLines(data []byte, visit func(path []string, line int)) {
	type frame struct {
		object  bool
		haveKey bool // inside an object, the current member's key is on the path
	}
	var (
		stack     []frame
		path      []string
		line      = 1
		expectKey = false
	)
	// popKey ends the current member of the innermost object, if any.
	popKey := func() {
		if n := len(stack); n > 0 && stack[n-1].haveKey {
			stack[n-1].haveKey = false
			path = path[:len(path)-1]
		}
	}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '{':
			stack = append(stack, frame{object: true})
			expectKey = true
		case '[':
			stack = append(stack, frame{})
		case '}', ']':
			popKey()
			stack = stack[:len(stack)-1]
			expectKey = false
		case ',':
			popKey()
			expectKey = len(stack) > 0 && stack[len(stack)-1].object
		case '"':
			j := i + 1
			escaped := false
			for ; j < len(data) && data[j] != '"'; j++ {
				if data[j] == '\\' {
					escaped = true
					j++
				}
			}
			if expectKey {
				key := string(data[i+1 : j])
				if escaped {
					_ = json.Unmarshal(data[i:j+1], &key)
				}
				path = append(path, key)
				stack[len(stack)-1].haveKey = true
				expectKey = false
				visit(path, line)
			}
			i = j
		}
	}
}
