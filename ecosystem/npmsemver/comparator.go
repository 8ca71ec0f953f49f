package npmsemver

import "fmt"

// operator is a primitive comparison. "=" is stored as opEQ and printed as
// nothing, as node-semver does.
type operator uint8

const (
	opAny operator = iota // the empty comparator: every version
	opEQ
	opLT
	opLE
	opGT
	opGE
)

var operatorText = [...]string{opAny: "", opEQ: "", opLT: "<", opLE: "<=", opGT: ">", opGE: ">="}

// comparator is one primitive of a comparator set, like node-semver's
// Comparator class.
type comparator struct {
	op operator
	v  *Version // nil for opAny
}

// nullSetValue is the comparator node-semver uses for "no version at all".
const nullSetValue = "<0.0.0-0"

// value is Comparator.value: the operator and the formatted version. Two
// comparators with the same value behave the same.
func (c comparator) value() string {
	if c.op == opAny {
		return ""
	}
	return operatorText[c.op] + c.v.text
}

func (c comparator) isNullSet() bool {
	return c.op == opLT && c.v.text == "0.0.0-0"
}

// parseComparator parses a primitive after desugaring, as new Comparator(tok)
// does: an optional <, >, <=, >= or =, then a full version with an optional
// "v". The empty string is the any-version comparator. tok holds no
// whitespace.
func parseComparator(tok string) (comparator, string) {
	if tok == "" {
		return comparator{op: opAny}, ""
	}
	i := 0
	if tok[0] == '<' || tok[0] == '>' {
		i++
	}
	if i < len(tok) && tok[i] == '=' {
		i++
	}
	op := opEQ
	switch tok[:i] {
	case "<":
		op = opLT
	case "<=":
		op = opLE
	case ">":
		op = opGT
	case ">=":
		op = opGE
	}
	ver := tok[i:]
	if len(ver) > maxLength {
		return comparator{}, fmt.Sprintf("comparator %q: version longer than %d characters", tok, maxLength)
	}
	v, reason := parseStrict(ver)
	if reason != "" {
		return comparator{}, fmt.Sprintf("invalid comparator %q: %s", tok, reason)
	}
	return comparator{op: op, v: v}, ""
}

// test is Comparator.test.
func (c comparator) test(v *Version) bool {
	switch c.op {
	case opAny:
		return true
	case opEQ:
		return Compare(v, c.v) == 0
	case opLT:
		return Compare(v, c.v) < 0
	case opLE:
		return Compare(v, c.v) <= 0
	case opGT:
		return Compare(v, c.v) > 0
	default:
		return Compare(v, c.v) >= 0
	}
}
