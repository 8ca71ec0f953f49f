// Package openvex is the OpenVEX format of the publication layer: it
// renders an analysed report as an OpenVEX document (spec 0.2.0, built
// with the format's own library, github.com/openvex/go-vex), the form
// container and SBOM tooling reads.
//
// One statement per product version: a product is a released version
// that some line of the policy contains, named by its package URL with
// the version (pkg:npm/express@4.19.2), because OpenVEX consumers match
// products by exact purl and cannot evaluate ranges. The status of each:
//
//   - affected: the version is affected (the same versions an OSV record
//     lists, impact.Analysis.AffectedInHistory), with an action statement
//     naming its line's fix ("upgrade to express 4.20.0"), the release
//     still to come, or, for a line past its end of life without a fix,
//     that none will come;
//   - fixed: not affected, and at or above a fixing release of a line that
//     contains it;
//   - not_affected (vulnerable_code_not_present): every other member.
//
// For a report on an upstream package, the products are the project's
// releases whose requirement forces affected versions of it (design
// §2.4), affected, with the first release of their line from which on
// none does; the upstream advisory is the vulnerability.
package openvex

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/openvex/go-vex/pkg/vex"
	"github.com/package-url/packageurl-go"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// Options are the document's metadata.
type Options struct {
	// ID is the advisory's id where the report has none yet (the
	// placeholder of the id the database will allocate).
	ID string
	// Author is who states the document: the policy's project.
	Author string
	// Now is the document's timestamp and every statement's.
	Now time.Time
	// Tooling names the program that wrote it.
	Tooling string
}

// Document renders the analysis as an OpenVEX document.
func Document(an *impact.Analysis, opts Options) (*vex.VEX, error) {
	r := an.Report
	now := opts.Now.UTC()
	doc := &vex.VEX{
		Metadata: vex.Metadata{
			Context:   vex.ContextLocator(),
			ID:        documentID(r, opts.ID),
			Author:    opts.Author,
			Timestamp: &now,
			Version:   1,
			Tooling:   opts.Tooling,
		},
	}
	vuln := vulnerability(r, opts.ID)
	for i := range r.Affected {
		a := &r.Affected[i]
		var stmts []vex.Statement
		var err error
		if an.Matrix != nil && !an.Matrix.Policy.IsProjectPackage(a.Package) {
			stmts, err = upstreamStatements(an, a, vuln, now)
		} else {
			stmts, err = projectStatements(an, a, vuln, now)
		}
		if err != nil {
			return nil, err
		}
		doc.Statements = append(doc.Statements, stmts...)
	}
	for i := range doc.Statements {
		if err := doc.Statements[i].Validate(); err != nil {
			return nil, fmt.Errorf("%s: statement %d: %w", r.Path, i, err)
		}
	}
	return doc, nil
}

// documentID names the document after the report's id, or the
// placeholder while it has none.
func documentID(r *report.Report, draft string) string {
	id := r.ID
	if id == "" {
		id = draft
	}
	return "urn:x-patchline:vex:" + id
}

// vulnerability names the report: its CVE alias when it has one (the
// identifier VEX consumers match first), its id otherwise, and the rest as
// aliases.
func vulnerability(r *report.Report, draft string) vex.Vulnerability {
	ids := append([]string{}, r.Aliases...)
	switch {
	case r.ID != "":
		ids = append(ids, r.ID)
	case draft != "":
		ids = append(ids, draft)
	}
	sort.SliceStable(ids, func(i, j int) bool { return isCVE(ids[i]) && !isCVE(ids[j]) })
	v := vex.Vulnerability{Description: r.Summary}
	for i, id := range ids {
		if i == 0 {
			v.Name = vex.VulnerabilityID(id)
			continue
		}
		v.Aliases = append(v.Aliases, vex.VulnerabilityID(id))
	}
	if v.Name == "" {
		v.Name = "draft"
	}
	return v
}

func isCVE(id string) bool { return len(id) > 4 && id[:4] == "CVE-" }

// productOf is the product of one version of a package: its package URL
// with the version.
func productOf(ref pkgref.Ref, version string) (vex.Product, error) {
	typ := map[string]string{"PyPI": packageurl.TypePyPi, "npm": packageurl.TypeNPM}[ref.Ecosystem]
	if typ == "" {
		return vex.Product{}, fmt.Errorf("%s: no package URL type for the ecosystem", ref)
	}
	namespace, name := "", ref.Name
	if ref.Ecosystem == "npm" && len(name) > 0 && name[0] == '@' {
		for i := range name {
			if name[i] == '/' {
				namespace, name = name[:i], name[i+1:]
				break
			}
		}
	}
	purl := packageurl.NewPackageURL(typ, namespace, name, version, nil, "").ToString()
	return vex.Product{Component: vex.Component{ID: purl, Identifiers: map[vex.IdentifierType]string{vex.PURL: purl}}}, nil
}

// lineOf is, for each member version of a package, the first line (in
// policy order) that contains it and that line's verdict for the package.
type lineOf struct {
	line *impact.Line
	pkg  *impact.Package
}

// projectStatements states every member version of a project package.
func projectStatements(an *impact.Analysis, a *report.Affected, vuln vex.Vulnerability, now time.Time) ([]vex.Statement, error) {
	h := an.History(a.Package)
	if h == nil || an.Matrix == nil {
		return nil, fmt.Errorf("%s: %s: no release history: no line contains the package", an.Report.Path, a.Package)
	}
	hit := an.AffectedInHistory(a, h)
	lines := map[*registry.Release]lineOf{}
	for i, ml := range an.Matrix.Lines {
		mem := ml.Members(a.Package)
		l := an.Lines[i]
		if mem == nil || l.Unreleased {
			continue
		}
		var p *impact.Package
		for _, q := range l.Packages {
			if q.Package == a.Package {
				p = q
			}
		}
		for _, rel := range mem.Releases {
			if _, seen := lines[rel]; !seen {
				lines[rel] = lineOf{l, p}
			}
		}
	}
	eco := a.Ecosystem()
	var out []vex.Statement
	for i, rel := range h.Releases {
		lo, member := lines[rel]
		if !member {
			continue
		}
		prod, err := productOf(a.Package, rel.Version)
		if err != nil {
			return nil, err
		}
		st := vex.Statement{Vulnerability: vuln, Timestamp: &now, Products: []vex.Product{prod}}
		switch {
		case hit[i]:
			st.Status = vex.StatusAffected
			st.ActionStatement = action(a.Package, lo)
		case lo.pkg != nil && fixedAt(eco, lo.pkg, rel):
			st.Status = vex.StatusFixed
		default:
			st.Status = vex.StatusNotAffected
			st.Justification = vex.VulnerableCodeNotPresent
		}
		out = append(out, st)
	}
	return out, nil
}

// fixedAt reports whether rel is at or above a fixing release of the line.
func fixedAt(eco ecosystem.Ecosystem, p *impact.Package, rel *registry.Release) bool {
	for _, f := range p.FixedIn {
		if eco.Compare(rel.Parsed, f.Parsed) >= 0 {
			return true
		}
	}
	return false
}

// action says what users of an affected version do: the same fix per line
// that analyze, announce and the OSV record name.
func action(ref pkgref.Ref, lo lineOf) string {
	name := lo.line.Policy.Name
	p := lo.pkg
	if p == nil {
		return "No fix is known for line " + name + "."
	}
	fixes := func() string {
		var vs []string
		for _, f := range p.FixedIn {
			vs = append(vs, f.Version)
		}
		return strings.Join(vs, ", ")
	}
	switch {
	case p.Verdict == impact.Unsupported && len(p.FixedIn) > 0:
		return fmt.Sprintf("Line %s is past its end of life: upgrade to %s %s, which carries the fix, or to a supported line.", name, ref.Name, fixes())
	case p.Verdict == impact.Unsupported:
		return fmt.Sprintf("Line %s is past its end of life and gets no fix: upgrade to a supported line.", name)
	case len(p.Pending) > 0:
		var vs []string
		for _, pd := range p.Pending {
			vs = append(vs, pd.Version.String())
		}
		return fmt.Sprintf("A fix for line %s is to be released: %s %s (not released yet).", name, ref.Name, strings.Join(vs, ", "))
	case len(p.FixedIn) > 0:
		return fmt.Sprintf("Upgrade to %s %s (line %s).", ref.Name, fixes(), name)
	}
	return "No fix is known for line " + name + "."
}

// upstreamStatements states the project's releases that force affected
// versions of an upstream package, each with the first release of its
// line from which on none does.
func upstreamStatements(an *impact.Analysis, a *report.Affected, vuln vex.Vulnerability, now time.Time) ([]vex.Statement, error) {
	var out []vex.Statement
	seen := map[*registry.Release]bool{}
	for _, l := range an.Lines {
		for _, p := range l.Packages {
			if p.Package != a.Package || !p.Upstream {
				continue
			}
			for _, d := range p.Declaring {
				for _, rc := range d.Releases {
					if rc.Class != impact.Forces || seen[rc.Release] {
						continue
					}
					seen[rc.Release] = true
					prod, err := productOf(d.Package, rc.Release.Version)
					if err != nil {
						return nil, err
					}
					st := vex.Statement{Vulnerability: vuln, Timestamp: &now, Products: []vex.Product{prod}, Status: vex.StatusAffected,
						StatusNotes: fmt.Sprintf("%s %s requires %s %s, which admits only affected versions.", d.Package.Name, rc.Release.Version, a.Package.Name, rc.Requirement)}
					switch {
					case d.FirstFixing != nil:
						st.ActionStatement = fmt.Sprintf("Upgrade to %s %s (line %s).", d.Package.Name, d.FirstFixing.Version, l.Policy.Name)
					case d.Raise != "" && d.Verdict == impact.Affected:
						st.ActionStatement = fmt.Sprintf("A release of %s requiring %s %s is to come (line %s).", d.Package.Name, a.Package.Name, d.Raise, l.Policy.Name)
					default:
						st.ActionStatement = fmt.Sprintf("No release of line %s requires a fixed %s.", l.Policy.Name, a.Package.Name)
					}
					out = append(out, st)
				}
			}
		}
	}
	return out, nil
}
