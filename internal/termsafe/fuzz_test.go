package termsafe

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzField: nothing unsafe survives Field, nothing but line breaks and
// tabs survives Text or the Writer, and safe text is left as it is.
func FuzzField(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]0;t\x07", "a\u202eb\u2028c", "\xff\xfe", "é\n\tx", "\u009b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		field, text := Field(s), Text(s)
		var out bytes.Buffer
		w := NewWriter(&out)
		for i := 0; i < len(s); i += 3 {
			w.Write([]byte(s[i:min(i+3, len(s))]))
		}
		w.Flush()
		for name, got := range map[string]string{"Field": field, "Text": text, "Writer": out.String()} {
			if !utf8.ValidString(got) {
				t.Fatalf("%s(%q) = %q: invalid UTF-8", name, s, got)
			}
			for _, r := range got {
				if Unsafe(r) && !(name != "Field" && (r == '\n' || r == '\t')) {
					t.Fatalf("%s(%q) = %q keeps %U", name, s, got, r)
				}
			}
		}
		if text != out.String() {
			t.Fatalf("Writer and Text differ on %q: %q, %q", s, out.String(), text)
		}
		if firstUnsafe(s, false) < 0 && field != s {
			t.Fatalf("Field changed safe text %q to %q", s, field)
		}
		if strings.Contains(s, "\\") && !strings.Contains(field, "\\") {
			t.Fatalf("Field lost a backslash of %q", s)
		}
	})
}
