package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/patchline/patchline/internal/memtest"
)

// endlessServer answers every path with a body that never ends, chunked.
func endlessServer(t testing.TB) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// getAll fetches n packages of s at once and returns their errors.
func getAll(f *Fetcher, s *httptest.Server, n int) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.Get(context.Background(), Request{URL: fmt.Sprintf("%s/pkg%d", s.URL, i)})
		}()
	}
	wg.Wait()
	return errs
}

// Eight endless bodies read at once are each refused at the cap, having
// cost at most twice the cap each (io.ReadAll grew each to about 2.7
// times the cap: 1.31 GB in one run with the default cap).
func TestEndlessBodies(t *testing.T) {
	const limit = 4 << 20
	s := endlessServer(t)
	f, _ := newFetcher(t, Options{MaxResponseSize: limit})
	var errs []error
	n := memtest.AtMost(t, 8*2*limit+8<<20, func() { errs = getAll(f, s, 8) })
	for _, err := range errs {
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("err = %v, want ErrTooLarge", err)
		}
	}
	t.Logf("allocated %.1f MiB for 8 endless bodies of a %d MiB cap", float64(n)/(1<<20), limit>>20)
}

// largeServer serves a body of size bytes with its Content-Length.
func largeServer(t testing.TB, size int) *httptest.Server {
	body := bytes.Repeat([]byte(" "), size)
	copy(body, `{"name":"big","versions":{}}`)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

// A large valid document is read into one buffer of its Content-Length.
func TestLargeBodyReadOnce(t *testing.T) {
	const size = 40_000_000
	s := largeServer(t, size)
	f, _ := newFetcher(t, Options{})
	var r *Response
	var err error
	n := memtest.AtMost(t, size+4<<20, func() { r, err = f.Get(context.Background(), Request{URL: s.URL + "/big"}) })
	if err != nil || len(r.Body) != size {
		t.Fatalf("Get: %v", err)
	}
	t.Logf("allocated %.1f MiB for a %d MB body", float64(n)/(1<<20), size/1_000_000)
}

// BenchmarkEndlessBodies reads eight endless bodies at once with the
// default cap, and reports the most heap held.
func BenchmarkEndlessBodies(b *testing.B) {
	s := endlessServer(b)
	run := func() {
		f := New(Options{})
		for _, err := range getAll(f, s, 8) {
			if !errors.Is(err, ErrTooLarge) {
				b.Fatal(err)
			}
		}
	}
	for b.Loop() {
		run()
	}
	memtest.ReportPeak(b, run)
}

// BenchmarkLargeBody reads a valid 40 MB document, and reports the most
// heap held.
func BenchmarkLargeBody(b *testing.B) {
	s := largeServer(b, 40_000_000)
	run := func() {
		if _, err := New(Options{}).Get(context.Background(), Request{URL: s.URL + "/big"}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		run()
	}
	memtest.ReportPeak(b, run)
}
