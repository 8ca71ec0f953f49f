package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/google/go-cmp/cmp"
	"github.com/muesli/termenv"
)

// The grid aligns as text/tabwriter (padding 2, runes counted) did before
// it, so that uncoloured tables are byte for byte what they were.
func TestGridAlignsAsTabwriter(t *testing.T) {
	for _, rows := range [][][]string{
		{{"LINE", "SUPPORTED", "FIX"}, {"v11", "yes", "fixed in 11.0.6"}, {"", "", "-"}},
		{{"a", "", "b", "c"}, {"", "", "", ""}, {"dddd", "e", "", "f…g"}},
		{{"PACKAGE", "VERSION", "STATUS"}, {"npm:x", "1.0.0", ""}, {"PyPI:yy", "2.0", "yanked: a  b"}},
		{{"only"}, {"one column"}},
	} {
		var want bytes.Buffer
		tw := tabwriter.NewWriter(&want, 0, 4, 2, ' ', 0)
		var g grid
		for _, r := range rows {
			fmt.Fprintln(tw, strings.Join(r, "\t"))
			g.add(texts(r...)...)
		}
		tw.Flush()
		if diff := cmp.Diff(want.String(), textOf(g.lines(palette{}, false))); diff != "" {
			t.Errorf("%q: grid differs from tabwriter (-tabwriter +grid):\n%s", rows, diff)
		}
	}
}

// Text is wrapped between words only: a word longer than the width stands
// alone on its line, uncut; runs of spaces inside a line are kept.
func TestWrapKeepsWords(t *testing.T) {
	for _, tc := range []struct {
		first, rest, text string
		width             int
		want              []string
	}{
		{"fix: ", "     ", "upgrade react-invenio-forms to 3.5.3", 20, []string{"fix: upgrade", "     react-invenio-forms", "     to 3.5.3"}},
		{"", "  ", "see https://example.test/a/very/long/path/that/cannot/break here", 20,
			[]string{"see", "  https://example.test/a/very/long/path/that/cannot/break", "  here"}},
		{"  ", "    ", "evil  9.9.9  ok", 80, []string{"  evil  9.9.9  ok"}},
		{"a: ", "   ", "x", 2, []string{"a: x"}},
	} {
		if got := wrapLed(tc.first, tc.rest, tc.text, tc.width); !cmp.Equal(got, tc.want) {
			t.Errorf("wrapLed(%q, %q, %q, %d) = %q, want %q", tc.first, tc.rest, tc.text, tc.width, got, tc.want)
		}
	}
	if got := paragraph("short enough", 80); !cmp.Equal(got, []string{"short enough"}) {
		t.Errorf("paragraph changed a line that fits: %q", got)
	}
}

// Painted cells are padded by their unpainted width, so that colour never
// moves a column.
func TestGridPaintsAfterAligning(t *testing.T) {
	var g grid
	g.add(texts("LINE", "VERDICT", "BRANCH")...)
	g.add(cell{text: "v1"}, verdict("affected"), cell{text: "main"})
	g.add(cell{text: "v2"}, verdict("not-affected"), cell{text: "-"})
	p := palette{raw: &bytes.Buffer{}, profile: termenv.ANSI}
	got := g.lines(p, false)
	want := []string{
		"LINE  VERDICT       BRANCH",
		"v1    \x1b[31maffected\x1b[0m      main",
		"v2    not-affected  -",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("painted grid (-want +got):\n%s", diff)
	}
}
