package main

import (
	"github.com/spf13/cobra"
)

// checkFlags are the flags of patchline check.
type checkFlags struct {
	lockfiles []string
	db        string
}

func (a *app) checkCommand() *cobra.Command {
	var cf checkFlags
	cmd := &cobra.Command{
		Use:   "check REPORT|RECORD... | check --lockfile FILE...",
		Short: "CI gates: publication of an advisory, or release of a locked dependency set",
		Long: `The publication gate (check REPORT|RECORD...) passes (exit 0) only when every line that
is supported at the as-of date is not affected by each report, or fixed by a
release that is published on the registry by the as-of date and neither
yanked nor deprecated. Otherwise it fails (exit 1) and lists each blocking line
and what it waits for, e.g. "v13: PyPI:invenio-communities 20.2.2 not yet
released". An argument may also be an OSV record (JSON, or YAML with
schema_version or modified), ours or another database's: its ranges are
judged like a report's.

The release gate (check --lockfile FILE...) reads each lockfile
(requirements.txt with its includes, poetry.lock, uv.lock, Pipfile.lock,
package-lock.json v1-v3 or npm-shrinkwrap.json, yarn.lock v1 and Berry,
pnpm-lock.yaml) and fails (exit 1) when a pinned version is affected by a
record published in the policy's OSV database, or in the directory, zip
archive or file of OSV records given with --db. It prints the record, the
package, the version and the release that fixes the version's line.

--format json prints the patchline.check/v1 document, or with --lockfile the
patchline.check-lockfile/v1 document (both in docs/check-json.md);
--format github prints GitHub Actions error annotations on the report entry
or the lockfile line at fault.

A registry that cannot be read is exit 3, an unreadable report, record or
lockfile exit 2: neither ever passes.`,
		Example: `  patchline check --as-of 2026-08-01 reports/pending-communities.yaml
  patchline check --format github reports/*.yaml
  patchline check --lockfile requirements.txt --lockfile package-lock.json
  patchline check --lockfile poetry.lock --db advisories/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(cf.lockfiles) > 0 {
				if len(args) > 0 {
					return badInputf("give reports or --lockfile, not both")
				}
				return a.checkLockfiles(cmd.Context(), cf)
			}
			if cf.db != "" {
				return badInputf("--db is for the release gate: use it with --lockfile")
			}
			if len(args) == 0 {
				return badInputf("check needs REPORT arguments or --lockfile FILE")
			}
			return a.checkReports(cmd.Context(), args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&cf.lockfiles, "lockfile", nil, "lockfile to check against published advisories (repeatable)")
	f.StringVar(&cf.db, "db", "", "OSV records to check lockfiles against: a directory, zip archive or file (default: the policy's database)")
	return cmd
}
