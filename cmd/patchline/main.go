// Command patchline tells maintainers which of their supported release lines
// a vulnerability affects, what fixes it, and writes the OSV advisories.
//
// The command is a thin layer over the library packages: it parses flags,
// maps errors to exit codes and prints. Exit codes: 0 success (gate passed),
// 1 gate failed or lint found problems, 2 bad usage or bad input, 3 registry
// or network failure.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
