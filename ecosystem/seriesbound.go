package ecosystem

import (
	"math/big"
	"strconv"
)

// SeriesEnd returns, in the ecosystem's range syntax, the exclusive upper
// bound that ends the series (minor false: ecosystem.Series) or the minor
// series (minor true: ecosystem.MinorSeries) of v: the first version of
// the next one. npm: "<5.0.0" for 4.17.3, "<0.11.0" for 0.10.4, "<4.18.0"
// by minor; PyPI: "<14" for 13.1.2, "<13.2" by minor (an epoch kept:
// "<1!3"). Policies drafted from a history (patchline init) bound their
// lines so; the pre-releases of the next series' first version stay out
// of the line (Range.InLine).
func SeriesEnd(e Ecosystem, v Version, minor bool) string {
	switch x := v.(type) {
	case NPMVersion:
		n := x.v
		switch {
		case minor:
			return "<" + strconv.FormatUint(n.Major(), 10) + "." + strconv.FormatUint(n.Minor()+1, 10) + ".0"
		case n.Major() == 0:
			return "<0." + strconv.FormatUint(n.Minor()+1, 10) + ".0"
		}
		return "<" + strconv.FormatUint(n.Major()+1, 10) + ".0.0"
	case PyPIVersion:
		p := x.v
		rel := p.Release()
		prefix := ""
		if ep := p.Epoch(); ep.Sign() != 0 {
			prefix = ep.String() + "!"
		}
		one := big.NewInt(1)
		first := new(big.Int).Set(rel[0])
		if !minor {
			return "<" + prefix + first.Add(first, one).String()
		}
		second := big.NewInt(0)
		if len(rel) > 1 {
			second.Set(rel[1])
		}
		return "<" + prefix + rel[0].String() + "." + second.Add(second, one).String()
	}
	return ""
}
