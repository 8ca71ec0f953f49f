package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/internal/buildinfo"
	"github.com/patchline/patchline/internal/redact"
	"github.com/patchline/patchline/internal/termsafe"
)

// globalFlags are the flags every command accepts (design §5).
type globalFlags struct {
	policy          string
	asOf            string
	offline         bool
	cacheDir        string
	pypiIndex       string
	npmRegistry     string
	format          string
	quiet           bool
	maxAge          time.Duration
	concurrency     int
	maxResponseSize int64
	timeout         time.Duration
	color           string
}

// app is what every command needs: flags and output streams. Commands write
// results to stdout and diagnostics to stderr.
type app struct {
	flags  globalFlags
	stdout io.Writer
	stderr io.Writer
	lines  lineCache
	// secrets are masked in every error printed (with the user info of
	// any URL): the webhook URL, whichever way it was given.
	secrets redact.Set
	// progress is the registry progress display, when stderr is a
	// terminal.
	progress atomic.Pointer[progress]
	// palette colours verdicts on a terminal (--color).
	palette palette
}

// run runs the command line. Cancelling ctx (SIGINT, SIGTERM) or reaching
// --timeout stops the command: it returns within stopGrace or is left
// behind, so that the caller can exit at once (see runProcess).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// Text from registries and inputs reaches the terminal only escaped;
	// fields are escaped where they are printed too (termsafe.Field), as
	// these writers leave line breaks and tabs to the layout.
	terminalOut := stdout
	safeOut, safeErr := termsafe.NewWriter(stdout), termsafe.NewWriter(stderr)
	defer safeOut.Flush()
	defer safeErr.Flush()
	a := &app{}
	// The progress display, if any, is cleared before every write of the
	// program's own output.
	clearProgress := func() {
		if p := a.progress.Load(); p != nil {
			p.clear()
		}
	}
	// Verdicts are coloured past the escaping writer (palette).
	rawOut := &clearingWriter{w: terminalOut, clear: clearProgress}
	stdout = &clearingWriter{w: safeOut, clear: clearProgress}
	stderr = &clearingWriter{w: safeErr, clear: clearProgress}
	a.stdout, a.stderr = stdout, stderr
	if u := os.Getenv(webhookEnv); u != "" {
		a.secrets.AddURL(u)
	}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	var deadline atomic.Pointer[time.Timer]
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if err := applySettings(cmd.Root().PersistentFlags(), os.Getenv); err != nil {
			return badInput(err)
		}
		p, err := newPalette(a.flags.color, rawOut, terminalOut)
		if err != nil {
			return err
		}
		a.palette = p
		if a.flags.timeout < 0 {
			return badInputf("--timeout %s: want a positive duration, or 0 for none", a.flags.timeout)
		}
		if a.flags.timeout > 0 {
			after := a.flags.timeout
			deadline.Store(time.AfterFunc(after, func() { cancel(&timedOut{after}) }))
		}
		return nil
	}
	err := execute(ctx, root.ExecuteContext)
	if t := deadline.Load(); t != nil {
		t.Stop()
	}
	if code, msg, stopped := stoppedExit(ctx, err); stopped {
		fmt.Fprintf(stderr, "patchline: %s\n", a.secrets.String(msg))
		return code
	}
	a.lines.close()
	if reg := a.lines.reg; reg != nil {
		// Registry credentials are masked wherever an error might hold them.
		a.secrets.Add(reg.Secrets()...)
	}
	code := exitCodeOf(err)
	if err != nil && err != gateFailed {
		fmt.Fprintf(stderr, "patchline: %s\n", a.secrets.String(err.Error()))
	}
	return code
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "patchline",
		Short: "Which supported release lines does a vulnerability affect, and what fixes it",
		Long: `patchline answers one question for a maintainer holding a vulnerability report:
which of our supported release lines does this affect, what exactly is affected,
what fixes it, and what do we publish? It writes the answer as OSV advisories.

Tables fit the terminal (COLUMNS, else 100 columns); verdicts are coloured
when stdout is a terminal (--color=auto), unless NO_COLOR is set.

Exit codes: 0 success, 1 gate failed or lint found problems,
2 bad usage or bad input, 3 registry or network failure;
130 and 143 when stopped by SIGINT (Ctrl-C) or SIGTERM.`,
		Version:       buildinfo.Version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput(err) })
	f := root.PersistentFlags()
	f.StringVar(&a.flags.policy, "policy", "", "policy file (default: patchline.yaml here or in a parent directory)")
	f.StringVar(&a.flags.asOf, "as-of", "", "date to analyse at, YYYY-MM-DD: which lines are supported, and only releases uploaded by the end of that day count (default: today in UTC)")
	f.BoolVar(&a.flags.offline, "offline", false, "answer from the registry cache only")
	f.StringVar(&a.flags.cacheDir, "cache-dir", "", "registry cache directory (default: $XDG_CACHE_HOME/patchline)")
	f.StringVar(&a.flags.pypiIndex, "pypi-index", "", "PyPI simple index URL (default: pip's configuration, else PyPI)")
	f.StringVar(&a.flags.npmRegistry, "npm-registry", "", "npm registry URL (default: npm's configuration)")
	f.StringVar(&a.flags.format, "format", "", "output format: text, json, markdown or github, as the command supports")
	f.BoolVarP(&a.flags.quiet, "quiet", "q", false, "print nothing but results and errors")
	f.DurationVar(&a.flags.maxAge, "max-age", 0, "use cached registry answers younger than this without revalidating")
	f.IntVar(&a.flags.concurrency, "concurrency", 8, "concurrent requests per registry host")
	f.Int64Var(&a.flags.maxResponseSize, "max-response-size", 64<<20, "largest registry response accepted, in bytes")
	f.StringVar(&a.flags.color, "color", "auto", "colour the verdicts: auto (only when stdout is a terminal and NO_COLOR is unset), always or never")
	f.DurationVar(&a.flags.timeout, "timeout", defaultTimeout, "stop the run after this long (exit 3 if the registry was still answering, else 2); 0 for no limit")

	root.AddCommand(
		a.initCommand(),
		a.versionsCommand(),
		a.severityCommand(),
		a.releasesCommand(),
		a.linesCommand(), a.analyzeCommand(),
		a.osvCommand(),
		a.advisoryCommand(),
		a.checkCommand(),
		a.notifyCommand(),
		a.announceCommand(),
		a.lintCommand(),
		a.publishCommand(),
	)
	return root
}

// outputFormat validates --format against what a command supports; the
// first entry is the default.
func (a *app) outputFormat(supported ...string) (string, error) {
	if a.flags.format == "" {
		return supported[0], nil
	}
	for _, s := range supported {
		if a.flags.format == s {
			return s, nil
		}
	}
	return "", badInputf("--format %q is not supported here (want %s)", a.flags.format, strings.Join(supported, " or "))
}

// asOf returns the date the policy is evaluated at: --as-of or today (UTC).
func (a *app) asOf() (time.Time, error) {
	if a.flags.asOf == "" {
		now := time.Now().UTC()
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, a.flags.asOf)
	if err != nil {
		return time.Time{}, badInputf("--as-of %q: want a date as YYYY-MM-DD", a.flags.asOf)
	}
	return t, nil
}

// isRegistryError reports whether err comes from reading a registry or the
// network, which CI must see as exit 3 rather than a verdict.
func isRegistryError(err error) bool {
	var rf interface{ RegistryFailure() bool }
	if errors.As(err, &rf) && rf.RegistryFailure() {
		return true
	}
	// Network errors only: syscall.Errno also satisfies net.Error, and a
	// local file-system failure is not a registry's.
	var oe *net.OpError
	var de *net.DNSError
	var ue *url.Error
	return errors.As(err, &oe) || errors.As(err, &de) || errors.As(err, &ue)
}
