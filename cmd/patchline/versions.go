package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/ecosystem"
)

func (a *app) versionsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "versions",
		Short: "The ecosystems' version semantics, for humans",
		Long: `Evaluate ranges and order versions exactly as pip (PEP 440, packaging) and
npm (node-semver) do. Use it to check what a range in a report or policy means.`,
	}
	cmd.AddCommand(a.versionsMatchCommand(), a.versionsSortCommand())
	// Without this, "versions frob -e npm" reports the flag, not the
	// misspelt subcommand.
	cmd.Args = cobra.NoArgs
	cmd.FParseErrWhitelist.UnknownFlags = true
	cmd.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	return cmd
}

func (a *app) versionsMatchCommand() *cobra.Command {
	var eco string
	var pre bool
	cmd := &cobra.Command{
		Use:   "match -e ECOSYSTEM [--pre] RANGE VERSION...",
		Short: "Print the versions that satisfy a range, in input order",
		Long: `Print the given versions that satisfy RANGE, one per line, in input order.

PyPI: exactly what packaging's SpecifierSet(RANGE).filter(VERSIONS) returns,
including its fallback to pre-releases (packaging applies it to the
empty set only: a non-empty set never returns pre-releases unless asked); with
--pre, what filter(VERSIONS, prereleases=True) returns.
npm: the versions for which semver.satisfies(VERSION, RANGE) holds; with --pre,
node-semver's includePrerelease.`,
		Example: `  patchline versions match -e PyPI '>=13.0,<13.2' 13.0.0rc1 13.0.0 13.1.0rc1 13.1.2 13.2.0
  patchline versions match -e npm --pre '^4.0.0' 4.0.0-beta.1 4.2.0 5.0.0`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := a.outputFormat("text"); err != nil {
				return err
			}
			e, err := lookupEcosystem(eco)
			if err != nil {
				return err
			}
			r, err := e.ParseRange(args[0])
			if err != nil {
				return badInput(err)
			}
			typed := args[1:]
			vs, err := parseVersions(e, typed)
			if err != nil {
				return err
			}
			for _, i := range r.Filter(vs, pre) {
				fmt.Fprintln(a.stdout, typed[i])
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&eco, "ecosystem", "e", "", "ecosystem: PyPI or npm (required)")
	cmd.Flags().BoolVar(&pre, "pre", false, "admit pre-releases")
	return cmd
}

func (a *app) versionsSortCommand() *cobra.Command {
	var eco string
	cmd := &cobra.Command{
		Use:     "sort -e ECOSYSTEM VERSION...",
		Short:   "Print versions in ascending order",
		Long:    "Print the given versions in the ecosystem's ascending order, as typed. Equal versions (1.0 and 1.0.0 in PyPI) keep their input order.",
		Example: `  patchline versions sort -e PyPI 1.0.post1 1.0 1.0rc1 1!0.1 1.0.dev0`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := a.outputFormat("text"); err != nil {
				return err
			}
			e, err := lookupEcosystem(eco)
			if err != nil {
				return err
			}
			vs, err := parseVersions(e, args)
			if err != nil {
				return err
			}
			order := make([]int, len(vs))
			for i := range order {
				order[i] = i
			}
			sortIndices(e, vs, order)
			for _, i := range order {
				fmt.Fprintln(a.stdout, args[i])
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&eco, "ecosystem", "e", "", "ecosystem: PyPI or npm (required)")
	return cmd
}

func lookupEcosystem(name string) (ecosystem.Ecosystem, error) {
	if name == "" {
		return nil, badInputf("--ecosystem (-e) is required: one of %v", ecosystem.Names())
	}
	e, err := ecosystem.Lookup(name)
	if err != nil {
		return nil, badInput(err)
	}
	return e, nil
}

// parseVersions parses every input and reports all invalid ones at once.
func parseVersions(e ecosystem.Ecosystem, typed []string) ([]ecosystem.Version, error) {
	vs := make([]ecosystem.Version, len(typed))
	var errs []error
	for i, s := range typed {
		v, err := e.Parse(s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		vs[i] = v
	}
	if len(errs) > 0 {
		return nil, badInput(joinLines(errs))
	}
	return vs, nil
}
