package npmsemver

import "strings"

// replaceCaret rewrites "^P": changes that do not modify the left-most
// non-zero component are allowed.
func replaceCaret(tok string, incPr bool) string {
	if !strings.HasPrefix(tok, "^") {
		return tok
	}
	p, ok := parsePartial(tok[1:])
	if !ok {
		return tok
	}
	z := lowerPre(incPr)
	M, m, pt := p.major, p.minor, p.patch
	pre := ""
	if p.pre != "" {
		pre = "-" + p.pre
	}
	switch {
	case isX(M):
		return ""
	case isX(m):
		return ">=" + M + ".0.0" + z + " <" + jsIncrement(M) + ".0.0-0"
	case isX(pt):
		if M == "0" {
			return ">=" + M + "." + m + ".0" + z + " <" + M + "." + jsIncrement(m) + ".0-0"
		}
		return ">=" + M + "." + m + ".0" + z + " <" + jsIncrement(M) + ".0.0-0"
	case M == "0" && m == "0":
		return ">=" + M + "." + m + "." + pt + pre + " <" + M + "." + m + "." + jsIncrement(pt) + "-0"
	case M == "0":
		return ">=" + M + "." + m + "." + pt + pre + " <" + M + "." + jsIncrement(m) + ".0-0"
	default:
		return ">=" + M + "." + m + "." + pt + pre + " <" + jsIncrement(M) + ".0.0-0"
	}
}

// replaceTilde rewrites "~P" and "~>P": patch-level changes if a minor
// version is given, minor-level changes if not.
func replaceTilde(w string, incPr bool) string {
	rest, ok := strings.CutPrefix(w, "~")
	if !ok {
		return w
	}
	rest = strings.TrimPrefix(rest, ">")
	p, ok := parsePartial(rest)
	if !ok {
		return w
	}
	z := lowerPre(incPr)
	M, m, pt := p.major, p.minor, p.patch
	switch {
	case isX(M):
		return ""
	case isX(m):
		return ">=" + M + ".0.0" + z + " <" + jsIncrement(M) + ".0.0-0"
	case isX(pt):
		return ">=" + M + "." + m + ".0" + z + " <" + M + "." + jsIncrement(m) + ".0-0"
	case p.pre != "":
		return ">=" + M + "." + m + "." + pt + "-" + p.pre + " <" + M + "." + jsIncrement(m) + ".0-0"
	default:
		return ">=" + M + "." + m + "." + pt + " <" + M + "." + jsIncrement(m) + ".0-0"
	}
}

// replaceXRange rewrites an x-range with an optional operator ("1.2.x",
// ">1", "<=2.*", "*"). A token whose components are complete is returned
// unchanged, and so is one whose wildcards are out of order ("1.x.3"),
// which the comparator parser then rejects.
func replaceXRange(w string, incPr bool) string {
	i := 0
	if c := at(w, 0); c == '<' || c == '>' {
		i++
	}
	if at(w, i) == '=' {
		i++
	}
	gtlt := w[:i]
	p, ok := parsePartial(w[i:])
	if !ok {
		return w
	}
	M, m, pt := p.major, p.minor, p.patch
	if isX(M) && !isX(m) || isX(m) && pt != "" && !isX(pt) {
		return w
	}
	xM := isX(M)
	xm := xM || isX(m)
	xp := xm || isX(pt)
	if gtlt == "=" && xp {
		gtlt = ""
	}
	pr := lowerPre(incPr)
	switch {
	case xM:
		if gtlt == ">" || gtlt == "<" {
			return nullSetValue
		}
		return "*"
	case gtlt != "" && xp:
		if xm {
			m = "0"
		}
		pt = "0"
		switch gtlt {
		case ">":
			// >1 is >=2.0.0, >1.2 is >=1.3.0
			gtlt = ">="
			if xm {
				M = jsIncrement(M)
			} else {
				m = jsIncrement(m)
			}
		case "<=":
			// <=0.7.x is <0.8.0-0: every 0.7.x passes
			gtlt = "<"
			if xm {
				M = jsIncrement(M)
			} else {
				m = jsIncrement(m)
			}
		}
		if gtlt == "<" {
			pr = "-0"
		}
		return gtlt + M + "." + m + "." + pt + pr
	case xm:
		return ">=" + M + ".0.0" + pr + " <" + jsIncrement(M) + ".0.0-0"
	case xp:
		return ">=" + M + "." + m + ".0" + pr + " <" + M + "." + jsIncrement(m) + ".0-0"
	}
	return w
}

// lowerPre is the suffix node-semver gives a desugared lower bound: "-0",
// the lowest pre-release, when pre-releases are included.
func lowerPre(incPr bool) string {
	if incPr {
		return "-0"
	}
	return ""
}
