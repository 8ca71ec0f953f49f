package main

import (
	"errors"
	"sort"
	"strings"

	"github.com/patchline/patchline/ecosystem"
)

// joinLines joins errors one per line; errors.Join would do the same but
// prints nothing useful for a single error wrapped twice.
func joinLines(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	msgs := make([]string, len(errs))
	for i, err := range errs {
		msgs[i] = err.Error()
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// sortIndices orders indices into vs ascending by version, stable.
func sortIndices(e ecosystem.Ecosystem, vs []ecosystem.Version, order []int) {
	sort.SliceStable(order, func(i, j int) bool { return e.Compare(vs[order[i]], vs[order[j]]) < 0 })
}
