package readlimit

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patchline/patchline/internal/memtest"
)

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       string
		hint     int64
		limit    int64
		want     string
		tooLarge bool
	}{
		{"empty", "", -1, 10, "", false},
		{"at the limit", "0123456789", -1, 10, "0123456789", false},
		{"over the limit", "0123456789a", -1, 10, "", true},
		{"hint too small", strings.Repeat("y", 5000), 3, 1 << 20, strings.Repeat("y", 5000), false},
		{"hint larger than the limit", "0123", 1 << 40, 10, "0123", false},
		{"zero limit", "", 0, 0, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tc.in), tc.hint, tc.limit)
			var tl *TooLargeError
			if tc.tooLarge != errors.As(err, &tl) || (!tc.tooLarge && err != nil) {
				t.Fatalf("err = %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("got %d bytes, want %d", len(got), len(tc.want))
			}
		})
	}
}

// An endless stream is refused after limit+1 bytes, having allocated a
// small multiple of the limit, whatever size it announced.
func TestReadEndless(t *testing.T) {
	const limit = 8 << 20
	for _, hint := range []int64{-1, 1 << 40, limit + 1} {
		var err error
		n := memtest.AtMost(t, 2*limit+(1<<20), func() { _, err = Read(endless{}, hint, limit) })
		var tl *TooLargeError
		if !errors.As(err, &tl) || tl.Size != -1 {
			t.Errorf("hint %d: err = %v", hint, err)
		}
		t.Logf("hint %d: allocated %.1f MiB", hint, float64(n)/(1<<20))
	}
}

// An input of the announced size is read into one buffer of that size.
func TestReadAnnounced(t *testing.T) {
	data := bytes.Repeat([]byte("z"), 8<<20)
	var got []byte
	n := memtest.AtMost(t, 8<<20+16<<10, func() { got, _ = Read(bytes.NewReader(data), int64(len(data)), 64<<20) })
	if len(got) != len(data) {
		t.Errorf("read %d bytes of %d", len(got), len(data))
	}
	t.Logf("allocated %d bytes for %d", n, len(data))
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small"), filepath.Join(dir, "big")
	os.WriteFile(small, []byte("abc"), 0o644)
	os.WriteFile(big, bytes.Repeat([]byte("a"), 100), 0o644)
	if got, err := ReadFile(small, 3); err != nil || string(got) != "abc" {
		t.Errorf("small: %q, %v", got, err)
	}
	var tl *TooLargeError
	if _, err := ReadFile(big, 99); !errors.As(err, &tl) || tl.Size != 100 || tl.Limit != 99 {
		t.Errorf("big: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	// A file read as a stream is bounded too.
	r, w, _ := os.Pipe()
	go func() { io.Copy(w, io.LimitReader(endless{}, 1<<20)); w.Close() }()
	if _, err := Read(r, -1, 1000); !errors.As(err, &tl) {
		t.Errorf("pipe: %v", err)
	}
	r.Close()
}
