package httpcache

import "github.com/patchline/patchline/registry/internal/jsonscan"

// metaFields are the sidecar's keys, in the order of Meta's fields.
var metaFields = [...]string{"url", "location", "status", "content_type", "etag", "last_modified", "fetched_at", "size", "sha256"}

// scanMeta reads a sidecar without reflection, which matters when a run
// reads thousands of entries. It returns false for anything that
// encoding/json might read differently (see package jsonscan), and Get
// then decodes the sidecar with encoding/json, whose verdict stands.
func scanMeta(b []byte) (Meta, bool) {
	var m Meta
	var seen [len(metaFields)]bool
	s := jsonscan.New(b)
	ok := s.Object(func(k string) bool {
		i := -1
		for j, f := range metaFields {
			if k == f {
				i = j
				break
			}
		}
		if i < 0 || seen[i] {
			// Unknown, folded or repeated: encoding/json decides.
			return false
		}
		seen[i] = true
		var str *string
		switch k {
		case "url":
			str = &m.URL
		case "location":
			str = &m.Location
		case "content_type":
			str = &m.ContentType
		case "etag":
			str = &m.ETag
		case "last_modified":
			str = &m.LastModified
		case "sha256":
			str = &m.SHA256
		case "status":
			n, ok := s.Int()
			m.Status = int(n)
			return ok && int64(m.Status) == n
		case "size":
			n, ok := s.Int()
			m.Size = n
			return ok
		case "fetched_at":
			raw, ok := s.RawString()
			return ok && m.FetchedAt.UnmarshalJSON(raw) == nil
		}
		v, ok := s.String()
		*str = v
		return ok
	})
	// A json.Decoder reads one value and leaves what follows unread, so
	// trailing bytes are not looked at here either.
	if !ok {
		return Meta{}, false
	}
	return m, true
}
