package policy

import (
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/patchline/patchline/analyzer/internal/strictyaml"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/severity"
)

// defaultDatabase is the advisory directory when the policy names none,
// relative to the policy file.
const defaultDatabase = "advisories"

// Parse decodes and validates a policy from data, the contents of file.
// file names the policy in messages and anchors the advisory database
// path. Every problem is reported, as Errors.
func Parse(file string, data []byte) (*Policy, error) {
	d, root := strictyaml.Parse(file, data)
	p := decode(d, root, file)
	if err := d.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

type decoder struct {
	*strictyaml.Decoder
	p *Policy
}

func decode(sd *strictyaml.Decoder, root strictyaml.Node, file string) *Policy {
	d := &decoder{Decoder: sd, p: &Policy{
		Path:      file,
		Severity:  severity.DefaultLevels(),
		FixesGoTo: LatestMinor,
		Notice:    DefaultNotice,
		Packages:  map[string][]pkgref.Pattern{},
	}}
	if root.IsNull() {
		root.Errorf("empty policy: want a mapping with project, packages and lines")
		return d.p
	}
	m, ok := root.Map(rootKeys...)
	if !ok {
		return d.p
	}
	if v := m.Get("project"); v.Required("the project's name") {
		d.p.Project, _ = name(v, "project name")
	}
	if v := m.Get("severity"); v.Present() {
		d.severity(v)
	}
	d.advisories(m.Get("advisories"), file)
	if v := m.Get("packages"); v.Required("the packages the project publishes, by ecosystem") {
		d.packages(v)
	}
	if v := m.Get("fixes_go_to"); v.Present() {
		if s, ok := v.Text(); ok {
			switch FixesGoTo(s) {
			case LatestMinor, EveryMinor:
				d.p.FixesGoTo = FixesGoTo(s)
			default:
				v.Errorf("unknown value %q (want %s or %s)", s, LatestMinor, EveryMinor)
			}
		}
	}
	if v := m.Get("notice"); v.Present() {
		d.notice(v)
	}
	if v := m.Get("lines"); v.Required("the release lines, newest first") {
		d.lines(v)
	}
	return d.p
}

// name reads a non-empty text without surrounding white space.
func name(v strictyaml.Node, what string) (string, bool) {
	s, ok := v.Text()
	if !ok {
		return "", false
	}
	switch {
	case strings.TrimSpace(s) == "":
		v.Errorf("empty %s", what)
		return "", false
	case strings.TrimSpace(s) != s:
		v.Errorf("%s %q has surrounding white space", what, s)
		return "", false
	}
	return s, true
}

// severity reads the level-name to lower-bound mapping. Problems of the
// levels as a whole (bounds out of order, names equal up to case) are
// reported at the level they name.
func (d *decoder) severity(v strictyaml.Node) {
	entries, ok := v.Entries()
	if !ok {
		return
	}
	if len(entries) == 0 {
		v.Errorf("no levels; leave severity out for the default levels")
		return
	}
	bounds := map[string]float64{}
	where := map[string]strictyaml.Node{}
	valid := true
	for _, e := range entries {
		f, ok := e.Value.Float()
		if !ok {
			valid = false
			continue
		}
		bounds[e.Key] = f
		where[e.Key] = e.Value
	}
	if !valid {
		return
	}
	levels, err := severity.NewLevels(bounds)
	if err != nil {
		for _, err := range unjoin(err) {
			at := v
			for _, e := range entries {
				// Each problem of severity.Levels.Validate starts with the
				// level it is about.
				if strings.HasPrefix(err.Error(), "severity level "+strconv.Quote(e.Key)+":") {
					at = where[e.Key]
					break
				}
			}
			at.Errorf("%v", err)
		}
		return
	}
	d.p.Severity = levels
}

// unjoin splits an errors.Join error into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func (d *decoder) advisories(v strictyaml.Node, file string) {
	db := defaultDatabase
	dbNode := v
	if v.Present() {
		m, ok := v.Map(advisoriesKeys...)
		if !ok {
			return
		}
		if p := m.Get("id_prefix"); p.Present() {
			if s, ok := p.Text(); ok {
				if err := ValidIDPrefix(s); err != nil {
					p.Errorf("%v", err)
				} else {
					d.p.Advisories.IDPrefix = s
				}
			}
		}
		if p := m.Get("publisher"); p.Present() {
			if s, ok := name(p, "publisher URL"); ok {
				if u, err := url.Parse(s); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
					p.Errorf("publisher %q: want the project's absolute http(s) URL, e.g. https://example.org/", s)
				} else {
					d.p.Advisories.Publisher = s
				}
			}
		}
		if p := m.Get("csaf_url"); p.Present() {
			if s, ok := name(p, "CSAF URL"); ok {
				if u, err := url.Parse(s); err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
					p.Errorf("csaf_url %q: want the absolute https URL of the directory the project publishes its CSAF documents in, e.g. https://example.org/.well-known/csaf/white/", s)
				} else {
					d.p.Advisories.CSAFURL = strings.TrimSuffix(s, "/") + "/"
				}
			}
		}
		if dbNode = m.Get("database"); dbNode.Present() {
			s, ok := name(dbNode, "database path")
			if !ok {
				return
			}
			db = s
		}
	}
	if !filepath.IsAbs(db) {
		db = filepath.Join(filepath.Dir(file), db)
	}
	abs, err := filepath.Abs(db)
	if err != nil {
		dbNode.Errorf("cannot resolve database path %q: %v", db, err)
		return
	}
	d.p.Advisories.Database = abs
}

func (d *decoder) packages(v strictyaml.Node) {
	entries, ok := v.Entries()
	if !ok {
		return
	}
	seen := map[string]strictyaml.Pos{}
	n, invalid := 0, false
	for _, e := range entries {
		eco, err := ecosystem.Lookup(e.Key)
		if err != nil {
			d.Errorf(e.KeyPos, v.Path(), "%v", err)
			invalid = true
			continue
		}
		if first, dup := seen[eco.Name()]; dup {
			d.Errorf(e.KeyPos, v.Path(), "ecosystem %s listed twice (first at %s)", eco.Name(), first)
			continue
		}
		seen[eco.Name()] = e.KeyPos
		globs, ok := e.Value.Seq()
		if !ok {
			invalid = true
			continue
		}
		for _, g := range globs {
			s, ok := g.Text()
			if !ok {
				invalid = true
				continue
			}
			pat, err := pkgref.NewPattern(eco.Name(), s)
			if err != nil {
				g.Errorf("%v", err)
				invalid = true
				continue
			}
			d.p.Packages[eco.Name()] = append(d.p.Packages[eco.Name()], pat)
			n++
		}
	}
	if n == 0 && !invalid {
		v.Errorf("no package patterns: list what the project publishes, e.g. PyPI: [\"invenio-*\"]")
	}
}

func (d *decoder) lines(v strictyaml.Node) {
	items, ok := v.Seq()
	if !ok {
		return
	}
	if len(items) == 0 {
		v.Errorf("no lines: a policy needs at least one release line")
		return
	}
	type seenLine struct {
		index int
		pos   strictyaml.Pos
	}
	names := map[string]seenLine{}
	prev, prevIndex := -1, 0 // the last line with a release date: in d.p.Lines, in items
	for i, item := range items {
		l, released, ok := d.line(item)
		if !ok {
			continue
		}
		if l.Name != "" {
			key := strings.ToLower(l.Name)
			if first, dup := names[key]; dup {
				item.Errorf("duplicate line name %q (lines[%d] at %s)", l.Name, first.index, first.pos)
			} else {
				names[key] = seenLine{i, l.Pos}
			}
		}
		if prev >= 0 && !l.Released.IsZero() && l.Released.After(d.p.Lines[prev].Released) {
			p := d.p.Lines[prev]
			released.Errorf("%s (released %s) is listed after %s (released %s, lines[%d]): list lines newest first",
				l.Name, l.Released, p.Name, p.Released, prevIndex)
		}
		d.p.Lines = append(d.p.Lines, l)
		if !l.Released.IsZero() {
			prev, prevIndex = len(d.p.Lines)-1, i
		}
	}
}

// The keys of the policy, of advisories and of a line: docs/policy.md
// documents each (TestDocsCoverKeys).
var (
	rootKeys       = []string{"project", "severity", "advisories", "packages", "lines", "fixes_go_to", "notice"}
	advisoriesKeys = []string{"id_prefix", "database", "publisher", "csaf_url"}
)

var lineKeys = []string{"name", "status", "released", "end_of_life", "branch", "from", "extras", "packages"}

// line decodes one line. It returns the released node for the order check
// made by the caller.
func (d *decoder) line(v strictyaml.Node) (Line, strictyaml.Node, bool) {
	m, ok := v.Map(lineKeys...)
	if !ok {
		return Line{}, v, false
	}
	l := Line{Pos: v.Pos()}
	if n := m.Get("name"); n.Required("the line's name, e.g. v13") {
		l.Name, _ = name(n, "line name")
	}
	if n := m.Get("status"); n.Required("supported, lts, security or eol") {
		if s, ok := n.Text(); ok {
			switch st := Status(s); st {
			case StatusSupported, StatusLTS, StatusSecurity, StatusEOL:
				l.Status = st
			default:
				n.Errorf("unknown status %q (want supported, lts, security or eol)", s)
			}
		}
	}
	released := m.Get("released")
	if released.Required("the release date, YYYY-MM-DD") {
		if date, ok := readDate(released); ok {
			l.Released = date
		}
	}
	if n := m.Get("end_of_life"); n.Present() && !n.IsNull() {
		if date, ok := readDate(n); ok {
			l.EndOfLife = &date
			if !l.Released.IsZero() && date.Before(l.Released) {
				n.Errorf("end of life %s is before the release date %s", date, l.Released)
			}
		}
	}
	if n := m.Get("branch"); n.Present() {
		l.Branch, _ = name(n, "branch name")
	}
	if n := m.Get("from"); n.Present() {
		l.From = d.anchor(n)
	}
	if n := m.Get("extras"); n.Present() {
		l.Extras = d.extras(n, m.Get("from"), l.From)
	}
	if n := m.Get("packages"); n.Present() {
		l.Packages = d.members(n)
	}
	return l, released, true
}

func readDate(v strictyaml.Node) (Date, bool) {
	s, ok := v.Text()
	if !ok {
		return Date{}, false
	}
	date, err := ParseDate(s)
	if err != nil {
		v.Errorf("%v", err)
		return Date{}, false
	}
	return date, true
}

// anchor reads "PACKAGE RANGE": a package reference, white space, and a
// range in the package's ecosystem syntax (which may itself contain
// spaces, as npm ranges do).
func (d *decoder) anchor(v strictyaml.Node) *Anchor {
	s, ok := v.Text()
	if !ok {
		return nil
	}
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		v.Errorf("want PACKAGE RANGE, e.g. \"PyPI:invenio-app-rdm ~=13.0\", got %q", s)
		return nil
	}
	ref, err := pkgref.Parse(s[:i])
	if err != nil {
		v.Errorf("%v", err)
		return nil
	}
	if !d.p.IsProjectPackage(ref) && d.packagesKnown() {
		v.Errorf("%s is not a package of the project (none of packages.%s matches it): a line is derived from a package the project publishes", ref, ref.Ecosystem)
		return nil
	}
	rng, ok := parseRange(v, ref, strings.TrimSpace(s[i:]))
	if !ok {
		return nil
	}
	return &Anchor{Package: ref, Range: rng}
}

// packagesKnown reports whether the policy's packages were read, so that a
// broken packages section does not also flag every reference to it.
func (d *decoder) packagesKnown() bool { return len(d.p.Packages) > 0 }

func parseRange(v strictyaml.Node, ref pkgref.Ref, s string) (ecosystem.Range, bool) {
	eco, err := ref.Lookup()
	if err != nil {
		v.Errorf("%v", err)
		return nil, false
	}
	rng, err := eco.ParseRange(s)
	if err != nil {
		v.Errorf("%v", err)
		return nil, false
	}
	return rng, true
}

func (d *decoder) extras(v, fromNode strictyaml.Node, from *Anchor) []string {
	items, ok := v.Seq()
	if !ok {
		return nil
	}
	if !fromNode.Present() {
		v.Errorf("extras without from: extras select requirements of the line's from package")
		return nil
	}
	if from != nil && from.Package.Ecosystem != "PyPI" {
		v.Errorf("%s packages have no extras", from.Package.Ecosystem)
		return nil
	}
	var out []string
	for _, item := range items {
		s, ok := name(item, "extra")
		if !ok {
			continue
		}
		if slices.Contains(out, s) {
			item.Errorf("extra %q listed twice", s)
			continue
		}
		out = append(out, s)
	}
	return out
}

// members reads the declared members: package reference to range.
func (d *decoder) members(v strictyaml.Node) map[pkgref.Ref]ecosystem.Range {
	entries, ok := v.Entries()
	if !ok {
		return nil
	}
	out := map[pkgref.Ref]ecosystem.Range{}
	first := map[pkgref.Ref]strictyaml.Pos{}
	for _, e := range entries {
		ref, err := pkgref.Parse(e.Key)
		if err != nil {
			d.Errorf(e.KeyPos, e.Value.Path(), "%v", err)
			continue
		}
		if at, dup := first[ref]; dup {
			d.Errorf(e.KeyPos, e.Value.Path(), "%q is %s, listed already (at %s)", e.Key, ref, at)
			continue
		}
		first[ref] = e.KeyPos
		if !d.p.IsProjectPackage(ref) && d.packagesKnown() {
			d.Errorf(e.KeyPos, e.Value.Path(), "%s is not a package of the project (none of packages.%s matches it)", ref, ref.Ecosystem)
			continue
		}
		s, ok := e.Value.Text()
		if !ok {
			continue
		}
		if rng, ok := parseRange(e.Value, ref, strings.TrimSpace(s)); ok {
			out[ref] = rng
		}
	}
	return out
}
