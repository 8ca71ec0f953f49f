package lockfile

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestYAMLNestingBound: deeply nested flow collections in a pnpm-lock.yaml
// (61 KB of them took 1.4 GB with the YAML library used before) are
// refused at their line, in linear time and with little memory.
func TestYAMLNestingBound(t *testing.T) {
	for _, tt := range []struct {
		desc, data string
		msg        string
		maxAlloc   uint64
	}{
		{"61 KB of open brackets", "lockfileVersion: '9.0'\npackages: " + strings.Repeat("[", 61<<10) + "\n", "exceeded max depth of 10000", 16 << 20},
		{"2 MB of open brackets", "lockfileVersion: '9.0'\npackages: " + strings.Repeat("[{a: ", 400<<10) + "\n", "exceeded max depth of 10000", 16 << 20},
		{"9,000 closed levels", "lockfileVersion: '9.0'\npackages: " + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "\n", "nested more than 64 levels deep", 16 << 20},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = Parse("pnpm-lock.yaml", []byte(tt.data)) })
			var e *Error
			if !errors.As(err, &e) || e.Line != 2 || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("Parse = %v, want an *Error at line 2 containing %q", err, tt.msg)
			}
			if n > tt.maxAlloc {
				t.Errorf("allocated %d MB, want at most %d MB", n>>20, tt.maxAlloc>>20)
			}
		})
	}
}

// TestLargePnpmMemory: a real 2.7 MB pnpm lock (6,277 pins) is read with
// at most 48 MB allocated, so that the 9.8 MB, 40,000-package lock of the
// report stays far under the run's memory bound (it took 1.4 GB before).
func TestLargePnpmMemory(t *testing.T) {
	data, err := os.ReadFile("testdata/pnpm-novu/pnpm-lock.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f *File
	n := allocated(func() { f, err = Parse("pnpm-lock.yaml", data) })
	if err != nil || len(f.Pins) != 6277 {
		t.Fatalf("Parse: %v", err)
	}
	if n > 48<<20 {
		t.Errorf("allocated %d MB reading %d KB, want at most 48 MB", n>>20, len(data)>>10)
	}
}

// TestPnpm40000Memory: a 10 MB pnpm lock of 40,000 packages, the size
// that took 1.4 GB and 9 s before, is read with at most 160 MB allocated.
func TestPnpm40000Memory(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB input")
	}
	data := pnpmLock(40000)
	var f *File
	var err error
	n := allocated(func() { f, err = Parse("pnpm-lock.yaml", data) })
	if err != nil || len(f.Pins) != 40000 {
		t.Fatalf("Parse: %v", err)
	}
	t.Logf("%d KB: %d MB allocated", len(data)>>10, n>>20)
	if n > 160<<20 {
		t.Errorf("allocated %d MB reading %d KB, want at most 160 MB", n>>20, len(data)>>10)
	}
}
