package main

import (
	"fmt"
	"io"

	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/registry"
)

// incompleteJSON is a walked release whose requirements the registry gave
// only in part or not at all ("incomplete" in the lines and analyze
// documents): the line may have members the walk did not find.
type incompleteJSON struct {
	Package string   `json:"package"`
	Version string   `json:"version"`
	Reasons []string `json:"reasons"`
}

func incompleteOf(l *membership.Line) []incompleteJSON {
	var out []incompleteJSON
	for _, r := range l.Incomplete {
		out = append(out, incompleteJSON{Package: r.Package.String(), Version: r.Version, Reasons: r.Warnings()})
	}
	return out
}

// lineOf finds the membership of the policy line pl.
func lineOf(m *membership.Matrix, pl *policy.Line) *membership.Line {
	for _, l := range m.Lines {
		if l.Policy == pl {
			return l
		}
	}
	return nil
}

// warnIncomplete says on w, once per release, which walked releases'
// requirements are partial, so that a table or Markdown output that has
// no room for it does not hide it.
func warnIncomplete(w io.Writer, m *membership.Matrix) {
	var hs []*registry.History
	for _, ref := range m.Refs() {
		hs = append(hs, m.Histories[ref])
	}
	noteHTMLPages(w, hs)
	seen := map[string]bool{}
	for _, l := range m.Lines {
		for _, r := range l.Incomplete {
			for _, msg := range r.Warnings() {
				if !seen[msg] {
					seen[msg] = true
					fmt.Fprintf(w, "patchline: warning: %s; the membership of the lines that reach it may be incomplete\n", msg)
				}
			}
		}
	}
}

// noteHTMLPages says on w which histories were read from PEP 503 HTML
// pages, whose absent upload times (and versions without files) would
// otherwise look like data the registry has not got.
func noteHTMLPages(w io.Writer, hs []*registry.History) {
	for _, h := range hs {
		if h.Provenance.Source == registry.SourceSimpleHTML {
			fmt.Fprintf(w, "patchline: note: %s: read from a PEP 503 HTML page (%s), which carries no upload times and no versions without files\n",
				h.Package, h.Provenance.URL)
		}
	}
}
