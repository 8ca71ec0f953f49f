package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/osv/database"
)

// advisoryFormat renders one analysed input in a publication format.
type advisoryFormat struct {
	// suffix is the file name's ending after the advisory id.
	suffix string
	// render returns the document; nil data means no document (said on
	// stdout, not an error).
	render func(a *app, r advisoryInput) ([]byte, error)
}

// advisoryInput is what every format renders from.
type advisoryInput struct {
	in  *osvInput
	an  *impact.Analysis
	pol *policy.Policy
	now time.Time
	id  string // the report's id, or the placeholder of the one to allocate
}

// advisoryFormats are the formats patchline advisory renders, each in a
// file of its own (advisory_FORMAT.go), by --format name.
var advisoryFormats = map[string]advisoryFormat{}

// advisoryFormatNames lists the formats, osv (the default) first.
func advisoryFormatNames() []string {
	names := []string{"osv"}
	for n := range advisoryFormats {
		if n != "osv" {
			names = append(names, n)
		}
	}
	sort.Strings(names[1:])
	return names
}

func (a *app) advisoryCommand() *cobra.Command {
	var out string
	var draft bool
	cmd := &cobra.Command{
		Use:   "advisory REPORT|RECORD...",
		Short: "Render reports in the formats advisories are published in",
		Long: `Render each report (or OSV record) in a publication format, from the same
analysis as analyze, chosen with the global --format: osv (the record patchline osv
stores; the default), openvex (one statement per released version a line contains),
csaf (CSAF 2.0, VEX profile), ghsa (the body patchline publish github sends) and
the others docs/formats.md lists.

Documents go to stdout, or with --out DIR to one file per report named after its
id (ID.json, ID.openvex.json, ...), each written whole or not at all. A report under
embargo is refused unless --draft. patchline osv stays the way to store records in
the policy's database.`,
		Example: `  patchline advisory --format openvex reports/unsafe-html.yaml
  patchline advisory --format osv --out dist/ reports/*.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.outputFormat(advisoryFormatNames()...)
			if err != nil {
				return err
			}
			return a.runAdvisory(cmd.Context(), args, format, out, draft)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write one file per report into this directory instead of stdout")
	cmd.Flags().BoolVar(&draft, "draft", false, "render reports still under embargo (not for publication)")
	return cmd
}

func (a *app) runAdvisory(ctx context.Context, paths []string, format, out string, draft bool) error {
	a.lines.wholeHistory = true
	pol, asOf, err := a.policyAsOf()
	if err != nil {
		return err
	}
	now, err := a.pinnedNow()
	if err != nil {
		return err
	}
	type rendered struct {
		name string
		data []byte
	}
	var docs []rendered
	for _, path := range paths {
		in, err := readOSVInput(path, pol)
		if err != nil {
			return err
		}
		a.warnRepairs(in.report)
		if in.embargoed(now) && !draft {
			return badInputf("%s: under embargo until %s: refusing to render it for publication before then (--draft renders it anyway)",
				path, in.embargoUntil().Format(time.RFC3339))
		}
		an, err := a.analyze(ctx, pol, in.report, asOf)
		if err != nil {
			return err
		}
		id := in.report.ID
		if id == "" {
			id = draftID(pol, now)
		}
		f := advisoryFormats[format]
		data, err := f.render(a, advisoryInput{in: in, an: an, pol: pol, now: now, id: id})
		if err != nil {
			return err
		}
		if data == nil {
			continue
		}
		docs = append(docs, rendered{fileName(id) + f.suffix, data})
	}
	if out == "" {
		for _, d := range docs {
			if _, err := a.stdout.Write(d.data); err != nil {
				return err
			}
		}
		return nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return badInput(fmt.Errorf("--out: %w", err))
	}
	for _, d := range docs {
		path := filepath.Join(out, d.name)
		if err := database.WriteFileAtomic(path, d.data); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		fmt.Fprintf(a.stdout, "%s\n", path)
	}
	return nil
}

// fileName makes an advisory id safe as a file name.
func fileName(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r < ' ' {
			return '_'
		}
		return r
	}, id)
}
