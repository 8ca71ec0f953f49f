package main

import (
	"io"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/patchline/patchline/registry/fetch"
)

// progress is the display of the registry documents a run reads, on a
// terminal's stderr: the phase (release histories, then requirement
// metadata) and the count, drawn at most ten times a second, and cleared
// before the program writes anything else (clearingWriter), so that a
// result never starts on the progress line.
type progress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	phase string
	shown bool
}

func newProgress(f *os.File) *progress {
	return &progress{bar: progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("patchline: reading release histories"),
		progressbar.OptionShowCount(),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(false),
	)}
}

// document counts one document answered, naming its phase.
func (p *progress) document(u *url.URL, _ fetch.Origin) {
	phase := "patchline: reading release histories"
	if strings.HasSuffix(u.Path, ".metadata") || strings.HasSuffix(u.Path, "/json") {
		phase = "patchline: reading requirements"
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if phase != p.phase {
		p.phase = phase
		p.bar.Describe(phase)
	}
	_ = p.bar.Add(1)
	p.shown = true
}

// clear takes the display off the terminal; the next document draws it
// again.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		_ = p.bar.Clear()
		p.shown = false
	}
}

// clearingWriter clears the progress display before every write of the
// program's own output, on stdout or stderr.
type clearingWriter struct {
	w     io.Writer
	clear func()
}

func (c *clearingWriter) Write(b []byte) (int, error) {
	c.clear()
	return c.w.Write(b)
}

func (c *clearingWriter) Unwrap() io.Writer { return c.w }
