package pypi

import (
	"strings"
	"time"

	"github.com/patchline/patchline/registry/internal/jsonscan"
)

// scanProjectPage reads a project page without reflection. It returns
// false for anything it does not handle exactly as encoding/json would
// (see package jsonscan): a key that differs from a field name only in
// case, a duplicate key, an escape or non-ASCII text in a value it
// keeps, an unexpected type; ParseProjectPage then decodes with
// encoding/json.
func scanProjectPage(b []byte) (*ProjectPage, bool) {
	s := jsonscan.New(b)
	p := &ProjectPage{}
	var seen [4]bool
	ok := s.Object(func(k string) bool {
		switch k {
		case "meta":
			return once(&seen[0]) && s.Object(func(k string) bool {
				if k == "api-version" {
					v, ok := s.String()
					p.Meta.APIVersion = v
					return ok
				}
				return !strings.EqualFold(k, "api-version") && s.Skip()
			})
		case "name":
			v, ok := s.String()
			p.Name = v
			return once(&seen[1]) && ok
		case "versions":
			if !once(&seen[2]) {
				return false
			}
			if s.Null() {
				return true
			}
			p.Versions = []string{}
			return s.Array(func() bool {
				v, ok := s.String()
				p.Versions = append(p.Versions, v)
				return ok
			})
		case "files":
			if !once(&seen[3]) {
				return false
			}
			if s.Null() {
				return true
			}
			p.Files = []File{}
			return s.Array(func() bool {
				f, ok := scanFile(s)
				p.Files = append(p.Files, f)
				return ok
			})
		}
		return !foldsTo(k, "meta", "name", "versions", "files") && s.Skip()
	})
	if !ok || !s.AtEnd() {
		return nil, false
	}
	return p, true
}

func scanFile(s *jsonscan.Scanner) (File, bool) {
	var f File
	var seen [9]bool
	// field reads the i-th field once; null leaves it unset.
	field := func(i int, read func() bool) bool {
		return once(&seen[i]) && (s.Null() || read())
	}
	ok := s.Object(func(k string) bool {
		switch k {
		case "filename":
			return field(0, func() (ok bool) { f.Filename, ok = s.String(); return ok })
		case "url":
			return field(1, func() (ok bool) { f.URL, ok = s.String(); return ok })
		case "hashes":
			return once(&seen[2]) && func() (ok bool) { f.Hashes, ok = scanHashes(s); return ok }()
		case "requires-python":
			return field(3, func() bool {
				v, ok := s.String()
				f.RequiresPython = &v
				return ok
			})
		case "core-metadata":
			return field(4, func() bool {
				m, ok := scanMetadataRef(s)
				f.CoreMetadata = &m
				return ok
			})
		case "data-dist-info-metadata":
			return field(5, func() bool {
				m, ok := scanMetadataRef(s)
				f.DistInfoMetadata = &m
				return ok
			})
		case "yanked":
			return field(6, func() bool {
				if s.Peek() == '"' {
					v, ok := s.String()
					f.Yanked = Yanked{Yanked: true, Reason: v}
					return ok
				}
				v, ok := s.Bool()
				f.Yanked = Yanked{Yanked: v}
				return ok
			})
		case "upload-time":
			return field(7, func() bool {
				raw, ok := s.RawString()
				var t time.Time
				if !ok || t.UnmarshalJSON(raw) != nil {
					return false
				}
				f.UploadTime = &t
				return true
			})
		case "size":
			return field(8, func() bool {
				n, ok := s.Int()
				f.Size = &n
				return ok
			})
		}
		return !foldsTo(k, "filename", "url", "hashes", "requires-python", "core-metadata",
			"data-dist-info-metadata", "yanked", "upload-time", "size") && s.Skip()
	})
	return f, ok
}

// scanHashes reads a hash dictionary; null is a nil map.
func scanHashes(s *jsonscan.Scanner) (map[string]string, bool) {
	if s.Null() {
		return nil, true
	}
	h := map[string]string{}
	ok := s.Object(func(k string) bool {
		v, ok := s.String()
		h[k] = v
		return ok
	})
	return h, ok
}

// scanMetadataRef reads what MetadataRef.UnmarshalJSON accepts (null is
// the caller's: it leaves the pointer nil).
func scanMetadataRef(s *jsonscan.Scanner) (MetadataRef, bool) {
	if s.Peek() == '{' {
		h, ok := scanHashes(s)
		return MetadataRef{Available: true, Hashes: h}, ok
	}
	v, ok := s.Bool()
	return MetadataRef{Available: v}, ok
}

func once(seen *bool) bool {
	if *seen {
		return false
	}
	*seen = true
	return true
}

// foldsTo reports whether k matches one of the names only when case is
// ignored, as encoding/json would match it.
func foldsTo(k string, names ...string) bool {
	for _, n := range names {
		if strings.EqualFold(k, n) {
			return true
		}
	}
	return false
}
