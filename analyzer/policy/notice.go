package policy

import (
	"math"

	"github.com/patchline/patchline/analyzer/internal/strictyaml"
)

// Notice is the advance-notice window of the security policy: how many
// days before the planned release the advance notice goes out.
type Notice struct {
	MinDays int
	MaxDays int
}

// DefaultNotice is the window when the policy gives none: two to five
// days ahead, as InvenioRDM's security policy says.
var DefaultNotice = Notice{MinDays: 2, MaxDays: 5}

var noticeKeys = []string{"min_days", "max_days"}

// notice reads notice: {min_days: N, max_days: M}: whole days, 0 ≤ N ≤ M;
// a key left out keeps its default.
func (d *decoder) notice(v strictyaml.Node) {
	m, ok := v.Map(noticeKeys...)
	if !ok {
		return
	}
	n := DefaultNotice
	valid := true
	for _, f := range []struct {
		key string
		dst *int
	}{{"min_days", &n.MinDays}, {"max_days", &n.MaxDays}} {
		node := m.Get(f.key)
		if !node.Present() {
			continue
		}
		x, ok := node.Float()
		switch {
		case !ok:
			valid = false
		case x < 0 || x != math.Trunc(x) || x > 365:
			node.Errorf("want a whole number of days from 0 to 365, got %v", x)
			valid = false
		default:
			*f.dst = int(x)
		}
	}
	if valid && n.MinDays > n.MaxDays {
		at := m.Get("max_days")
		if !at.Present() {
			at = m.Get("min_days")
		}
		at.Errorf("the window is empty: min_days %d is above max_days %d", n.MinDays, n.MaxDays)
		return
	}
	if valid {
		d.p.Notice = n
	}
}
