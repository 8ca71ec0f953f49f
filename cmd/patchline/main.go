// Command patchline tells maintainers which of their supported release lines
// a vulnerability affects, what fixes it, and writes the OSV advisories.
//
// The command is a thin layer over the library packages: it parses flags,
// maps errors to exit codes and prints. Exit codes: 0 success (gate passed),
// 1 gate failed or lint found problems, 2 bad usage or bad input, 3 registry
// or network failure, 128+N when stopped by signal N (SIGINT, SIGTERM).
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/patchline/patchline/internal/exitguard"
)

func main() {
	tuneGC()
	os.Exit(runProcess(os.Args[1:], os.Stdout, os.Stderr))
}

// runProcess is run for a whole process. SIGINT and SIGTERM cancel the run,
// which stops within a second (see run); a second signal ends the process
// at once. Either way the process exits only when no file write is in
// progress (package exitguard), so that a stop never leaves a partial or
// temporary file.
func runProcess(args []string, stdout, stderr io.Writer) int {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	go func() {
		cancel(&interrupted{<-sigs})
		again := &interrupted{<-sigs}
		exitguard.Stop()
		os.Exit(again.exitCode())
	}()
	code := run(ctx, args, stdout, stderr)
	exitguard.Stop()
	return code
}
