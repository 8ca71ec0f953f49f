// Package csaf is the CSAF 2.0 format of the publication layer: it renders
// an analysed report as a CSAF document of the VEX profile (csaf_vex), the
// form asked of vendors under the EU Cyber Resilience Act and read by CSAF
// aggregators and validators.
//
// The products are the released versions some line of the policy contains,
// enumerated one by one (informative test 6.3.10 asks for product versions,
// not ranges): a product tree vendor (the policy's project) → product (the
// package) → product_version, and one product group per line with at least
// two members (the schema's minimum). Every product has the status the
// OpenVEX format gives it (advisory/openvex.Members): known_affected (the
// versions an OSV record lists), fixed (at or above a fixing release of a
// line that contains it) or known_not_affected (flag
// vulnerable_code_not_present). Each line with affected members gets a
// remediation for them: vendor_fix naming the line's fixing release,
// no_fix_planned for a line past its end of life without one, or
// none_available with the release still to be made.
//
// For a report on an upstream package, the products are the project's
// releases whose requirement forces affected versions of it (design §2.4).
package csaf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/openvex/go-vex/pkg/vex"

	"github.com/patchline/patchline/advisory/openvex"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
	"github.com/patchline/patchline/weakness"
)

// PlaceholderNamespace is the publisher namespace of a document whose
// options name none: a URL under the .invalid top-level domain (RFC 2606),
// which can never be mistaken for a real publisher's. Replace it with the
// project's own URL before publishing.
const PlaceholderNamespace = "https://publisher.invalid/"

// ErrNoProducts is returned for a report that names no release of the
// project: an upstream report that no release forces, like the OSV
// format's advisory/osv.ErrNoRecord. CSAF has no document without
// products.
var ErrNoProducts = errors.New("no release of the project is affected: no CSAF document")

// Options are the document's metadata.
type Options struct {
	// ID is the advisory's id where the report has none yet (the
	// placeholder of the id the database will allocate).
	ID string
	// Publisher is who issues the document: the policy's project.
	Publisher string
	// Namespace is the publisher's URL; PlaceholderNamespace when empty.
	Namespace string
	// Directory is the https URL, ending in a slash, of the directory the
	// publisher puts its documents in; a final document's canonical URL
	// is there. Empty: the document names none.
	Directory string
	// Now is the document's release date and revision date; it also
	// decides whether the report's embargo is over.
	Now time.Time
	// Engine and EngineVersion name the program that wrote it.
	Engine, EngineVersion string
}

// Render renders the analysis as a CSAF VEX document.
func Render(an *impact.Analysis, opts Options) (*Document, error) {
	r := an.Report
	now := opts.Now.UTC()
	id := r.ID
	if id == "" {
		id = opts.ID
	}
	if id == "" {
		return nil, fmt.Errorf("%s: the report has no id and no placeholder was given", r.Path)
	}
	if opts.Publisher == "" {
		return nil, fmt.Errorf("%s: no publisher: CSAF names who issues the document", r.Path)
	}
	b := builder{an: an, vendor: opts.Publisher}
	for i := range r.Affected {
		a := &r.Affected[i]
		var err error
		if an.Matrix != nil && !an.Matrix.Policy.IsProjectPackage(a.Package) {
			err = b.upstream(a)
		} else {
			err = b.project(a)
		}
		if err != nil {
			return nil, err
		}
	}
	if len(b.products) == 0 {
		return nil, ErrNoProducts
	}
	doc := &Document{
		Document:        meta(r, id, opts, now),
		ProductTree:     b.tree(),
		Vulnerabilities: []Vulnerability{b.vulnerability(r, id, now)},
	}
	return doc, nil
}

// Marshal encodes the document as indented JSON ending in a newline, the
// keys of every object in alphabetical order (recommended test 6.2.13).
func Marshal(doc *Document) ([]byte, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	// The model's fields follow the schema's order; JSON objects decoded
	// into maps are written with their keys sorted.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(tree); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// meta is /document: a draft under AMBER while the report is under
// embargo, final under WHITE (TLP:CLEAR's name in the TLP version CSAF
// 2.0 knows) once it is over.
func meta(r *report.Report, id string, opts Options, now time.Time) Meta {
	ns := opts.Namespace
	if ns == "" {
		ns = PlaceholderNamespace
	}
	date := now.Format(time.RFC3339)
	m := Meta{
		Category:     "csaf_vex",
		CSAFVersion:  "2.0",
		Lang:         "en",
		Title:        r.Summary,
		Publisher:    Publisher{Category: "vendor", Name: opts.Publisher, Namespace: ns},
		Distribution: Distribution{TLP: TLP{Label: "WHITE"}},
		Tracking: Tracking{
			ID:                 id,
			Status:             "final",
			Version:            "1",
			RevisionHistory:    []Revision{{Date: date, Number: "1", Summary: "Initial version."}},
			InitialReleaseDate: date,
			CurrentReleaseDate: date,
			Generator:          Generator{Date: date, Engine: Engine{Name: opts.Engine, Version: opts.EngineVersion}},
		},
	}
	if m.Title == "" {
		m.Title = id
	}
	if r.EmbargoUntil != nil && now.Before(*r.EmbargoUntil) {
		m.Tracking.Status = "draft"
		m.Distribution = Distribution{
			TLP:  TLP{Label: "AMBER"},
			Text: fmt.Sprintf("Under embargo until %s: not for publication before then.", r.EmbargoUntil.UTC().Format(time.RFC3339)),
		}
	}
	if r.Severity != nil {
		m.AggregateSeverity = &AggregateSeverity{Text: r.Severity.Level}
	}
	if opts.Directory != "" && m.Tracking.Status == "final" {
		// The canonical URL (recommended test 6.2.11) where directory-based
		// distribution puts the document (section 7.1.11): a folder per
		// year of its initial release, its file named by section 5.1.
		m.References = append(m.References, Reference{Category: "self", Summary: "Canonical URL", URL: opts.Directory + now.Format("2006") + "/" + FileName(id)})
	}
	for _, ref := range r.References {
		m.References = append(m.References, Reference{Category: "external", Summary: ref.Type, URL: ref.URL})
	}
	return m
}

// FileName is the name of the file a CSAF document with the id is
// published in (CSAF 2.0 section 5.1): the id lower-cased, every run of
// characters other than a-z, 0-9, + and - replaced by one underscore, and
// .json.
func FileName(id string) string {
	var b strings.Builder
	run := false
	for _, c := range strings.ToLower(id) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' {
			b.WriteRune(c)
			run = false
			continue
		}
		if !run {
			b.WriteByte('_')
		}
		run = true
	}
	return b.String() + ".json"
}

// product is one product version of the tree; its id is its package URL.
type product struct {
	pkg     pkgref.Ref
	version string
	purl    string
}

// builder gathers the products, their statuses and the remediations.
type builder struct {
	an     *impact.Analysis
	vendor string

	products []product // in the order first met
	known    map[string]bool
	lines    []lineGroup

	affected, fixed, notAffected []string
	remediations                 []Remediation
	// requirements name, for an upstream report, what each affected
	// release requires.
	requirements []string
}

// lineGroup is a line and the product versions it contains.
type lineGroup struct {
	line *impact.Line
	ids  []string
}

// add puts a product version in the tree once and returns its id: its
// package URL.
func (b *builder) add(ref pkgref.Ref, rel *registry.Release) (string, error) {
	purl, err := openvex.PackageURL(ref, rel.Version)
	if err != nil {
		return "", err
	}
	if b.known == nil {
		b.known = map[string]bool{}
	}
	if !b.known[purl] {
		b.known[purl] = true
		b.products = append(b.products, product{pkg: ref, version: rel.Version, purl: purl})
	}
	return purl, nil
}

// inLine records that the line contains the product.
func (b *builder) inLine(l *impact.Line, id string) {
	for i := range b.lines {
		if b.lines[i].line == l {
			for _, have := range b.lines[i].ids {
				if have == id {
					return
				}
			}
			b.lines[i].ids = append(b.lines[i].ids, id)
			return
		}
	}
	b.lines = append(b.lines, lineGroup{line: l, ids: []string{id}})
}

// project states every member version of a project package and gives
// each line's affected members their line's remediation.
func (b *builder) project(a *report.Affected) error {
	members, err := openvex.Members(b.an, a)
	if err != nil {
		return err
	}
	status := map[*registry.Release]vex.Status{}
	ids := map[*registry.Release]string{}
	for _, m := range members {
		id, err := b.add(a.Package, m.Release)
		if err != nil {
			return err
		}
		status[m.Release], ids[m.Release] = m.Status, id
		switch m.Status {
		case vex.StatusAffected:
			b.affected = append(b.affected, id)
		case vex.StatusFixed:
			b.fixed = append(b.fixed, id)
		default:
			b.notAffected = append(b.notAffected, id)
		}
	}
	for i, ml := range b.an.Matrix.Lines {
		l := b.an.Lines[i]
		mem := ml.Members(a.Package)
		if mem == nil || l.Unreleased {
			continue
		}
		var hit []string
		for _, rel := range mem.Releases {
			id, ok := ids[rel]
			if !ok {
				continue
			}
			b.inLine(l, id)
			if status[rel] == vex.StatusAffected {
				hit = append(hit, id)
			}
		}
		if len(hit) == 0 {
			continue
		}
		p := openvex.LinePackage(l, a.Package)
		b.remediations = append(b.remediations, Remediation{Category: category(p), Details: openvex.Action(a.Package, l, p), ProductIDs: hit})
	}
	return nil
}

// category is the remediation of a line's affected members.
func category(p *impact.Package) string {
	switch {
	case p == nil:
		return "none_available"
	case len(p.FixedIn) > 0:
		return "vendor_fix"
	case p.Verdict == impact.Unsupported:
		return "no_fix_planned"
	}
	return "none_available"
}

// upstream states the project's releases that force affected versions of
// an upstream package, each remediated, for every line that contains it,
// by the first release of that line from which on none does: a release
// that a supported line and one past its end of life share gets both
// lines' remediations.
func (b *builder) upstream(a *report.Affected) error {
	byAction := map[string]int{}
	stated := map[string]bool{}
	for _, f := range openvex.UpstreamForced(b.an, a) {
		id, err := b.add(f.Package, f.Release)
		if err != nil {
			return err
		}
		b.inLine(f.Line, id)
		if !stated[id] {
			stated[id] = true
			b.affected = append(b.affected, id)
			b.requirements = append(b.requirements, f.Note)
		}
		cat := "none_available"
		switch {
		case f.Declaring.FirstFixing != nil:
			cat = "vendor_fix"
		case f.Declaring.Verdict == impact.Unsupported:
			cat = "no_fix_planned"
		}
		key := cat + "\x00" + f.Action
		if i, ok := byAction[key]; ok {
			b.remediations[i].ProductIDs = append(b.remediations[i].ProductIDs, id)
			continue
		}
		byAction[key] = len(b.remediations)
		b.remediations = append(b.remediations, Remediation{Category: cat, Details: f.Action, ProductIDs: []string{id}})
	}
	return nil
}

// tree is the product tree: vendor → package → version, and a group per
// line with two members or more.
func (b *builder) tree() ProductTree {
	vendor := Branch{Category: "vendor", Name: b.vendor}
	byPkg := map[pkgref.Ref]int{}
	for _, p := range b.products {
		i, ok := byPkg[p.pkg]
		if !ok {
			i = len(vendor.Branches)
			byPkg[p.pkg] = i
			vendor.Branches = append(vendor.Branches, Branch{Category: "product_name", Name: p.pkg.Name})
		}
		vendor.Branches[i].Branches = append(vendor.Branches[i].Branches, Branch{
			Category: "product_version",
			Name:     p.version,
			Product:  &Product{Name: p.pkg.Name + " " + p.version, ProductID: p.purl, Helper: &IdentificationHelper{PURL: p.purl}},
		})
	}
	t := ProductTree{Branches: []Branch{vendor}}
	for _, g := range b.lines {
		if len(g.ids) < 2 {
			continue
		}
		t.ProductGroups = append(t.ProductGroups, ProductGroup{
			GroupID:    "line:" + g.line.Policy.Name,
			ProductIDs: g.ids,
			Summary:    fmt.Sprintf("Line %s (%s).", g.line.Policy.Name, g.line.Policy.Status),
		})
	}
	return t
}

// vulnerability is the report's vulnerability: named by its CVE alias when
// it has one, by its other ids otherwise.
func (b *builder) vulnerability(r *report.Report, id string, now time.Time) Vulnerability {
	v := Vulnerability{Title: r.Summary, ReleaseDate: now.Format(time.RFC3339)}
	for _, alias := range append([]string{id}, r.Aliases...) {
		if v.CVE == "" && isCVE(alias) {
			v.CVE = alias
			continue
		}
		if isCVE(alias) {
			// CSAF 2.0 has room for one CVE per vulnerability, and a
			// CVE among the ids is what recommended test 6.2.17 flags:
			// a further CVE of the same vulnerability (a duplicate CVE
			// the program assigned too) is a reference to its record.
			v.References = append(v.References, Reference{Category: "external", Summary: alias + ", another CVE id of this vulnerability", URL: "https://www.cve.org/CVERecord?id=" + alias})
			continue
		}
		system, _, _ := strings.Cut(alias, "-")
		v.IDs = append(v.IDs, ID{SystemName: system, Text: alias})
	}
	if r.Details != "" {
		v.Notes = append(v.Notes, Note{Category: "description", Title: "Details", Text: r.Details})
	}
	if r.Summary != "" {
		v.Notes = append(v.Notes, Note{Category: "summary", Title: "Summary", Text: r.Summary})
	}
	if len(v.Notes) == 0 {
		v.Notes = append(v.Notes, Note{Category: "summary", Title: "Summary", Text: id})
	}
	v.CWE, v.Notes = weaknesses(r.CWEIDs, v.Notes)
	if len(b.requirements) > 0 {
		v.Notes = append(v.Notes, Note{Category: "details", Title: "Requirements of the affected releases", Text: strings.Join(b.requirements, "\n")})
	}
	v.ProductStatus = ProductStatus{Fixed: b.fixed, KnownAffected: b.affected, KnownNotAffected: b.notAffected}
	if len(b.notAffected) > 0 {
		v.Flags = []Flag{{Label: "vulnerable_code_not_present", ProductIDs: b.notAffected}}
	}
	v.Remediations = b.remediations
	if s := r.Severity; s != nil && len(b.affected) > 0 {
		if strings.HasPrefix(s.Version, "3.") {
			v.Scores = []Score{{Products: b.affected, CVSSV3: &CVSSV3{
				Version:      s.Version,
				VectorString: s.Vector,
				BaseScore:    json.Number(fmt.Sprintf("%.1f", s.Score)),
				BaseSeverity: baseSeverity(s.Score),
			}}}
		} else {
			// CSAF 2.0 scores CVSS v2 and v3 only; a v4.0 vector is kept
			// as a note.
			v.Notes = append(v.Notes, Note{Category: "other", Title: "CVSS " + s.Version, Text: s.Vector})
		}
	}
	return v
}

// weaknesses places the report's CWE ids: CSAF 2.0 names one weakness per
// vulnerability, the first the catalogue holds; every weakness the report
// names, with its catalogue name where it has one, is listed in a note
// when there is more than that one to say.
func weaknesses(ids []string, notes []Note) (*CWE, []Note) {
	var first *CWE
	var lines []string
	for _, id := range ids {
		w, ok := weakness.Lookup(id)
		if !ok {
			lines = append(lines, id)
			continue
		}
		lines = append(lines, id+": "+w.Name)
		if first == nil {
			first = &CWE{ID: w.ID, Name: w.Name}
		}
	}
	if len(ids) > 1 || (len(ids) == 1 && first == nil) {
		notes = append(notes, Note{Category: "other", Title: "Weaknesses (CWE)", Text: strings.Join(lines, "\n")})
	}
	return first, notes
}

// baseSeverity is the CVSS v3 qualitative rating of a score.
func baseSeverity(score float64) string {
	switch {
	case score >= 9:
		return "CRITICAL"
	case score >= 7:
		return "HIGH"
	case score >= 4:
		return "MEDIUM"
	case score > 0:
		return "LOW"
	}
	return "NONE"
}

func isCVE(id string) bool { return strings.HasPrefix(id, "CVE-") }
