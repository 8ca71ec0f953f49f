package jsonscan

import "testing"

func TestInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"-0", 0, true}, {"12", 12, true}, {" -7 ", -7, true},
		{"9223372036854775807", 9223372036854775807, true},
		{"9223372036854775808", 0, false}, {"01", 0, false}, {"1.5", 0, false},
		{"1e3", 0, false}, {"-", 0, false}, {"", 0, false}, {"+1", 0, false},
	}
	for _, tt := range tests {
		got, ok := New([]byte(tt.in)).Int()
		if got != tt.want || ok != tt.ok {
			t.Errorf("Int(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{`"abc"`, "abc", true},
		{`"a\"b\\c\/d\n\t\r\b\f"`, "a\"b\\c/d\n\t\r\b\f", true},
		{`""`, "", true},
		{`"\u00e9"`, "", false}, // \u is left to encoding/json
		{`"é"`, "", false},      // so is non-ASCII text
		{"\"a\x01\"", "", false},
		{`"abc`, "", false},
		{`"\x"`, "", false},
		{`abc`, "", false},
	}
	for _, tt := range tests {
		got, ok := New([]byte(tt.in)).String()
		if got != tt.want || ok != tt.ok {
			t.Errorf("String(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestSkip checks that skipped values are still checked to be JSON.
func TestSkip(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{`{"a": [1, -2, true, false, null, "x", {"b": {}}, []]}`, true},
		{`{"a": 1,}`, false}, {`[1 2]`, false}, {`{"a" 1}`, false}, {`{1: 2}`, false},
		{`tru`, false}, {`nul`, false}, {`[`, false}, {`{`, false}, {`1.0`, false},
	}
	for _, tt := range tests {
		s := New([]byte(tt.in))
		if ok := s.Skip() && s.AtEnd(); ok != tt.ok {
			t.Errorf("Skip(%q) = %v, want %v", tt.in, ok, tt.ok)
		}
	}
}

// TestDepth: nesting beyond encoding/json's limit is refused (the caller
// falls back to encoding/json), not recursed into.
func TestDepth(t *testing.T) {
	deep := func(n int) []byte {
		b := make([]byte, 0, 2*n)
		for range n {
			b = append(b, '[')
		}
		for range n {
			b = append(b, ']')
		}
		return b
	}
	if s := New(deep(maxDepth)); !s.Skip() {
		t.Errorf("%d levels refused, want read", maxDepth)
	}
	if s := New(deep(maxDepth + 1)); s.Skip() {
		t.Errorf("%d levels read, want refused", maxDepth+1)
	}
	if s := New(deep(1_000_000)); s.Skip() {
		t.Error("a million levels read, want refused")
	}
}
