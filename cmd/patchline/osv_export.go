package main

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/osv/database"
)

func (a *app) osvExportCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "export DIR",
		Short: "Export the advisory database as per-ecosystem archives for offline consumers",
		Long: `Write the public records of the policy's advisory database into DIR:
DIR/ECOSYSTEM/all.zip (one ID.json per entry, the layout of OSV's bulk
downloads) and DIR/ECOSYSTEM/ID.json. Records without a published time, and
records under embargo, are left out unless --force. Every ecosystem the
policy publishes packages in gets an archive, possibly empty.

osv-scanner reads the archives offline from <path>/osv-scanner/<Ecosystem>/all.zip
(--offline-vulnerabilities --local-db-path=<path>): export to <path>/osv-scanner.`,
		Example: `  patchline osv export dist/osv
  patchline osv export --force /tmp/osv-db/osv-scanner`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pol, err := a.loadPolicy()
			if err != nil {
				return err
			}
			now, err := a.pinnedNow()
			if err != nil {
				return err
			}
			if pol.Advisories.Database == "" {
				return badInputf("%s: the policy names no advisories.database", pol.Path)
			}
			db, err := database.Open(pol.Advisories.Database)
			if err != nil {
				return err
			}
			var ecos []string
			for eco := range pol.Packages {
				ecos = append(ecos, eco)
			}
			sort.Strings(ecos)
			res, err := database.Export(db, args[0], now, database.ExportOptions{Force: force, Ecosystems: ecos})
			if err != nil {
				return storeError(err)
			}
			a.printExport(args[0], res)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "export drafts and records under embargo too")
	return cmd
}

// printExport prints one line per archive with its records, the records
// left out, and how many files changed.
func (a *app) printExport(dir string, res *database.ExportResult) {
	var ecos []string
	for eco := range res.Records {
		ecos = append(ecos, eco)
	}
	sort.Strings(ecos)
	for _, eco := range ecos {
		ids := res.Records[eco]
		fmt.Fprintf(a.stdout, "%s\t%d record(s)", filepath.Join(dir, eco, "all.zip"), len(ids))
		for _, id := range ids {
			fmt.Fprintf(a.stdout, " %s", id)
		}
		fmt.Fprintln(a.stdout)
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(a.stdout, "skipped %s: %s\n", s.ID, s.Reason)
	}
	if len(res.Written) == 0 {
		fmt.Fprintln(a.stdout, "export up to date: no file changed")
	} else {
		fmt.Fprintf(a.stdout, "%d file(s) written\n", len(res.Written))
	}
}
