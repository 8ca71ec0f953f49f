package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/patchline/patchline/registry"
)

func (a *app) releasesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "releases PACKAGE...",
		Short: "Print the release history of packages as their registries publish it",
		Long: `Print every published release of each package: version, upload date, and whether
it is yanked (PyPI) or deprecated (npm), in the ecosystem's version order.

PACKAGE is ECOSYSTEM:NAME (PyPI:invenio-app-rdm, npm:@scope/name) or a package
URL (pkg:pypi/invenio-app-rdm). PyPI is read through the index's Simple API,
PEP 691 JSON or PEP 503 HTML as the index serves it (--pypi-index,
PIP_INDEX_URL, pip.conf, else PyPI); npm through the package
document of the registry npm is configured with (--npm-registry,
NPM_CONFIG_REGISTRY, .npmrc). Answers are cached (--cache-dir) and revalidated;
--offline answers from the cache alone.`,
		Example: `  patchline releases PyPI:invenio-app-rdm npm:react-searchkit
  patchline releases --format json pkg:pypi/invenio-rdm-records`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.outputFormat("text", "json")
			if err != nil {
				return err
			}
			pkgs := make([]registry.Package, len(args))
			for i, arg := range args {
				if pkgs[i], err = registry.ParsePackage(arg); err != nil {
					return badInput(err)
				}
			}
			ctx := cmd.Context()
			until, err := a.historyUntil()
			if err != nil {
				return err
			}
			reg, stop, err := a.openRegistryUntil(ctx, until)
			if err != nil {
				return err
			}
			hs, err := reg.Histories(ctx, pkgs)
			stop()
			if err != nil {
				return err
			}
			noteHTMLPages(a.stderr, hs)
			if format == "json" {
				return writeReleasesJSON(a.stdout, hs)
			}
			return writeReleasesTable(a.stdout, hs, a.tableWidth())
		},
	}
}

// openRegistry opens the registry client the global flags describe, with
// a progress display (progress.go) on stderr when stderr is a terminal and --quiet is
// off. The returned stop function clears the counter.
func (a *app) openRegistry(ctx context.Context) (*registry.Client, func(), error) {
	return a.openRegistryUntil(ctx, time.Time{})
}

// openRegistryUntil is openRegistry reading histories as they stood at
// until (registry.Options.Until); zero reads them as they are.
func (a *app) openRegistryUntil(ctx context.Context, until time.Time) (*registry.Client, func(), error) {
	opts := registry.Options{
		Until:           until,
		PyPIIndex:       a.flags.pypiIndex,
		NPMRegistry:     a.flags.npmRegistry,
		CacheDir:        a.flags.cacheDir,
		Offline:         a.flags.offline,
		MaxAge:          a.flags.maxAge,
		Concurrency:     a.flags.concurrency,
		MaxResponseSize: a.flags.maxResponseSize,
	}
	if a.flags.concurrency < 1 {
		return nil, nil, badInputf("--concurrency %d: want at least 1", a.flags.concurrency)
	}
	if a.flags.maxResponseSize < 1 {
		return nil, nil, badInputf("--max-response-size %d: want at least 1 byte", a.flags.maxResponseSize)
	}
	// A cache that cannot be written costs refetching next run, never this
	// run's answer: one warning says so.
	var warnOnce sync.Once
	opts.Fetch.CacheWarning = func(err error) {
		warnOnce.Do(func() {
			fmt.Fprintf(a.stderr, "patchline: warning: %v (the run goes on; answers that could not be stored are fetched again next time)\n", err)
		})
	}
	stop := func() {}
	if f, ok := terminal(a.stderr); ok && !a.flags.quiet {
		p := newProgress(f)
		a.progress.Store(p)
		opts.Progress = p.document
		stop = p.clear
	}
	c, err := registry.Open(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	return c, stop, nil
}

// terminal returns the terminal w writes to, under the escaping writer,
// for the program's own progress line.
func terminal(w io.Writer) (*os.File, bool) {
	for {
		u, ok := w.(interface{ Unwrap() io.Writer })
		if !ok {
			break
		}
		w = u.Unwrap()
	}
	f, ok := w.(*os.File)
	return f, ok && term.IsTerminal(int(f.Fd()))
}

// writeReleasesTable prints each package's releases; a status wider than
// the width is wrapped in its column, or below its row when the column
// starts too far right.
func writeReleasesTable(w io.Writer, hs []*registry.History, width int) error {
	var g grid
	g.add(texts("PACKAGE", "VERSION", "UPLOADED", "STATUS")...)
	for _, h := range hs {
		if h.Unpublished != nil {
			g.add(texts(h.Package.String(), "-", date(h.Unpublished.Time), "unpublished")...)
		}
		for _, r := range h.All() {
			status := ""
			switch {
			case r.Yanked && r.YankedReason != "":
				status = "yanked: " + r.YankedReason
			case r.Yanked:
				status = "yanked"
			case r.Deprecated != "":
				status = "deprecated: " + r.Deprecated
			case h.Package.Ecosystem == "PyPI" && r.Files == 0:
				status = "no files"
			}
			if len(r.Spellings) > 1 {
				status = strings.TrimPrefix(status+"; also "+strings.Join(r.Spellings[1:], ", "), "; ")
			}
			g.add(texts(h.Package.String(), r.Version, date(r.Uploaded), status)...)
		}
	}
	// The last column is padded too; trailing blanks help no one.
	out := g.lines(palette{}, true)
	if widestLine(out) > width {
		out = wrapLastColumn(g, width)
	}
	_, err := io.WriteString(w, textOf(out))
	return err
}

// wrapLastColumn renders g with its last column wrapped within the width,
// its lines after the first aligned under it; a column starting past two
// thirds of the width goes below its row instead.
func wrapLastColumn(g grid, width int) []string {
	last := make([]string, len(g.rows))
	for i, r := range g.rows {
		last[i] = r[len(r)-1].text
		r[len(r)-1].text = ""
	}
	prefix := g.lines(palette{}, false)
	var out []string
	for i, p := range prefix {
		start := utf8.RuneCountInString(p)
		if last[i] == "" {
			out = append(out, strings.TrimRight(p, " "))
			continue
		}
		if start > width*2/3 {
			out = append(out, strings.TrimRight(p, " "))
			out = append(out, hanging("    ", last[i], width)...)
			continue
		}
		out = append(out, hanging(p, last[i], width)...)
	}
	return out
}

func date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.DateOnly)
}

// releasesJSON is the --format json document: one object per package.
type releasesJSON struct {
	Package     string                `json:"package"`
	Source      registry.Provenance   `json:"source"`
	DistTags    map[string]string     `json:"dist_tags,omitempty"`
	Unpublished *registry.Unpublished `json:"unpublished,omitempty"`
	Invalid     []string              `json:"invalid_versions,omitempty"`
	Releases    []releaseJSON         `json:"releases"`
}

type releaseJSON struct {
	Version      string     `json:"version"`
	Spellings    []string   `json:"spellings,omitempty"`
	Indexes      []string   `json:"indexes,omitempty"`
	Uploaded     *time.Time `json:"uploaded,omitempty"`
	Files        *int       `json:"files,omitempty"`
	Yanked       bool       `json:"yanked,omitempty"`
	YankedReason string     `json:"yanked_reason,omitempty"`
	Deprecated   string     `json:"deprecated,omitempty"`
}

func writeReleasesJSON(w io.Writer, hs []*registry.History) error {
	out := make([]releasesJSON, 0, len(hs))
	for _, h := range hs {
		rj := releasesJSON{Package: h.Package.String(), Source: h.Provenance, DistTags: h.DistTags, Unpublished: h.Unpublished, Invalid: h.Invalid, Releases: []releaseJSON{}}
		for _, r := range h.All() {
			rel := releaseJSON{Version: r.Version, Spellings: r.Spellings, Indexes: r.Indexes, Yanked: r.Yanked, YankedReason: r.YankedReason, Deprecated: r.Deprecated}
			if !r.Uploaded.IsZero() {
				t := r.Uploaded.UTC()
				rel.Uploaded = &t
			}
			if h.Package.Ecosystem == "PyPI" {
				n := r.Files
				rel.Files = &n
			}
			rj.Releases = append(rj.Releases, rel)
		}
		out = append(out, rj)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
