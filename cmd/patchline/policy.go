package main

import (
	"github.com/patchline/patchline/analyzer/policy"
)

// loadPolicy reads the policy named by --policy, or patchline.yaml in the
// working directory or a parent. An invalid policy is bad input (exit 2).
func (a *app) loadPolicy() (*policy.Policy, error) {
	path := a.flags.policy
	if path == "" {
		var err error
		if path, err = policy.Find("."); err != nil {
			return nil, badInputf("%v (give one with --policy)", err)
		}
	}
	p, err := policy.Load(path)
	if err != nil {
		return nil, badInput(err)
	}
	return p, nil
}
