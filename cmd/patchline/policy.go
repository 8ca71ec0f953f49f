package main

import (
	"github.com/patchline/patchline/analyzer/policy"
)

// policyAsOf loads the policy and the date it is evaluated at, which every
// command that judges lines needs together.
func (a *app) policyAsOf() (*policy.Policy, policy.Date, error) {
	pol, err := a.loadPolicy()
	if err != nil {
		return nil, policy.Date{}, err
	}
	t, err := a.asOf()
	if err != nil {
		return nil, policy.Date{}, err
	}
	return pol, policy.DateOf(t), nil
}

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
