package openvex

import (
	"fmt"
	"slices"
	"strings"

	"github.com/openvex/go-vex/pkg/vex"
	"github.com/package-url/packageurl-go"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

// The per-version decisions below are shared by the VEX formats of the
// publication layer (OpenVEX, CSAF's VEX profile), so that every format
// states the same versions the same way.

// Member is a released version of a project package that some line
// contains, with the first line (in policy order) that contains it, that
// line's verdict for the package, and the version's status.
type Member struct {
	Release *registry.Release
	Line    *impact.Line
	// Package is the line's verdict for the package; nil when the line
	// holds none.
	Package *impact.Package
	// Status is affected (the versions an OSV record lists), fixed (at or
	// above a fixing release of a line that contains it) or not_affected.
	Status vex.Status
	// Others are the further lines that contain the version, in policy
	// order, each with its verdict for the package (nil when it holds
	// none): a version several lines share.
	Others []LineVerdict
}

// LineVerdict is a line and its verdict for a package.
type LineVerdict struct {
	Line    *impact.Line
	Package *impact.Package
}

// Members returns every released version of a project package that some
// released line contains, in the history's order.
func Members(an *impact.Analysis, a *report.Affected) ([]Member, error) {
	h := an.History(a.Package)
	if h == nil || an.Matrix == nil {
		return nil, fmt.Errorf("%s: %s: no release history: no line contains the package", an.Report.Path, a.Package)
	}
	hit := an.AffectedInHistory(a, h)
	first := map[*registry.Release]Member{}
	for i, ml := range an.Matrix.Lines {
		mem := ml.Members(a.Package)
		l := an.Lines[i]
		if mem == nil || l.Unreleased {
			continue
		}
		p := LinePackage(l, a.Package)
		for _, rel := range mem.Releases {
			m, seen := first[rel]
			if !seen {
				first[rel] = Member{Release: rel, Line: l, Package: p}
				continue
			}
			m.Others = append(m.Others, LineVerdict{Line: l, Package: p})
			first[rel] = m
		}
	}
	eco := a.Ecosystem()
	var out []Member
	for i, rel := range h.Releases {
		m, member := first[rel]
		if !member {
			continue
		}
		switch {
		case hit[i]:
			m.Status = vex.StatusAffected
		case m.fixed(eco):
			m.Status = vex.StatusFixed
		default:
			m.Status = vex.StatusNotAffected
		}
		out = append(out, m)
	}
	return out, nil
}

// fixed reports whether the member is at or above a fixing release of a
// line that contains it.
func (m Member) fixed(eco ecosystem.Ecosystem) bool {
	if m.Package != nil && fixedAt(eco, m.Package, m.Release) {
		return true
	}
	for _, o := range m.Others {
		if o.Package != nil && fixedAt(eco, o.Package, m.Release) {
			return true
		}
	}
	return false
}

// LinePackage is the line's verdict for the package; nil when it holds
// none.
func LinePackage(l *impact.Line, ref pkgref.Ref) *impact.Package {
	var p *impact.Package
	for _, q := range l.Packages {
		if q.Package == ref {
			p = q
		}
	}
	return p
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

// Actions says what users of an affected member do on each line that
// contains it, in policy order, each action once: a user of a version that
// two lines share may stay on either.
func (m Member) Actions(ref pkgref.Ref) string {
	actions := []LineAction{{Line: m.Line.Policy.Name, Text: Action(ref, m.Line, m.Package)}}
	for _, o := range m.Others {
		actions = append(actions, LineAction{Line: o.Line.Policy.Name, Text: Action(ref, o.Line, o.Package)})
	}
	return JoinActions(actions)
}

// LineAction is what the users of a line do.
type LineAction struct {
	Line, Text string
}

// JoinActions says the actions of several lines in one text, in order:
// the same upgrade for several lines once, naming them all ("Upgrade to
// app 2.3.1 (lines v12, v11)."), every other action once.
func JoinActions(actions []LineAction) string {
	type group struct {
		text  string // the action, or its text before " (line NAME)."
		lines []string
	}
	var groups []*group
	byText := map[string]*group{}
	for _, a := range actions {
		text, perLine := strings.CutSuffix(a.Text, " (line "+a.Line+").")
		if !perLine {
			text = a.Text
		}
		g := byText[text]
		if g == nil {
			g = &group{text: text}
			byText[text] = g
			groups = append(groups, g)
		}
		if perLine && !slices.Contains(g.lines, a.Line) {
			g.lines = append(g.lines, a.Line)
		}
	}
	var out []string
	for _, g := range groups {
		switch len(g.lines) {
		case 0:
			out = append(out, g.text)
		case 1:
			out = append(out, g.text+" (line "+g.lines[0]+").")
		default:
			out = append(out, g.text+" (lines "+strings.Join(g.lines, ", ")+").")
		}
	}
	return strings.Join(out, " ")
}

// Action says what users of an affected version of line l do: the same
// fix per line that analyze, announce and the OSV record name. p is the
// line's verdict for the package, nil when it holds none.
func Action(ref pkgref.Ref, l *impact.Line, p *impact.Package) string {
	name := l.Policy.Name
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
	case p.Verdict == impact.Unsupported:
		return endOfLifeAction(name, ref.Name, fixes())
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

// endOfLifeAction says what users of a line past its end of life do: move
// to fix, a release of the line that carries the fix, where there is one
// ("" when there is none), else to a supported line.
func endOfLifeAction(line, name, fix string) string {
	if fix != "" {
		return fmt.Sprintf("Line %s is past its end of life: upgrade to %s %s, which carries the fix, or to a supported line.", line, name, fix)
	}
	return fmt.Sprintf("Line %s is past its end of life and gets no fix: upgrade to a supported line.", line)
}

// Forced is a release of the project whose requirement forces affected
// versions of an upstream package.
type Forced struct {
	// Package is the project package, Release its release.
	Package pkgref.Ref
	Release *registry.Release
	// Line is the line it was found in.
	Line *impact.Line
	// Declaring is the project package's judgement in that line.
	Declaring *impact.Declaring
	// Note names the requirement; Action says what users do.
	Note, Action string
}

// UpstreamForced returns the project's releases that force affected
// versions of an upstream package, once per line that contains one, each
// with that line's judgement: the first release of the line from which on
// none forces affected versions (or the requirement a release must raise
// to). A release that several lines contain comes once per line, so that
// the formats can say what each line's users do.
func UpstreamForced(an *impact.Analysis, a *report.Affected) []Forced {
	var out []Forced
	for _, ld := range an.Declarations(a.Package) {
		l, d := ld.Line, ld.Declaring
		seen := map[*registry.Release]bool{}
		for _, rc := range d.Releases {
			if rc.Class != impact.Forces || seen[rc.Release] {
				continue
			}
			seen[rc.Release] = true
			f := Forced{Package: d.Package, Release: rc.Release, Line: l, Declaring: d,
				Note: fmt.Sprintf("%s %s requires %s %s, which admits only affected versions.", d.Package.Name, rc.Release.Version, a.Package.Name, rc.Requirement)}
			switch {
			case d.Verdict == impact.Unsupported:
				fix := ""
				if d.FirstFixing != nil {
					fix = d.FirstFixing.Version
				}
				f.Action = endOfLifeAction(l.Policy.Name, d.Package.Name, fix)
			case d.FirstFixing != nil:
				f.Action = fmt.Sprintf("Upgrade to %s %s (line %s).", d.Package.Name, d.FirstFixing.Version, l.Policy.Name)
			case d.Raise != "" && d.Verdict == impact.Affected:
				f.Action = fmt.Sprintf("A release of %s requiring %s %s is to come (line %s).", d.Package.Name, a.Package.Name, d.Raise, l.Policy.Name)
			default:
				f.Action = fmt.Sprintf("No release of line %s requires a fixed %s.", l.Policy.Name, a.Package.Name)
			}
			out = append(out, f)
		}
	}
	return out
}

// PackageURL is the package URL of one version of a package
// (pkg:npm/express@4.19.2, pkg:pypi/invenio-app-rdm@11.0.5).
func PackageURL(ref pkgref.Ref, version string) (string, error) {
	typ := map[string]string{"PyPI": packageurl.TypePyPi, "npm": packageurl.TypeNPM}[ref.Ecosystem]
	if typ == "" {
		return "", fmt.Errorf("%s: no package URL type for the ecosystem", ref)
	}
	namespace, name := "", ref.Name
	if ref.Ecosystem == "npm" && len(name) > 0 && name[0] == '@' {
		if i := strings.IndexByte(name, '/'); i >= 0 {
			namespace, name = name[:i], name[i+1:]
		}
	}
	return packageurl.NewPackageURL(typ, namespace, name, version, nil, "").ToString(), nil
}
