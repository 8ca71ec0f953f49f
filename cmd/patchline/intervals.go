package main

import (
	"fmt"
	"strings"

	"github.com/patchline/patchline/registry"
)

// maxIntervals is how many runs of affected releases a table cell shows;
// --format json lists every affected version.
const maxIntervals = 4

// intervalsText writes the affected releases among a line's releases
// (both ascending) as the runs they form, so that gaps show:
// "[15.0.0-canary.0, 15.2.2], [15.3.0, 15.3.1]"; a run of one release is
// the release alone. Beyond max runs, the rest is counted.
func intervalsText(releases, affected []*registry.Release, max int) string {
	hit := make(map[*registry.Release]bool, len(affected))
	for _, r := range affected {
		hit[r] = true
	}
	var runs []string
	total := 0
	for i := 0; i < len(releases); {
		if !hit[releases[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(releases) && hit[releases[j+1]] {
			j++
		}
		total++
		if len(runs) < max {
			if i == j {
				runs = append(runs, releases[i].Version)
			} else {
				runs = append(runs, "["+releases[i].Version+", "+releases[j].Version+"]")
			}
		}
		i = j + 1
	}
	if len(runs) == 0 {
		// Affected releases outside the list given: name their span.
		return spanOnly(affected)
	}
	s := strings.Join(runs, ", ")
	if total > max {
		s += fmt.Sprintf(" and %d more runs", total-max)
	}
	return s
}
