package lint

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
	"github.com/patchline/patchline/registry"
)

// Options adjust Run.
type Options struct {
	// Reports reads every file as a vulnerability report (--report),
	// whatever its keys.
	Reports bool
	// Policy returns the policy that reports are checked against (their
	// id prefix, severity levels and line names). It is called once, when
	// the first report is met; its error ends the run. Nil checks reports
	// without a policy: default levels, planned fixes on any line.
	Policy func() (*policy.Policy, error)
	// Registry, when set, runs the checks that compare records with their
	// packages' release histories (OSV018 and after).
	Registry *registry.Client
	// Workers bounds the files read and checked at once; 0 means
	// GOMAXPROCS.
	Workers int
	// AsOf is the date reports are analysed at (with a Registry and a
	// policy); zero means today in UTC.
	AsOf policy.Date
}

// Problem is one problem found.
type Problem struct {
	File    string // the file, or "archive.zip:entry"
	Line    int    // 1-based; 0 when the problem concerns the whole file
	Column  int
	Code    string
	Name    string
	Level   check.Level
	Pointer string // JSON pointer into a record, when there is one
	Message string
}

// Result is what Run found.
type Result struct {
	Records, Reports int
	Problems         []Problem
	// RegistryErr is set when a registry could not be read: the registry
	// checks did not run for the packages it names, and patchline exits
	// with 3.
	RegistryErr error
}

// Errors and Warnings count the problems by level.
func (r *Result) Errors() int   { return r.count(check.Error) }
func (r *Result) Warnings() int { return r.count(check.Warning) }

func (r *Result) count(l check.Level) int {
	n := 0
	for _, p := range r.Problems {
		if p.Level == l {
			n++
		}
	}
	return n
}

// Run lints the files, directory trees and zip archives at paths. An error
// means the input could not be used at all: a path that does not exist or
// cannot be read, or a policy that does not load.
func Run(ctx context.Context, paths []string, opts Options) (*Result, error) {
	srcs, err := collect(paths)
	if err != nil {
		return nil, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	defs := check.Checks()
	r := &runner{opts: opts, localChecks: slices.DeleteFunc(slices.Clone(defs), func(c *check.CheckDef) bool { return c.NeedsRegistry })}
	units := make([]*unit, len(srcs))
	parallel(workers, len(srcs), func(i int) { units[i] = r.read(srcs[i]) })
	if r.policyErr != nil {
		return nil, r.policyErr
	}
	var unusable []error
	for _, u := range units {
		if u.unusable != nil {
			unusable = append(unusable, u.unusable)
		}
	}
	if len(unusable) > 0 {
		return nil, &UnusableError{Errs: unusable}
	}

	var recs []*record
	res := &Result{}
	for _, u := range units {
		recs = append(recs, u.records...)
		res.Reports += u.reports
	}
	res.Records = len(recs)
	if opts.Registry != nil {
		var releases map[registry.Package]*check.Releases
		releases, res.RegistryErr = histories(ctx, opts.Registry, recs, workers)
		lookup := func(p osv.Package) *check.Releases {
			if rp, ok := registryPackage(p); ok {
				return releases[rp]
			}
			return nil
		}
		remote := slices.DeleteFunc(defs, func(c *check.CheckDef) bool { return !c.NeedsRegistry })
		parallel(workers, len(recs), func(i int) {
			// Read whole once already: decoding it again cannot fail.
			if rec, err := recs[i].record(); err == nil {
				recs[i].check(remote, &check.Input{Record: rec, Registry: lookup})
			}
		})
	}
	if opts.Registry != nil && r.policy != nil {
		if err := r.analyseReports(ctx, units); err != nil {
			res.RegistryErr = errors.Join(res.RegistryErr, err)
		}
	}

	duplicateIDs(recs)
	if len(r.policyProblems) > 0 {
		res.Problems = append(res.Problems, r.policyProblems...)
	}
	for _, u := range units {
		var ps []Problem
		ps = append(ps, u.problems...)
		for _, rec := range u.records {
			ps = append(ps, rec.problems...)
		}
		sortProblems(ps)
		res.Problems = append(res.Problems, ps...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// runner holds what the parallel readers share.
type runner struct {
	opts        Options
	localChecks []*check.CheckDef // the checks that need no registry
	// policyProblems are the policy's own (LINT007), found by the
	// analysis of the reports.
	policyProblems []Problem
	policyOnce     sync.Once
	policy         *policy.Policy
	policyErr      error
}

func (r *runner) loadPolicy() (*policy.Policy, error) {
	r.policyOnce.Do(func() {
		if r.opts.Policy != nil {
			r.policy, r.policyErr = r.opts.Policy()
		}
	})
	return r.policy, r.policyErr
}

// unit is what one source gave: its records, to be checked, and the
// problems found while reading it.
type unit struct {
	records  []*record
	reports  int
	parsed   []*report.Report // the reports that loaded, for the analysis
	problems []Problem
	unusable error // the file system refused the file
}

// parallel calls f(0..n-1) on at most workers goroutines.
func parallel(workers, n int, f func(int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// sortProblems orders the problems of one source: by file (entries of an
// archive), position, code, then message.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
}

// problemsOf turns a reading error into problems of code c: one per
// error joined in it, each at the place in the file it names.
func problemsOf(file string, c Code, err error) []Problem {
	var ps []Problem
	var walk func(error)
	walk = func(err error) {
		var oe *osv.Error
		var pe *policy.Error
		switch {
		case errors.As(err, &oe) && !isJoin(err):
			msg := oe.Msg
			if oe.Pointer != "" {
				msg = oe.Pointer + ": " + msg
			}
			ps = append(ps, Problem{File: oe.File, Line: oe.Line, Column: oe.Column, Pointer: oe.Pointer, Message: msg})
		case errors.As(err, &pe) && !isJoin(err):
			msg := pe.Msg
			if pe.Path != "" {
				msg = pe.Path + ": " + msg
			}
			ps = append(ps, Problem{File: pe.Pos.File, Line: pe.Pos.Line, Column: pe.Pos.Column, Message: msg})
		case isJoin(err):
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				walk(e)
			}
		default:
			// Errors of the reader and the archive start with the file's
			// name, which the problem already carries.
			ps = append(ps, Problem{File: file, Message: strings.TrimPrefix(err.Error(), file+": ")})
		}
	}
	walk(err)
	for i := range ps {
		ps[i].Code, ps[i].Name, ps[i].Level = c.Code, c.Name, c.Level
	}
	return ps
}

func isJoin(err error) bool {
	_, ok := err.(interface{ Unwrap() []error })
	return ok
}
