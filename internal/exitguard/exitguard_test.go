package exitguard

import (
	"testing"
	"time"
)

func TestStopWaitsForStepsAndHoldsNewOnes(t *testing.T) {
	end := Begin()
	// A step within a step in progress may begin after Stop: it is part
	// of the one Stop waits for.
	stopped := make(chan func())
	go func() { stopped <- Stop() }()
	select {
	case <-stopped:
		t.Fatal("Stop returned while a step was in progress")
	case <-time.After(50 * time.Millisecond):
	}
	inner := Begin()
	inner()
	end()
	resume := <-stopped
	began := make(chan func())
	go func() { began <- Begin() }()
	select {
	case <-began:
		t.Fatal("a step began after Stop")
	case <-time.After(50 * time.Millisecond):
	}
	resume()
	(<-began)()
}
