// Package memtest measures what a function allocates and the most heap it
// holds at once, for the tests and benchmarks that hold readers to their
// memory bounds.
package memtest

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// Allocated returns the bytes f allocates on the heap (runtime.MemStats
// TotalAlloc: memory freed during f counts too, so it bounds f's peak from
// above). Other goroutines' allocations count as well; callers run it
// outside parallel tests.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// AtMost fails the test if f allocates more than limit bytes, and returns
// what it allocated.
func AtMost(t testing.TB, limit uint64, f func()) uint64 {
	t.Helper()
	n := Allocated(f)
	if n > limit {
		t.Errorf("allocated %d MiB, more than the %d MiB bound", n>>20, limit>>20)
	}
	return n
}

const heapObjects = "/memory/classes/heap/objects:bytes"

// Peak returns the most heap (live and not yet collected objects) held
// while f runs, above what was held before, sampled every millisecond.
func Peak(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: heapObjects}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	peak := base
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	peak = max(peak, read())
	return peak - base
}

// ReportPeak runs f once more, outside the benchmark's timed loop, and
// reports the most heap it held as the metric "peak-MB".
func ReportPeak(b *testing.B, f func()) {
	b.Helper()
	b.StopTimer()
	b.ReportMetric(float64(Peak(f))/(1<<20), "peak-MB")
	b.StartTimer()
}
