package main

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/patchline/patchline/internal/termsafe"
)

// cell is one cell of a table: its text, escaped (termsafe.Field), and the
// hue its text is painted in.
type cell struct {
	text string
	hue  hue
}

// texts makes plain cells of texts.
func texts(ss ...string) []cell {
	cs := make([]cell, len(ss))
	for i, s := range ss {
		cs[i] = cell{text: s}
	}
	return cs
}

// verdict is a cell painted in its verdict's hue.
func verdict(s string) cell { return cell{text: s, hue: verdictHue(s)} }

// grid aligns rows of cells in columns as text/tabwriter does with
// padding 2 (every cell but a row's last padded to its column's widest
// cell and two spaces; widths counted in runes), but measures the cells
// before they are painted, so that colour never shifts a column.
type grid struct {
	rows [][]cell
}

func (g *grid) add(cells ...cell) {
	for i := range cells {
		cells[i].text = termsafe.Field(cells[i].text)
	}
	g.rows = append(g.rows, cells)
}

// lines renders the rows; with trim, trailing blanks are dropped.
func (g *grid) lines(p palette, trim bool) []string {
	var widths []int
	for _, r := range g.rows {
		for i, c := range r[:max(len(r)-1, 0)] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c.text))
		}
	}
	out := make([]string, 0, len(g.rows))
	for _, r := range g.rows {
		var sb strings.Builder
		for i, c := range r {
			sb.WriteString(p.paint(c.text, c.hue))
			if i < len(r)-1 {
				sb.WriteString(strings.Repeat(" ", widths[i]+2-utf8.RuneCountInString(c.text)))
			}
		}
		line := sb.String()
		if trim {
			line = strings.TrimRight(line, " ")
		}
		out = append(out, line)
	}
	return out
}

// writeLines writes lines, each ended by a newline, where the palette
// says: the terminal itself when it paints, else w.
func writeLines(w io.Writer, p palette, lines []string) error {
	_, err := io.WriteString(p.writer(w), textOf(lines))
	return err
}

// widestLine is the width of the longest of lines, in runes (lines
// rendered without colour).
func widestLine(lines []string) int {
	n := 0
	for _, l := range lines {
		n = max(n, utf8.RuneCountInString(l))
	}
	return n
}

// hanging wraps text into lines of at most width runes, the first led by
// lead and the others indented to the text's start.
func hanging(lead, text string, width int) []string {
	return wrapLed(lead, strings.Repeat(" ", utf8.RuneCountInString(lead)), text, width)
}

// paragraph is text as it is when it fits the width, else wrapped with the
// lines after the first indented by two spaces.
func paragraph(text string, width int) []string {
	if utf8.RuneCountInString(text) <= width {
		return []string{text}
	}
	return wrapLed("", "  ", text, width)
}

// wrapLed breaks text at spaces into lines of at most width runes, the
// first led by first and the others by rest; runs of spaces inside a line
// are kept. A word longer than the width stands alone on its line:
// versions, URLs and package names are never cut.
func wrapLed(first, rest, text string, width int) []string {
	var out []string
	line, lead, started := "", first, false
	n := func(s string) int { return utf8.RuneCountInString(s) }
	for _, w := range strings.Split(termsafe.Field(text), " ") {
		switch {
		case !started:
			line, started = w, w != ""
		case n(lead)+n(line)+1+n(w) > width && strings.TrimSpace(line) != "":
			out = append(out, lead+strings.TrimRight(line, " "))
			line, lead, started = w, rest, w != ""
		default:
			line += " " + w
		}
	}
	return append(out, lead+line)
}

// textOf is lines as text, each ended by a newline.
func textOf(lines []string) string {
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	return sb.String()
}
