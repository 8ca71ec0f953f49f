package main

import (
	"fmt"
	"github.com/patchline/patchline/internal/ghactions"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/patchline/patchline/analyzer/policy"
)

func writeGateText(w io.Writer, gates []*gateReport, p palette, width int) {
	for _, g := range gates {
		verdict := "PASS"
		if !g.passed() {
			verdict = "FAIL"
		}
		writeVerdictWord(w, p, verdict)
		fmt.Fprintf(w, " %s (as of %s)\n", g.an.Report.Path, g.an.AsOf)
		if g.embargo != nil {
			fmt.Fprintf(w, "  under embargo until %s: nothing may be published before\n", g.embargo.UTC().Format(time.RFC3339))
		}
		for _, o := range g.unjudged {
			printWrapped(w, "  ", "    ", unjudgedText(o), width)
		}
		for _, u := range g.unserved {
			printWrapped(w, "  ", "    ", u.String(), width)
		}
		if len(g.lines) == 0 {
			fmt.Fprintln(w, "  no supported line at the as-of date")
		}
		for _, l := range g.lines {
			for _, b := range l.blockers {
				printWrapped(w, "  ", "    ", b.message, width)
			}
			if len(l.blockers) > 0 {
				continue
			}
			fixed := len(l.fixes) > 0 || len(l.admits) > 0
			if !fixed && l.line.Unreleased {
				fmt.Fprintf(w, "  %s: unreleased (the line did not exist yet on %s)\n", l.line.Policy.Name, g.an.AsOf)
				continue
			}
			if !fixed {
				fmt.Fprintf(w, "  %s: not affected\n", l.line.Policy.Name)
				continue
			}
			msg := l.line.Policy.Name + ": fixed"
			if len(l.fixes) > 0 {
				var fs []string
				for _, f := range l.fixes {
					fs = append(fs, f.name+" "+f.version)
				}
				msg += " by " + strings.Join(fs, ", ")
			}
			if len(l.admits) == 0 {
				fmt.Fprintf(w, "  %s\n", msg)
				continue
			}
			// A line an upstream report leaves fixed only for fresh
			// installs says so, never "not affected".
			printWrapped(w, "  ", "    ", msg+"; "+strings.Join(l.admits, "; "), width)
		}
		for _, l := range g.lines {
			for _, p := range l.line.Packages {
				if n := prereleaseNote(p); n != "" {
					printWrapped(w, "  note: ", "        ", fmt.Sprintf("%s %s: %s", l.line.Policy.Name, p.Package, n), width)
				}
			}
		}
		for _, o := range g.an.Outside {
			if o.Upstream {
				printWrapped(w, "  note: ", "        ", fmt.Sprintf("%s: %s", o.Package, outsideReason(o)), width)
			}
		}
		for _, u := range g.an.Unplaced {
			if !slices.ContainsFunc(g.unserved, func(f unservedFix) bool {
				return f.fix.Package == u.Package && f.fix.Version.String() == u.Version.String()
			}) {
				printWrapped(w, "  note: ", "        ", fmt.Sprintf("%s %s: %s", u.Package, u.Version, unplacedReason(g.an, u)), width)
			}
		}
	}
}

// printWrapped prints text after lead, its lines after the first led by
// rest when it is wider than width (never when width is 0).
func printWrapped(w io.Writer, lead, rest, text string, width int) {
	line := lead + text
	if width > 0 && utf8.RuneCountInString(line) > width {
		line = strings.Join(wrapLed(lead, rest, text, width), "\n")
	}
	fmt.Fprintln(w, line)
}

// writeVerdictWord writes one of the program's verdict words, painted
// when the palette paints: straight to the terminal, as the text after it
// goes on through w.
func writeVerdictWord(w io.Writer, p palette, word string) {
	io.WriteString(p.writer(w), p.paint(word, verdictHue(word)))
}

// writeGateGitHub prints one GitHub Actions error annotation per blocker,
// on the report entry of the package it is about, and a notice per report
// that passes.
func writeGateGitHub(w io.Writer, gates []*gateReport) {
	for _, g := range gates {
		if g.passed() {
			fmt.Fprintf(w, "::notice file=%s,title=patchline check::every supported line is not affected or fixed (as of %s)\n",
				ghactions.Property(g.an.Report.Path), g.an.AsOf)
			continue
		}
		if g.embargo != nil {
			fmt.Fprintf(w, "::error file=%s,title=patchline check::%s\n", ghactions.Property(g.an.Report.Path),
				ghactions.Data("under embargo until "+g.embargo.UTC().Format(time.RFC3339)+": nothing may be published before"))
		}
		for _, o := range g.unjudged {
			fmt.Fprintf(w, "::error file=%s,title=patchline check::%s\n", ghactions.Property(g.an.Report.Path), ghactions.Data(unjudgedText(o)))
		}
		for _, u := range g.unserved {
			fmt.Fprintf(w, "::error file=%s,title=patchline check::%s\n", ghactions.Property(g.an.Report.Path), ghactions.Data(u.String()))
		}
		for _, l := range g.lines {
			for _, b := range l.blockers {
				file, line := g.an.Report.Path, 0
				if b.entry != nil && b.entry.Pos.Line > 0 {
					line = b.entry.Pos.Line
				}
				loc := "file=" + ghactions.Property(file)
				if line > 0 {
					loc += fmt.Sprintf(",line=%d", line)
				}
				fmt.Fprintf(w, "::error %s,title=%s::%s\n", loc, ghactions.Property("patchline check: "+b.line+" blocks publication"), ghactions.Data(b.message))
			}
		}
	}
}

// checkDoc is the --format json document of the publication gate
// (docs/check-json.md).
type checkDoc struct {
	Schema  string           `json:"schema"`
	AsOf    policy.Date      `json:"as_of"`
	Passed  bool             `json:"passed"`
	Reports []checkReportDoc `json:"reports"`
}

type checkReportDoc struct {
	Path    string         `json:"path"`
	ID      string         `json:"id"`
	Passed  bool           `json:"passed"`
	Lines   []checkLineDoc `json:"lines"`
	Outside []string       `json:"outside"`
	// Unjudged are the project packages among Outside: no line has a
	// release of them, and the report does not pass.
	Unjudged []string `json:"unjudged"`
	// Unplaced are "PACKAGE VERSION" of fixes no line takes.
	Unplaced []string `json:"unplaced_fixes"`
	// Unserved are those of Unplaced the registry has no release with
	// files of; the report does not pass.
	Unserved []string `json:"unserved_fixes"`
	// EmbargoUntil is the end of an embargo still on (the gate fails), or "".
	EmbargoUntil string `json:"embargo_until"`
}

type checkLineDoc struct {
	Name    string `json:"name"`
	Verdict string `json:"verdict"`
	// Unreleased: the line did not exist yet at the as-of date.
	Unreleased bool              `json:"unreleased"`
	Passed     bool              `json:"passed"`
	FixedBy    []checkFixDoc     `json:"fixed_by"`
	Blockers   []checkBlockerDoc `json:"blockers"`
}

type checkFixDoc struct {
	Package  string `json:"package"`
	Version  string `json:"version"`
	Uploaded string `json:"uploaded"`
}

type checkBlockerDoc struct {
	Package string `json:"package"`
	Version string `json:"version"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
	Line    int    `json:"report_line"`
}

func checkJSON(asOf policy.Date, gates []*gateReport) checkDoc {
	doc := checkDoc{Schema: "patchline.check/v1", AsOf: asOf, Passed: true, Reports: []checkReportDoc{}}
	for _, g := range gates {
		rd := checkReportDoc{Path: g.an.Report.Path, ID: g.an.Report.ID, Passed: g.passed(), Lines: []checkLineDoc{}, Outside: []string{}, Unjudged: []string{}, Unplaced: []string{}, Unserved: []string{}}
		if g.embargo != nil {
			rd.EmbargoUntil = g.embargo.UTC().Format(time.RFC3339)
		}
		for _, u := range g.an.Unplaced {
			rd.Unplaced = append(rd.Unplaced, u.Package.String()+" "+u.Version.String())
		}
		for _, u := range g.unserved {
			rd.Unserved = append(rd.Unserved, u.fix.Package.String()+" "+u.fix.Version.String())
		}
		doc.Passed = doc.Passed && rd.Passed
		for _, o := range g.an.Outside {
			rd.Outside = append(rd.Outside, o.Package.String())
		}
		for _, o := range g.unjudged {
			rd.Unjudged = append(rd.Unjudged, o.Package.String())
		}
		for _, l := range g.lines {
			ld := checkLineDoc{Name: l.line.Policy.Name, Verdict: string(l.line.Shown()), Unreleased: l.line.Unreleased, Passed: len(l.blockers) == 0,
				FixedBy: []checkFixDoc{}, Blockers: []checkBlockerDoc{}}
			for _, f := range l.fixes {
				up := ""
				if !f.uploaded.IsZero() {
					up = f.uploaded.UTC().Format("2006-01-02T15:04:05Z")
				}
				ld.FixedBy = append(ld.FixedBy, checkFixDoc{Package: f.name, Version: f.version, Uploaded: up})
			}
			for _, b := range l.blockers {
				bd := checkBlockerDoc{Package: b.pkg.Package.String(), Version: b.version, Reason: b.reason, Message: b.message}
				if b.entry != nil {
					bd.Line = b.entry.Pos.Line
				}
				ld.Blockers = append(ld.Blockers, bd)
			}
			rd.Lines = append(rd.Lines, ld)
		}
		doc.Reports = append(doc.Reports, rd)
	}
	return doc
}
