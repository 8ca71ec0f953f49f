package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/internal/redact"
	"github.com/patchline/patchline/internal/termsafe"
	"github.com/patchline/patchline/registry"
)

func (a *app) analyzeCommand() *cobra.Command {
	var listVersions bool
	cmd := &cobra.Command{
		Use:   "analyze REPORT|RECORD",
		Short: "Say for every release line whether a report affects it and what fixes it",
		Long: `Analyse a vulnerability report against the policy's release lines at the as-of
date: per line and package the verdict (not-affected, fixed, affected,
unsupported), the affected released versions, the release that fixes the line or
the patch version still to release, and the branch to patch.

A report on a package the project does not publish is analysed through the
requirements the lines' members declare on it. An OSV record (ours, or a GHSA
or PYSEC record) is analysed like a report of its ranges.

The table is never wider than the terminal (COLUMNS, else 100): what does not
fit goes on lines of its own below its row. Affected releases are shown as the
runs they form, gaps between them; --versions lists every one. On a terminal
the verdicts are coloured (--color; NO_COLOR turns it off).

--format json prints the patchline.analyze/v1 document (docs/analyze-json.md);
--format markdown prints a checklist of the releases to make per supported line.`,
		Example: `  patchline analyze --as-of 2024-06-30 reports/unsafe-html.yaml
  patchline analyze --format markdown report.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.outputFormat("text", "json", "markdown")
			if err != nil {
				return err
			}
			pol, asOf, err := a.policyAsOf()
			if err != nil {
				return err
			}
			rep, err := a.loadReportOrRecord(args[0], pol)
			if err != nil {
				return err
			}
			an, err := a.analyze(cmd.Context(), pol, rep, asOf)
			if err != nil {
				return err
			}
			switch format {
			case "json":
				return writeJSON(a.stdout, analysisJSON(an))
			case "markdown":
				return writeAnalysisMarkdown(a.stdout, an)
			}
			if err := writeAnalysisTable(a.stdout, an, a.tableWidth(), a.palette); err != nil {
				return err
			}
			if listVersions {
				writeAffectedVersions(a.stdout, an, a.tableWidth())
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&listVersions, "versions", false, "list every affected version of every line below the table")
	return cmd
}

// writeAffectedVersions lists the affected versions of each line, all of
// them (the table shows their runs).
func writeAffectedVersions(w io.Writer, an *impact.Analysis, width int) {
	for _, l := range an.Lines {
		for _, p := range l.Packages {
			all := append(append([]*registry.Release{}, p.Affected...), p.AffectedPrereleases...)
			if len(all) == 0 {
				continue
			}
			fmt.Fprintf(w, "\n%s %s, %d affected:\n", l.Policy.Name, p.Package, len(all))
			for _, line := range wrap(strings.Join(versionList(all), ", "), width-2) {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
	}
}

// analyze computes membership, reads the histories of the reported
// upstream packages, and judges the report.
func (a *app) analyze(ctx context.Context, pol *policy.Policy, rep *report.Report, asOf policy.Date) (*impact.Analysis, error) {
	reg, m, err := a.matrix(ctx, pol)
	if err != nil {
		return nil, err
	}
	return impact.AnalyzeFrom(ctx, m, rep, asOf, reg)
}

// versionsSpan prints releases as "N: [lowest, highest]".
func versionsSpan(rs []*registry.Release) string {
	if len(rs) == 0 {
		return "-"
	}
	if len(rs) == 1 {
		return "1: " + rs[0].Version
	}
	return fmt.Sprintf("%d: [%s, %s]", len(rs), rs[0].Version, rs[len(rs)-1].Version)
}

// spanOnly prints releases as [lowest, highest], or the one version.
func spanOnly(rs []*registry.Release) string {
	if len(rs) == 1 {
		return rs[0].Version
	}
	return "[" + rs[0].Version + ", " + rs[len(rs)-1].Version + "]"
}

// fixText says what fixes a package on a line: released fixes, releases
// to make, or for an upstream package what its constraints admit.
func fixText(p *impact.Package, md bool) string {
	if p.Upstream {
		return upstreamFixText(p, md)
	}
	var parts []string
	for _, r := range p.FixedIn {
		parts = append(parts, "fixed in "+r.Version)
	}
	for _, pd := range p.Pending {
		s := "release " + pd.Version.String()
		if pd.Planned {
			s += " (planned)"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

func constraintText(c *membership.Constraint) string {
	if c.URL != "" {
		return "@ " + redact.Userinfo(c.URL)
	}
	if c.Specifier == "" {
		return "(any version)"
	}
	return c.Specifier
}

// reportFixText lists the report's fixes of a line with their rule.
func reportFixText(p *impact.Package) string {
	var fs []string
	for _, f := range p.ReportFixes {
		fs = append(fs, f.Version.String()+" ("+string(f.Rule)+")")
	}
	if len(fs) == 0 {
		return "-"
	}
	return strings.Join(fs, ", ")
}

// writeAnalysisHeader writes the report's title, severity and the
// analysis date; in text, a title wider than width is wrapped.
func writeAnalysisHeader(w io.Writer, an *impact.Analysis, md bool, width int) {
	r := an.Report
	title := termsafe.Field(r.Summary)
	if r.ID != "" {
		title = r.ID + ": " + title
	}
	if md {
		fmt.Fprintf(w, "## %s\n\n", title)
	} else {
		fmt.Fprintf(w, "%s\n", strings.Join(paragraph(title, width), "\n"))
	}
	if r.Severity != nil {
		fmt.Fprintf(w, "Severity: %s, CVSS %s base score %.1f", r.Severity.Level, r.Severity.Version, r.Severity.Score)
		if md {
			fmt.Fprintln(w, "  ")
		} else {
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "As of %s; fixes go to %s.\n\n", an.AsOf, an.FixesGoTo)
}

// affectedText is the affected members of a project package, or the
// affected versions an upstream package's constraints admit.
func affectedText(p *impact.Package) string {
	if !p.Upstream {
		if len(p.Affected) == 0 {
			return fmt.Sprintf("0 of %d", p.Members)
		}
		return fmt.Sprintf("%d of %d: %s", len(p.Affected), p.Members, intervalsText(p.Releases, p.Affected, maxIntervals))
	}
	return upstreamAffectedText(p)
}

func outsideReason(o impact.Outside) string {
	if o.Upstream {
		return "not published by the project, and no line requires it"
	}
	return "a project package no line has a release of"
}

func writeAnalysisMarkdown(w io.Writer, an *impact.Analysis) error {
	writeAnalysisHeader(w, an, true, 0)
	fmt.Fprintln(w, "| Line | Supported | Line verdict | Branch | Package | Package verdict | Affected | Report fix (rule) | Fix |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, l := range an.Lines {
		head := fmt.Sprintf("%s | %s | **%s** | %s", l.Policy.Name, supportedText(l), l.Shown(), code(l.Policy.Branch))
		if len(l.Packages) == 0 {
			fmt.Fprintf(w, "| %s | - | - | - | - | - |\n", head)
		}
		for i, p := range l.Packages {
			if i > 0 {
				head = " | | | "
			}
			name := "`" + p.Package.String() + "`"
			if p.Upstream {
				name += " (upstream)"
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", head, name, p.Verdict, affectedText(p), reportFixText(p), fixText(p, true))
		}
	}
	fmt.Fprintln(w, "\n### Releases per supported line")
	for _, l := range an.Lines {
		if !l.Supported {
			continue
		}
		fmt.Fprintf(w, "\n**%s** (%s", l.Policy.Name, l.Shown())
		if l.Policy.Branch != "" {
			fmt.Fprintf(w, ", branch `%s`", l.Policy.Branch)
		}
		fmt.Fprintln(w, ")")
		items := 0
		for _, p := range l.Packages {
			for _, r := range p.FixedIn {
				fmt.Fprintf(w, "- [x] `%s` %s released\n", p.Package, r.Version)
				items++
			}
			for _, pd := range p.Pending {
				planned := ""
				if pd.Planned {
					planned = ", planned"
				}
				fmt.Fprintf(w, "- [ ] release `%s` %s (after %s%s)\n", p.Package, pd.Version, pd.After.Version, planned)
				items++
			}
			for _, d := range p.Declaring {
				switch d.Verdict {
				case impact.Affected:
					fmt.Fprintf(w, "- [ ] %s\n", declaringText(p.Package.Name, d, true))
					items++
				case impact.Fixed:
					fmt.Fprintf(w, "- [x] %s\n", declaringText(p.Package.Name, d, true))
					items++
				}
			}
			if n := prereleaseNote(p); n != "" {
				fmt.Fprintf(w, "- `%s`: %s\n", p.Package, n)
			}
		}
		if items == 0 {
			fmt.Fprintln(w, "- nothing to release")
		}
	}
	var eol []string
	for _, l := range an.Lines {
		if l.Verdict == impact.Unsupported {
			eol = append(eol, l.Policy.Name)
		}
	}
	if len(eol) > 0 {
		fmt.Fprintf(w, "\nEnd-of-life lines shipping affected versions, no fix owed (tell their users): %s.\n", strings.Join(eol, ", "))
	}
	if len(an.Outside) > 0 {
		fmt.Fprintln(w, "\n### Reported packages no line contains")
		for _, o := range an.Outside {
			fmt.Fprintf(w, "- `%s`: %s\n", o.Package, outsideReason(o))
		}
	}
	if len(an.Unplaced) > 0 {
		fmt.Fprintln(w, "\n### Fixed versions no line takes")
		for _, u := range an.Unplaced {
			fmt.Fprintf(w, "- `%s` %s: %s\n", u.Package, u.Version, unplacedReason(an, u))
		}
	}
	return nil
}

// unplacedReason says why a fixed version of the report decides nothing.
func unplacedReason(an *impact.Analysis, u impact.Unplaced) string {
	if _, withoutFiles := fixServed(an, u); withoutFiles {
		return "fixed version listed by the index without files: there is nothing to install, so it fixes no line"
	}
	return "fixed version in no line: no line contains it or has releases of its series; check the version, or the policy's lines"
}

// supportedText says whether a line is supported at the as-of date, or
// that it did not exist yet.
func supportedText(l *impact.Line) string {
	if l.Unreleased {
		return "not yet"
	}
	return yesNo(l.Supported)
}

// wrap breaks text at spaces into lines of at most width runes (a longer
// word stands alone).
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width:
			lines = append(lines, line)
			line = w
		default:
			line += " " + w
		}
	}
	return append(lines, line)
}
