package main

import (
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/internal/redact"
	"github.com/patchline/patchline/registry"
	"github.com/patchline/patchline/severity"
)

// The patchline.analyze/v1 document, documented in docs/analyze-json.md.
// Fields are only ever added within v1; every list is present (possibly
// empty) and sorted as documented, so that the output is stable.
type analyzeDoc struct {
	Schema    string                `json:"schema"`
	AsOf      string                `json:"as_of"`
	FixesGoTo string                `json:"fixes_go_to"`
	Report    analyzeReportJSON     `json:"report"`
	Lines     []analyzeLineJSON     `json:"lines"`
	Outside   []analyzeOutsideJSON  `json:"outside"`
	Unplaced  []analyzeUnplacedJSON `json:"unplaced_fixes"`
}

type analyzeUnplacedJSON struct {
	Package string `json:"package"`
	Version string `json:"version"`
}

type analyzeReportJSON struct {
	Path     string           `json:"path"`
	ID       string           `json:"id"`
	Summary  string           `json:"summary"`
	Aliases  []string         `json:"aliases"`
	Severity *severity.Result `json:"severity"`
}

type analyzeLineJSON struct {
	Name       string               `json:"name"`
	Status     string               `json:"status"`
	Supported  bool                 `json:"supported"`
	Unreleased bool                 `json:"unreleased"`
	EndOfLife  *string              `json:"end_of_life"`
	Branch     *string              `json:"branch"`
	Verdict    string               `json:"verdict"`
	Packages   []analyzePackageJSON `json:"packages"`
	Incomplete []incompleteJSON     `json:"incomplete,omitempty"`
}

type analyzePackageJSON struct {
	Package     string                  `json:"package"`
	Upstream    bool                    `json:"upstream"`
	Verdict     string                  `json:"verdict"`
	Members     int                     `json:"members"`
	Affected    []string                `json:"affected"`
	ReportFixes []reportFixJSON         `json:"report_fixes"`
	FixedIn     []fixedInJSON           `json:"fixed_in"`
	Pending     []pendingJSON           `json:"pending"`
	Constraints []analyzeConstraintJSON `json:"constraints"`
	// Project packages: affected pre-releases above the line's newest
	// final release, listed apart (design §2.3).
	AffectedPrereleases []string `json:"affected_prereleases"`
	FixedPrerelease     *string  `json:"fixed_prerelease"`
	// Upstream packages: the declaring project packages, and the line's
	// pre-releases reaching affected versions (design §2.4).
	Declaring   []declaringJSON     `json:"declaring"`
	Prereleases []memberReleaseJSON `json:"prereleases"`
}

type declaringJSON struct {
	Package      string             `json:"package"`
	Verdict      string             `json:"verdict"`
	Newest       releaseClassJSON   `json:"newest"`
	FirstFixing  *string            `json:"first_fixing"`
	Raise        *string            `json:"raise"`
	FreshInstall *string            `json:"fresh_install"`
	Releases     []releaseClassJSON `json:"releases"`
}

type releaseClassJSON struct {
	Version     string `json:"version"`
	Class       string `json:"class"`
	Requirement string `json:"requirement"`
}

type memberReleaseJSON struct {
	Package string `json:"package"`
	Version string `json:"version"`
}

type reportFixJSON struct {
	Version string `json:"version"`
	Rule    string `json:"rule"`
}

type fixedInJSON struct {
	Version    string `json:"version"`
	Prerelease bool   `json:"prerelease"`
}

type pendingJSON struct {
	Version string `json:"version"`
	After   string `json:"after"`
	Planned bool   `json:"planned"`
}

type analyzeConstraintJSON struct {
	Specifier  string         `json:"specifier"`
	URL        string         `json:"url,omitempty"`
	DeclaredBy []declarerJSON `json:"declared_by"`
	Affected   []string       `json:"affected"`
	FirstFixed *string        `json:"first_fixed"`
	Unknown    bool           `json:"unknown"`
	Class      string         `json:"class"`
}

type declarerJSON struct {
	Package     string `json:"package"`
	Version     string `json:"version"`
	Requirement string `json:"requirement"`
}

type analyzeOutsideJSON struct {
	Package  string `json:"package"`
	Upstream bool   `json:"upstream"`
	Reason   string `json:"reason"`
}

func versionList(rs []*registry.Release) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Version
	}
	return out
}

func analysisJSON(an *impact.Analysis) analyzeDoc {
	r := an.Report
	doc := analyzeDoc{
		Schema: "patchline.analyze/v1", AsOf: an.AsOf.String(), FixesGoTo: string(an.FixesGoTo),
		Report:   analyzeReportJSON{Path: r.Path, ID: r.ID, Summary: r.Summary, Aliases: append([]string{}, r.Aliases...), Severity: r.Severity},
		Lines:    []analyzeLineJSON{},
		Outside:  []analyzeOutsideJSON{},
		Unplaced: []analyzeUnplacedJSON{},
	}
	for _, u := range an.Unplaced {
		doc.Unplaced = append(doc.Unplaced, analyzeUnplacedJSON{u.Package.String(), u.Version.String()})
	}
	for _, l := range an.Lines {
		lj := analyzeLineJSON{Name: l.Policy.Name, Status: string(l.Policy.Status), Supported: l.Supported, Unreleased: l.Unreleased, Verdict: string(l.Shown()), Packages: []analyzePackageJSON{}}
		if l.Policy.EndOfLife != nil {
			s := l.Policy.EndOfLife.String()
			lj.EndOfLife = &s
		}
		if l.Policy.Branch != "" {
			b := l.Policy.Branch
			lj.Branch = &b
		}
		if an.Matrix != nil {
			if ml := lineOf(an.Matrix, l.Policy); ml != nil {
				lj.Incomplete = incompleteOf(ml)
			}
		}
		for _, p := range l.Packages {
			pj := analyzePackageJSON{Package: p.Package.String(), Upstream: p.Upstream, Verdict: string(p.Verdict), Members: p.Members,
				Affected: versionList(p.Affected), ReportFixes: []reportFixJSON{}, FixedIn: []fixedInJSON{}, Pending: []pendingJSON{}, Constraints: []analyzeConstraintJSON{},
				AffectedPrereleases: versionList(p.AffectedPrereleases), FixedPrerelease: releaseVersion(p.FixedPrerelease),
				Declaring: []declaringJSON{}, Prereleases: []memberReleaseJSON{}}
			for _, f := range p.ReportFixes {
				pj.ReportFixes = append(pj.ReportFixes, reportFixJSON{f.Version.String(), string(f.Rule)})
			}
			for _, f := range p.FixedIn {
				pj.FixedIn = append(pj.FixedIn, fixedInJSON{f.Version, f.Parsed.Prerelease()})
			}
			for _, pd := range p.Pending {
				pj.Pending = append(pj.Pending, pendingJSON{pd.Version.String(), pd.After.Version, pd.Planned})
			}
			for _, c := range p.Constraints {
				cj := analyzeConstraintJSON{Specifier: c.Specifier, URL: redact.Userinfo(c.URL), DeclaredBy: []declarerJSON{}, Affected: versionList(c.Affected), Unknown: c.Unknown, Class: string(c.Class)}
				for _, d := range c.DeclaredBy {
					cj.DeclaredBy = append(cj.DeclaredBy, declarerJSON{d.Package.String(), d.Version, d.Requirement})
				}
				if c.FirstFixed != nil {
					v := c.FirstFixed.Version
					cj.FirstFixed = &v
				}
				pj.Constraints = append(pj.Constraints, cj)
			}
			for _, d := range p.Declaring {
				dj := declaringJSON{Package: d.Package.String(), Verdict: string(d.Verdict), Newest: releaseClassDoc(d.Newest),
					FirstFixing: releaseVersion(d.FirstFixing), FreshInstall: releaseVersion(d.FreshInstall), Releases: []releaseClassJSON{}}
				if d.Raise != "" {
					r := d.Raise
					dj.Raise = &r
				}
				for _, rc := range d.Releases {
					dj.Releases = append(dj.Releases, releaseClassDoc(rc))
				}
				pj.Declaring = append(pj.Declaring, dj)
			}
			for _, pr := range p.Prereleases {
				pj.Prereleases = append(pj.Prereleases, memberReleaseJSON{pr.Package.String(), pr.Release.Version})
			}
			lj.Packages = append(lj.Packages, pj)
		}
		doc.Lines = append(doc.Lines, lj)
	}
	for _, o := range an.Outside {
		doc.Outside = append(doc.Outside, analyzeOutsideJSON{o.Package.String(), o.Upstream, outsideReason(o)})
	}
	return doc
}

func releaseVersion(r *registry.Release) *string {
	if r == nil {
		return nil
	}
	v := r.Version
	return &v
}

func releaseClassDoc(rc impact.ReleaseClass) releaseClassJSON {
	return releaseClassJSON{Version: rc.Release.Version, Class: string(rc.Class), Requirement: rc.Requirement}
}
