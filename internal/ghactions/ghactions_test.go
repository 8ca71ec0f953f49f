package ghactions

import "testing"

func TestEscapes(t *testing.T) {
	for _, tc := range []struct{ in, data, property string }{
		{"plain", "plain", "plain"},
		{"100% of it\r\nnext", "100%25 of it%0D%0Anext", "100%25 of it%0D%0Anext"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
	} {
		if got := Data(tc.in); got != tc.data {
			t.Errorf("Data(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := Property(tc.in); got != tc.property {
			t.Errorf("Property(%q) = %q, want %q", tc.in, got, tc.property)
		}
	}
}
