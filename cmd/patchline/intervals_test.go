package main

import (
	"testing"

	"github.com/patchline/patchline/registry"
)

// Affected releases show as the runs they form among the line's releases,
// so that a gap is never hidden inside one span.
func TestIntervalsText(t *testing.T) {
	rels := make([]*registry.Release, 0, 8)
	for _, v := range []string{"15.0.0", "15.1.0", "15.2.2", "15.2.3", "15.2.9", "15.3.0", "15.3.1", "15.4.0"} {
		rels = append(rels, &registry.Release{Version: v})
	}
	pick := func(idx ...int) []*registry.Release {
		var out []*registry.Release
		for _, i := range idx {
			out = append(out, rels[i])
		}
		return out
	}
	tests := []struct {
		affected []*registry.Release
		max      int
		want     string
	}{
		{pick(0, 1, 2), 4, "[15.0.0, 15.2.2]"},
		{pick(0, 1, 2, 5, 6), 4, "[15.0.0, 15.2.2], [15.3.0, 15.3.1]"},
		{pick(4), 4, "15.2.9"},
		{pick(0, 2, 4, 6), 2, "15.0.0, 15.2.2 and 2 more runs"},
	}
	for _, tt := range tests {
		if got := intervalsText(rels, tt.affected, tt.max); got != tt.want {
			t.Errorf("intervalsText = %q, want %q", got, tt.want)
		}
	}
}
