package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/internal/termsafe"
	"github.com/patchline/patchline/registry"
)

func (a *app) announceCommand() *cobra.Command {
	var draft bool
	cmd := &cobra.Command{
		Use:   "announce REPORT",
		Short: "Write the public announcement of a fixed vulnerability, in Markdown",
		Long: `Write the public announcement of a report as Markdown, for a blog post, release
notes or a GitHub advisory: the summary and details, the severity with its CVSS
vector and level, a table of the supported lines with the release to upgrade
to, the end-of-life lines that ship affected versions and will not be fixed,
credits and references. The lines and releases come from the analysis at the
as-of date (see analyze).

Before the report's embargo_until the announcement is refused (exit 2), and
while a supported line still waits for its fix it fails like check (exit 1,
the waiting lines on stderr): an announcement tells users what to upgrade to.
--draft writes it anyway, under a DRAFT banner, for review.`,
		Example: `  patchline announce --as-of 2024-06-30 reports/unsafe-html.yaml
  patchline announce --draft report.yaml > announcement.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := a.outputFormat("markdown"); err != nil {
				return err
			}
			pol, rep, now, err := a.policyReportNow(args[0])
			if err != nil {
				return err
			}
			if rep.Embargoed(now) && !draft {
				return badInputf("%s is under embargo until %s: nothing may be published before; use --draft for a draft",
					rep.Path, rep.EmbargoUntil.UTC().Format(time.RFC3339))
			}
			asOf, err := a.asOf()
			if err != nil {
				return err
			}
			an, err := a.analyze(cmd.Context(), pol, rep, policy.DateOf(asOf))
			if err != nil {
				return err
			}
			if g := gate(an); !g.passed() && !draft {
				fmt.Fprintf(a.stderr, "patchline: not announcing: the publication gate fails, as check says (--draft writes a draft):\n")
				writeGateText(a.stderr, []*gateReport{g}, palette{}, a.messageWidth())
				return gateFailed
			}
			writeAnnouncement(a.stdout, pol, an, draft)
			return nil
		},
	}
	cmd.Flags().BoolVar(&draft, "draft", false, "write the announcement before the embargo ends, marked as a draft")
	return cmd
}

func writeAnnouncement(w io.Writer, pol *policy.Policy, an *impact.Analysis, draft bool) {
	r := an.Report
	title := termsafe.Field(r.Summary)
	if r.ID != "" {
		title = r.ID + ": " + title
	}
	fmt.Fprintf(w, "# %s\n\n", title)
	if draft {
		banner := "**DRAFT - not for publication.**"
		if r.EmbargoUntil != nil {
			banner += " Under embargo until " + r.EmbargoUntil.UTC().Format("2006-01-02 15:04 UTC") + "."
		}
		fmt.Fprintf(w, "> %s\n\n", banner)
	}
	if r.Severity != nil {
		fmt.Fprintf(w, "**Severity:** %s (CVSS %s base score %.1f, `%s`)  \n", r.Severity.Level, r.Severity.Version, r.Severity.Score, r.Severity.Vector)
	}
	if len(r.Aliases) > 0 {
		fmt.Fprintf(w, "**Aliases:** %s  \n", strings.Join(r.Aliases, ", "))
	}
	fmt.Fprintf(w, "**Project:** %s\n\n", pol.Project)
	if d := strings.TrimSpace(r.Details); d != "" {
		fmt.Fprintf(w, "%s\n\n", termsafe.Text(d))
	}
	writeSupportedTable(w, an)
	writeUnsupported(w, an)
	if len(r.Credits) > 0 {
		fmt.Fprintln(w, "## Credits")
		fmt.Fprintln(w)
		for _, c := range r.Credits {
			s := termsafe.Field(c.Name)
			if c.Type != "" {
				s += " (" + strings.ToLower(strings.ReplaceAll(c.Type, "_", " ")) + ")"
			}
			fmt.Fprintf(w, "- %s\n", s)
		}
		fmt.Fprintln(w)
	}
	if len(r.References) > 0 {
		fmt.Fprintln(w, "## References")
		fmt.Fprintln(w)
		for _, ref := range r.References {
			fmt.Fprintf(w, "- %s: <%s>\n", termsafe.Field(strings.ToLower(ref.Type)), termsafe.Field(ref.URL))
		}
	}
}

// writeSupportedTable lists every supported line: what is affected and the
// release to upgrade to.
func writeSupportedTable(w io.Writer, an *impact.Analysis) {
	fmt.Fprintf(w, "## Supported release lines (as of %s)\n\n", an.AsOf)
	var rows, clean []string
	for _, l := range an.Lines {
		if !l.Supported || l.Unreleased {
			continue
		}
		n := len(rows)
		for _, p := range l.Packages {
			if p.Verdict == impact.NotAffected {
				continue
			}
			rows = append(rows, fmt.Sprintf("| %s | `%s` | %s | %s |", l.Policy.Name, p.Package, affectedCell(p), upgradeTo(p)))
		}
		if len(rows) == n {
			clean = append(clean, l.Policy.Name)
		}
	}
	if len(rows) > 0 {
		fmt.Fprintln(w, "| Line | Package | Affected versions | Upgrade to |")
		fmt.Fprintln(w, "|---|---|---|---|")
		for _, r := range rows {
			fmt.Fprintln(w, r)
		}
		fmt.Fprintln(w)
	}
	if len(clean) > 0 {
		fmt.Fprintf(w, "Not affected: %s.\n\n", strings.Join(clean, ", "))
	}
	for _, l := range an.Lines {
		if !l.Supported || l.Unreleased {
			continue
		}
		for _, p := range l.Packages {
			if n := prereleaseNote(p); n != "" {
				fmt.Fprintf(w, "%s, `%s`: %s.\n\n", l.Policy.Name, p.Package, n)
			}
		}
	}
}

// writeUnsupported lists the end-of-life lines that ship affected versions.
func writeUnsupported(w io.Writer, an *impact.Analysis) {
	var rows []string
	for _, l := range an.Lines {
		if l.Verdict != impact.Unsupported {
			continue
		}
		eol := "end of life"
		if l.Policy.EndOfLife != nil {
			eol = "end of life " + l.Policy.EndOfLife.String()
		}
		for _, p := range l.Packages {
			if p.Verdict == impact.Unsupported {
				rows = append(rows, fmt.Sprintf("| %s | %s | `%s` | %s | %s |", l.Policy.Name, eol, p.Package, affectedCell(p), upgradeTo(p)))
			}
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w, "## Unsupported release lines")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "These lines are past their end of life and ship affected versions. They will not be fixed further: upgrade to a supported line (a release of the line that already carries the fix is named).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Line | Status | Package | Affected versions | Fixed within the line |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Fprintln(w, r)
	}
	fmt.Fprintln(w)
}

func affectedRange(rs []*registry.Release) string {
	switch len(rs) {
	case 0:
		return "-"
	case 1:
		return rs[0].Version
	}
	return rs[0].Version + " to " + rs[len(rs)-1].Version
}

// affectedCell is a project package's affected releases, or for an
// upstream package what the line's requirements on it admit.
func affectedCell(p *impact.Package) string {
	if !p.Upstream {
		return affectedRange(p.Affected)
	}
	var s []string
	for _, d := range p.Declaring {
		for _, rc := range d.Releases {
			if rc.Class == impact.Forces || rc.Class == impact.Admits {
				s = append(s, fmt.Sprintf("`%s` releases requiring affected %s", d.Package.Name, p.Package.Name))
				break
			}
		}
	}
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, "; ")
}

// upgradeTo is the release a line's users upgrade to, or the fix still to
// come; for an upstream package, the first fixed release the line's
// requirements allow, or that they must change.
func upgradeTo(p *impact.Package) string {
	if p.Upstream {
		return upstreamFixText(p, true)
	}
	var s []string
	for _, r := range p.FixedIn {
		s = append(s, "**"+r.Version+"**")
	}
	for _, pd := range p.Pending {
		s = append(s, pd.Version.String()+" (not released yet)")
	}
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ", ")
}
