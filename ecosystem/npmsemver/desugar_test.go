package npmsemver

import "testing"

func TestJSIncrement(t *testing.T) {
	// Expected values are JavaScript's String(+d + 1).
	tests := []struct{ in, want string }{
		{"0", "1"},
		{"9", "10"},
		{"99", "100"},
		{"9007199254740990", "9007199254740991"},
		{"9007199254740991", "9007199254740992"},
		{"9007199254740993", "9007199254740992"},
		{"1152921504606846975", "1152921504606847000"},
		{"99999999999999999999", "100000000000000000000"},
		{"999999999999999999999", "1e+21"},
		{"123456789012345678901234567890", "1.2345678901234568e+29"},
	}
	for _, tt := range tests {
		if got := jsIncrement(tt.in); got != tt.want {
			t.Errorf("jsIncrement(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCollapseSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"1.2.3", "1.2.3"},
		{"  >=1 \t\n <2  ", ">=1 <2"},
		{"\ufeff1\u00a0\u2000\u3000||\u20282\u205f", "1 || 2"},
		{"1\u0085 2", "1\u0085 2"}, // NEL is not JavaScript whitespace
		{"1 \xff 2", "1 \xff 2"},   // invalid UTF-8 is kept as it is
	}
	for _, tt := range tests {
		if got := collapseSpaces(tt.in); got != tt.want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrimComparatorWhitespace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"> 1.2.3 < 1.2.5", ">1.2.3 <1.2.5"},
		{">= 1.2.3", ">=1.2.3"},
		{"= 1.2", "=1.2"},
		{"< = 1", "<= 1"}, // one space per match, after the first operator character
		{"> invalid", "> invalid"},
		{"1.2.3-x 1", "1.2.3-x 1"},
		{"~ 1.2", "~ 1.2"}, // handled by the tilde trim
	}
	for _, tt := range tests {
		if got := trimComparatorWhitespace(tt.in); got != tt.want {
			t.Errorf("trimComparatorWhitespace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripBuilds(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.2.3+build.1 <2", "1.2.3 <2"},
		{"+a +b 1.2.3", "  1.2.3"},
		{"1.2.3+", "1.2.3+"},
		{"1.2.3+a.b.", "1.2.3."},
		{"1.2.3++a", "1.2.3+"},
	}
	for _, tt := range tests {
		if got := stripBuilds(tt.in); got != tt.want {
			t.Errorf("stripBuilds(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrimAfter(t *testing.T) {
	tests := []struct {
		in   string
		op   byte
		want string
	}{
		{"~ 1.2", '~', "~1.2"},
		{"~> 1.2", '~', "~1.2"},
		{"1 ~ 2", '~', "1 ~2"},
		{"~>1", '~', "~>1"},
		{"^ 1 ^ 2", '^', "^1 ^2"},
	}
	for _, tt := range tests {
		if got := trimAfter(tt.in, tt.op); got != tt.want {
			t.Errorf("trimAfter(%q, %q) = %q, want %q", tt.in, tt.op, got, tt.want)
		}
	}
}
