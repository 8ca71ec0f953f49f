package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
)

func (a *app) initCommand() *cobra.Command {
	var by, packages string
	cmd := &cobra.Command{
		Use:   "init ECOSYSTEM:PACKAGE",
		Short: "Draft a policy (patchline.yaml) and a report template from a package's release history",
		Long: `Draft patchline.yaml in the current directory from the registry's history of the
package that defines the project's release lines (its anchor): one line per major
series (--by minor: per minor series) with the date of its first final release, the
newest series supported and every older one marked for you to decide (a series of
pre-releases only, below the newest final release, is left out and named in a
comment: builds no release followed make no line); the project's
packages from --packages (patterns, comma-separated) or else the anchor and the
dependencies of its newest release that share its npm scope or its name's prefix.
Beside it, reports/example.yaml: a report template with every field explained.

Nothing is overwritten: init refuses when either file exists. What it writes passes
lint and lines; read it, decide the older lines' status and end of life, and keep it
under version control (docs/policy.md, docs/report.md).`,
		Example: `  patchline init npm:express
  patchline init PyPI:invenio-app-rdm --packages 'invenio-*'
  patchline init npm:next --by minor`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if by != "major" && by != "minor" {
				return badInputf("--by %q: want major or minor", by)
			}
			return a.runInit(cmd.Context(), args[0], by == "minor", packages)
		},
	}
	cmd.Flags().StringVar(&by, "by", "major", "one line per major or per minor series")
	cmd.Flags().StringVar(&packages, "packages", "", "the project's package names or patterns, comma-separated (default: the anchor and its dependencies of the same scope or prefix)")
	return cmd
}

// series is one release series of the anchor, and what init says of it.
type series struct {
	key        string
	first      *registry.Release // its first release, pre-releases included
	firstFinal *registry.Release // nil: pre-releases only
	newest     *registry.Release
	releases   int
}

func (a *app) runInit(ctx context.Context, anchor string, byMinor bool, packages string) error {
	ref, err := pkgref.Parse(anchor)
	if err != nil {
		return badInput(err)
	}
	eco, err := ref.Lookup()
	if err != nil {
		return badInput(err)
	}
	const policyFile, reportFile = "patchline.yaml", "reports/example.yaml"
	for _, f := range []string{policyFile, reportFile} {
		if _, err := os.Lstat(f); err == nil {
			return badInputf("%s exists: init never overwrites a file (move it away, or edit it)", f)
		}
	}
	reg, err := a.registry(ctx)
	if err != nil {
		return err
	}
	h, err := reg.History(ctx, registry.Package{Ecosystem: ref.Ecosystem, Name: ref.Name})
	if err != nil {
		return err
	}
	ss, left := withoutAbandoned(seriesOf(eco, h, byMinor))
	if len(ss) == 0 {
		return badInputf("%s has no release to draft lines from", ref)
	}
	pats, err := projectPackages(ctx, reg, h, ref, eco, packages)
	if err != nil {
		return err
	}
	now, err := a.now()
	if err != nil {
		return err
	}
	policy := draftPolicy(ref, eco, ss, left, pats, byMinor, now)
	report := draftReport(ref, ss[0])
	if err := os.MkdirAll(filepath.Dir(reportFile), 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{policyFile, policy}, {reportFile, report}} {
		if err := createNew(f.path, f.data); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s\n", f.path)
	}
	fmt.Fprintf(a.stdout, "next: decide the status and end of life of the older lines in %s, then run patchline lines\n", policyFile)
	return nil
}

// createNew writes a file that must not exist yet, whole or not at all.
func createNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return badInputf("%s exists: init never overwrites a file", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// seriesOf groups the history by series, newest first.
func seriesOf(eco ecosystem.Ecosystem, h *registry.History, byMinor bool) []*series {
	key := eco.Series
	if byMinor {
		key = eco.MinorSeries
	}
	byKey := map[string]*series{}
	var order []*series
	for _, r := range h.Releases {
		k := key(r.Parsed)
		s := byKey[k]
		if s == nil {
			s = &series{key: k, first: r}
			byKey[k] = s
			order = append(order, s)
		}
		s.releases++
		s.newest = r
		if !r.Parsed.Prerelease() && s.firstFinal == nil {
			s.firstFinal = r
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return eco.Compare(order[i].first.Parsed, order[j].first.Parsed) > 0 })
	return order
}

// withoutAbandoned leaves out the series that have pre-releases only and
// are older than the newest series with a final release: builds that
// never led to a release (@angular/core's 0.0.0-0 to 0.0.0-7 of 2016), no
// line anyone maintains. Pre-release series above it stay: the next line.
func withoutAbandoned(ss []*series) (kept, left []*series) {
	final := false
	for _, s := range ss {
		if final && s.firstFinal == nil {
			left = append(left, s)
			continue
		}
		final = final || s.firstFinal != nil
		kept = append(kept, s)
	}
	return kept, left
}

// projectPackages are the patterns of the packages the project publishes:
// the user's, or the anchor and the dependencies of its newest release
// that share its npm scope or its name's first dash-separated part.
func projectPackages(ctx context.Context, reg *registry.Client, h *registry.History, ref pkgref.Ref, eco ecosystem.Ecosystem, given string) ([]string, error) {
	if given != "" {
		var out []string
		for _, p := range strings.Split(given, ",") {
			p = strings.TrimSpace(p)
			if _, err := pkgref.NewPattern(ref.Ecosystem, p); err != nil {
				return nil, badInputf("--packages %q: %v", p, err)
			}
			out = append(out, p)
		}
		return out, nil
	}
	family := ""
	switch {
	case strings.HasPrefix(ref.Name, "@"):
		family, _, _ = strings.Cut(ref.Name, "/")
		family += "/"
	case strings.Contains(ref.Name, "-"):
		family, _, _ = strings.Cut(ref.Name, "-")
		family += "-"
	}
	out := []string{ref.Name}
	if family == "" {
		return out, nil
	}
	newest := h.Releases[len(h.Releases)-1]
	reqs, err := reg.Requirements(ctx, h, []string{newest.Version})
	if err != nil || len(reqs) == 0 {
		// Without the requirements the draft names the anchor only; the
		// user adds the rest.
		return out, nil
	}
	seen := map[string]bool{ref.Name: true}
	for _, d := range reqs[0].Dependencies {
		n, err := eco.NormalizeName(d.Name)
		if err == nil && strings.HasPrefix(n, family) && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out[1:])
	return out, nil
}

// draftPolicy writes the policy, with comments that say where each value
// came from and what is left to decide.
func draftPolicy(ref pkgref.Ref, eco ecosystem.Ecosystem, ss, left []*series, pats []string, byMinor bool, now time.Time) []byte {
	var b bytes.Buffer
	unit := "major"
	if byMinor {
		unit = "minor"
	}
	fmt.Fprintf(&b, "# yaml-language-server: $schema=https://raw.githubusercontent.com/patchline/patchline/main/schemas/policy.schema.json\n")
	fmt.Fprintf(&b, "# Drafted by patchline init on %s from the release history of %s: one\n", now.UTC().Format(time.DateOnly), ref)
	fmt.Fprintf(&b, "# line per %s series, dated by its first final release. The newest line is\n", unit)
	fmt.Fprintf(&b, "# supported; decide the status and end of life of every older one (lines\n")
	fmt.Fprintf(&b, "# marked DECIDE), then run patchline lines. Field by field: docs/policy.md.\n")
	fmt.Fprintf(&b, "project: %s\n\n", yamlText(ref.Name))
	fmt.Fprintf(&b, "# The packages the project publishes (names or patterns with *).\n")
	fmt.Fprintf(&b, "packages:\n  %s:\n", ref.Ecosystem)
	for _, p := range pats {
		fmt.Fprintf(&b, "    - %s\n", yamlText(p))
	}
	fmt.Fprintf(&b, "\n# Ids of the records patchline osv writes: x_ marks a local database.\n")
	fmt.Fprintf(&b, "advisories:\n  id_prefix: x_%s\n  database: advisories\n", idName(ref.Name))
	fmt.Fprintf(&b, "  # publisher: https://example.org/                      # CSAF: the project's URL\n")
	fmt.Fprintf(&b, "  # csaf_url: https://example.org/.well-known/csaf/white/ # CSAF: where documents are published\n\n")
	fmt.Fprintf(&b, "# Fixes go to the newest minor of a supported line (or every-minor).\n")
	fmt.Fprintf(&b, "fixes_go_to: latest-minor\n\n")
	for _, s := range left {
		fmt.Fprintf(&b, "# Left out: %s.x, pre-releases only (%s to %s), below the newest final release: no line to maintain.\n", s.key, s.first.Version, s.newest.Version)
	}
	fmt.Fprintf(&b, "# Newest first.\nlines:\n")
	for _, l := range draftLines(ref, eco, ss, byMinor, now) {
		fmt.Fprintf(&b, "  - name: %s\n", yamlText(l.name))
		if l.supported {
			fmt.Fprintf(&b, "    status: supported\n")
		} else {
			fmt.Fprintf(&b, "    status: eol              # DECIDE: supported, lts or security until an end_of_life, or eol\n")
		}
		fmt.Fprintf(&b, "    released: %s     # %s\n", l.released.Format(time.DateOnly), l.why)
		fmt.Fprintf(&b, "    end_of_life: null\n")
		fmt.Fprintf(&b, "    from: %s\n", yamlText(l.from))
	}
	return b.Bytes()
}

// draftLine is one line of the draft.
type draftLine struct {
	name, from, why string
	released        time.Time
	supported       bool
	version         ecosystem.Version
}

// draftLines turns the series into lines, newest first by release date
// as the policy requires: dated by the first final release (the first
// release when the series has no final one; today, marked, when the index
// gives no upload time), supported from the newest series with a final
// release on.
func draftLines(ref pkgref.Ref, eco ecosystem.Ecosystem, ss []*series, byMinor bool, now time.Time) []draftLine {
	newestFinal := -1
	for i, s := range ss {
		if s.firstFinal != nil {
			newestFinal = i
			break
		}
	}
	var out []draftLine
	for i, s := range ss {
		released, why := s.first, "its first release, "+s.first.Version+" (no final release yet)"
		if s.firstFinal != nil {
			released, why = s.firstFinal, "its first final release, "+s.firstFinal.Version
		}
		day := released.Uploaded.UTC()
		if released.Uploaded.IsZero() {
			day, why = now.UTC(), "DECIDE: the index gives no upload time of "+released.Version
		}
		out = append(out, draftLine{
			name:      s.key + ".x",
			from:      fmt.Sprintf("%s >=%s%s", ref, s.first.Version, rangeJoin(eco, ecosystem.SeriesEnd(eco, s.first.Parsed, byMinor))),
			why:       why,
			released:  time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC),
			supported: newestFinal < 0 || i <= newestFinal,
			version:   s.first.Parsed,
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].released.Equal(out[j].released) {
			return out[i].released.After(out[j].released)
		}
		return eco.Compare(out[i].version, out[j].version) > 0
	})
	return out
}

// rangeJoin is the separator of the two bounds in the ecosystem's range
// syntax, and the upper bound.
func rangeJoin(eco ecosystem.Ecosystem, upper string) string {
	if eco.Name() == "PyPI" {
		return "," + upper
	}
	return " " + upper
}

// idName is a package name as an id prefix's name: upper case, letters and
// digits.
func idName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(name) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "PROJECT"
	}
	return b.String()
}

// yamlText quotes a text YAML would read otherwise.
func yamlText(s string) string {
	if s == "" || strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`") || strings.ContainsAny(s[:1], "-?") {
		return fmt.Sprintf("%q", s)
	}
	return s
}

// draftReport is the report template: a valid report on the anchor with
// every optional field explained.
func draftReport(ref pkgref.Ref, newest *series) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# yaml-language-server: $schema=https://raw.githubusercontent.com/patchline/patchline/main/schemas/report.schema.json\n")
	fmt.Fprintf(&b, `# A report template: copy it for each vulnerability (field by field:
# docs/report.md). patchline analyze reports/NAME.yaml says which lines are
# affected and what fixes them; patchline osv writes the record and an id here.
summary: One line that says what is vulnerable   # the advisory's title
# details: |                                     # Markdown: impact, patches, workarounds
#   ...
# aliases: [CVE-YYYY-NNNN, GHSA-xxxx-xxxx-xxxx]  # other ids of the same issue
# cwe_ids: [CWE-79]
# severity: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N
# embargo_until: 2030-01-01T14:00:00Z           # nothing is published before
affected:
  - package: %s
    # Since when, and the releases that fix it, of any lines (each fixes its
    # own line); fixed: [] while no fix exists. Or range: "..." in the
    # ecosystem's syntax, or ranges: [{introduced, fixed}] per branch.
    introduced: %q
    fixed: []
    # planned_fix: {%s: X.Y.Z}                    # the release planned for a line
# references:
#   - {type: ADVISORY, url: "https://..."}
# credits:
#   - {name: Jane Doe, type: FINDER, contact: ["mailto:jane@example.org"]}
`, yamlText(ref.String()), newest.first.Version, yamlText(newest.key+".x"))
	return b.Bytes()
}
