package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/advisory/lint"
	"github.com/patchline/patchline/analyzer/policy"
)

func (a *app) lintCommand() *cobra.Command {
	var asReports, strict, noRegistry bool
	cmd := &cobra.Command{
		Use:   "lint FILE|DIR...",
		Short: "Check OSV records and vulnerability reports, one line per problem with a stable code",
		Long: `Check OSV records (.json, .yaml, .yml; directories are walked; zip archives such
as all.zip are read entry by entry) against the official schema and every
semantic check, and vulnerability reports (YAML files with a report's keys, or
every file with --report) with everything analyze checks; reports are checked
against the policy (--policy, or patchline.yaml here or in a parent directory).

The registry checks (OSV018 and after: packages exist, named versions are
releases, fixes are released and not yanked or deprecated, versions is
complete) read the packages' release histories, from the network or, with
--offline, from the cache; --no-registry skips them.

Prints FILE:LINE:COL: CODE: message per problem (codes in docs/lint.md);
--format json prints the patchline.lint/v1 document, --format github GitHub
Actions annotations. Exit 1 when an error is found (or a warning, with
--strict), 2 when a path cannot be read, 3 when a registry cannot be read.`,
		Example: `  patchline lint advisories/
  patchline lint --offline export/PyPI/all.zip reports/unsafe-html.yaml
  patchline lint --no-registry --format json advisories/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.outputFormat("text", "json", "github")
			if err != nil {
				return err
			}
			opts := lint.Options{Reports: asReports, Policy: func() (*policy.Policy, error) { return a.loadPolicy() }}
			asOf, err := a.asOf()
			if err != nil {
				return err
			}
			opts.AsOf = policy.DateOf(asOf)
			if !noRegistry {
				reg, stop, err := a.openRegistry(cmd.Context())
				if err != nil {
					return err
				}
				defer stop()
				opts.Registry = reg
			}
			res, err := lint.Run(cmd.Context(), args, opts)
			var ue *lint.UnusableError
			if errors.As(err, &ue) {
				return badInput(err)
			}
			if err != nil {
				return err
			}
			switch format {
			case "json":
				err = lint.WriteJSON(a.stdout, res)
			case "github":
				err = lint.WriteGitHub(a.stdout, res)
			default:
				err = lint.WriteText(a.stdout, res)
			}
			if err != nil {
				return err
			}
			if !a.flags.quiet {
				fmt.Fprintf(a.stderr, "patchline: %d record(s), %d report(s): %d error(s), %d warning(s)\n",
					res.Records, res.Reports, res.Errors(), res.Warnings())
			}
			switch {
			case res.RegistryErr != nil:
				return fmt.Errorf("the registry checks could not run for every package: %w", res.RegistryErr)
			case res.Errors() > 0, strict && res.Warnings() > 0:
				return gateFailed
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asReports, "report", false, "read every file as a vulnerability report")
	f.BoolVar(&strict, "strict", false, "exit 1 on warnings too")
	f.BoolVar(&noRegistry, "no-registry", false, "skip the checks that read release histories (OSV018-OSV021)")
	return cmd
}
