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
	"time"

	"github.com/openvex/go-vex/pkg/vex"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/report"
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
	purl, err := PackageURL(ref, version)
	if err != nil {
		return vex.Product{}, err
	}
	return vex.Product{Component: vex.Component{ID: purl, Identifiers: map[vex.IdentifierType]string{vex.PURL: purl}}}, nil
}

// projectStatements states every member version of a project package.
func projectStatements(an *impact.Analysis, a *report.Affected, vuln vex.Vulnerability, now time.Time) ([]vex.Statement, error) {
	members, err := Members(an, a)
	if err != nil {
		return nil, err
	}
	var out []vex.Statement
	for _, m := range members {
		prod, err := productOf(a.Package, m.Release.Version)
		if err != nil {
			return nil, err
		}
		st := vex.Statement{Vulnerability: vuln, Timestamp: &now, Products: []vex.Product{prod}, Status: m.Status}
		switch m.Status {
		case vex.StatusAffected:
			st.ActionStatement = m.Actions(a.Package)
		case vex.StatusNotAffected:
			st.Justification = vex.VulnerableCodeNotPresent
		}
		out = append(out, st)
	}
	return out, nil
}

// upstreamStatements states the project's releases that force affected
// versions of an upstream package, each with the first release of its
// line from which on none does: of every line that contains it, for a
// release that several lines share.
func upstreamStatements(an *impact.Analysis, a *report.Affected, vuln vex.Vulnerability, now time.Time) ([]vex.Statement, error) {
	var out []vex.Statement
	var actions [][]LineAction
	at := map[*registry.Release]int{}
	for _, f := range UpstreamForced(an, a) {
		action := LineAction{Line: f.Line.Policy.Name, Text: f.Action}
		if i, ok := at[f.Release]; ok {
			actions[i] = append(actions[i], action)
			continue
		}
		prod, err := productOf(f.Package, f.Release.Version)
		if err != nil {
			return nil, err
		}
		at[f.Release] = len(out)
		out = append(out, vex.Statement{Vulnerability: vuln, Timestamp: &now, Products: []vex.Product{prod}, Status: vex.StatusAffected, StatusNotes: f.Note})
		actions = append(actions, []LineAction{action})
	}
	for i := range out {
		out[i].ActionStatement = JoinActions(actions[i])
	}
	return out, nil
}
