package strictyaml

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/internal/hostile"
	"github.com/patchline/patchline/internal/memtest"
)

// schema reads a small document the way the loaders do and returns what it
// read, so that tests can check values and errors together.
func schema(d *Decoder, root Node) map[string]any {
	out := map[string]any{}
	m, ok := root.Map("name", "version", "bound", "list", "nested", "opt")
	if !ok {
		return out
	}
	if v := m.Get("name"); v.Required("a name") {
		if s, ok := v.Text(); ok {
			out["name"] = s
		}
	}
	if v := m.Get("version"); v.Present() {
		if s, ok := v.Text(); ok {
			out["version"] = s
		}
	}
	if v := m.Get("bound"); v.Present() {
		if f, ok := v.Float(); ok {
			out["bound"] = f
		}
	}
	if v := m.Get("list"); v.Present() {
		if items, ok := v.Seq(); ok {
			var got []string
			for _, it := range items {
				if s, ok := it.Text(); ok {
					got = append(got, s)
				}
			}
			out["list"] = got
		}
	}
	if v := m.Get("nested"); v.Present() {
		if entries, ok := v.Entries(); ok {
			var got []string
			for _, e := range entries {
				if s, ok := e.Value.Text(); ok {
					got = append(got, e.Key+"="+s)
				}
			}
			out["nested"] = got
		}
	}
	if v := m.Get("opt"); v.Present() {
		out["opt.null"] = v.IsNull()
	}
	return out
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]any
		errs string
	}{
		{
			name: "numbers are text as written",
			in:   "name: 3.10\nversion: 1.0\nbound: 9\nlist: [1.10, 2, abc]\n",
			want: map[string]any{"name": "3.10", "version": "1.0", "bound": 9.0, "list": []string{"1.10", "2", "abc"}},
		},
		{
			name: "anchors and aliases",
			in:   "name: &n x\nlist: &l [a, b]\nnested: {k: *n}\nversion: *n\n",
			want: map[string]any{"name": "x", "version": "x", "list": []string{"a", "b"}, "nested": []string{"k=x"}},
		},
		{
			name: "alias to the nearest anchor before it",
			in:   "name: &n first\nnested: {a: *n, b: &n second, c: *n}\n",
			want: map[string]any{"name": "first", "nested": []string{"a=first", "b=second", "c=second"}},
		},
		{
			name: "str tag forces text; other standard tags are accepted",
			in:   "name: !!str true\nlist: !!seq [a]\n",
			want: map[string]any{"name": "true", "list": []string{"a"}},
		},
		{
			name: "byte order mark",
			in:   "\ufeffname: n\n",
			want: map[string]any{"name": "n"},
		},
		{
			name: "literal block",
			in:   "name: |\n  two\n  lines\n",
			want: map[string]any{"name": "two\nlines\n"},
		},
		{
			name: "explicit null and implicit null",
			in:   "name: n\nopt:\n",
			want: map[string]any{"name": "n", "opt.null": true},
		},
		{
			name: "single-entry flow mapping and quoted keys",
			in:   "name: n\nnested: {\"npm:@scope/x\": ^1.0.0}\n",
			want: map[string]any{"name": "n", "nested": []string{"npm:@scope/x=^1.0.0"}},
		},
		{
			name: "unknown keys, each with a suggestion",
			in:   "nmae: x\nlist: [a]\nzzz: 1\n",
			want: map[string]any{"list": []string{"a"}},
			errs: `f.yaml:1:1: unknown key "nmae" (did you mean "name"?)
f.yaml:1:1: name: required key is missing (want a name)
f.yaml:3:1: unknown key "zzz" (known keys: bound, list, name, nested, opt, version)`,
		},
		{
			name: "wrong types name the value",
			in:   "name: true\nbound: \"9.0\"\nlist: {a: 1}\nnested: [x]\n",
			want: map[string]any{},
			errs: `f.yaml:1:7: name: want a string, got boolean true
f.yaml:2:8: bound: want a number, got "9.0"
f.yaml:3:7: list: want a list, got a mapping
f.yaml:4:9: nested: want a mapping, got a sequence`,
		},
		{
			name: "null where text is wanted",
			in:   "name:\nlist: [a, ~]\n",
			want: map[string]any{"list": []string{"a"}},
			errs: `f.yaml:1:6: name: want a string, got null
f.yaml:2:11: list[1]: want a string, got null`,
		},
		{
			name: "infinite bound",
			in:   "name: n\nbound: .inf\n",
			want: map[string]any{"name": "n"},
			errs: `f.yaml:2:8: bound: want a finite number, got .inf`,
		},
		{
			name: "duplicate key",
			in:   "name: a\nname: b\n",
			want: map[string]any{},
			errs: `f.yaml:2:1: duplicate key "name" (first defined at f.yaml:1:1)`,
		},
		{
			name: "syntax error",
			in:   "name: [a\n",
			want: map[string]any{},
			errs: `f.yaml:1:7: invalid YAML: sequence end token ']' not found`,
		},
		{
			name: "two documents",
			in:   "name: a\n---\nname: b\n",
			want: map[string]any{},
			errs: `f.yaml:3:1: want one YAML document, found 2 (remove the second ---)`,
		},
		{
			name: "merge key",
			in:   "base: &b {name: x}\n<<: *b\n",
			want: map[string]any{},
			errs: `f.yaml:1:1: unknown key "base" (did you mean "name"?)
f.yaml:1:1: name: required key is missing (want a name)
f.yaml:2:1: merge keys (<<) are not supported; write the keys out`,
		},
		{
			name: "unknown alias",
			in:   "name: *nope\n",
			want: map[string]any{},
			errs: `f.yaml:1:7: name: alias *nope refers to no anchor before it`,
		},
		{
			name: "custom tag",
			in:   "name: !custom x\n",
			want: map[string]any{},
			errs: `f.yaml:1:7: name: unsupported tag !custom`,
		},
		{
			name: "empty document",
			in:   "# nothing\n",
			want: map[string]any{},
			errs: `f.yaml:1:1: want a mapping, got null`,
		},
		{
			name: "non-scalar key",
			in:   "name: n\nnested: {[a]: b}\n",
			want: map[string]any{},
			errs: `f.yaml:2:13: invalid YAML: found an invalid key for this map`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, root := Parse("f.yaml", []byte(tt.in))
			got := schema(d, root)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
			errs := ""
			if err := d.Err(); err != nil {
				errs = err.Error()
			}
			if errs != tt.errs {
				t.Errorf("errors:\ngot:\n%s\nwant:\n%s", errs, tt.errs)
			}
		})
	}
}

// TestAliasBomb checks that a document whose aliases expand exponentially
// fails with an error instead of exhausting memory.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("list: *a11\n")
	var d *Decoder
	var root Node
	var walk func(Node) int
	walk = func(n Node) int {
		if n.Kind() != Sequence {
			return 1
		}
		items, _ := n.Seq()
		total := 0
		for _, it := range items {
			total += walk(it)
		}
		return total
	}
	// 10^12 values before the bound; 16,384 now, in a few megabytes.
	memtest.AtMost(t, 8<<20, func() {
		d, root = Parse("bomb.yaml", []byte(b.String()))
		entries, _ := root.Entries()
		for _, e := range entries {
			if e.Key == "list" {
				walk(e.Value)
			}
		}
	})
	err := d.Err()
	if err == nil || !strings.Contains(err.Error(), "bomb.yaml:1:19: list[0][0][0][0][0][0][0][1][3][2][4][3]: document too large: aliases expand to more than 16384 nodes") {
		t.Fatalf("err = %v, want a document-too-large error", err)
	}
}

func TestPosString(t *testing.T) {
	for _, tt := range []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "p.yaml", Line: 14, Column: 13}, "p.yaml:14:13"},
		{Pos{File: "p.yaml", Line: 2}, "p.yaml:2"},
		{Pos{File: "p.yaml"}, "p.yaml"},
	} {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

// Documents the YAML parser would spend seconds or gigabytes on are
// refused before they are parsed, with the line, and files larger than a
// YAML file may be are refused before they are read.
func TestGuard(t *testing.T) {
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"flow nesting", "name: x\nlist: " + strings.Repeat("[{a: ", 30000) + "\n",
			"p.yaml:2:1: values nested more than 1000 deep"},
		{"tabs", "name: \"" + strings.Repeat("x\t", 80000) + "\"\n",
			"p.yaml:1:1: too many tabs on long lines (80000 tabs on a line of 160008 bytes): write \\t in a double-quoted string, or break the line"},
		{"size", "name: x\nlist:\n" + strings.Repeat("- an item\n", 30000),
			"p.yaml: 300014 bytes, larger than the 256 KiB limit for a YAML document; refusing to read it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d *Decoder
			memtest.AtMost(t, 4<<20, func() { d, _ = Parse("p.yaml", []byte(tc.doc)) })
			if err := d.Err(); err == nil || err.Error() != tc.want {
				t.Errorf("err = %v, want %s", err, tc.want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	hostile.Sparse(t, big, 100<<20, "")
	var err error
	memtest.AtMost(t, 1<<20, func() { _, err = ReadFile(big, "report") })
	var es Errors
	if !errors.As(err, &es) || err.Error() != big+": 104857600 bytes, larger than the 256 KiB limit for a YAML document; refusing to read it" {
		t.Errorf("big file: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.yaml"), "report"); err == nil || !strings.HasPrefix(err.Error(), "reading report: open ") {
		t.Errorf("missing file: %v", err)
	}
}
