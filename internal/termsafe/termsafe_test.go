package termsafe

import (
	"bytes"
	"testing"
)

func TestField(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, ünïcode and 中文", "plain text, ünïcode and 中文"},
		{"\x1b]0;pwned\x07title", `\x1b]0;pwned\x07title`},
		{"\x1b[2J\x1b[Hcleared", `\x1b[2J\x1b[Hcleared`},
		{"row\nPyPI:fake  1.0.0  yanked", `row\nPyPI:fake  1.0.0  yanked`},
		{"over\rwrite\ttab\vvt", `over\rwrite\ttab\x0bvt`},
		{"sep\u2028line\u2029para\x1cfs", `sep\u2028line\u2029para\x1cfs`},
		{"user \u202egnp.exe\u202c", `user \u202egnp.exe\u202c`},
		{"isolate \u2066x\u2069 mark \u200f", `isolate \u2066x\u2069 mark \u200f`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"bad \xff utf-8", `bad \xff utf-8`},
	}
	for _, tt := range tests {
		if got := Field(tt.in); got != tt.want {
			t.Errorf("Field(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Text("line one\n\tindented \x1b[31mred"); got != "line one\n\tindented \\x1b[31mred" {
		t.Errorf("Text kept or escaped the wrong characters: %q", got)
	}
}

func TestWriterSplitsRunesAcrossWrites(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	in := []byte("a\u202eb é\x1b[0m\nz\xe2")
	for i := range in {
		if n, err := w.Write(in[i : i+1]); n != 1 || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "a\\u202eb é\\x1b[0m\nz\\xe2"; got != want {
		t.Errorf("written %q, want %q", got, want)
	}
}

// JSON output keeps its value: the escapes are JSON's own.
func TestWriterUnderJSON(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	w.Write([]byte("{\"summary\": \"abc\u202edef\"}\n"))
	if got := out.String(); got != "{\"summary\": \"abc\\u202edef\"}\n" {
		t.Errorf("got %q", got)
	}
}

func TestDescribe(t *testing.T) {
	for r, want := range map[rune]string{
		'\n': "the control character U+000A", '\x1c': "the control character U+001C", '\u0085': "the control character U+0085",
		'\u2028': "the line or paragraph separator U+2028", '\u202e': "the bidirectional control U+202E",
		'\u061c': "the bidirectional control U+061C", '\ufeff': "a byte-order mark (U+FEFF)",
	} {
		if !Unsafe(r) || Describe(r) != want {
			t.Errorf("Unsafe(%U) = %v, Describe = %q; want true, %q", r, Unsafe(r), Describe(r), want)
		}
	}
	if Unsafe(' ') || Unsafe('é') || Unsafe('\u00a0') {
		t.Error("plain characters are unsafe")
	}
}
