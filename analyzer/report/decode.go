package report

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/patchline/patchline/analyzer/internal/strictyaml"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/severity"
)

// Load reads and validates the report at path. pol gives the severity
// levels, the id prefix and the line names that planned fixes refer to;
// with a nil pol the default levels apply and planned fixes may name any
// line. A file that cannot be read gives the read error; an invalid file,
// or one larger than the 256 KiB a YAML file may be (yamlguard.MaxSize),
// gives policy.Errors, every problem with its position.
func Load(path string, pol *policy.Policy) (*Report, error) {
	data, err := strictyaml.ReadFile(path, "report")
	if err != nil {
		return nil, err
	}
	return Parse(path, data, pol)
}

// Parse decodes and validates a report from data, the contents of file.
func Parse(file string, data []byte, pol *policy.Policy) (*Report, error) {
	sd, root := strictyaml.Parse(file, data)
	d := &decoder{Decoder: sd, pol: pol, r: &Report{Path: file}}
	d.decode(root)
	if err := sd.Err(); err != nil {
		return nil, err
	}
	return d.r, nil
}

type decoder struct {
	*strictyaml.Decoder
	pol *policy.Policy
	r   *Report
}

var reportKeys = []string{"id", "summary", "details", "aliases", "cwe_ids", "severity", "embargo_until", "published", "affected", "references", "credits"}

func (d *decoder) decode(root strictyaml.Node) {
	if root.IsNull() {
		root.Errorf("empty report: want a mapping with summary and affected")
		return
	}
	m, ok := root.Map(reportKeys...)
	if !ok {
		return
	}
	if v := m.Get("id"); v.Present() {
		if s, ok := v.Text(); ok {
			if err := checkID(s, d.ownPrefix()); err != nil {
				v.Errorf("invalid id %v", err)
			} else {
				d.r.ID = s
			}
		}
	}
	if v := m.Get("summary"); v.Required("a one-line summary") {
		if s, ok := v.Text(); ok {
			switch {
			case strings.TrimSpace(s) == "":
				v.Errorf("empty summary")
			case strings.ContainsAny(strings.TrimRight(s, "\n"), "\r\n"):
				v.Errorf("summary %q spans several lines: OSV wants one line; put the rest in details", s)
			default:
				d.r.Summary = strings.TrimSpace(s)
			}
		}
	}
	if v := m.Get("details"); v.Present() {
		d.r.Details, _ = v.Text()
	}
	if v := m.Get("aliases"); v.Present() {
		d.aliases(v)
	}
	if v := m.Get("cwe_ids"); v.Present() {
		d.cweIDs(v)
	}
	if v := m.Get("severity"); v.Present() {
		d.severity(v)
	}
	if v := m.Get("embargo_until"); v.Present() {
		if s, ok := v.Text(); ok {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				v.Errorf("invalid instant %q: want RFC 3339 with a time zone, e.g. 2026-12-01T14:00:00Z", s)
			} else {
				d.r.EmbargoUntil = &t
			}
		}
	}
	if v := m.Get("published"); v.Present() {
		if s, ok := v.Text(); ok {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				// A day alone is the day's start, UTC.
				t, err = time.Parse(time.DateOnly, s)
			}
			if err != nil {
				v.Errorf("invalid instant %q: want RFC 3339 with a time zone (2021-11-30T14:00:00Z) or a date (2021-11-30)", s)
			} else {
				t = t.UTC()
				d.r.Published = &t
			}
		}
	}
	if v := m.Get("affected"); v.Required("the affected packages") {
		d.affected(v)
	}
	if v := m.Get("references"); v.Present() {
		d.references(v)
	}
	if v := m.Get("credits"); v.Present() {
		d.credits(v)
	}
}

func (d *decoder) ownPrefix() string {
	if d.pol == nil {
		return ""
	}
	return d.pol.Advisories.IDPrefix
}

func (d *decoder) levels() severity.Levels {
	if d.pol == nil || len(d.pol.Severity) == 0 {
		return severity.DefaultLevels()
	}
	return d.pol.Severity
}

func (d *decoder) aliases(v strictyaml.Node) {
	d.r.Aliases = uniqueList(v, "alias", func(s string) string {
		if err := checkID(s, ""); err != nil {
			return fmt.Sprintf("invalid alias %v", err)
		}
		if s == d.r.ID {
			return fmt.Sprintf("alias %q is the report's own id", s)
		}
		return ""
	})
}

// cweID is the form of a weakness id: CWE- and the entry's number, as
// MITRE writes it (no leading zero).
var cweID = regexp.MustCompile(`^CWE-[1-9][0-9]*$`)

func (d *decoder) cweIDs(v strictyaml.Node) {
	d.r.CWEIDs = uniqueList(v, "CWE id", func(s string) string {
		if cweID.MatchString(s) {
			return ""
		}
		hint := ""
		if t := strings.ToUpper(strings.TrimSpace(s)); cweID.MatchString(t) {
			hint = fmt.Sprintf("; write it %s", t)
		} else if cweID.MatchString("CWE-" + t) {
			hint = fmt.Sprintf("; write it CWE-%s", t)
		}
		return fmt.Sprintf("invalid CWE id %q: want CWE- and the weakness number, e.g. CWE-79%s", s, hint)
	})
	// The ids kept are a subsequence of the items, in order: the first
	// item that spells each is where it is written.
	if len(d.r.CWEIDs) == 0 {
		return // not a list, or nothing kept: Seq would repeat its error
	}
	items, _ := v.Seq()
	for _, item := range items {
		if s, ok := item.Text(); ok && len(d.r.CWEPos) < len(d.r.CWEIDs) && s == d.r.CWEIDs[len(d.r.CWEPos)] {
			d.r.CWEPos = append(d.r.CWEPos, item.Pos())
		}
	}
}

// uniqueList reads a list of strings, each of which problem accepts (it
// returns the message of an item it refuses, "" otherwise) and none of
// which is listed twice; what names an item in messages.
func uniqueList(v strictyaml.Node, what string, problem func(string) string) []string {
	items, ok := v.Seq()
	if !ok {
		return nil
	}
	var out []string
	seen := map[string]strictyaml.Pos{}
	for _, item := range items {
		s, ok := item.Text()
		if !ok {
			continue
		}
		if msg := problem(s); msg != "" {
			item.Errorf("%s", msg)
			continue
		}
		if first, dup := seen[s]; dup {
			item.Errorf("%s %q listed twice (first at %s)", what, s, first)
			continue
		}
		seen[s] = item.Pos()
		out = append(out, s)
	}
	return out
}

func (d *decoder) severity(v strictyaml.Node) {
	s, ok := v.Text()
	if !ok {
		return
	}
	res, err := severity.Score(s, d.levels())
	if err != nil {
		v.Errorf("%v", err)
		return
	}
	d.r.Severity = &res
}

var affectedKeys = []string{"package", "introduced", "fixed", "last_affected", "range", "ranges", "planned_fix"}

func (d *decoder) affected(v strictyaml.Node) {
	items, ok := v.Seq()
	if !ok {
		return
	}
	if len(items) == 0 {
		v.Errorf("no affected packages")
		return
	}
	first := map[pkgref.Ref]strictyaml.Pos{}
	for _, item := range items {
		a, ok := d.entry(item)
		if !ok {
			continue
		}
		if at, dup := first[a.Package]; dup {
			item.Errorf("%s listed twice (first at %s): give all its versions in one entry", a.Package, at)
			continue
		}
		first[a.Package] = item.Pos()
		d.r.Affected = append(d.r.Affected, a)
	}
}

// entry decodes one affected package. It returns false when the package
// itself is unusable, so that no entry is half-filled.
func (d *decoder) entry(v strictyaml.Node) (Affected, bool) {
	m, ok := v.Map(affectedKeys...)
	if !ok {
		return Affected{}, false
	}
	a := Affected{Pos: v.Pos()}
	pn := m.Get("package")
	if !pn.Required("a package, e.g. PyPI:invenio-app-rdm") {
		return a, false
	}
	s, ok := pn.Text()
	if !ok {
		return a, false
	}
	ref, err := pkgref.Parse(s)
	if err != nil {
		pn.Errorf("%v", err)
		return a, false
	}
	eco, err := ref.Lookup()
	if err != nil {
		pn.Errorf("%v", err)
		return a, false
	}
	a.Package, a.eco = ref, eco

	var forms []string
	for _, k := range []string{"introduced", "fixed", "last_affected", "range", "ranges"} {
		if m.Get(k).Present() {
			forms = append(forms, k)
		}
	}
	hasFixed := m.Get("introduced").Present() || m.Get("fixed").Present() || m.Get("last_affected").Present()
	switch {
	case len(forms) == 0:
		v.Errorf("%s: say which versions are affected: introduced/fixed, range or ranges (fixed: [] when every version is affected and no fix exists yet)", ref)
		return a, false
	case m.Get("range").Present() && (hasFixed || m.Get("ranges").Present()):
		m.Get("range").Errorf("%s is given both %s: use one form", ref, strings.Join(forms, " and "))
		return a, false
	case m.Get("ranges").Present() && hasFixed:
		m.Get("ranges").Errorf("%s is given both %s: use one form", ref, strings.Join(forms, " and "))
		return a, false
	case m.Get("range").Present():
		a.Form = FormRange
		d.ranges(&a, m.Get("range"))
	case m.Get("ranges").Present():
		a.Form = FormRanges
		d.intervals(&a, m.Get("ranges"))
	default:
		a.Form = FormFixed
		d.fixedForm(&a, m)
	}
	if pf := m.Get("planned_fix"); pf.Present() {
		d.plannedFix(&a, pf)
	}
	return a, true
}

// version parses one version of the entry's ecosystem. "0" is OSV's
// "every version from the first" and only allowed where zero is true.
func (d *decoder) version(a *Affected, v strictyaml.Node, zeroOK bool) (ecosystem.Version, bool) {
	s, ok := v.Text()
	if !ok {
		return nil, false
	}
	s = strings.TrimSpace(s)
	if s == "0" {
		if zeroOK {
			return nil, true
		}
		v.Errorf("\"0\" is not a version here (it means \"from the first version\" in introduced only)")
		return nil, false
	}
	ver, err := a.eco.Parse(s)
	if err != nil {
		v.Errorf("%s: %v", a.Package, err)
		return nil, false
	}
	return ver, true
}

func (d *decoder) fixedForm(a *Affected, m strictyaml.Map) {
	if n := m.Get("introduced"); n.Present() {
		a.Introduced, _ = d.version(a, n, true)
	}
	fixedGiven := 0
	if n := m.Get("fixed"); n.Present() {
		items, ok := n.Seq()
		if !ok {
			return
		}
		fixedGiven = len(items)
		var where []strictyaml.Node
		for _, item := range items {
			f, ok := d.version(a, item, false)
			if !ok {
				continue
			}
			if a.Introduced != nil && a.eco.Compare(f, a.Introduced) <= 0 {
				item.Errorf("fixed version %s is not above introduced %s", f, a.Introduced)
				continue
			}
			dup := false
			for i, g := range a.Fixed {
				if a.eco.Compare(f, g) == 0 {
					item.Errorf("fixed version %s listed twice (first at %s)", f, where[i].Pos())
					dup = true
				}
			}
			if !dup {
				a.Fixed = append(a.Fixed, f)
				where = append(where, item)
			}
		}
		ecosystem.Sort(a.eco, a.Fixed)
	}
	if n := m.Get("last_affected"); n.Present() {
		la, ok := d.version(a, n, false)
		switch {
		case !ok:
		case fixedGiven > 0:
			n.Errorf("last_affected %s and fixed versions exclude each other (OSV forbids both in one range): use ranges for a mix", la)
		case a.Introduced != nil && a.eco.Compare(la, a.Introduced) < 0:
			n.Errorf("last_affected %s is below introduced %s", la, a.Introduced)
		default:
			a.LastAffected = la
		}
	}
}

// ranges reads form FormRange: one range string, or a list of them of
// which any may match (the PyPI way to write a union of specifier sets;
// accepted for npm too, as the same as joining with ||).
func (d *decoder) ranges(a *Affected, v strictyaml.Node) {
	items := []strictyaml.Node{v}
	if v.Kind() == strictyaml.Sequence {
		items, _ = v.Seq()
		if len(items) == 0 {
			v.Errorf("empty range list")
			return
		}
	}
	for _, item := range items {
		s, ok := item.Text()
		if !ok {
			continue
		}
		r, err := a.eco.ParseRange(strings.TrimSpace(s))
		if err != nil {
			item.Errorf("%s: %v", a.Package, err)
			continue
		}
		a.Ranges = append(a.Ranges, r)
	}
}

// intervals reads form FormRanges.
func (d *decoder) intervals(a *Affected, v strictyaml.Node) {
	items, ok := v.Seq()
	if !ok {
		return
	}
	if len(items) == 0 {
		v.Errorf("empty ranges list")
		return
	}
	for _, item := range items {
		m, ok := item.Map("introduced", "fixed", "last_affected")
		if !ok {
			continue
		}
		var iv Interval
		good := true
		if n := m.Get("introduced"); n.Present() {
			iv.Introduced, ok = d.version(a, n, true)
			good = good && ok
		}
		fixed, last := m.Get("fixed"), m.Get("last_affected")
		if fixed.Present() && last.Present() {
			last.Errorf("fixed and last_affected exclude each other in one range (OSV forbids both)")
			continue
		}
		if fixed.Present() {
			iv.Fixed, ok = d.version(a, fixed, false)
			good = good && ok
			if ok && iv.Introduced != nil && a.eco.Compare(iv.Fixed, iv.Introduced) <= 0 {
				fixed.Errorf("fixed %s is not above introduced %s", iv.Fixed, iv.Introduced)
				good = false
			}
		}
		if last.Present() {
			iv.LastAffected, ok = d.version(a, last, false)
			good = good && ok
			if ok && iv.Introduced != nil && a.eco.Compare(iv.LastAffected, iv.Introduced) < 0 {
				last.Errorf("last_affected %s is below introduced %s", iv.LastAffected, iv.Introduced)
				good = false
			}
		}
		if good {
			a.Intervals = append(a.Intervals, iv)
		}
	}
}

// plannedFix reads line name to planned fixing version. A planned fix that
// the entry's own ranges call affected is an error: it would not fix.
func (d *decoder) plannedFix(a *Affected, v strictyaml.Node) {
	entries, ok := v.Entries()
	if !ok {
		return
	}
	a.PlannedFix = map[string]ecosystem.Version{}
	for _, e := range entries {
		if d.pol != nil && d.pol.Line(e.Key) == nil {
			d.Errorf(e.KeyPos, v.Path(), "unknown line %q (the policy's lines: %s)", e.Key, lineNames(d.pol))
			continue
		}
		ver, ok := d.version(a, e.Value, false)
		if !ok {
			continue
		}
		if a.Form != FormFixed && a.eco != nil && a.Affected(ver) {
			e.Value.Errorf("planned fix %s is itself affected by the entry's ranges", ver)
			continue
		}
		if a.Form == FormFixed && a.Introduced != nil && a.eco.Compare(ver, a.Introduced) <= 0 {
			e.Value.Errorf("planned fix %s is not above introduced %s", ver, a.Introduced)
			continue
		}
		a.PlannedFix[e.Key] = ver
	}
}

func lineNames(p *policy.Policy) string {
	names := make([]string, len(p.Lines))
	for i, l := range p.Lines {
		names[i] = l.Name
	}
	return strings.Join(names, ", ")
}

func (d *decoder) references(v strictyaml.Node) {
	items, ok := v.Seq()
	if !ok {
		return
	}
	for _, item := range items {
		m, ok := item.Map("type", "url")
		if !ok {
			continue
		}
		var ref Reference
		good := true
		if t := m.Get("type"); t.Required("the reference type, e.g. FIX") {
			if s, ok := t.Text(); ok {
				if err := oneOf(s, referenceTypes); err != nil {
					t.Errorf("%v", err)
					good = false
				}
				ref.Type = s
			} else {
				good = false
			}
		} else {
			good = false
		}
		if u := m.Get("url"); u.Required("an http or https URL") {
			if s, ok := u.Text(); ok {
				if err := checkURL(s); err != nil {
					u.Errorf("%v", err)
					good = false
				}
				ref.URL = s
			} else {
				good = false
			}
		} else {
			good = false
		}
		if good {
			d.r.References = append(d.r.References, ref)
		}
	}
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\r\n") {
		return fmt.Errorf("invalid URL %q: want an absolute http or https URL", s)
	}
	return nil
}

func (d *decoder) credits(v strictyaml.Node) {
	items, ok := v.Seq()
	if !ok {
		return
	}
	for _, item := range items {
		m, ok := item.Map("name", "contact", "type")
		if !ok {
			continue
		}
		var c Credit
		good := true
		if n := m.Get("name"); n.Required("the credited name") {
			s, ok := n.Text()
			switch {
			case !ok:
				good = false
			case strings.TrimSpace(s) == "":
				n.Errorf("empty name")
				good = false
			default:
				c.Name = strings.TrimSpace(s)
			}
		} else {
			good = false
		}
		if n := m.Get("contact"); n.Present() {
			contacts, ok := n.Seq()
			good = good && ok
			for _, cn := range contacts {
				s, ok := cn.Text()
				switch {
				case !ok:
					good = false
				case strings.TrimSpace(s) == "":
					cn.Errorf("empty contact")
					good = false
				default:
					c.Contact = append(c.Contact, strings.TrimSpace(s))
				}
			}
		}
		if n := m.Get("type"); n.Present() {
			if s, ok := n.Text(); ok {
				if err := oneOf(s, creditTypes); err != nil {
					n.Errorf("%v", err)
					good = false
				}
				c.Type = s
			} else {
				good = false
			}
		}
		if good {
			d.r.Credits = append(d.r.Credits, c)
		}
	}
}
