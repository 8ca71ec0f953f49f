package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/patchline/patchline/analyzer/impact"
)

// analysisRow is one (line, package) row of analyze's table; the line's
// cells are set on its first row only.
type analysisRow struct {
	line                     []cell // name, supported, verdict, branch; nil after the first
	pkg                      string
	verdict                  string
	affected, reportFix, fix string
}

func analysisRows(an *impact.Analysis) []analysisRow {
	var rows []analysisRow
	for _, l := range an.Lines {
		head := []cell{{text: l.Policy.Name}, {text: supportedText(l)}, verdict(string(l.Shown())), {text: orDash(l.Policy.Branch)}}
		if len(l.Packages) == 0 {
			rows = append(rows, analysisRow{line: head, pkg: "-", verdict: "-", affected: "-", reportFix: "-", fix: "-"})
		}
		for i, p := range l.Packages {
			r := analysisRow{pkg: p.Package.String(), verdict: string(p.Verdict), affected: affectedText(p), reportFix: reportFixText(p), fix: fixText(p, false)}
			if i == 0 {
				r.line = head
			}
			if p.Upstream {
				r.pkg += " (upstream)"
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// lineCells are the line's cells of a row, or blanks below its first.
func (r analysisRow) lineCells() []cell {
	if r.line == nil {
		return texts("", "", "", "")
	}
	return r.line
}

// The layouts of analyze's table, from the widest: every column; the fix
// on lines of its own below its row; the affected versions and the report
// fix too; and last each package on lines of its own below its line. The
// first that fits the terminal's width is printed.
const (
	allColumns = iota
	fixBelow
	detailsBelow
	packagesBelow
)

const lineHeader = "LINE\tSUPPORTED\tLINE VERDICT\tBRANCH"

func analysisTable(rows []analysisRow, layout, width int, p palette) []string {
	var g grid
	header := lineHeader
	switch layout {
	case allColumns:
		header += "\tPACKAGE\tPACKAGE VERDICT\tAFFECTED\tREPORT FIX (RULE)\tFIX"
	case fixBelow:
		header += "\tPACKAGE\tPACKAGE VERDICT\tAFFECTED\tREPORT FIX (RULE)"
	case detailsBelow:
		header += "\tPACKAGE\tPACKAGE VERDICT"
	}
	g.add(texts(strings.Split(header, "\t")...)...)
	var rowOf []int // the row each grid line after the header shows
	for i, r := range rows {
		cells := r.lineCells()
		switch layout {
		case allColumns:
			cells = append(cells, cell{text: r.pkg}, verdict(r.verdict), cell{text: r.affected}, cell{text: r.reportFix}, cell{text: r.fix})
		case fixBelow:
			cells = append(cells, cell{text: r.pkg}, verdict(r.verdict), cell{text: r.affected}, cell{text: r.reportFix})
		case detailsBelow:
			cells = append(cells, cell{text: r.pkg}, verdict(r.verdict))
		case packagesBelow:
			if r.line == nil {
				continue
			}
		}
		g.add(cells...)
		rowOf = append(rowOf, i)
	}
	aligned := g.lines(p, layout != allColumns)
	if layout == allColumns {
		return aligned
	}
	// The lines below a row come after the columns are aligned: a line
	// without cells would end tabwriter's blocks, and these are as wide as
	// the terminal allows, not as the widest cell.
	out := []string{aligned[0]}
	for k, i := range rowOf {
		out = append(out, aligned[k+1])
		switch layout {
		case fixBelow:
			out = append(out, fixLines(rows[i].fix, width)...)
		case detailsBelow:
			out = append(out, detailLines(rows[i], "    ", width)...)
		case packagesBelow:
			for j := i; j < len(rows) && (j == i || rows[j].line == nil); j++ {
				if rows[j].pkg == "-" {
					continue
				}
				pkg := hanging("    ", rows[j].pkg+": "+rows[j].verdict, width)
				last := pkg[len(pkg)-1]
				pkg[len(pkg)-1] = strings.TrimSuffix(last, rows[j].verdict) + p.paint(rows[j].verdict, verdictHue(rows[j].verdict))
				out = append(out, pkg...)
				out = append(out, detailLines(rows[j], "      ", width)...)
			}
		}
	}
	return out
}

// fixLines puts each part of a fix on a line of its own, wrapped.
func fixLines(fix string, width int) []string {
	if fix == "-" {
		return nil
	}
	var out []string
	for k, part := range strings.Split(fix, "; ") {
		lead := "    fix: "
		if k > 0 {
			lead = "         "
		}
		out = append(out, wrapLed(lead, "           ", part, width)...)
	}
	return out
}

// detailLines are a row's affected versions, report fix and fix, each
// after a label, wrapped under it.
func detailLines(r analysisRow, indent string, width int) []string {
	var out []string
	for _, d := range []struct{ label, text string }{{"affected: ", r.affected}, {"report fix: ", r.reportFix}} {
		if d.text != "-" {
			out = append(out, hanging(indent+d.label, d.text, width)...)
		}
	}
	if r.fix != "-" {
		for k, part := range strings.Split(r.fix, "; ") {
			lead := indent + "fix: "
			if k > 0 {
				lead = strings.Repeat(" ", len(lead))
			}
			out = append(out, wrapLed(lead, strings.Repeat(" ", len(lead)+2), part, width)...)
		}
	}
	return out
}

func writeAnalysisTable(w io.Writer, an *impact.Analysis, width int, p palette) error {
	writeAnalysisHeader(w, an, false, width)
	rows := analysisRows(an)
	layout := allColumns
	for layout < packagesBelow && widestLine(analysisTable(rows, layout, width, palette{})) > width {
		layout++
	}
	if err := writeLines(w, p, analysisTable(rows, layout, width, p)); err != nil {
		return err
	}
	writeLegend(w, an, width)
	var notes []string
	for _, l := range an.Lines {
		for _, pk := range l.Packages {
			if n := prereleaseNote(pk); n != "" {
				notes = append(notes, paragraph(fmt.Sprintf("%s %s: %s", l.Policy.Name, pk.Package, n), width)...)
			}
		}
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, "\n%s\n", strings.Join(notes, "\n"))
	}
	for _, o := range an.Outside {
		fmt.Fprintf(w, "\n%s", strings.Join(paragraph(fmt.Sprintf("%s: %s", o.Package, outsideReason(o)), width), "\n"))
	}
	if len(an.Outside) > 0 {
		fmt.Fprintln(w)
	}
	for _, u := range an.Unplaced {
		fmt.Fprintf(w, "\n%s", strings.Join(paragraph(fmt.Sprintf("%s %s: %s", u.Package, u.Version, unplacedReason(an, u)), width), "\n"))
	}
	if len(an.Unplaced) > 0 {
		fmt.Fprintln(w)
	}
	return nil
}

// legend explains the fix rules the table names and what the verdicts
// count, once per analysis that names a report fix.
var legend = []string{
	"Report fix rules: policy, the fixed version is a release of the line; series, no line has it,",
	"so it goes to the lines with releases of its minor (else of its series). Releases count from",
	"their upload time up to the as-of date (docs/analysis-rules.md).",
}

func writeLegend(w io.Writer, an *impact.Analysis, width int) {
	for _, l := range an.Lines {
		for _, p := range l.Packages {
			if len(p.ReportFixes) > 0 {
				lines := legend
				if widestLine(lines) > width {
					lines = wrap(strings.Join(legend, " "), width)
				}
				fmt.Fprintf(w, "\n%s\n", strings.Join(lines, "\n"))
				return
			}
		}
	}
}
