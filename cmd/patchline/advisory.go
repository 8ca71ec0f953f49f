package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/advisory/openvex"
	advosv "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/internal/buildinfo"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/database"
)

// The publication formats patchline renders, and their file suffixes.
var advisoryFormats = map[string]string{
	"osv":     ".json",
	"openvex": ".openvex.json",
}

func (a *app) advisoryCommand() *cobra.Command {
	var out string
	var draft bool
	cmd := &cobra.Command{
		Use:   "advisory REPORT|RECORD...",
		Short: "Render reports in the formats advisories are published in",
		Long: `Render each report (or OSV record) in a publication format, from the same
analysis as analyze: osv (the record patchline osv stores) or openvex (one statement
per released version a line contains, by package URL; docs/formats.md), chosen
with the global --format (default osv).

Documents go to stdout, or with --out DIR to DIR/ID.json (osv) and
DIR/ID.openvex.json (openvex), each written whole or not at all. A report under
embargo is refused unless --draft. patchline osv stays the way to store records in
the policy's database.`,
		Example: `  patchline advisory --format openvex reports/unsafe-html.yaml
  patchline advisory --format osv --out dist/ reports/*.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.outputFormat("osv", "openvex")
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
		var data []byte
		switch format {
		case "osv":
			rec, err := a.recordOf(in, an, now)
			if errors.Is(err, advosv.ErrNoRecord) {
				fmt.Fprintf(a.stdout, "%s: %v\n", path, advosv.ErrNoRecord)
				continue
			}
			if err != nil {
				return err
			}
			rec = withDraftID(rec, pol, now)
			if _, err := database.Validate(rec); err != nil {
				return badInput(fmt.Errorf("%s: %w", path, err))
			}
			if data, err = osv.Marshal(rec); err != nil {
				return err
			}
		case "openvex":
			doc, err := openvex.Document(an, openvex.Options{ID: id, Author: pol.Project, Now: now, Tooling: "patchline " + buildinfo.Version()})
			if err != nil {
				return badInput(err)
			}
			var buf bytes.Buffer
			if err := doc.ToJSON(&buf); err != nil {
				return err
			}
			data = buf.Bytes()
		}
		docs = append(docs, rendered{fileName(id) + advisoryFormats[format], data})
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
