package pep440

import (
	"math/big"
	"strings"
)

// Numeric components are kept as ASCII decimal digit strings without
// leading zeros ("0" for zero): PEP 440 and packaging put no bound on them
// (dates such as 20231231235959 are common release segments, and longer
// digit strings are valid), so fixed-size integers would be wrong somewhere.

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitsEnd returns the end of the run of ASCII digits starting at i.
func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// allDigits reports whether s is a non-empty run of ASCII digits, the
// equivalent of Python's str.isdigit for the strings that reach it.
func allDigits(s string) bool {
	return s != "" && digitsEnd(s, 0) == len(s)
}

// normNum strips leading zeros from a digit string.
func normNum(s string) string {
	i := 0
	for i < len(s)-1 && s[i] == '0' {
		i++
	}
	if s == "" {
		return "0"
	}
	return s[i:]
}

// cmpNum compares two normalised digit strings numerically.
func cmpNum(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// incNum returns the normalised digit string a+1.
func incNum(a string) string {
	b := []byte(a)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// bigNum converts a normalised digit string to a new big.Int.
func bigNum(s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return new(big.Int)
	}
	return n
}
