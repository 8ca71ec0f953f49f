package npmsemver

import "strconv"

// jsIncrement returns the JavaScript string of `+digits + 1`, which
// node-semver splices into desugared ranges (^1.2.3 gives <2.0.0-0). Above
// 2^53 the addition rounds, and from 10^21 on JavaScript switches to
// exponent notation; either way the comparator that receives the result is
// then rejected, with the same text node-semver would show.
func jsIncrement(digits string) string {
	if len(digits) <= 15 {
		n, err := strconv.ParseUint(digits, 10, 64)
		if err == nil {
			return strconv.FormatUint(n+1, 10)
		}
	}
	f, _ := strconv.ParseFloat(digits, 64)
	return jsNumberString(f + 1)
}

// jsNumberString is Number.prototype.toString for finite non-negative
// integers: the shortest round-tripping digits, padded with zeros below
// 10^21 and in exponent form from there.
func jsNumberString(f float64) string {
	if f < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'e', -1, 64)
}
