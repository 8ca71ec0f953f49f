package severity

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// NoneLevel is the level of a score below every bound of the policy's
// levels; with the default levels, the level of a 0.0 score.
const NoneLevel = "None"

// A Level is one severity level of the policy: scores from Min (inclusive)
// up to the next higher level's Min (exclusive) have it.
type Level struct {
	Name string
	Min  float64
}

// Levels are the policy's severity levels, highest bound first. Build them
// with DefaultLevels or NewLevels; a hand-built list must pass Validate.
type Levels []Level

// DefaultLevels returns the levels patchline uses when the policy names
// none (the design's default severity section): CVSS's qualitative rating
// scale, with the GitHub Advisory Database's name "Moderate" for CVSS's
// "Medium".
func DefaultLevels() Levels {
	return Levels{
		{Name: "Critical", Min: 9.0},
		{Name: "High", Min: 7.0},
		{Name: "Moderate", Min: 4.0},
		{Name: "Low", Min: 0.1},
	}
}

// NewLevels builds levels from a level-name to lower-bound map, as the
// policy file's severity section decodes, ordered by bound, highest first.
// It returns the errors of Validate.
func NewLevels(bounds map[string]float64) (Levels, error) {
	ls := make(Levels, 0, len(bounds))
	for name, bound := range bounds {
		ls = append(ls, Level{Name: name, Min: bound})
	}
	// Names break ties so that the error for two equal bounds does not
	// depend on map order.
	slices.SortFunc(ls, func(a, b Level) int {
		if c := cmp.Compare(b.Min, a.Min); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	if err := ls.Validate(); err != nil {
		return nil, err
	}
	return ls, nil
}

// Validate reports every problem of the levels: none at all, an empty
// name, two names equal up to case (levels are shown to people, who would
// not tell "High" from "high" apart), a bound outside 0.0–10.0, bounds not
// strictly decreasing, or the reserved name "None" on a bound other than
// 0.0 (NoneLevel already names the scores below the lowest bound; a level
// "None" at 0.0 means the same and is allowed).
func (ls Levels) Validate() error {
	if len(ls) == 0 {
		return errors.New("severity levels: none defined")
	}
	var errs []error
	for i, l := range ls {
		switch {
		case strings.TrimSpace(l.Name) == "":
			errs = append(errs, fmt.Errorf("severity level %d: empty name", i+1))
		case strings.EqualFold(l.Name, NoneLevel) && l.Min != 0:
			errs = append(errs, fmt.Errorf("severity level %q: the name is reserved for scores below every bound; give it bound 0.0 or rename it", l.Name))
		}
		for _, prev := range ls[:i] {
			if l.Name != "" && strings.EqualFold(l.Name, prev.Name) {
				errs = append(errs, fmt.Errorf("severity level %q: defined more than once (as %q and %q)", l.Name, prev.Name, l.Name))
				break
			}
		}
		if math.IsNaN(l.Min) || l.Min < 0 || l.Min > 10 {
			errs = append(errs, fmt.Errorf("severity level %q: bound %v is outside 0.0–10.0", l.Name, l.Min))
		} else if i > 0 && !(l.Min < ls[i-1].Min) {
			errs = append(errs, fmt.Errorf("severity level %q: bound %.1f is not below the bound %.1f of %q; bounds must decrease strictly",
				l.Name, l.Min, ls[i-1].Min, ls[i-1].Name))
		}
	}
	return errors.Join(errs...)
}

// Level returns the name of the first level whose bound the score reaches,
// or NoneLevel when it reaches none. Scores are compared as given: with the
// default levels 8.99 is High and 9.0 Critical. Levels should be valid; on
// others it still returns the first level, in slice order, that the score
// reaches.
func (ls Levels) Level(score float64) string {
	for _, l := range ls {
		if score >= l.Min {
			return l.Name
		}
	}
	return NoneLevel
}
