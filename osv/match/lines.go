package match

import (
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/osv"
)

// lineVerdict is what a record says of one release line of a package.
type lineVerdict struct {
	line     string
	fixed    string
	planned  string
	versions []ecosystem.Version
}

// lineVerdicts reads the per-line verdicts a record carries for one
// affected package, as patchline writes them: a list under the key "lines"
// of the entry's database_specific, or of the record's database_specific
// with a "package" key (ECOSYSTEM:NAME or the bare name) naming the
// package. Each item gives the line's name ("line"), its fixing release
// ("fixed" or "fixed_in": a version or a list of versions, the first one
// counts), a planned fix ("planned" or "pending") and the line's affected
// versions ("versions" or "affected", and "affected_prereleases"). An item without affected versions
// cannot be tied to a pinned version and is not used; neither is anything
// that is not of this shape: the reader is lenient, because records come
// from any database, and falls back to the range's events.
func lineVerdicts(r *osv.Record, a *osv.Affected, eco ecosystem.Ecosystem, ref pkgref.Ref) []lineVerdict {
	items, _ := a.DatabaseSpecific["lines"].([]any)
	own := len(items) > 0
	if !own {
		items, _ = r.DatabaseSpecific["lines"].([]any)
	}
	var out []lineVerdict
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		if !own && !namesPackage(m["package"], eco, ref) {
			continue
		}
		lv := lineVerdict{line: text(m["line"]), fixed: first(m["fixed"], m["fixed_in"]), planned: first(m["planned"], m["pending"])}
		list, _ := m["versions"].([]any)
		if list == nil {
			list, _ = m["affected"].([]any)
		}
		// The line's affected pre-releases above its newest final release
		// (canaries of a minor that never had a final release) are the
		// line's too: a pin of one is sent to the line's final fix, not
		// to the next fixed event above it, often another line's.
		pre, _ := m["affected_prereleases"].([]any)
		list = append(list[:len(list):len(list)], pre...)
		for _, s := range list {
			if v, err := eco.Parse(text(s)); err == nil {
				lv.versions = append(lv.versions, v)
			}
		}
		if len(lv.versions) > 0 {
			out = append(out, lv)
		}
	}
	return out
}

// lineOf returns the per-line verdict whose affected versions hold v.
func (e *entry) lineOf(v ecosystem.Version) *lineVerdict {
	for i := range e.lines {
		for _, w := range e.lines[i].versions {
			if e.eco.Compare(v, w) == 0 {
				return &e.lines[i]
			}
		}
	}
	return nil
}

func namesPackage(v any, eco ecosystem.Ecosystem, ref pkgref.Ref) bool {
	s := text(v)
	if s == "" {
		return false
	}
	if r, err := pkgref.Parse(s); err == nil {
		return r == ref
	}
	n, err := eco.NormalizeName(s)
	return err == nil && n == ref.Name
}

func text(v any) string {
	s, _ := v.(string)
	return s
}

// first returns the first version a value names: the string itself, or the
// first string of a list; the first of vs that names one.
func first(vs ...any) string {
	for _, v := range vs {
		switch x := v.(type) {
		case string:
			if x != "" {
				return x
			}
		case []any:
			for _, y := range x {
				if s := text(y); s != "" {
					return s
				}
			}
		case map[string]any:
			if s := text(x["version"]); s != "" {
				return s
			}
		}
	}
	return ""
}
