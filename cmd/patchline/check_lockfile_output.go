package main

import (
	"fmt"
	"io"
	"time"

	"github.com/patchline/patchline/internal/ghactions"
	"github.com/patchline/patchline/internal/redact"
	"github.com/patchline/patchline/osv/match"
)

func pinPlace(source string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", source, line)
	}
	return source
}

func writeLockText(w io.Writer, src string, ix *match.Index, results []*lockResult, p palette) {
	for _, r := range results {
		verdict := "PASS"
		if len(r.matches) > 0 {
			verdict = "FAIL"
		}
		writeVerdictWord(w, p, verdict)
		fmt.Fprintf(w, " %s: %d pins checked against %d published records of %s\n", r.file.Path, len(r.file.Pins), ix.Records, src)
		for _, m := range r.matches {
			fmt.Fprintf(w, "  %s: %s affects %s %s; %s\n", pinPlace(m.pin.Source, m.pin.Line), m.ID, m.Package, m.pin.Version, remedy(m.Match))
		}
		if n := len(r.file.Unpinned); n > 0 {
			fmt.Fprintf(w, "  %d dependencies not pinned to a registry version, not checked:\n", n)
			for _, u := range r.file.Unpinned {
				fmt.Fprintf(w, "    %s: %s %s (%s)\n", pinPlace(u.Source, u.Line), u.Name, redact.Userinfo(u.Spec), u.Reason)
			}
		}
	}
}

func writeLockGitHub(w io.Writer, results []*lockResult) {
	for _, r := range results {
		if len(r.matches) == 0 {
			fmt.Fprintf(w, "::notice file=%s,title=patchline check::no pinned version is affected by a published advisory\n", ghactions.Property(r.file.Path))
			continue
		}
		for _, m := range r.matches {
			loc := "file=" + ghactions.Property(m.pin.Source)
			if m.pin.Line > 0 {
				loc += fmt.Sprintf(",line=%d", m.pin.Line)
			}
			fmt.Fprintf(w, "::error %s,title=%s::%s\n", loc, ghactions.Property(m.ID+" affects "+m.Package.String()+" "+m.pin.Version),
				ghactions.Data(fmt.Sprintf("%s affects %s %s; %s", m.ID, m.Package, m.pin.Version, remedy(m.Match))))
		}
	}
}

// lockDoc is the --format json document of the release gate
// (docs/check-json.md).
type lockDoc struct {
	Schema    string        `json:"schema"`
	At        string        `json:"published_by"`
	Database  string        `json:"database"`
	Records   int           `json:"records"`
	Skipped   []lockSkipDoc `json:"skipped"`
	Passed    bool          `json:"passed"`
	Lockfiles []lockFileDoc `json:"lockfiles"`
}

type lockSkipDoc struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

type lockFileDoc struct {
	Path          string            `json:"path"`
	Format        string            `json:"format"`
	FormatVersion string            `json:"format_version"`
	Pins          int               `json:"pins"`
	Passed        bool              `json:"passed"`
	Affected      []lockAffectedDoc `json:"affected"`
	Unpinned      []lockUnpinnedDoc `json:"unpinned"`
}

type lockAffectedDoc struct {
	ID        string `json:"id"`
	Package   string `json:"package"`
	Version   string `json:"version"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Fixed     string `json:"fixed"`
	FixedFrom string `json:"fixed_from"`
	LineName  string `json:"release_line"`
	Planned   string `json:"planned"`
	Dev       bool   `json:"dev"`
}

type lockUnpinnedDoc struct {
	Source string `json:"source"`
	Line   int    `json:"line"`
	Name   string `json:"name"`
	Spec   string `json:"spec"`
	Reason string `json:"reason"`
}

func lockJSON(src string, at time.Time, ix *match.Index, results []*lockResult) lockDoc {
	doc := lockDoc{Schema: "patchline.check-lockfile/v1", At: at.UTC().Format(time.RFC3339), Database: src,
		Records: ix.Records, Skipped: []lockSkipDoc{}, Passed: true, Lockfiles: []lockFileDoc{}}
	for _, s := range ix.Skipped {
		doc.Skipped = append(doc.Skipped, lockSkipDoc{ID: s.ID, Reason: s.Reason})
	}
	for _, r := range results {
		fd := lockFileDoc{Path: r.file.Path, Format: string(r.file.Format), FormatVersion: r.file.FormatVersion,
			Pins: len(r.file.Pins), Passed: len(r.matches) == 0, Affected: []lockAffectedDoc{}, Unpinned: []lockUnpinnedDoc{}}
		doc.Passed = doc.Passed && fd.Passed
		for _, m := range r.matches {
			fd.Affected = append(fd.Affected, lockAffectedDoc{ID: m.ID, Package: m.Package.String(), Version: m.pin.Version,
				Source: m.pin.Source, Line: m.pin.Line, Fixed: m.Fixed, FixedFrom: m.FixedFrom, LineName: m.Line, Planned: m.Planned, Dev: m.pin.Dev})
		}
		for _, u := range r.file.Unpinned {
			fd.Unpinned = append(fd.Unpinned, lockUnpinnedDoc{Source: u.Source, Line: u.Line, Name: u.Name, Spec: redact.Userinfo(u.Spec), Reason: u.Reason})
		}
		doc.Lockfiles = append(doc.Lockfiles, fd)
	}
	return doc
}
