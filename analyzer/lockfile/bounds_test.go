package lockfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/internal/hostile"
	"github.com/patchline/patchline/internal/memtest"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 { return memtest.Allocated(f) }

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

// importerLaughs is a pnpm-lock.yaml of width aliases: n importers that
// alias the dependencies of the first, which has deps of them. The tree
// shares the aliased mapping, but the reader walks it once per importer:
// 289 KB (2,000 dependencies, 20,000 importers) took 11 s and 5 GB.
func importerLaughs(deps, n int) string {
	var b strings.Builder
	b.WriteString("lockfileVersion: '9.0'\nimporters:\n  a0: &i\n    dependencies:\n")
	for i := range deps {
		fmt.Fprintf(&b, "      pkg-%d: 1.0.%d\n", i, i)
	}
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  a%d: *i\n", i)
	}
	return b.String()
}

// depthLaughs is the classic "billion laughs": each of n levels a list of
// nine aliases of the level before, 9^n values from about 500 bytes.
func depthLaughs(n int) string {
	var b strings.Builder
	b.WriteString("lockfileVersion: '9.0'\nl0: &l0 [a, a, a, a, a, a, a, a, a]\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), ", "))
	}
	b.WriteString("packages: {x@1.0.0: {resolution: *l" + fmt.Sprint(n-1) + "}}\n")
	return b.String()
}

// TestYAMLAliasBound: values reached through aliases are bounded in
// pnpm-lock.yaml and Berry yarn.lock (which pnpm and Yarn write without
// anchors), refused at the alias's line within a few megabytes; a few
// aliases, as a person writes them, are followed.
func TestYAMLAliasBound(t *testing.T) {
	for _, tt := range []struct {
		desc, name, data string
		line             int
	}{
		{"2,000 dependencies aliased by 20,000 importers", "pnpm-lock.yaml", importerLaughs(2000, 20000), 2013},
		{"9 levels of 9 aliases", "pnpm-lock.yaml", depthLaughs(9), 6},
		{"Berry lock", "yarn.lock", "__metadata:\n  version: 8\nl0: &l0 [a, a, a, a, a, a, a, a, a]\n" +
			"l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nl2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n" +
			"l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\nl4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\n" +
			"l5: [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]\n", 7},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			var err error
			n := memtest.AtMost(t, 16<<20, func() { _, err = Parse(tt.name, []byte(tt.data)) })
			t.Logf("%d KB: %.1f MiB allocated", len(tt.data)>>10, float64(n)/(1<<20))
			var e *Error
			if !errors.As(err, &e) || e.Line != tt.line || !strings.Contains(e.Msg, "aliases expand to more than 16384 values") {
				t.Errorf("Parse = %v, want an *Error at line %d about aliases", err, tt.line)
			}
		})
	}
	if _, err := Parse("pnpm-lock.yaml", []byte(importerLaughs(20, 50))); err != nil {
		t.Errorf("a few aliases: %v", err)
	}
}

// TestHugeLockfile: a 100 MB lockfile (or one over its format's bound) is
// refused from its size before it is read, and an include too.
func TestHugeLockfile(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name  string
		size  int64
		bound string
	}{
		{"pnpm-lock.yaml", 100 << 20, "over 16 MiB, the bound of a pnpm-lock.yaml"},
		{"pnpm-lock.yaml", MaxYAMLSize + 1, "over 16 MiB, the bound of a pnpm-lock.yaml"},
		{"package-lock.json", 100 << 20, "over 32 MiB, the bound of a package-lock.json"},
		{"requirements.txt", MaxSize + 1, "over 32 MiB, the bound of a requirements.txt"},
	} {
		t.Run(fmt.Sprint(tt.name, tt.size), func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			hostile.Sparse(t, path, tt.size, "")
			var err error
			memtest.AtMost(t, 1<<20, func() { _, err = Read(path) })
			want := fmt.Sprintf("%s: lockfile too large: %d bytes, %s", path, tt.size, tt.bound)
			if !errors.Is(err, ErrTooLarge) || err.Error() != want {
				t.Errorf("Read = %v\nwant %s", err, want)
			}
		})
	}
	big := filepath.Join(dir, "big.txt")
	hostile.Sparse(t, big, 100<<20, "")
	top := filepath.Join(dir, "requirements-top.txt")
	if err := os.WriteFile(top, []byte("flask==3.0.3\n-r big.txt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	memtest.AtMost(t, 1<<20, func() { _, err = Read(top) })
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "requirements-top.txt:2: cannot read included file") || !strings.Contains(err.Error(), "104857600 bytes, over 32 MiB") {
		t.Errorf("include: %v", err)
	}
}
