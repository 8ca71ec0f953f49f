package membership

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/patchline/patchline/ecosystem/pkgref"
	"github.com/patchline/patchline/registry"
	"github.com/patchline/patchline/registry/fetch"
)

// fetchHistories reads the histories of refs not read yet, concurrently.
func (w *walker) fetchHistories(ctx context.Context, refs []pkgref.Ref) error {
	var todo []pkgref.Ref
	for _, r := range refs {
		if w.hist[r] == nil && !slices.Contains(todo, r) {
			todo = append(todo, r)
		}
	}
	hs := make([]*registry.History, len(todo))
	errs := make([]error, len(todo))
	var wg sync.WaitGroup
	for i, ref := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hs[i], errs[i] = w.src.History(ctx, registry.Package{Ecosystem: ref.Ecosystem, Name: ref.Name})
		}()
	}
	wg.Wait()
	if err := joinErrors(errs); err != nil {
		return err
	}
	for i, ref := range todo {
		if hs[i] == nil {
			return fmt.Errorf("%s: no release history", ref)
		}
		w.hist[ref] = hs[i]
		idx := make(map[*registry.Release]int, len(hs[i].Releases))
		for j, r := range hs[i].Releases {
			idx[r] = j
		}
		w.index[ref] = idx
	}
	return nil
}

// fetchRequirements reads the requirements of the frontier's releases not
// read yet: one batch per package, the packages concurrently.
func (w *walker) fetchRequirements(ctx context.Context, frontier []step) error {
	byRef := map[pkgref.Ref][]*registry.Release{}
	seen := map[node]bool{}
	for _, s := range frontier {
		if w.reqs[s.n] != nil || seen[s.n] {
			continue
		}
		seen[s.n] = true
		byRef[s.n.ref] = append(byRef[s.n.ref], s.n.rel)
	}
	refs := sortedRefs(byRef)
	got := make([][]*registry.Requirements, len(refs))
	errs := make([]error, len(refs))
	var wg sync.WaitGroup
	for i, ref := range refs {
		versions := make([]string, len(byRef[ref]))
		for j, r := range byRef[ref] {
			versions[j] = r.Version
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = w.src.Requirements(ctx, w.hist[ref], versions)
			if errs[i] == nil && len(got[i]) != len(versions) {
				errs[i] = fmt.Errorf("%s: asked for the requirements of %d releases, got %d", ref, len(versions), len(got[i]))
			}
		}()
	}
	wg.Wait()
	if err := joinErrors(errs); err != nil {
		return err
	}
	for i, ref := range refs {
		for j, rel := range byRef[ref] {
			if got[i][j] == nil {
				return fmt.Errorf("%s %s: no requirements", ref, rel.Version)
			}
			w.reqs[node{ref, rel}] = got[i][j]
		}
	}
	return nil
}

// joinErrors turns the failures of one batch into one error: every offline
// miss (a registry.MissingError, or a registry.Error for one document not
// in the cache) into a single registry.MissingError, so that one message names all
// the documents to record, followed by the other failures.
func joinErrors(errs []error) error {
	var missing []string
	var other []error
	for _, err := range errs {
		if err == nil {
			continue
		}
		// Only a bare MissingError is merged: a batch that also failed
		// otherwise keeps its own message.
		if me, ok := err.(*registry.MissingError); ok {
			missing = append(missing, me.Missing...)
			continue
		}
		// A single document missing offline, as History reports it.
		var re *registry.Error
		if errors.Is(err, fetch.ErrNotCached) && errors.As(err, &re) && re == err {
			name := re.Package.String()
			if re.Version != "" {
				name += " " + re.Version
			}
			if re.URL != "" {
				name += " (" + re.URL + ")"
			}
			missing = append(missing, name)
			continue
		}
		other = append(other, err)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		other = append([]error{&registry.MissingError{Missing: slices.Compact(missing)}}, other...)
	}
	switch len(other) {
	case 0:
		return nil
	case 1:
		return other[0]
	}
	return errors.Join(other...)
}
