package main

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/internal/redact"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
)

func (a *app) linesCommand() *cobra.Command {
	var explain string
	cmd := &cobra.Command{
		Use:   "lines",
		Short: "Print the policy's release lines and the package versions that belong to each",
		Long: `Print the supported-version matrix at the as-of date: every line with its status,
whether it is supported, its release and end-of-life dates and branch, and per
project package the span of member versions ([lowest, highest]) and their count.

Members are the declared ranges of a line plus, where the line has from, every
release of a project package reachable from the anchor's releases through their
dependency requirements (see the membership rules in the README).

--explain PACKAGE@VERSION prints, for each line containing that release, the path
of requirements that brought it in.`,
		Example: `  patchline lines --as-of 2024-06-30
  patchline lines --explain PyPI:invenio-records-resources@6.0.0`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := a.outputFormat("text", "json", "markdown")
			if err != nil {
				return err
			}
			pol, asOf, err := a.policyAsOf()
			if err != nil {
				return err
			}
			var ref pkgref.Ref
			var ver ecosystem.Version
			if explain != "" {
				if ref, ver, err = parsePackageVersion(explain); err != nil {
					return badInputf("--explain %q: %v", explain, err)
				}
			}
			m, err := a.membership(cmd.Context(), pol)
			if err != nil {
				return err
			}
			warnOverlaps(a.stderr, m)
			if explain != "" {
				return writeExplain(a.stdout, format, m, ref, ver, a.tableWidth())
			}
			switch format {
			case "json":
				return writeLinesJSON(a.stdout, m, asOf)
			case "markdown":
				return writeLinesMarkdown(a.stdout, m, asOf)
			}
			return writeLinesTable(a.stdout, m, asOf, a.tableWidth())
		},
	}
	cmd.Flags().StringVar(&explain, "explain", "", "show why PACKAGE@VERSION belongs to each line containing it")
	return cmd
}

// membership computes line membership through the registry the global
// flags configure.
func (a *app) membership(ctx context.Context, pol *policy.Policy) (*membership.Matrix, error) {
	_, m, err := a.matrix(ctx, pol)
	return m, err
}

// parsePackageVersion reads ECOSYSTEM:NAME@VERSION; the version follows the
// last @, so that npm scopes (npm:@scope/name@1.0.0) work.
func parsePackageVersion(s string) (pkgref.Ref, ecosystem.Version, error) {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.HasSuffix(s[:at], ":") {
		return pkgref.Ref{}, nil, fmt.Errorf("want PACKAGE@VERSION, e.g. PyPI:invenio-app-rdm@12.0.3")
	}
	ref, err := pkgref.Parse(s[:at])
	if err != nil {
		return pkgref.Ref{}, nil, err
	}
	eco, err := ref.Lookup()
	if err != nil {
		return pkgref.Ref{}, nil, err
	}
	v, err := eco.Parse(s[at+1:])
	if err != nil {
		return pkgref.Ref{}, nil, err
	}
	return ref, v, nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func endOfLife(l *policy.Line) string {
	if l.EndOfLife == nil {
		return "-"
	}
	return l.EndOfLife.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// span prints members as an interval, [lowest, highest].
func span(m *membership.Members) string {
	lo, hi := m.Releases[0].Version, m.Releases[len(m.Releases)-1].Version
	return "[" + lo + ", " + hi + "]"
}

func writeLinesMarkdown(w io.Writer, m *membership.Matrix, asOf policy.Date) error {
	fmt.Fprintf(w, "## %s release lines as of %s\n\n", orDash(m.Policy.Project), asOf)
	fmt.Fprintln(w, "| Line | Status | Supported | Released | End of life | Branch | Package | Versions | Count |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---:|")
	for _, l := range m.Lines {
		p := l.Policy
		head := fmt.Sprintf("%s | %s | %s | %s | %s | %s", p.Name, p.Status, lineSupportedText(l, asOf), p.Released, endOfLife(p), code(p.Branch))
		refs := l.Refs()
		if len(refs) == 0 {
			fmt.Fprintf(w, "| %s | - | - | 0 |\n", head)
		}
		for i, r := range refs {
			if i > 0 {
				head = " | | | | | "
			}
			mem := l.Members(r)
			fmt.Fprintf(w, "| %s | `%s` | %s | %d |\n", head, r, span(mem), len(mem.Releases))
		}
	}
	return nil
}

// code formats a Markdown code span, or "-" for nothing.
func code(s string) string {
	if s == "" {
		return "-"
	}
	return "`" + s + "`"
}

// linesJSON is the --format json document of lines.
type linesJSON struct {
	Schema  string     `json:"schema"`
	Project string     `json:"project"`
	AsOf    string     `json:"as_of"`
	Lines   []lineJSON `json:"lines"`
}

type lineJSON struct {
	Name       string           `json:"name"`
	Status     string           `json:"status"`
	Supported  bool             `json:"supported"`
	Unreleased bool             `json:"unreleased"`
	Released   string           `json:"released"`
	EndOfLife  *string          `json:"end_of_life"`
	Branch     string           `json:"branch,omitempty"`
	From       string           `json:"from,omitempty"`
	Packages   []memberJSON     `json:"packages"`
	Upstream   []upstreamJSON   `json:"upstream"`
	Unresolved []unresolvedJSON `json:"unresolved,omitempty"`
	Incomplete []incompleteJSON `json:"incomplete,omitempty"`
}

type memberJSON struct {
	Package  string   `json:"package"`
	Lowest   string   `json:"lowest"`
	Highest  string   `json:"highest"`
	Count    int      `json:"count"`
	Versions []string `json:"versions"`
}

type upstreamJSON struct {
	Package    string   `json:"package"`
	Specifiers []string `json:"specifiers"`
}

type unresolvedJSON struct {
	Package     string `json:"package"`
	Version     string `json:"version"`
	Requirement string `json:"requirement"`
}

func writeLinesJSON(w io.Writer, m *membership.Matrix, asOf policy.Date) error {
	doc := linesJSON{Schema: "patchline.lines/v1", Project: m.Policy.Project, AsOf: asOf.String(), Lines: []lineJSON{}}
	for _, l := range m.Lines {
		p := l.Policy
		lj := lineJSON{Name: p.Name, Status: string(p.Status), Supported: p.Supported(asOf), Unreleased: impact.Unreleased(l, asOf), Released: p.Released.String(),
			Branch: p.Branch, Packages: []memberJSON{}, Upstream: []upstreamJSON{}}
		if p.EndOfLife != nil {
			s := p.EndOfLife.String()
			lj.EndOfLife = &s
		}
		if p.From != nil {
			lj.From = p.From.Package.String() + " " + p.From.Range.String()
		}
		for _, r := range l.Refs() {
			mem := l.Members(r)
			mj := memberJSON{Package: r.String(), Lowest: mem.Releases[0].Version, Highest: mem.Releases[len(mem.Releases)-1].Version, Count: len(mem.Releases)}
			for _, rel := range mem.Releases {
				mj.Versions = append(mj.Versions, rel.Version)
			}
			lj.Packages = append(lj.Packages, mj)
		}
		for _, r := range l.UpstreamRefs() {
			uj := upstreamJSON{Package: r.String(), Specifiers: []string{}}
			for _, c := range l.Upstream[r].Constraints {
				s := c.Specifier
				if c.URL != "" {
					s = "@ " + redact.Userinfo(c.URL)
				}
				uj.Specifiers = append(uj.Specifiers, s)
			}
			lj.Upstream = append(lj.Upstream, uj)
		}
		for _, u := range l.Unresolved {
			lj.Unresolved = append(lj.Unresolved, unresolvedJSON{Package: u.Package.String(), Version: u.Version, Requirement: u.Requirement})
		}
		lj.Incomplete = incompleteOf(l)
		doc.Lines = append(doc.Lines, lj)
	}
	return writeJSON(w, doc)
}

// writeJSON writes v indented, without escaping <, > and & (ranges are
// full of them, and the output is not embedded in HTML).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// explainJSON is the --format json document of lines --explain.
type explainJSON struct {
	Schema  string            `json:"schema"`
	Package string            `json:"package"`
	Version string            `json:"version"`
	Lines   []explainLineJSON `json:"lines"`
}

type explainLineJSON struct {
	Line string     `json:"line"`
	Path []stepJSON `json:"path"`
}

type stepJSON struct {
	Package     string `json:"package"`
	Version     string `json:"version"`
	Via         string `json:"via"`
	Requirement string `json:"requirement"`
}

func writeExplain(w io.Writer, format string, m *membership.Matrix, ref pkgref.Ref, v ecosystem.Version, width int) error {
	doc := explainJSON{Schema: "patchline.explain/v1", Package: ref.String(), Version: v.String(), Lines: []explainLineJSON{}}
	for _, l := range m.Containing(ref, v) {
		lj := explainLineJSON{Line: l.Policy.Name}
		for _, s := range l.Explain(ref, v) {
			lj.Path = append(lj.Path, stepJSON{s.Package.String(), s.Version, s.Via, s.Requirement})
		}
		doc.Lines = append(doc.Lines, lj)
	}
	if format == "json" {
		return writeJSON(w, doc)
	}
	if len(doc.Lines) == 0 {
		fmt.Fprintf(w, "No line contains %s %s.\n", ref, v)
		return nil
	}
	for i, l := range doc.Lines {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if format == "markdown" {
			fmt.Fprintf(w, "### %s: `%s` %s\n\n", l.Line, ref, v)
			for j, s := range l.Path {
				fmt.Fprintf(w, "%d. `%s` %s: %s `%s`\n", j+1, s.Package, s.Version, s.Via, s.Requirement)
			}
			continue
		}
		fmt.Fprintf(w, "%s: %s %s\n", l.Line, ref, v)
		io.WriteString(w, textOf(explainPath(l.Path, width)))
	}
	return nil
}

// explainPath aligns the steps of a path, or puts each step's requirement
// below it when the aligned steps are wider than the width.
func explainPath(path []stepJSON, width int) []string {
	var g grid
	for _, s := range path {
		g.add(texts("  "+s.Package+" "+s.Version, s.Via+" "+s.Requirement)...)
	}
	out := g.lines(palette{}, false)
	if widestLine(out) <= width {
		return out
	}
	out = nil
	for _, s := range path {
		out = append(out, hanging("  ", s.Package+" "+s.Version, width)...)
		out = append(out, hanging("      ", s.Via+" "+s.Requirement, width)...)
	}
	return out
}

// lineSupportedText is "yes" or "no" at the as-of date, or "not yet" for a
// line that did not exist then (impact.Unreleased), as analyze prints it.
func lineSupportedText(l *membership.Line, asOf policy.Date) string {
	if impact.Unreleased(l, asOf) {
		return "not yet"
	}
	return yesNo(l.Policy.Supported(asOf))
}

// warnOverlaps names the releases that the ranges of two lines both claim
// (design §2.3), usually a bound that takes a pre-release or a minor of
// the next line: one warning per package and set of lines.
func warnOverlaps(w io.Writer, m *membership.Matrix) {
	for _, g := range overlapGroups(m.Overlaps()) {
		fmt.Fprintf(w, "patchline: warning: %s\n", g)
	}
}

// overlapGroups words runs of overlaps of one package claimed by the same
// lines.
func overlapGroups(os []membership.Overlap) []string {
	var out []string
	for i := 0; i < len(os); {
		j := i + 1
		for j < len(os) && os[j].Package == os[i].Package && slices.Equal(os[j].Lines, os[i].Lines) {
			j++
		}
		var names []string
		for _, l := range os[i].Lines {
			names = append(names, fmt.Sprintf("%s (%s)", l.Policy.Name, l.Policy.Pos))
		}
		what := os[i].Version + " belongs"
		if j-i > 1 {
			what = fmt.Sprintf("%s … %s (%d releases) belong", os[i].Version, os[j-1].Version, j-i)
		}
		out = append(out, fmt.Sprintf("%s %s to the ranges of %s: a release belongs to one line; check the bounds", os[i].Package, what, strings.Join(names, " and ")))
		i = j
	}
	return out
}
