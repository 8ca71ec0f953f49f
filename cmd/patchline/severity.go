package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/severity"
)

func (a *app) severityCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "severity VECTOR",
		Short: "CVSS v3.0, v3.1 or v4.0 base score and the policy's severity level",
		Long: `Score a CVSS vector and map it to a severity level.

The levels are the policy's (severity: in patchline.yaml) when a policy is
given with --policy; otherwise the defaults: Critical >= 9.0, High >= 7.0,
Moderate >= 4.0, Low >= 0.1, and None for 0.0.`,
		Example: `  patchline severity 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'
  patchline severity --format json 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.outputFormat("text", "json")
			if err != nil {
				return err
			}
			levels, err := a.severityLevels()
			if err != nil {
				return err
			}
			res, err := severity.Score(args[0], levels)
			if err != nil {
				return badInput(err)
			}
			if format == "json" {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			fmt.Fprintf(a.stdout, "%.1f %s\n", res.Score, res.Level)
			return nil
		},
	}
}

// severityLevels returns the policy's levels when --policy names a policy,
// else the defaults. A policy is not searched for implicitly: scoring a
// vector must not fail because of an unrelated patchline.yaml.
func (a *app) severityLevels() (severity.Levels, error) {
	if a.flags.policy == "" {
		return severity.DefaultLevels(), nil
	}
	p, err := a.loadPolicy()
	if err != nil {
		return nil, err
	}
	return p.Severity, nil
}
