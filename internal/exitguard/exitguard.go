// Package exitguard lets a process stop at any moment without leaving a
// partial file behind. Writers mark the few steps that must not be cut in
// the middle (a temporary file written and renamed into place, a record
// created and its id written back into the report); Stop waits for the
// steps in progress to finish and keeps new ones from starting, after
// which the process may exit.
//
// The steps are short local file operations, so Stop waits at most for
// them, never for a network answer or a long parse, which are what an
// interrupted command abandons.
package exitguard

import "sync"

var (
	mu       sync.Mutex
	changed  = sync.NewCond(&mu)
	running  int  // steps in progress
	stopping bool // Stop was called
)

// Begin marks the start of a step that must not be cut; the returned
// function ends it. Once Stop was called, a step begins only while others
// are still in progress (it may be part of one of them: a record written
// within the step that also writes back its id); when none is, Begin
// blocks, as the process is about to exit.
func Begin() (end func()) {
	mu.Lock()
	for stopping && running == 0 {
		changed.Wait()
	}
	running++
	mu.Unlock()
	return func() {
		mu.Lock()
		running--
		changed.Broadcast()
		mu.Unlock()
	}
}

// Stop waits until no step is in progress and keeps new steps from
// starting until resume is called. A process calls it right before it
// exits; resume exists for tests.
func Stop() (resume func()) {
	mu.Lock()
	stopping = true
	for running > 0 {
		changed.Wait()
	}
	mu.Unlock()
	return func() {
		mu.Lock()
		stopping = false
		changed.Broadcast()
		mu.Unlock()
	}
}
