package main

import (
	"context"
	"fmt"
	"time"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/registry"
)

// lineCache keeps the registry client and the membership matrix of one
// run: membership does not depend on the report, so commands that take
// several reports (osv, check) compute it once rather than per report.
type lineCache struct {
	reg  *registry.Client
	stop func()
	pol  *policy.Policy
	m    *membership.Matrix
	// wholeHistory keeps releases uploaded after the as-of date: records
	// are published now and must cover every release (patchline osv),
	// whatever date decides which lines are supported.
	wholeHistory bool
}

// matrix returns the run's registry client and the policy's membership
// matrix, opening and computing them on first use.
func (a *app) matrix(ctx context.Context, pol *policy.Policy) (*registry.Client, *membership.Matrix, error) {
	c := &a.lines
	reg, err := a.registry(ctx)
	if err != nil {
		return nil, nil, err
	}
	if c.m == nil || c.pol != pol {
		m, err := membership.Compute(ctx, pol, reg)
		if err != nil {
			return nil, nil, fmt.Errorf("computing line membership: %w", err)
		}
		warnIncomplete(a.stderr, m)
		c.pol, c.m = pol, m
	}
	return c.reg, c.m, nil
}

// registry returns the run's registry client, opening it on first use, so
// that no document is read twice in one run. With --as-of, it reads the
// histories as they stood at the end of that day: an analysis of a past
// date counts neither the releases nor the fixes that came later, which
// is what makes it reproducible however the registry grows.
func (a *app) registry(ctx context.Context) (*registry.Client, error) {
	c := &a.lines
	if c.reg == nil {
		var until time.Time
		if !c.wholeHistory {
			var err error
			if until, err = a.historyUntil(); err != nil {
				return nil, err
			}
		}
		reg, stop, err := a.openRegistryUntil(ctx, until)
		if err != nil {
			return nil, err
		}
		c.reg, c.stop = reg, stop
	}
	return c.reg, nil
}

// historyUntil is the instant release histories are read as of: the end
// of the --as-of day, or zero (as they are) without --as-of.
func (a *app) historyUntil() (time.Time, error) {
	if a.flags.asOf == "" {
		return time.Time{}, nil
	}
	day, err := a.asOf()
	if err != nil {
		return time.Time{}, err
	}
	return day.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
}

// close clears the progress line, if one was shown.
func (c *lineCache) close() {
	if c.stop != nil {
		c.stop()
	}
}
