package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
)

// writeLinesTable prints the matrix: a row per line and package when it
// fits the width, else each line's packages on lines of their own below
// it, aligned across the table, and last wrapped.
func writeLinesTable(w io.Writer, m *membership.Matrix, asOf policy.Date, width int) error {
	fmt.Fprintf(w, "%s release lines as of %s\n\n", orDash(m.Policy.Project), asOf)
	lines, pkgs := grid{}, grid{}
	lines.add(texts("LINE", "STATUS", "SUPPORTED", "RELEASED", "END OF LIFE", "BRANCH")...)
	pkgs.add(texts("  ", "PACKAGE", "VERSIONS", "COUNT")...)
	var wide grid
	wide.add(texts("LINE", "STATUS", "SUPPORTED", "RELEASED", "END OF LIFE", "BRANCH", "PACKAGE", "VERSIONS", "COUNT")...)
	var owner []int // the line row of each package row
	for i, l := range m.Lines {
		p := l.Policy
		head := texts(p.Name, string(p.Status), lineSupportedText(l, asOf), p.Released.String(), endOfLife(p), orDash(p.Branch))
		lines.add(head...)
		refs := l.Refs()
		if len(refs) == 0 {
			wide.add(append(head, texts("-", "-", "0")...)...)
		}
		for j, r := range refs {
			if j > 0 {
				head = texts("", "", "", "", "", "")
			}
			mem := l.Members(r)
			pkg := texts(r.String(), span(mem), strconv.Itoa(len(mem.Releases)))
			wide.add(append(head, pkg...)...)
			pkgs.add(append(texts("  "), pkg...)...)
			owner = append(owner, i)
		}
	}
	out := wide.lines(palette{}, false)
	if widestLine(out) <= width {
		_, err := io.WriteString(w, textOf(out))
		return err
	}
	lineRows, pkgRows := lines.lines(palette{}, true), pkgs.lines(palette{}, true)
	belowFits := widestLine(lineRows) <= width && widestLine(pkgRows) <= width
	out = []string{lineRows[0], pkgRows[0]}
	k := 0
	for i := range m.Lines {
		out = append(out, lineRows[i+1])
		for ; k < len(owner) && owner[k] == i; k++ {
			row := pkgs.rows[k+1]
			if belowFits {
				out = append(out, pkgRows[k+1])
				continue
			}
			out = append(out, hanging("    ", row[1].text+" "+row[2].text+" ("+row[3].text+")", width)...)
		}
	}
	_, err := io.WriteString(w, textOf(out))
	return err
}
